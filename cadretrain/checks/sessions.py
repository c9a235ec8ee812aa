"""Sessions (期) must fit their class's training days."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from cadretrain.checks.base import Context, rule
from cadretrain.core.dates import format_span
from cadretrain.core.diagnostics import Related
from cadretrain.core.sweep import overlapping_pairs


@rule("CT301")
def sessions_fit(ctx: Context) -> None:
    """“分N期、每期M天”需要 N×M 个培训日（工作日；写 weekends: true 时含周末），
    必须排得进培训时间。

    通过::

        classes:
          - {id: a, name: 轮训班, when: 2013年3月13日---25日, sessions: {count: 3, days: 3}}

    不通过::

        classes:
          - {id: a, name: 轮训班, when: 2013年3月13日---23日, sessions: {count: 3, days: 3}}
    """
    for c in ctx.plan.classes:
        sched = ctx.schedules[c.id]
        if c.when is None or c.sessions or not sched.needed:
            continue
        have = len(sched.training_days)
        if sched.needed <= have:
            continue
        kind = "天" if c.weekends else "个培训日（工作日）"
        ctx.sink.add(
            "CT301",
            c.rec.at("sessions"),
            f"班次“{c.label}”分 {c.session_count} 期、每期 {c.session_days} 天，"
            f"需要 {sched.needed} 个培训日，但“{c.when.text}”"
            f"（{format_span(c.when.start, c.when.end)}）只有 {have} {kind}",
            hint="延长培训时间、减少期数或天数，或写 weekends: true 在周末上课。",
            possible=not c.when.exact,
        )


@rule("CT306")
def listed_sessions(ctx: Context) -> None:
    """逐期列出的日期应落在班次的培训时间之内，且各期之间不重叠。

    通过::

        classes:
          - id: a
            name: 村支书培训班
            when: 2013年5月13日---5月20日
            sessions: [{when: 5月13日—15日}, {when: 5月16日—17日}]

    不通过::

        classes:
          - id: a
            name: 村支书培训班
            when: 2013年5月13日---5月20日
            sessions: [{when: 5月13日—15日}, {when: 5月15日—17日}]
    """
    for c in ctx.plan.classes:
        if not c.sessions:
            continue
        numbered = [(n, s) for n, s in enumerate(c.sessions, start=1) if s.when.end >= s.when.start]
        if c.when is not None and c.when.exact:
            for n, s in numbered:
                if s.when.start < c.when.start or s.when.end > c.when.end:
                    ctx.sink.add(
                        "CT306",
                        s.rec.at("when"),
                        f"班次“{c.label}”第 {n} 期（{format_span(s.when.start, s.when.end)}）"
                        f"不在班次培训时间 {format_span(c.when.start, c.when.end)} 之内",
                    )
        spans = [_Numbered(n, s.when.start, s.when.end) for n, s in numbered]
        for a, b in overlapping_pairs(spans):
            first, second = c.sessions[a.n - 1], c.sessions[b.n - 1]
            ctx.sink.add(
                "CT306",
                second.rec.at("when"),
                f"班次“{c.label}”第 {b.n} 期与第 {a.n} 期日期重叠",
                related=[Related(first.rec.at("when"), f"第 {a.n} 期")],
            )


class _Numbered(NamedTuple):
    n: int
    start: date
    end: date
