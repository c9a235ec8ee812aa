"""The 条例 Art. 14 check of the 学时 ledger: each cadre's group (县处级 and above, or
乡科级 and below), the window that counts, and whether the hours or days are met — with the
criterion that decided."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from cadretrain.records.ledger import (
    BASIC,
    LEADER,
    LEADER_WORDS,
    ZERO,
    Ledger,
    Person,
    Thresholds,
    Totals,
    num,
)


def rank_group(rank: str, ranks: Sequence[str], declared: Mapping[str, bool] | None = None) -> str:
    """LEADER for 县处级 and above, else BASIC: as the plan declares it (``declared``: rank →
    县处级及以上, from ``rank_ladders`` with ``leaders``, ``Plan.leader_ranks``); else by name,
    or above such a rank in ``ranks``."""
    if declared and rank in declared:
        return LEADER if declared[rank] else BASIC
    if any(word in rank for word in LEADER_WORDS):
        return LEADER
    leaders = [i for i, r in enumerate(ranks) if any(word in r for word in LEADER_WORDS)]
    if rank in ranks and leaders and ranks.index(rank) <= max(leaders):
        return LEADER
    return BASIC


@dataclass(frozen=True)
class Status:
    """One cadre checked for one year."""

    person: Person
    year: int
    unit: str
    rank: str
    group: str
    this_year: Totals
    window: Totals  # the leader window (last ``leader_years`` years up to ``year``)
    required_hours: Decimal
    required_days: Decimal
    rule: str  # 每年90学时或12天 …

    @property
    def measured(self) -> Totals:
        return self.window if self.group == LEADER else self.this_year

    @property
    def ok(self) -> bool:
        m = self.measured
        return m.hours >= self.required_hours or m.days >= self.required_days

    @property
    def short_hours(self) -> Decimal:
        return ZERO if self.ok else self.required_hours - self.measured.hours

    @property
    def short_days(self) -> Decimal:
        return ZERO if self.ok else self.required_days - self.measured.days

    @property
    def decided_by(self) -> str:
        """The criterion that decided: 学时 or 天数 (学时 first when both are met); "" when
        neither is met."""
        m = self.measured
        if m.hours >= self.required_hours:
            return "学时"
        return "天数" if m.days >= self.required_days else ""

    def decision_text(self) -> str:
        """Which criterion decided, with its figures: 按学时（本年 97.5 ≥ 90）, 按天数（近5年 70 ≥
        3个月按 66 天计）, or 学时、天数均未达到."""
        m = self.measured
        span = "本年" if self.group != LEADER else "近5年"
        need = f"{num(self.required_days)} 天"
        if self.group == LEADER:
            need = f"3个月按 {need}计"
        if self.decided_by == "学时":
            return f"按学时（{span} {num(m.hours)} ≥ {num(self.required_hours)} 学时）"
        if self.decided_by == "天数":
            return f"按天数（{span} {num(m.days)} ≥ {need}）"
        return (
            f"学时、天数均未达到（{span} {num(m.hours)} 学时 < {num(self.required_hours)}，"
            f"{num(m.days)} 天 < {need}）"
        )

    @property
    def status_text(self) -> str:
        if self.ok:
            return "达标"
        return f"未达标，差{num(self.short_hours)}学时（或{num(self.short_days)}天）"


def check(
    book: Ledger,
    year: int,
    *,
    unit: str | None = None,
    thresholds: Thresholds | None = None,
) -> list[Status]:
    """Each cadre with an entry in the leader window up to ``year`` (or in the register),
    optionally of one unit (its name), in unit order, leaders first, then as first met."""
    t = thresholds or Thresholds()
    first = year - t.leader_years + 1
    ranks = book.ranks()
    declared: dict[str, bool] = {}
    ladder_of: dict[str, list[str]] = {}  # a rank's ladder: 乡科级正职 is not below 四级调研员
    for plan in sorted(book.plans, key=lambda p: -p.year):  # the latest plan's word first
        for rank, leader in plan.leader_ranks().items():
            declared.setdefault(rank, leader)
        for ladder in plan.ladders:
            for rank in ladder:
                ladder_of.setdefault(rank, ladder)
    out: list[Status] = []
    for person in book.people.values():
        in_window = any(first <= e.year <= year for e in person.entries)
        if not in_window and not person.in_register:
            continue
        where = person.unit_in(year)
        if unit is not None and where != unit:
            continue
        rank = person.rank_in(year)
        group = rank_group(rank, ladder_of.get(rank, ranks), declared)
        leader = group == LEADER
        out.append(
            Status(
                person=person,
                year=year,
                unit=where,
                rank=rank,
                group=group,
                this_year=person.totals(year, year),
                window=person.totals(first, year),
                required_hours=t.leader_hours if leader else t.hours_per_year,
                required_days=t.leader_days if leader else t.days_per_year,
                rule=t.describe(group),
            )
        )
    order = book.unit_order()
    out.sort(key=lambda s: (order.get(s.unit, len(order)), s.group != LEADER))  # stable
    return out
