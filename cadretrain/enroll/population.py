"""Who can attend a class, unit by unit: the population that quotas are shared by.

From the cadre register when the plan has one (each person counted once, in their unit, when
any of the class's ``eligible`` rules admits them); otherwise from the counts each unit
declared in the plan (``counts: {职级或标签: 人数}``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from cadretrain.enroll.register import Cadre
from cadretrain.plan.declared import Population, from_declared
from cadretrain.plan.model import Plan, TrainingClass


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


__all__ = ["Population", "admitted", "from_declared", "from_register", "profiles"]
