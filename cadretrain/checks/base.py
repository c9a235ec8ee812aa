"""What every check gets: the plan, its work calendar, the fitted schedules, and a sink."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Protocol

from cadretrain.core.diagnostics import Sink
from cadretrain.core.workcal import WorkCalendar
from cadretrain.plan.model import Plan
from cadretrain.plan.schedule import Schedule, Slot


@dataclass
class Context:
    """The calendar and the schedules are the year pipeline's (``cadretrain.year``), built
    once per plan: checks read them and never compute their own."""

    plan: Plan
    sink: Sink
    cal: WorkCalendar
    schedules: dict[str, Schedule]

    @cached_property
    def slots(self) -> list[Slot]:
        return [s for sched in self.schedules.values() for s in sched.slots if s.days]


class Check(Protocol):
    code: str
    __name__: str
    __doc__: str | None

    def __call__(self, ctx: Context) -> None: ...


def rule(code: str) -> Callable[[Callable[[Context], None]], Check]:
    """Mark a function as the check for ``code`` (registration is explicit, in RULES)."""

    def mark(fn: Callable[[Context], None]) -> Check:
        fn.code = code  # type: ignore[attr-defined]
        return fn  # type: ignore[return-value]

    return mark
