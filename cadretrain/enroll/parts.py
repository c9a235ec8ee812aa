"""A class's sessions (期) as the sheets show them, each with its people: shared by the roster,
the sign-in sheet and the after-class records that read them back. The dates are the class's
schedule as the year model holds it (``cadretrain.year``), passed in by the caller."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from cadretrain.enroll.enrollment import Enrollee, Enrollment
from cadretrain.plan.bounds import require_within_limits
from cadretrain.plan.model import Plan, TrainingClass
from cadretrain.plan.schedule import Schedule


@dataclass
class Part:
    """One session (期) of a class as the sheets show it."""

    number: int  # 1-based; 0 for a class taught in one session
    days: tuple[date, ...]  # training days; empty when the session is not scheduled
    venue: str  # the venue's name, or ""
    people: list[Enrollee] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"第{self.number}期" if self.number else ""


def unit_name(plan: Plan, uid: str) -> str:
    unit = plan.units.get(uid)
    return unit.name if unit else uid


def unit_and_post(plan: Plan, person: Enrollee) -> str:
    """单位及职务: the unit's name and the post, written together (城关镇党委书记)."""
    name = unit_name(plan, person.unit)
    return person.post if person.post.startswith(name) else name + person.post


def in_plan_order(plan: Plan, people: Sequence[Enrollee]) -> list[Enrollee]:
    order = {uid: i for i, uid in enumerate(plan.units)}
    return sorted(people, key=lambda p: order.get(p.unit, len(order)))  # stable


def session_parts(
    plan: Plan, cls: TrainingClass, enrollment: Enrollment, schedule: Schedule
) -> tuple[list[Part], list[Enrollee]]:
    """The class's sessions (``schedule``: the class's, from the year model) with their people,
    and the people of a multi-session class who have no session. A class with vague dates has
    no scheduled days."""
    require_within_limits(plan, cls)  # sessions and days beyond the limits: CannotProceed
    people = in_plan_order(plan, enrollment.people)
    slots = {s.number: s for s in schedule.slots if not s.possible}
    numbers = {n for n in slots if n} | set(range(1, (cls.session_count or 0) + 1))
    numbers |= set(range(1, len(cls.sessions) + 1)) | {p.session for p in people if p.session}

    if len(numbers) <= 1:  # one session: everyone, whatever session they were given
        first = next(iter(slots.values()), None)
        numbers, slots = {0}, ({0: first} if first else {})
    parts = []
    for n in sorted(numbers):
        slot = slots.get(n)
        venue = plan.venues.get((slot.venue if slot else None) or cls.venue or "")
        members = [p for p in people if p.session == n] if n else people
        parts.append(Part(n, slot.days if slot else (), venue.name if venue else "", members))
    return parts, [p for p in people if not p.session] if len(parts) > 1 else []
