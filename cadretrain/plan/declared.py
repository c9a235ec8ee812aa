"""The people a class can draw on, unit by unit, from the counts each unit declared in the plan
(``counts: {职级或标签: 人数}``): what ``per_unit`` expansion and quotas without a register use.
Counting from the cadre register is :mod:`cadretrain.enroll.population`."""

from __future__ import annotations

from dataclasses import dataclass

from cadretrain.plan.model import Eligible, Plan, TrainingClass, Unit


@dataclass(frozen=True)
class Population:
    counts: dict[str, int]  # unit id -> eligible people, in the plan's unit order
    source: str  # Chinese: where the figures come from
    unplaced: int = 0  # eligible people whose unit the plan does not know


def declared_count(unit: Unit, rule: Eligible) -> int:
    """A unit's declared people for one rule: the counts of the rule's ranks when it names
    ranks (all declared ranks otherwise), or else of its tags (the smallest, since a person
    must hold every tag)."""
    if rule.ranks is not None:
        return sum(n for key, n in unit.counts.items() if key in rule.ranks)
    if rule.tags:
        return min((unit.counts.get(tag, 0) for tag in rule.tags), default=0)
    return sum(unit.counts.values())


# The last plan's declared populations by the class's eligible rules: classes with the same
# audience (most of a large plan's) are counted once.
_last: list[tuple[Plan, dict[tuple[Eligible, ...], dict[str, int]]]] = []


def from_declared(plan: Plan, cls: TrainingClass) -> Population:
    key = tuple(cls.eligible or ())
    if not (_last and _last[0][0] is plan):
        _last[:] = [(plan, {})]
    known = _last[0][1].get(key)
    if known is None:
        rules = cls.eligible or [Eligible()]
        known = {
            uid: max(declared_count(unit, rule) for rule in rules)
            for uid, unit in plan.units.items()
        }
        _last[0][1][key] = known
    return Population(dict(known), "各单位申报人数")
