"""A class's quota table (名额分配表): population per unit, apportioned seats, and the split
over sessions — the library behind ``cadretrain quota``.

A class beyond the limits (``core/limits.py``: planned seats, sessions, units) raises
:class:`CannotProceed` with its CT120 diagnostics before any work (``plan/bounds.py``),
whatever the caller (``quota``, ``forms``, ``notice``, ``collect``, ``build --ignore-errors``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from pathlib import Path

from cadretrain.core.apportion import Allocation, apportion, spread_over_sessions
from cadretrain.core.diagnostics import Pos, Severity, Sink
from cadretrain.enroll.method import Decision, Method, decide, own_unit
from cadretrain.enroll.population import Population, from_declared, from_register
from cadretrain.enroll.register import Cadre, read_register
from cadretrain.plan.bounds import require_within_limits
from cadretrain.plan.model import Plan, QuotaRule, TrainingClass


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
    if override is None and plan.register:
        from cadretrain.files.paths import check_user_path, shown_path

        if problem := check_user_path(plan.register):
            where = plan.at("register")
            sink.add("CT401", where, f"plan.register“{shown_path(plan.register)}”{problem}")
            return None
    path = register_path(plan, override)
    if path is None:
        return None
    return read_register(path, plan, sink)


def quota_table(
    plan: Plan, cls: TrainingClass, cadres: list[Cadre] | None, sink: Sink
) -> QuotaTable:
    """Apportion ``cls.planned`` over the plan's units by the class's quota rule, sharing by
    the population the decision table chooses (``enroll.method``; a ``per_unit`` class's own
    unit only); raises :class:`CannotProceed` for a class beyond the limits."""
    require_within_limits(plan, cls)
    decided = decide(plan, cls, cadres).population
    population = decided or own_unit(
        plan,
        cls,
        from_register(plan, cls, cadres) if cadres is not None else from_declared(plan, cls),
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
    if rule.method == "largest_remainder" and seats > 1:
        allocation = _paradox_explained(plan, population, allocation, rule, seats)
    sessions = max(cls.session_count or len(cls.sessions) or 1, 1)
    table = QuotaTable(plan, cls, population, allocation, sessions)
    if cls.planned is None:
        sink.add(
            "CT202",
            cls.rec.at("name"),
            f"班次“{cls.label}”没有写规划人数（planned），无法分配名额",
            severity=Severity.WARNING,  # a rule's code (checks/rules/missing_planned.py)
        )
    if not plan.units:
        sink.add(
            "CT501",
            Pos(plan.file),
            "计划中没有 units（参训单位），无法分配名额",
        )
    if cadres is None and cls.planned and plan.units and not any(population.counts.values()):
        sink.add(
            "CT502",
            plan.at("register"),
            f"班次“{cls.label}”：计划没有干部名册（plan.register），各单位也没有申报人数（counts），"
            "名额无法按人数分配",
            hint="在 plan 中写 register: 干部名册.xlsx，或在各单位写 counts。",
        )
    if population.unplaced:
        table.notes.append(
            f"另有 {population.unplaced} 名符合条件的干部所在单位不在 units 中，未参与分配"
        )
    if cls.unit:
        table.notes.append(f"小班化班次，名额只分给本单位（{table.unit_name(cls.unit)}）")
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


def _paradox_explained(
    plan: Plan, population: Population, allocation: Allocation, rule: QuotaRule, seats: int
) -> Allocation:
    """The largest-remainder allocation with a sentence in the 说明 of each unit that holds
    fewer seats than it would with one planned seat less (the Alabama paradox)."""
    fewer = apportion(
        population.counts,
        seats - 1,
        method=rule.method,
        minimum=rule.min,
        maximum=rule.max,
        order=list(plan.units),
    )
    before = {s.unit: s.seats for s in fewer.shares}
    shares = []
    for share in allocation.shares:
        was = before.get(share.unit, 0)
        if share.seats < was:
            share = replace(
                share,
                reason=f"{share.reason}。注意：规划人数若为 {seats - 1} 人，"
                f"本单位可分 {was} 个名额；"
                f"增加 1 人后各单位余数的排名改变，本单位反而少 {was - share.seats} 个名额。"
                "这是最大余额法的已知现象（“阿拉巴马悖论”），计算无误；如需避免，"
                "可改用 quota.method: sainte_lague 等方法",
            )
        shares.append(share)
    return replace(allocation, shares=tuple(shares))


def class_quota(
    plan: Plan, cls: TrainingClass, cadres: list[Cadre] | None, sink: Sink
) -> tuple[Decision, QuotaTable | None]:
    """The class's row of the decision table (``enroll.method``) and its quota table when the
    row has one; the row's diagnostic goes to ``sink`` otherwise (the same in ``quota``,
    ``forms``, ``notice`` and ``build``)."""
    decision = decide(plan, cls, cadres)
    if decision.quotas:
        return decision, quota_table(plan, cls, cadres, sink)
    if decision.method is Method.NO_UNITS:
        if not any(d.code == "CT501" for d in sink.items):  # once per plan
            sink.add("CT501", Pos(plan.file), "计划中没有 units（参训单位），无法分配名额")
    elif decision.method is Method.UNPLANNED:
        sink.add(
            "CT202",
            cls.rec.at("name"),
            f"班次“{cls.label}”没有写规划人数（planned），无法分配名额",
            severity=Severity.WARNING,  # a rule's code (checks/rules/missing_planned.py)
        )
    elif decision.method is Method.UNCOVERED and decision.found is not None:
        sink.add(
            "CT206",
            cls.rec.at("planned"),
            f"班次“{cls.label}”规划 {cls.planned} 人，干部名册中符合条件的只有 "
            f"{decision.found} 人，不足规划人数的 {cls.register_share}%，不按名册分配名额",
            severity=Severity.WARNING,  # a rule's code (checks/rules/register_uncovered.py)
            hint="在各单位写申报人数（counts），或写 selection: 推荐（考试、委托、指定）。",
        )
    elif decision.method is Method.UNCOVERED:
        sink.add(
            "CT502",
            plan.at("register"),
            f"班次“{cls.label}”：计划没有干部名册（plan.register），各单位也没有申报人数"
            "（counts），名额无法按人数分配",
            hint="在 plan 中写 register: 干部名册.xlsx，或在各单位写 counts。",
        )
    return decision, None
