"""CT301: N sessions of M days do not fit into the class's training days."""

from __future__ import annotations

from collections.abc import Iterator

from cadretrain.checks.base import Context, finding
from cadretrain.core.dates import format_span
from cadretrain.core.diagnostics import Diagnostic, Severity

CODE = "CT301"
SEVERITY = Severity.ERROR
TITLE = "分期排不进培训日期"
EXPLANATION = """\
“分N期、每期M天”需要 N×M 个培训日（工作日；写 weekends: true 时含周末），
必须排得进培训时间。"""
PASSING = """\
classes:
  - {id: a, name: 轮训班, when: 2013年3月13日---25日, sessions: {count: 3, days: 3}}
"""
FAILING = """\
classes:
  - {id: a, name: 轮训班, when: 2013年3月13日---23日, sessions: {count: 3, days: 3}}
"""


def check(ctx: Context) -> Iterator[Diagnostic]:
    for c in ctx.plan.classes:
        sched = ctx.schedules[c.id]
        if c.when is None or c.sessions or not sched.needed:
            continue
        have = len(sched.training_days)
        if sched.needed <= have:
            continue
        kind = "天" if c.weekends else "个培训日（工作日）"
        yield finding(
            CODE,
            SEVERITY,
            c.rec.at("when" if c.sessions_from_when else "sessions"),
            f"班次“{c.label}”分 {c.session_count} 期、每期 {c.session_days} 天，"
            f"需要 {sched.needed} 个培训日，但“{c.when.text}”"
            f"（{format_span(c.when.start, c.when.end)}）只有 {have} {kind}",
            hint="延长培训时间、减少期数或天数，或写 weekends: true 在周末上课。",
            possible=not c.when.exact,
        )
