"""A class within the limits (``core/limits.py``), checked where a command starts its work.

``validate`` reports every value beyond a limit (CT120, ``plan/limits_check.py``), but most commands
go on with a plan that has errors. The code that would do unbounded work for a class (the quota
table and the reply forms, the sessions of a roster, sign-in sheet or attendance) first calls
:func:`require_within_limits`, which raises :class:`CannotProceed` with the CT120 diagnostics,
so no caller, command or library, can bypass the limits.
"""

from __future__ import annotations

from cadretrain.core.diagnostics import Diagnostic, Pos, Severity
from cadretrain.core.errors import CannotProceed
from cadretrain.core.limits import MAX_DAYS, MAX_NAME_CHARS, MAX_SEATS, MAX_SESSIONS, MAX_UNITS
from cadretrain.plan.fields import Rec
from cadretrain.plan.model import Plan, TrainingClass


def beyond_limits(plan: Plan, cls: TrainingClass) -> list[tuple[Pos, str]]:
    """What of ``cls`` (and its plan) exceeds a limit: a position and a Chinese phrase each."""
    found: list[tuple[Pos, str]] = []
    if len(cls.id) > MAX_NAME_CHARS:
        what = f"代号有 {len(cls.id)} 个字，超过上限 {MAX_NAME_CHARS} 个"
        found.append((cls.rec.at("id"), what))
    if cls.planned is not None and cls.planned > MAX_SEATS:
        found.append((cls.rec.at("planned"), f"规划 {cls.planned} 人，超过上限 {MAX_SEATS} 人"))
    for n, s in enumerate(cls.sessions, start=1):
        if s.planned is not None and s.planned > MAX_SEATS:
            what = f"第 {n} 期规划 {s.planned} 人，超过上限 {MAX_SEATS} 人"
            found.append((s.rec.at("planned"), what))
    sessions = max(cls.session_count or 0, len(cls.sessions))
    spec = cls.rec.get("sessions")
    at = spec.at("count") if isinstance(spec, Rec) else cls.rec.at("sessions")
    if sessions > MAX_SESSIONS:
        found.append((at, f"分 {sessions} 期，超过上限 {MAX_SESSIONS} 期"))
    if cls.session_days is not None and cls.session_days > MAX_DAYS:
        where = spec.at("days") if isinstance(spec, Rec) else at
        found.append((where, f"每期 {cls.session_days} 天，超过上限 {MAX_DAYS} 天"))
    if len(plan.units) > MAX_UNITS:
        found.append((Pos(plan.file), f"参训单位 {len(plan.units)} 个，超过上限 {MAX_UNITS} 个"))
    return found


def require_within_limits(plan: Plan, cls: TrainingClass) -> None:
    """Raise :class:`CannotProceed` (exit code 1, with the CT120 diagnostics) for a class beyond
    the limits: the work for it would not be bounded."""
    found = beyond_limits(plan, cls)
    if not found:
        return
    diagnostics = [
        Diagnostic("CT120", Severity.ERROR, pos, f"班次“{cls.label}”{what}") for pos, what in found
    ]
    raise CannotProceed(
        f"班次“{cls.label}”超出上限，无法继续：" + "；".join(what for _, what in found),
        diagnostics,
        hint="运行 cadretrain validate 查看；上限及其理由见 docs/计划格式.md 的“上限”。",
    )
