"""Plan-wide settings other than the classes: the calendar rules (weekends, extra holidays and
调休 workdays) and the texts of the annual plan document (指导思想, 方法措施 …)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from cadretrain.core.dates import DateSpan
from cadretrain.plan.keys import key


@dataclass(kw_only=True)
class CalendarConfig:
    weekend_days: str = field(
        default="warn",
        metadata=key(
            "enum",
            "培训日落在周末或节假日时的处理：allow 允许、warn 警告、error 报错",
            choices=("allow", "warn", "error"),
        ),
    )
    extra_holidays: list[date] = field(
        default_factory=list, metadata=key("list:date", "本单位补充的放假日期")
    )
    extra_workdays: list[date] = field(
        default_factory=list, metadata=key("list:date", "本单位补充的工作日（调休上班）")
    )
    closed: list[DateSpan] = field(
        default_factory=list,
        metadata=key(
            "list:when",
            "不安排培训的时段（如 党校暑假 7月15日—8月31日）：分期和小班化排日期时避开，"
            "写在其中的班次报 CT309",
        ),
    )


@dataclass(kw_only=True)
class PlanTexts:
    """The plan's own words (``plan:`` keys), for the plan document."""

    guiding: str = field(default="", metadata=key("text", "指导思想"))
    measures: str = field(default="", metadata=key("text", "方法措施"))
    leadership: list[str] = field(default_factory=list, metadata=key("list:str", "组织领导"))
    assessment: list[str] = field(default_factory=list, metadata=key("list:str", "考核内容"))
    topic_menu: list[str] = field(
        default_factory=list, metadata=key("list:str", "供选择的培训专题（菜单式）")
    )
