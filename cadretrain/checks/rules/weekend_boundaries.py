"""CT302: a first or last day on a weekend or holiday; the severity is the plan's
``calendar.weekend_days``."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from cadretrain.checks.base import Context, finding
from cadretrain.checks.spans import class_spans
from cadretrain.core.dates import DateSpan
from cadretrain.core.diagnostics import Diagnostic, Severity
from cadretrain.core.wording import day_text
from cadretrain.core.workcal import DayKind

CODE = "CT302"
SEVERITY = Severity.WARNING
TITLE = "开班或结业日在周末或节假日"
EXPLANATION = """\
开班日或结业日落在周末、法定节假日时按 calendar.weekend_days 处理（allow / warn / error）；
班次写明 weekends: true 时不检查。一件事只报一次：开班日和结业日都不是工作日（如只在一个周末
上课的班次）时报一条，写明这两天；逐期列出的某一期与班次同一天开班或结业时，只按班次报告。"""
PASSING = """\
classes:
  - {id: a, name: 甲班, when: 2013年5月7日---5月9日}
"""
FAILING = """\
classes:
  - {id: a, name: 入党积极分子培训班, when: 2013年5月11日—12日}
"""


def check(ctx: Context) -> Iterator[Diagnostic]:
    policy = ctx.plan.calendar.weekend_days
    if policy == "allow":
        return
    severity = Severity.ERROR if policy == "error" else SEVERITY  # the plan's own choice
    for c in ctx.plan.classes:
        if c.weekends:
            continue
        told: set[date] = set()  # one finding per fact: a session's day the class's already tells
        for span, pos, what in class_spans(c):
            if not span.exact or span.end < span.start:
                continue
            for message in _facts(ctx, span, what, told):
                yield finding(
                    CODE,
                    severity,
                    pos,
                    message,
                    hint="如确需在周末上课，请在班次中写 weekends: true；"
                    "或在 calendar.weekend_days 中设为 allow。",
                )


def _off(ctx: Context, day: date) -> bool:
    return ctx.cal.kind(day) in (DayKind.WEEKEND, DayKind.HOLIDAY)


def _facts(ctx: Context, span: DateSpan, what: str, told: set[date]) -> Iterator[str]:
    """Its first and last day when off, in one finding when both are; a day the class's own
    dates already told is not told again for a session."""
    cal = ctx.cal
    days = [("开班日", span.start)] + ([("结业日", span.end)] if span.end != span.start else [])
    off = [(which, day) for which, day in days if day not in told and _off(ctx, day)]
    told.update(day for _, day in days)
    if len(off) == 2:
        (_, first), (_, last) = off
        end = day_text(last, year=last.year != first.year)
        yield (
            f"{what}的开班日 {day_text(first)}（{cal.label(first)}）和结业日 {end}"
            f"（{cal.label(last)}）都不是工作日"
        )
    elif off:
        which, day = off[0]
        yield f"{what}的{which} {day_text(day)} 是{cal.label(day)}"
