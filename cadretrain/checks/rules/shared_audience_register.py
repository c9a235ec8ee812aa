"""CT413: two classes on the same days, and the plan's register holds cadres who satisfy both
classes' ``eligible`` rules."""

from __future__ import annotations

from collections.abc import Iterator

from cadretrain.checks.audience import audiences, by_register, meetings
from cadretrain.checks.base import Context, Prose, finding
from cadretrain.core.diagnostics import Diagnostic, Related, Severity
from cadretrain.core.sweep import days_text

CODE = "CT413"
SEVERITY = Severity.WARNING
TITLE = "名册中有人同时符合两个同期班次"
EXPLANATION = """\
计划有干部名册（plan.register），两个班次有同一天上课，名册中有干部同时符合两个班的参训条件
（eligible）时报告人数并列出前几人：同一人可能被两个班同时选调。没有这样的人时不报告。
只在名册覆盖两个班的培训对象时按名册核对（名册中符合条件的人数达到规划人数的 register_share，
与名额决定表第 4 条相同）；名册不覆盖某一班时按条件的写法推断（CT305）。有一方时间未定时报告为
“可能”（提示）。"""
PASSING: str = Prose(
    "名册中 40 名中青年干部都不是乡科级：中青年班与同日的乡科级班没有共同的人，不报告"
)
FAILING: str = Prose("名册中 12 名中青年干部是乡科级：中青年班与同日的乡科级班可能同时选调这 12 人")


def check(ctx: Context) -> Iterator[Diagnostic]:
    found = None
    for m in meetings(ctx):
        if not by_register(ctx, m):
            continue
        found = found or audiences(ctx)
        assert found is not None  # by_register needs it
        count, names = found.both(m.first, m.second)
        if not count:
            continue
        first, second = m.first, m.second
        some = "、".join(names) + ("等" if count > len(names) else "")
        yield finding(
            CODE,
            SEVERITY,
            second.rec.at("when"),
            f"“{second.label}”与“{first.label}”在 {days_text(m.days, m.possible)} 同时上课，"
            f"干部名册中有 {count} 人同时符合两班的参训条件（{some}）",
            related=[Related(first.rec.at("when"), f"“{first.label}”")],
            hint="选调学员时避免同一人同时参加两个班；如确需分开，可收窄某一班的 eligible。",
            possible=m.possible,
        )
