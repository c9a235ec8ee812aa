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
# The last register's populations by (the plan's units, the class's eligible rules): many
# classes share an audience, and validate, quota and the overlap check ask for it again.
_last_counts: list[
    tuple[Sequence[Cadre], dict[tuple[object, ...], tuple[dict[str, int], int]]]
] = []


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
    """Each unit's cadres whom one of the class's ``eligible`` rules admits. Eligibility
    depends on (rank, sex, tags) only, so each such kind is judged once per class, and classes
    with the same rules share the count (a plan of 2,000 classes has a few dozen audiences)."""
    key = (tuple(plan.units), tuple(cls.eligible or ()))
    if _last_counts and _last_counts[0][0] is cadres:
        known = _last_counts[0][1].get(key)
    else:
        _last_counts[:] = [(cadres, {})]
        known = None
    if known is None:
        known = _count(plan, cls, cadres)
        _last_counts[0][1][key] = known
    counts, unplaced = known
    return Population(dict(counts), "干部名册", unplaced)


Kind = tuple[str, str, frozenset[str]]  # rank, sex, tags: all that eligibility reads
_last_kinds: list[tuple[Sequence[Cadre], dict[Kind, Counter[str | None]]]] = []


def _kinds(cadres: Sequence[Cadre]) -> dict[Kind, Counter[str | None]]:
    """The register by kind of person, each with its cadres per unit (the last register's)."""
    if _last_kinds and _last_kinds[0][0] is cadres:
        return _last_kinds[0][1]
    kinds: dict[Kind, Counter[str | None]] = {}
    for (unit, rank, sex, tags), n in profiles(cadres).items():
        kinds.setdefault((rank, sex, tags), Counter())[unit] += n
    _last_kinds[:] = [(cadres, kinds)]
    return kinds


def _count(plan: Plan, cls: TrainingClass, cadres: Sequence[Cadre]) -> tuple[dict[str, int], int]:
    counts = dict.fromkeys(plan.units, 0)
    unplaced = 0
    rules = cls.eligible
    for (rank, sex, tags), units in _kinds(cadres).items():
        if rules and not any(rule.admits(rank, sex, tags) for rule in rules):
            continue
        for unit, n in units.items():
            if unit in counts:
                counts[unit] += n
            else:
                unplaced += n
    return counts, unplaced


__all__ = ["Population", "admitted", "from_declared", "from_register", "profiles"]
