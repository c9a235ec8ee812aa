"""Counts that drive work must stay within the documented limits (``core/limits.py``).

``per_unit`` templates are checked where they are expanded (``plan/expand.py``, CT116 and
CT117 while loading); this check covers what the plan states for every class.
"""

from __future__ import annotations

from cadretrain.checks.base import Context, rule
from cadretrain.core.diagnostics import Pos
from cadretrain.core.limits import MAX_DAYS, MAX_SEATS, MAX_SESSIONS, MAX_UNITS
from cadretrain.plan.fields import Rec

_HINT = "上限及其理由见 docs/计划格式.md 的“上限”；真实的计划远在上限之内，请核对是否多写了几位数。"


@rule("CT116")
def within_limits(ctx: Context) -> None:
    """规划人数、期数、每期天数和参训单位数不能超过上限（见 docs/计划格式.md 的“上限”）：
    它们决定要写多少行、建多少个班和多少份回执，超过上限时各命令不再照做。

    通过::

        classes:
          - {id: a, name: 轮训班, when: 2013年3月13日---29日, planned: 900,
             sessions: {count: 3, days: 3}}

    不通过::

        classes:
          - {id: a, name: 轮训班, when: 2013年3月13日---29日, planned: 900000,
             sessions: {count: 3, days: 3}}
    """
    plan, sink = ctx.plan, ctx.sink
    if len(plan.units) > MAX_UNITS:
        first_over = list(plan.units.values())[MAX_UNITS]
        sink.add(
            "CT116",
            first_over.rec.pos,
            f"参训单位共 {len(plan.units)} 个，超过上限 {MAX_UNITS} 个"
            f"（从“{first_over.name}”起超出）",
            hint=_HINT,
        )
    seen: set[int] = set()  # classes expanded from one per_unit template share its records
    for c in plan.classes:
        if c.planned is not None and c.planned > MAX_SEATS:
            how = "，请在 per_unit 中写 max_size" if c.template else ""
            sink.add(
                "CT116",
                c.rec.at("planned"),
                f"班次“{c.label}”规划 {c.planned} 人，超过上限 {MAX_SEATS} 人{how}",
                hint=_HINT,
            )
        if id(c.rec) in seen:
            continue
        seen.add(id(c.rec))
        spec = c.rec.get("sessions")
        if isinstance(spec, Rec):
            _count(ctx, c.label, spec, "count", c.session_count, MAX_SESSIONS, "期数", "期")
            _count(ctx, c.label, spec, "days", c.session_days, MAX_DAYS, "每期天数", "天")
        elif len(c.sessions) > MAX_SESSIONS:
            items = c.rec.item_pos.get("sessions", [])
            sink.add(
                "CT116",
                items[MAX_SESSIONS] if len(items) > MAX_SESSIONS else c.rec.at("sessions"),
                f"班次“{c.label}”逐期列出 {len(c.sessions)} 期，超过上限 {MAX_SESSIONS} 期",
                hint=_HINT,
            )
        for n, s in enumerate(c.sessions, start=1):
            if s.planned is not None and s.planned > MAX_SEATS:
                sink.add(
                    "CT116",
                    s.rec.at("planned"),
                    f"班次“{c.label}”第 {n} 期规划 {s.planned} 人，超过上限 {MAX_SEATS} 人",
                    hint=_HINT,
                )


def _count(
    ctx: Context,
    label: str,
    spec: Rec,
    key: str,
    value: int | None,
    limit: int,
    what: str,
    unit: str,
) -> None:
    if value is not None and value > limit:
        at: Pos = spec.at(key)
        ctx.sink.add(
            "CT116",
            at,
            f"班次“{label}”的{what} {value} {unit}超过上限 {limit} {unit}",
            hint=_HINT,
        )
