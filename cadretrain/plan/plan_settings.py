"""Plan-wide settings other than the classes: the calendar rules (weekends, extra holidays and
调休 workdays), the texts of the annual plan document (指导思想, 方法措施 …) and how ``when``
texts are read (``length_unit``, the school terms)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from yaml.nodes import MappingNode, ScalarNode

from cadretrain.core.dates import DateParseError, DateSpan, WhenSettings, parse_when
from cadretrain.plan.keys import key


@dataclass(kw_only=True)
class CalendarConfig:
    weekend_days: str = field(
        default="warn",
        metadata=key(
            "enum",
            "培训日落在周末或节假日时的处理：allow 允许、warn 警告、error 报错",
            choices=("allow", "warn", "error"),
            zh="周末节假日",
        ),
    )
    extra_holidays: list[date] = field(
        default_factory=list, metadata=key("list:date", "本单位补充的放假日期", zh="补充放假日期")
    )
    extra_workdays: list[date] = field(
        default_factory=list,
        metadata=key("list:date", "本单位补充的工作日（调休上班）", zh="补充工作日"),
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
    """The plan's own words (``plan:`` keys), for the plan document and the notices."""

    guiding: str = field(default="", metadata=key("text", "指导思想"))
    measures: str = field(default="", metadata=key("text", "方法措施"))
    leadership: list[str] = field(default_factory=list, metadata=key("list:str", "组织领导"))
    assessment: list[str] = field(default_factory=list, metadata=key("list:str", "考核内容"))
    requirements: list[str] | None = field(
        default=None,
        metadata=key(
            "list:str",
            "培训通知“有关要求”的各条（不写则用默认的三条；未提请假的，另加按请假上限写成的一条）",
            zh="有关要求",
        ),
    )
    leave_approval: str = field(
        default="",
        metadata=key(
            "str",
            "学员请假须经谁同意，写入通知的有关要求（默认 派出单位主要负责同志）",
            zh="请假审批",
        ),
    )
    topic_menu: list[str] = field(
        default_factory=list, metadata=key("list:str", "供选择的培训专题（菜单式）", zh="专题菜单")
    )


@dataclass(kw_only=True)
class DateSettings:
    """How the plan's ``when`` texts are read (``plan:`` keys): what a length counts, and the
    dates of the school terms ``春季学期`` / ``秋季学期`` name."""

    length_unit: str = field(
        default="日历日",
        metadata=key(
            "enum",
            "“为期N天”“为期一周”的天数按日历日（默认，一周为 7 天）"
            "还是培训日（工作日，一周为 5 天）计",
            choices=("日历日", "培训日"),
            zh="天数计法",
        ),
    )
    spring_term: DateSpan | None = field(
        default=None,
        metadata=key("when", "春季学期的起止日期（when 写“春季学期”时用）", zh="春季学期"),
    )
    autumn_term: DateSpan | None = field(
        default=None,
        metadata=key("when", "秋季学期的起止日期（when 写“秋季学期”时用）", zh="秋季学期"),
    )


def peek_when_settings(plan_node: MappingNode, year: int) -> WhenSettings:
    """The settings of ``plan:`` that ``when`` texts need, read quietly before the rest (their
    own problems are reported when the keys are read)."""
    training, terms = False, []
    for k, v in plan_node.value:
        if not isinstance(k, ScalarNode) or not isinstance(v, ScalarNode):
            continue
        text = str(v.value).strip()
        if k.value == "length_unit":
            training = text == "培训日"
        elif k.value in ("spring_term", "autumn_term"):
            try:
                span = parse_when(text, year)
            except DateParseError:
                continue
            terms.append(("春季" if k.value == "spring_term" else "秋季", span.start, span.end))
    return WhenSettings(training_days=training, terms=tuple(terms))
