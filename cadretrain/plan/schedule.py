"""Fitting each class's sessions (期) onto training days.

Training days are the workdays within a class's dates (``weekends: true`` makes every day
one). A span longer than a year is not scheduled: it leaves the plan year, which CT106
reports. A class whose dates hold no workday at all (a weekend class) trains on the days it
names; CT302 reports the weekend.

- ``sessions: {count, days}`` takes ``days`` consecutive training days per session, earliest
  first, without overlap, on unbroken runs of training days and across no holiday or closed
  period when every session still fits (``plan.placement``; ``calendar.closed`` days are
  never used); otherwise back to back, and a session that crosses a break is recorded in
  ``Schedule.crossings`` (CT308 for a short or ``closed_door`` session).
- Listed sessions keep their own dates. A session whose dates are only a window (上半年) is
  a *possible* slot over that window, clipped to the class's dates when it reaches beyond
  them (``Schedule.clipped``, CT310); an undated session (另行通知) is a possible slot over
  the class's dates.
- A class with vague dates gets one *possible* slot spanning its window, so its conflicts
  can be reported as possible. When its stated length is longer than the window
  (``9月中旬开班，为期两个月``), the window names when it starts and the slot runs on to the
  latest day it can end.

Scheduling runs once per plan, in the year pipeline's ``schedule`` step
(``cadretrain.year.pipeline``); every other stage reads the calendar and the schedules from
the ``Year`` it builds.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from cadretrain.core.dates import DateSpan
from cadretrain.core.workcal import WorkCalendar
from cadretrain.plan.model import Plan, TrainingClass
from cadretrain.plan.placement import SHORT_DAYS, breaks_in, place


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


@dataclass(frozen=True)
class Crossing:
    """A session the tool placed across a holiday or closed period (no other way fitted)."""

    number: int  # the session (0: a ``per_unit`` class, placed as a whole)
    days: int  # its training days
    breaks: tuple[str, ...]  # what it crosses, in Chinese (国庆节, 不安排培训的时段“…”)

    def warned(self, cls: TrainingClass) -> bool:
        """Worth a warning: a short session (one working week) or a closed-door class."""
        return self.days <= SHORT_DAYS or cls.closed_door


@dataclass
class Schedule:
    cls: TrainingClass
    training_days: list[date] = field(default_factory=list)
    slots: list[Slot] = field(default_factory=list)
    needed: int = 0  # training days the sessions need (count × days)
    unfitted: int = 0  # sessions that could not be placed
    crossings: list[Crossing] = field(default_factory=list)  # placed sessions across a break
    clipped: list[int] = field(default_factory=list)  # listed sessions whose window was clipped

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
        if any(undated(s.when) for s in self.cls.sessions):
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
        days = all_days(start, end)
    else:
        days = cal.workdays(start, end) or all_days(start, end)
    excluded = cls.when.closed if cls.when is not None else ()
    if excluded:  # （春节前后除外）, （7、8月除外）: the class's own closed days
        days = [d for d in days if not any(lo <= d <= hi for lo, hi in excluded)]
    return days


def session_size(cls: TrainingClass, count: int) -> int | None:
    """A session's size: planned ÷ sessions, rounded up."""
    if cls.planned is None:
        return None
    return math.ceil(cls.planned / max(count, 1))


def undated(span: DateSpan | None) -> bool:
    """True for no dates at all (另行通知, 待定): the ``when`` grammar marks such a span
    ``unscheduled``; a span without that mark has dates."""
    return span is None or bool(getattr(span, "unscheduled", False))


def window(span: DateSpan) -> tuple[date, date]:
    """The days a span may cover: its dates, and for a vague span whose stated length is longer
    than its window (the window is when it starts), on to the latest day it can end."""
    start, end = span.start, span.end
    length = span.length_days
    if not span.exact and length and end >= start and length > (end - start).days + 1:
        reach = timedelta(days=min(length, MAX_SPAN_DAYS) - 1)
        end = end + reach if end <= date.max - reach else end
    return start, end


def _listed(sched: Schedule, cls: TrainingClass, cal: WorkCalendar) -> None:
    listed = len(cls.sessions)
    outer = None if undated(cls.when) or cls.when is None else window(cls.when)
    for n, spec in enumerate(cls.sessions, start=1):
        size = spec.planned if spec.planned is not None else session_size(cls, listed)
        venue = spec.venue or cls.venue
        if undated(spec.when):  # 另行通知: may meet on any day of the class
            days = training_days(cls, *outer, cal) if outer else []
            sched.slots.append(Slot(cls, n, tuple(days), size, venue, possible=True))
            continue
        if spec.when.end < spec.when.start:
            continue
        start, end = window(spec.when)
        if not spec.when.exact and outer is not None and start <= outer[1] and end >= outer[0]:
            if start < outer[0] or end > outer[1]:
                sched.clipped.append(n)  # a window vaguer than the class's dates (CT310)
            start, end = max(start, outer[0]), min(end, outer[1])
        days = training_days(cls, start, end, cal)
        sched.slots.append(Slot(cls, n, tuple(days), size, venue, not spec.when.exact))
        sched.training_days.extend(days)
    sched.training_days.sort()


def schedule_class(cls: TrainingClass, cal: WorkCalendar) -> Schedule:
    sched = Schedule(cls)
    if cls.sessions:
        _listed(sched, cls, cal)
        return sched
    when = cls.when
    if when is None or undated(when) or when.end < when.start:
        return sched
    start, end = window(when)
    days = training_days(cls, start, end, cal)
    sched.training_days = days
    count, per = cls.session_count, cls.session_days
    if not when.exact:
        sched.needed = (count or 1) * (per or 0)
        sched.slots.append(Slot(cls, 0, tuple(days), cls.planned, cls.venue, possible=True))
        return sched
    if cls.template:  # a per_unit class: the tool placed it (plan.expand)
        sched.slots.append(Slot(cls, 0, tuple(days), cls.planned, cls.venue))
        _crossing(sched, 0, days, cal)
        return sched
    if not count or not per:
        sched.slots.append(Slot(cls, 0, tuple(days), cls.planned, cls.venue))
        return sched
    if cal.has_closed:
        days = [d for d in days if cal.closed(d) is None]
        sched.training_days = days
    sched.needed = count * per
    size = session_size(cls, count)
    blocks = place(days, per, count, cal)
    sched.unfitted = count - len(blocks)
    for n, chunk in enumerate(blocks, start=1):
        sched.slots.append(Slot(cls, n, tuple(chunk), size, cls.venue))
        _crossing(sched, n, chunk, cal)
    return sched


def _crossing(sched: Schedule, number: int, days: list[date], cal: WorkCalendar) -> None:
    if len(days) > 1:
        found = breaks_in(days[0], days[-1], cal)
        if found:
            sched.crossings.append(Crossing(number, len(days), found))


def schedule_plan(plan: Plan, cal: WorkCalendar) -> dict[str, Schedule]:
    return {c.id: schedule_class(c, cal) for c in plan.classes}


def calendar_for(plan: Plan) -> WorkCalendar:
    closed = [(*window(s), s.text.strip()) for s in plan.calendar.closed if not undated(s)]
    return WorkCalendar(plan.calendar.extra_holidays, plan.calendar.extra_workdays, closed)
