"""A class's quota table (名额分配表): population per unit, apportioned seats, and the split
over sessions — the library behind ``cadretrain quota``.

A class beyond the limits (``core/limits.py``: planned seats, sessions, units) raises
:class:`CannotProceed` with its CT120 diagnostic before any work, whatever the caller (``quota``,
``forms``, ``notice``, ``collect``, ``build --ignore-errors``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

from cadretrain.core.apportion import Allocation, apportion, spread_over_sessions
from cadretrain.core.diagnostics import Diagnostic, Pos, Severity, Sink
from cadretrain.core.errors import CannotProceed
from cadretrain.core.limits import MAX_SEATS, MAX_SESSIONS, MAX_UNITS
from cadretrain.enroll.population import Population, from_declared, from_register
from cadretrain.enroll.register import Cadre, read_register
from cadretrain.plan.model import Plan, TrainingClass


@dataclass
class QuotaTable:
    plan: Plan
    cls: TrainingClass
    population: Population
    allocation: Allocation
    sessions: int
    per_session: dict[str, list[int]] = field(default_factory=dict)  # unit -> seats per session
    notes: list[str] = field(default_factory=list)

    def unit_name(self, uid: str) -> str:
        unit = self.plan.units.get(uid)
        return unit.name if unit else uid

    def all_notes(self) -> list[str]:
        """The allocation's notes and ours, with unit ids shown as the units' names."""
        import re

        names = {uid: u.name for uid, u in self.plan.units.items()}
        return [
            re.sub(r"[a-z0-9][a-z0-9-]*", lambda m: names.get(m.group(), m.group()), note)
            for note in (*self.allocation.notes, *self.notes)
        ]

    def session_totals(self) -> list[int]:
        totals = [0] * self.sessions
        for counts in self.per_session.values():
            for i, n in enumerate(counts):
                totals[i] += n
        return totals


def register_path(plan: Plan, override: Path | None = None) -> Path | None:
    """The register file: ``--register`` if given, else ``plan.register`` relative to the plan."""
    if override is not None:
        return override
    if plan.register:
        return Path(plan.file).parent / plan.register
    return None


def load_cadres(plan: Plan, sink: Sink, override: Path | None = None) -> list[Cadre] | None:
    path = register_path(plan, override)
    if path is None:
        return None
    return read_register(path, plan, sink)


def quota_table(
    plan: Plan, cls: TrainingClass, cadres: list[Cadre] | None, sink: Sink
) -> QuotaTable:
    """Apportion ``cls.planned`` over the plan's units by the class's quota rule; raises
    :class:`CannotProceed` for a class beyond the limits."""
    _within_limits(plan, cls)
    population = (
        from_register(plan, cls, cadres) if cadres is not None else from_declared(plan, cls)
    )
    seats = cls.planned or 0
    rule = cls.quota
    allocation = apportion(
        population.counts,
        seats,
        method=rule.method,
        minimum=rule.min,
        maximum=rule.max,
        order=list(plan.units),
    )
    sessions = max(cls.session_count or len(cls.sessions) or 1, 1)
    table = QuotaTable(plan, cls, population, allocation, sessions)
    if cls.planned is None:
        sink.add(
            "CT202", cls.rec.at("name"), f"班次“{cls.label}”没有写规划人数（planned），无法分配名额"
        )
    if not plan.units:
        sink.add("CT501", Pos(plan.file), "计划中没有 units（参训单位），无法分配名额")
    if cadres is None and cls.planned and plan.units and not any(population.counts.values()):
        sink.add(
            "CT502",
            plan.plan_rec.at("register"),
            f"班次“{cls.label}”：计划没有干部名册（plan.register），各单位也没有申报人数（counts），"
            "名额无法按人数分配",
            hint="在 plan 中写 register: 干部名册.xlsx，或在各单位写 counts。",
        )
    if population.unplaced:
        table.notes.append(
            f"另有 {population.unplaced} 名符合条件的干部所在单位不在 units 中，未参与分配"
        )
    seats_by_unit = {s.unit: s.seats for s in allocation.shares}
    venue = plan.venues.get(cls.venue or "")
    capacity = venue.capacity if venue is not None and not venue.external else None
    cap = rule.per_session_max
    if cap is not None and any(math.ceil(n / sessions) > cap for n in seats_by_unit.values()):
        table.notes.append(f"每单位每期上限 {cap} 人不足以容纳部分单位的名额，已按平均分配")
        cap = None
    table.per_session = spread_over_sessions(seats_by_unit, sessions, cap)
    if capacity is not None and any(t > capacity for t in table.session_totals()):
        table.notes.append(f"有一期人数超过{venue.name if venue else ''}容量 {capacity} 人")
    return table


def _within_limits(plan: Plan, cls: TrainingClass) -> None:
    """Raise :class:`CannotProceed` (with the CT120 diagnostics) for a class whose planned
    seats, sessions or units exceed the limits: the quota table would not be bounded."""
    sessions = max(cls.session_count or 0, len(cls.sessions))
    found: list[tuple[Pos, str]] = []
    if cls.planned is not None and cls.planned > MAX_SEATS:
        found.append((cls.rec.at("planned"), f"规划 {cls.planned} 人，超过上限 {MAX_SEATS} 人"))
    if sessions > MAX_SESSIONS:
        found.append((cls.rec.at("sessions"), f"分 {sessions} 期，超过上限 {MAX_SESSIONS} 期"))
    if len(plan.units) > MAX_UNITS:
        found.append((Pos(plan.file), f"参训单位 {len(plan.units)} 个，超过上限 {MAX_UNITS} 个"))
    if not found:
        return
    diagnostics = [
        Diagnostic("CT120", Severity.ERROR, pos, f"班次“{cls.label}”{what}") for pos, what in found
    ]
    raise CannotProceed(
        f"班次“{cls.label}”超出上限，无法分配名额：" + "；".join(what for _, what in found),
        diagnostics,
        hint="运行 cadretrain validate 查看；上限及其理由见 docs/计划格式.md 的“上限”。",
    )
