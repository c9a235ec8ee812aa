"""Who can attend a class, unit by unit: the population that quotas are shared by.

From the cadre register when the plan has one (each person counted once, in their unit, when
any of the class's ``eligible`` rules admits them); otherwise from the counts each unit
declared in the plan (``counts: {职级或标签: 人数}``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from cadretrain.model import Eligible, Plan, TrainingClass, Unit
from cadretrain.register import Cadre


@dataclass(frozen=True)
class Population:
    counts: dict[str, int]  # unit id -> eligible people, in the plan's unit order
    source: str  # Chinese: where the figures come from
    unplaced: int = 0  # eligible people whose unit the plan does not know


def admitted(cls: TrainingClass, cadre: Cadre) -> bool:
    rules = cls.eligible
    if not rules:
        return True  # a class without rules is open to everyone
    return any(rule.admits(cadre.rank, cadre.sex, cadre.tags) for rule in rules)


Profile = tuple[str | None, str, str, frozenset[str]]  # unit, rank, sex, tags
_last_profiles: list[tuple[Sequence[Cadre], Counter[Profile]]] = []


def profiles(cadres: Sequence[Cadre]) -> Counter[Profile]:
    """How many cadres share each (unit, rank, sex, tags): eligibility depends on nothing else,
    so a class's population is counted over these few thousand groups, not every person.
    The last register's grouping is reused (quotas for every class of a plan)."""
    if _last_profiles and _last_profiles[0][0] is cadres:
        return _last_profiles[0][1]
    counted: Counter[Profile] = Counter((c.unit_id, c.rank, c.sex, c.tags) for c in cadres)
    _last_profiles[:] = [(cadres, counted)]
    return counted


def from_register(plan: Plan, cls: TrainingClass, cadres: Sequence[Cadre]) -> Population:
    counts = dict.fromkeys(plan.units, 0)
    unplaced = 0
    rules = cls.eligible
    for (unit, rank, sex, tags), n in profiles(cadres).items():
        if rules and not any(rule.admits(rank, sex, tags) for rule in rules):
            continue
        if unit in counts:
            counts[unit] += n
        else:
            unplaced += n
    return Population(counts, "干部名册", unplaced)


def declared_count(unit: Unit, rule: Eligible) -> int:
    """A unit's declared people for one rule: the counts of the rule's ranks when it names
    ranks (all declared ranks otherwise), or else of its tags (the smallest, since a person
    must hold every tag)."""
    if rule.ranks is not None:
        return sum(n for key, n in unit.counts.items() if key in rule.ranks)
    if rule.tags:
        return min((unit.counts.get(tag, 0) for tag in rule.tags), default=0)
    return sum(unit.counts.values())


def from_declared(plan: Plan, cls: TrainingClass) -> Population:
    counts = {}
    for uid, unit in plan.units.items():
        rules = cls.eligible or [Eligible()]
        counts[uid] = max(declared_count(unit, rule) for rule in rules)
    return Population(counts, "各单位申报人数")
