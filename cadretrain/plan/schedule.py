"""Fitting each class's sessions (期) onto training days.

Training days are the workdays within a class's dates (``weekends: true`` makes every day
one). A span longer than a year is not scheduled: it leaves the plan year, which CT106
reports. A class whose dates hold no workday at all (a weekend class) trains on the days it
names; CT302 reports the weekend. ``sessions: {count, days}`` takes ``days`` consecutive
training days per session, earliest first, without overlap. A class with vague dates gets
one *possible* slot spanning its window, so its conflicts can be reported as possible.

Scheduling runs once per plan, in the year pipeline's ``schedule`` step
(``cadretrain.year.pipeline``); every other stage reads the calendar and the schedules from
the ``Year`` it builds.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from cadretrain.core.workcal import WorkCalendar
from cadretrain.plan.model import Plan, TrainingClass


@dataclass(frozen=True)
class Slot:
    """One session of a class: the days it meets and how many people attend."""

    cls: TrainingClass
    number: int  # 1-based session number; 0 for a class without sessions
    days: tuple[date, ...]
    size: int | None
    venue: str | None
    possible: bool = False  # True for an unscheduled class: days are its whole window

    @property
    def start(self) -> date:
        return self.days[0]

    @property
    def end(self) -> date:
        return self.days[-1]

    @property
    def label(self) -> str:
        if self.number:
            return f"“{self.cls.label}”第 {self.number} 期"
        return f"“{self.cls.label}”"


class ScheduleState(StrEnum):
    """How firmly a class's dates are known: the least certain of its sessions."""

    SCHEDULED = "scheduled"  # every session has exact training days
    POSSIBLE = "possible"  # vague dates (十月中下旬): the class may meet anywhere in a window
    APPROXIMATE = "approximate"  # vague dates with a stated length (为期一周, sessions.days)
    UNSCHEDULED = "unscheduled"  # a session has no days: no dates, or not placed (CT301)


@dataclass
class Schedule:
    cls: TrainingClass
    training_days: list[date] = field(default_factory=list)
    slots: list[Slot] = field(default_factory=list)
    needed: int = 0  # training days the sessions need (count × days)
    unfitted: int = 0  # sessions that could not be placed

    @property
    def exact_slots(self) -> list[Slot]:
        """The sessions with exact dates (what a calendar can show)."""
        return [s for s in self.slots if not s.possible and s.days]

    @property
    def left_out(self) -> int:
        """Sessions without exact dates: vague dates, or sessions that could not be placed."""
        wanted = max(len(self.cls.sessions), self.cls.session_count or 0, len(self.slots), 1)
        return max(wanted - len(self.exact_slots), 0)

    @property
    def state(self) -> ScheduleState:
        """Unscheduled when a session has no days (not placed, no dates, or dates that cannot
        be used); else a possible window (approximate when a length is stated) when the dates
        are vague; else scheduled."""
        dated = [s for s in self.slots if s.days]
        if self.unfitted or not dated or len(dated) < len(self.cls.sessions):
            return ScheduleState.UNSCHEDULED
        if not any(s.possible for s in dated):
            return ScheduleState.SCHEDULED
        cls = self.cls
        vague = [s.when for s in cls.sessions] or ([cls.when] if cls.when is not None else [])
        if cls.session_days or any(w.length_days for w in vague if not w.exact):
            return ScheduleState.APPROXIMATE
        return ScheduleState.POSSIBLE


MAX_SPAN_DAYS = 366  # a longer span leaves the plan year (CT106) and is not scheduled


def all_days(start: date, end: date) -> list[date]:
    if end < start or (end - start).days >= MAX_SPAN_DAYS:
        return []
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def training_days(cls: TrainingClass, start: date, end: date, cal: WorkCalendar) -> list[date]:
    if end < start or (end - start).days >= MAX_SPAN_DAYS:
        return []
    if cls.weekends:
        return all_days(start, end)
    days = cal.workdays(start, end)
    return days or all_days(start, end)


def session_size(cls: TrainingClass, count: int) -> int | None:
    """A session's size: planned ÷ sessions, rounded up."""
    if cls.planned is None:
        return None
    return math.ceil(cls.planned / max(count, 1))


def schedule_class(cls: TrainingClass, cal: WorkCalendar) -> Schedule:
    sched = Schedule(cls)
    if cls.sessions:
        listed = len(cls.sessions)
        for n, spec in enumerate(cls.sessions, start=1):
            if spec.when.end < spec.when.start:
                continue
            days = training_days(cls, spec.when.start, spec.when.end, cal)
            size = spec.planned if spec.planned is not None else session_size(cls, listed)
            venue = spec.venue or cls.venue
            sched.slots.append(Slot(cls, n, tuple(days), size, venue, not spec.when.exact))
            sched.training_days.extend(days)
        sched.training_days.sort()
        return sched
    when = cls.when
    if when is None or when.end < when.start:
        return sched
    days = training_days(cls, when.start, when.end, cal)
    sched.training_days = days
    count, per = cls.session_count, cls.session_days
    if not when.exact:
        sched.needed = (count or 1) * (per or 0)
        sched.slots.append(Slot(cls, 0, tuple(days), cls.planned, cls.venue, possible=True))
        return sched
    if not count or not per:
        sched.slots.append(Slot(cls, 0, tuple(days), cls.planned, cls.venue))
        return sched
    sched.needed = count * per
    size = session_size(cls, count)
    for n in range(count):
        chunk = days[n * per : (n + 1) * per]
        if len(chunk) < per:
            sched.unfitted = count - n
            break
        sched.slots.append(Slot(cls, n + 1, tuple(chunk), size, cls.venue))
    return sched


def schedule_plan(plan: Plan, cal: WorkCalendar) -> dict[str, Schedule]:
    return {c.id: schedule_class(c, cal) for c in plan.classes}


def calendar_for(plan: Plan) -> WorkCalendar:
    return WorkCalendar(plan.calendar.extra_holidays, plan.calendar.extra_workdays)
