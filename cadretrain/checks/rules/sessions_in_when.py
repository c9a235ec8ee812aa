"""CT312: the sessions a ``when`` states (“分两期，每期三天”) differ from the ``sessions:`` the
class writes; the written ``sessions:`` are used."""

from __future__ import annotations

from collections.abc import Iterator

from cadretrain.checks.base import Context, finding
from cadretrain.core.diagnostics import Diagnostic, Severity
from cadretrain.plan.model import TrainingClass
from cadretrain.plan.schedule import Schedule

CODE = "CT312"
SEVERITY = Severity.WARNING
TITLE = "培训时间中的期数与 sessions 不符"
EXPLANATION = """\
when 中写了期数或每期天数（“每期三天，分两期进行”），班次又写了 sessions 时，以 sessions 为准；
两者的期数或每期天数不一致时报告，以免通知照录的培训时间与实际排期不符。逐期列出的各期按所写日期中的
培训日数比较。"""
PASSING = """\
classes:
  - {id: a, name: 甲班, when: 2013年5月13日—24日，每期三天，分两期进行,
     sessions: {count: 2, days: 3}}
"""
FAILING = """\
classes:
  - {id: a, name: 甲班, when: 2013年5月13日—24日，每期三天，分两期进行,
     sessions: {count: 3, days: 3}}
"""


def _days(days: list[int]) -> str:
    if not days:
        return ""
    if len(set(days)) == 1:
        return f"、每期 {days[0]} 天"
    return "、每期 " + "、".join(str(d) for d in days) + " 天"


def _written(c: TrainingClass, sched: Schedule | None) -> tuple[int, list[int]]:
    """The sessions the class writes: how many, and the training days of each that are known
    (listed sessions with exact dates, or ``days``)."""
    if c.sessions:
        slots = [] if sched is None else [s for s in sched.slots if s.number and not s.possible]
        return len(c.sessions), [len(s.days) for s in slots if s.days]
    count = c.session_count or 0
    return count, [c.session_days] * count if c.session_days else []


def check(ctx: Context) -> Iterator[Diagnostic]:
    for c in ctx.plan.classes:
        when = c.when
        if when is None or when.session_count is None or c.sessions_from_when:
            continue
        count, days = _written(c, ctx.schedules.get(c.id))
        each = when.session_days
        if count == when.session_count and (each is None or all(d == each for d in days)):
            continue
        stated = f"{when.session_count} 期" + (f"、每期 {each} 天" if each else "")
        how = "逐期列出" if c.sessions else "写的是"
        yield finding(
            CODE,
            SEVERITY,
            c.rec.at("when"),
            f"班次“{c.label}”的培训时间写明 {stated}，sessions {how} {count} 期{_days(days)}："
            "以 sessions 为准",
            hint="使培训时间中的期数、每期天数与 sessions 一致：通知照录培训时间的原文。",
        )
