"""Counts that drive work must stay within the documented limits (``core/limits.py``).

Run by the loader (``plan/loader.py``) on what the plan states for every class; ``per_unit``
templates are checked again where they are expanded (``plan/expand.py``, CT120 and CT121).
"""

from __future__ import annotations

from cadretrain.core.diagnostics import Pos, Sink
from cadretrain.core.limits import MAX_DAYS, MAX_NAME_CHARS, MAX_SEATS, MAX_SESSIONS, MAX_UNITS
from cadretrain.plan.fields import Rec
from cadretrain.plan.model import Plan

_HINT = "上限及其理由见 docs/计划格式.md 的“上限”；真实的计划远在上限之内，请核对是否多写了几位数。"


def check_limits(plan: Plan, sink: Sink) -> None:
    """CT120: the counts a plan states stay within ``core/limits.py`` (explained in
    ``core/codes.py``). Run by the loader, so no command starts unbounded work."""
    names = [(plan.at("title"), "计划标题", plan.title)]
    for u in plan.units.values():
        names += [(u.rec.at("id"), "单位代号", u.id), (u.rec.at("name"), "单位名称", u.name)]
    names += [(c.rec.at("id"), "班次代号", c.id) for c in plan.classes if not c.template]
    for pos, what, text in names:
        if len(text) > MAX_NAME_CHARS:
            sink.add(
                "CT120",
                pos,
                f"{what}“{text[:20]}…”有 {len(text)} 个字，超过上限 {MAX_NAME_CHARS} 个"
                "（它是输出文件名的一部分）",
                hint=_HINT,
            )
    if len(plan.units) > MAX_UNITS:
        first_over = list(plan.units.values())[MAX_UNITS]
        sink.add(
            "CT120",
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
                "CT120",
                c.rec.at("planned"),
                f"班次“{c.label}”规划 {c.planned} 人，超过上限 {MAX_SEATS} 人{how}",
                hint=_HINT,
            )
        if id(c.rec) in seen:
            continue
        seen.add(id(c.rec))
        spec = c.rec.get("sessions")
        if isinstance(spec, Rec):
            _count(sink, c.label, spec, "count", c.session_count, MAX_SESSIONS, "期数", "期")
            _count(sink, c.label, spec, "days", c.session_days, MAX_DAYS, "每期天数", "天")
        elif len(c.sessions) > MAX_SESSIONS:
            items = c.rec.item_pos.get("sessions", [])
            sink.add(
                "CT120",
                items[MAX_SESSIONS] if len(items) > MAX_SESSIONS else c.rec.at("sessions"),
                f"班次“{c.label}”逐期列出 {len(c.sessions)} 期，超过上限 {MAX_SESSIONS} 期",
                hint=_HINT,
            )
        for n, s in enumerate(c.sessions, start=1):
            if s.planned is not None and s.planned > MAX_SEATS:
                sink.add(
                    "CT120",
                    s.rec.at("planned"),
                    f"班次“{c.label}”第 {n} 期规划 {s.planned} 人，超过上限 {MAX_SEATS} 人",
                    hint=_HINT,
                )


def _count(
    sink: Sink,
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
        sink.add(
            "CT120",
            at,
            f"班次“{label}”的{what} {value} {unit}超过上限 {limit} {unit}",
            hint=_HINT,
        )
