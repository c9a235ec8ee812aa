"""Classes that meet on the same day, and whether their audiences hold the same cadres: what
CT305 (by the rules' shape) and CT413 (by the register) share.

**Meetings.** Every pair of classes with ``eligible`` rules whose sessions share a day,
found by sweeping (``core.sweep``), with the shared days and whether either side's dates are
only possible (a window, 另行通知).

**By the register.** When the plan has a register that *covers* both classes — its eligible
cadres reach ``register_share`` % of ``planned``, row 4 of the decision table
(``enroll/method.py``) — the cadres who satisfy both classes' ``eligible`` are counted
(CT413 when any; silence when none). When it does not cover one of them (入党积极分子, 村书记
are mostly not in a cadre register, or the class has no ``planned``), the rules' shape
decides (CT305).

**By the rules' shape.** Rules that contradict each other (rank sets that do not meet, two
genders) share nobody. A shared tag, or both rules limited by rank, is a *likely* overlap;
a rule of tags against a rule of ranks (中青年 and 乡科级) is only a *possible* one. Other
pairs (two different tags) are taken as distinct groups.

Counting works on the register grouped by (rank, sex, tags) (``enroll.population.profiles``):
a class's audience is the set of groups its rules admit, a pair's overlap the groups in
both, so a 2,000-class plan is not a loop over people per pair.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from enum import Enum

from cadretrain.checks.base import Context
from cadretrain.core.sweep import overlapping_pairs
from cadretrain.enroll.register import Cadre
from cadretrain.plan.model import Eligible, TrainingClass
from cadretrain.plan.schedule import Slot

NAMES_SHOWN = 3  # names a CT413 message gives


class Overlap(Enum):
    LIKELY = "likely"
    POSSIBLE = "possible"


@dataclass(frozen=True)
class Meeting:
    """Two classes (in plan order) meeting on ``days``."""

    first: TrainingClass
    second: TrainingClass
    days: tuple[date, ...]
    possible: bool  # either side's dates are a window or unknown
    overlap: Overlap | None  # how their rules relate by shape alone


def compatible(a: Eligible, b: Eligible) -> bool:
    """One person can meet both rules: rank sets meet and genders agree."""
    if a.ranks is not None and b.ranks is not None and not (a.ranks & b.ranks):
        return False
    return not (a.gender and b.gender and a.gender != b.gender)


def relation(a: Eligible, b: Eligible) -> Overlap | None:
    """How two rules' audiences relate by shape alone (see the module's text)."""
    if not compatible(a, b):
        return None
    if a.tags & b.tags or (a.ranks is not None and b.ranks is not None):
        return Overlap.LIKELY
    if (a.tags and b.ranks is not None) or (b.tags and a.ranks is not None):
        return Overlap.POSSIBLE
    return None


def audiences_relate(a: list[Eligible], b: list[Eligible]) -> Overlap | None:
    """The closest relation of any alternative of one class with any of the other."""
    best = None
    for x in a:
        for y in b:
            found = relation(x, y)
            if found is Overlap.LIKELY:
                return found
            best = best or found
    return best


Relation = tuple[bool, Overlap | None]  # (worth comparing days, relation by shape)
_meetings: list[tuple[Context, list[Meeting]]] = []


def _rule_ids(classes: list[TrainingClass]) -> dict[int, int]:
    """Each class's ``eligible`` rules as a small number, equal for equal rules (many classes
    of a plan share theirs), so pairs are related once per pair of rules, not per pair of
    classes (hashing rules is dear: they hold frozensets)."""
    ids: dict[tuple[Eligible, ...], int] = {}
    return {c.index: ids.setdefault(tuple(c.eligible or ()), len(ids)) for c in classes}


def meetings(ctx: Context) -> list[Meeting]:
    """Pairs of different classes with ``eligible`` whose sessions share a day and whose rules
    may share a person: by shape, or — when the register covers both classes (``by_register``)
    — when the rules are compatible, for the register to count. In plan order of the later
    class (cached per check run)."""
    if _meetings and _meetings[0][0] is ctx:
        return _meetings[0][1]
    found_audiences = audiences(ctx)
    slots = [s for s in ctx.slots if s.cls.eligible]
    rule_of = _rule_ids([s.cls for s in slots])
    by_rules: dict[tuple[int, int], tuple[bool, Overlap | None]] = {}
    relations: dict[tuple[int, int], Relation] = {}
    pairs: dict[tuple[int, int], list[tuple[Slot, Slot]]] = defaultdict(list)
    day_sets = {id(s): frozenset(s.days) for s in slots}

    def relate(a: TrainingClass, b: TrainingClass) -> Relation:
        """(worth comparing their days, the rules' relation by shape)."""
        if a.unit and b.unit and a.unit != b.unit:
            return False, None  # per_unit classes of two units draw on different people
        rules = (rule_of[a.index], rule_of[b.index])
        shape = by_rules.get(rules)
        if shape is None:
            ea, eb = a.eligible or [], b.eligible or []
            shape = by_rules[rules] = (
                any(compatible(x, y) for x in ea for y in eb),
                audiences_relate(ea, eb),
            )
        maybe, overlap = shape
        if overlap is not None:
            return True, overlap
        counted = maybe and found_audiences is not None and found_audiences.covers_both(a, b)
        return counted, None  # only the register can tell (CT413)

    for a, b in overlapping_pairs(slots):
        ca, cb = a.cls, b.cls
        if ca is cb:
            continue
        if ca.index > cb.index:
            a, b, ca, cb = b, a, cb, ca
        key = (ca.index, cb.index)
        relation = relations.get(key)
        if relation is None:
            relation = relations[key] = relate(ca, cb)
        if relation[0] and not day_sets[id(a)].isdisjoint(day_sets[id(b)]):
            pairs[key].append((a, b))
    out: list[Meeting] = []
    for key in sorted(pairs, key=lambda k: (k[1], k[0])):
        found = pairs[key]
        days = {d for a, b in found for d in day_sets[id(a)] & day_sets[id(b)]}
        possible = any(a.possible or b.possible for a, b in found)
        first, second = found[0][0].cls, found[0][1].cls
        out.append(Meeting(first, second, tuple(sorted(days)), possible, relations[key][1]))
    _meetings[:] = [(ctx, out)]
    return out


Group = tuple[str, str, frozenset[str]]  # rank, sex, tags


@dataclass
class Audiences:
    """The register grouped by (rank, sex, tags), and each class's audience in it."""

    cadres: list[Cadre]
    sizes: dict[Group, int]
    _sets: dict[int, frozenset[Group]]
    _found: dict[int, int]

    @classmethod
    def of(cls, cadres: list[Cadre]) -> Audiences:
        sizes: dict[Group, int] = defaultdict(int)
        for c in cadres:
            sizes[(c.rank, c.sex, c.tags)] += 1
        return cls(cadres, dict(sizes), {}, {})

    def groups(self, cls: TrainingClass) -> frozenset[Group]:
        if cls.index not in self._sets:
            rules = cls.eligible or []
            self._sets[cls.index] = frozenset(
                g for g in self.sizes if any(r.admits(g[0], g[1], g[2]) for r in rules)
            )
        return self._sets[cls.index]

    def covers(self, cls: TrainingClass) -> bool:
        """Row 4 of the decision table: the register's eligible cadres reach the class's
        ``register_share`` % of ``planned`` (the class's own unit for a ``per_unit`` class)."""
        if cls.planned is None:
            return False
        found = self.found(cls)
        return found > 0 and found * 100 >= cls.register_share * cls.planned

    def covers_both(self, a: TrainingClass, b: TrainingClass) -> bool:
        """The register decides this pair (CT413 speaks, CT305 is silent)."""
        return self.covers(a) and self.covers(b)

    def found(self, cls: TrainingClass) -> int:
        """The register's cadres the class admits (its own unit's for a ``per_unit`` class)."""
        if cls.index not in self._found:
            if cls.unit:
                n = sum(1 for c in self.cadres if c.unit_id == cls.unit and _admitted(cls, c))
            else:
                n = sum(self.sizes[g] for g in self.groups(cls))
            self._found[cls.index] = n
        return self._found[cls.index]

    def both(self, a: TrainingClass, b: TrainingClass) -> tuple[int, list[str]]:
        """How many cadres satisfy both classes' rules, and the first few names."""
        unit = a.unit or b.unit
        if unit:
            people = [
                c for c in self.cadres if c.unit_id == unit and _admitted(a, c) and _admitted(b, c)
            ]
            return len(people), [c.name for c in people[:NAMES_SHOWN]]
        shared = self.groups(a) & self.groups(b)
        count = sum(self.sizes[g] for g in shared)
        names: list[str] = []
        if count:
            for c in self.cadres:  # register order, so the names are stable
                if (c.rank, c.sex, c.tags) in shared:
                    names.append(c.name)
                    if len(names) == NAMES_SHOWN:
                        break
        return count, names


def _admitted(cls: TrainingClass, cadre: Cadre) -> bool:
    return any(r.admits(cadre.rank, cadre.sex, cadre.tags) for r in cls.eligible or [])


_audiences: list[tuple[Context, Audiences | None]] = []


def audiences(ctx: Context) -> Audiences | None:
    """The register's audiences for this check run; None without a readable register."""
    if _audiences and _audiences[0][0] is ctx:
        return _audiences[0][1]
    cadres = ctx.cadres
    found = Audiences.of(cadres) if cadres else None
    _audiences[:] = [(ctx, found)]
    return found


def by_register(ctx: Context, meeting: Meeting) -> bool:
    """True when the register decides this pair (it covers both classes): CT413 speaks, and
    CT305 is silent."""
    found = audiences(ctx)
    return found is not None and found.covers_both(meeting.first, meeting.second)
