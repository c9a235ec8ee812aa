"""CT203: one session of a class holds more people than its venue seats."""

from __future__ import annotations

import math
from collections.abc import Iterator

from cadretrain.checks.base import Context, finding
from cadretrain.core.diagnostics import Diagnostic, Severity

CODE = "CT203"
SEVERITY = Severity.ERROR
TITLE = "每期人数超过场地容量"
EXPLANATION = """\
每期人数（规划人数 ÷ 期数，向上取整）不能超过场地容量，即 期数 × 容量 ≥ 规划人数。"""
PASSING = """\
venues: [{id: ps, name: 县委党校, capacity: 300}]
classes:
  - {id: a, name: 轮训班, when: 2013年3月13日---29日, planned: 900,
     sessions: {count: 3, days: 3}, venue: ps}
"""
FAILING = """\
venues: [{id: ps, name: 县委党校, capacity: 200}]
classes:
  - {id: a, name: 轮训班, when: 2013年3月13日---29日, planned: 900,
     sessions: {count: 3, days: 3}, venue: ps}
"""


def check(ctx: Context) -> Iterator[Diagnostic]:
    for c in ctx.plan.classes:
        venue = ctx.plan.venues.get(c.venue or "")
        if venue is None or venue.external or venue.capacity is None:
            continue
        if c.sessions:
            for n, s in enumerate(c.sessions, start=1):
                if s.planned is not None and s.planned > venue.capacity and not s.venue:
                    yield finding(
                        CODE,
                        SEVERITY,
                        s.rec.at("planned"),
                        f"班次“{c.label}”第 {n} 期 {s.planned} 人，超过{venue.name}容量 "
                        f"{venue.capacity} 人",
                    )
            continue
        if c.planned is None:
            continue
        count = c.session_count or 1
        if count * venue.capacity < c.planned:
            per = math.ceil(c.planned / count)
            hint = (
                f"至少需要分 {math.ceil(c.planned / venue.capacity)} 期，或换用更大的场地。"
                if venue.capacity
                else f"{venue.name}的容量写的是 0，请核对。"
            )
            yield finding(
                CODE,
                SEVERITY,
                c.rec.at("planned"),
                f"班次“{c.label}”规划 {c.planned} 人，分 {count} 期每期 {per} 人，"
                f"超过{venue.name}容量 {venue.capacity} 人",
                hint=hint,
            )
