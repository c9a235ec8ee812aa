"""CT308: a short or closed-door session the tool placed across a holiday or closed period,
because no other way fitted."""

from __future__ import annotations

from collections.abc import Iterator

from cadretrain.checks.base import Context, finding
from cadretrain.core.dates import format_span
from cadretrain.core.diagnostics import Diagnostic, Severity

CODE = "CT308"
SEVERITY = Severity.WARNING
TITLE = "分期跨越节假日或封闭时段"
EXPLANATION = """\
工具为“分N期、每期M天”（sessions: {count, days}）和小班化（per_unit）排日期时，各期放在连续的
培训日上，避开春节、清明、劳动节、端午、中秋、国庆等法定节假日和 calendar.closed 写的不安排培训的
时段；只有培训时间内排不开时才让某一期跨过去。跨过去的一期不超过 5 个培训日（一个工作周排得下），
或班次写了 closed_door: true（封闭式培训）时报告；更长的一期跨过假期是常事，不报告。"""
PASSING = """\
classes:
  - {id: a, name: 轮训班, when: 2013年9月23日—10月18日, sessions: {count: 3, days: 5}}
"""
FAILING = """\
classes:
  - {id: a, name: 轮训班, when: 2013年9月23日—10月16日, sessions: {count: 3, days: 5}}
"""


def check(ctx: Context) -> Iterator[Diagnostic]:
    for c in ctx.plan.classes:
        sched = ctx.schedules.get(c.id)
        if sched is None or sched.cls is not c:
            continue
        slots = {s.number: s for s in sched.slots}
        for crossing in sched.crossings:
            if not crossing.warned(c):
                continue
            slot = slots.get(crossing.number)
            when = f"（{format_span(slot.start, slot.end)}）" if slot and slot.days else ""
            which = f"第 {crossing.number} 期" if crossing.number else ""
            why = "封闭式培训" if c.closed_door else f"只有 {crossing.days} 个培训日"
            yield finding(
                CODE,
                SEVERITY,
                c.rec.at("per_unit" if c.template else "sessions"),
                f"班次“{c.label}”{which}{when}跨越{'、'.join(crossing.breaks)}："
                f"培训时间内排不开，{why}的一期被假期隔断",
                hint="放宽培训时间、减少期数或每期天数，或逐期写明日期（sessions 写成列表）。",
            )
