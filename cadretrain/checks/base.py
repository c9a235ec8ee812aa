"""What a rule is: the module it lives in declares its metadata beside ``check``; every check
gets a ``Context`` (the plan, its work calendar, the fitted schedules) and returns findings
built with ``finding``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Protocol

from cadretrain.core.diagnostics import Diagnostic, Pos, Related, Severity
from cadretrain.core.workcal import WorkCalendar
from cadretrain.plan.model import Plan
from cadretrain.plan.schedule import Schedule, Slot, calendar_for, schedule_plan


@dataclass
class Context:
    """The plan under check. ``cal`` and ``schedules`` are computed on first use unless the
    caller already has them (``given_cal``, ``given_schedules``)."""

    plan: Plan
    given_cal: WorkCalendar | None = None
    given_schedules: dict[str, Schedule] | None = None

    @cached_property
    def cal(self) -> WorkCalendar:
        return self.given_cal if self.given_cal is not None else calendar_for(self.plan)

    @cached_property
    def schedules(self) -> dict[str, Schedule]:
        if self.given_schedules is not None:
            return self.given_schedules
        return schedule_plan(self.plan, self.cal)

    @cached_property
    def slots(self) -> list[Slot]:
        return [s for sched in self.schedules.values() for s in sched.slots if s.days]


class Rule(Protocol):
    """What a rule module in ``checks/rules/`` declares; the module object itself is the rule.

    ``PASSING`` and ``FAILING`` are plan fragments (placed after a minimal ``plan:`` header
    when they do not start with ``plan:``) that ``tests/test_explain.py`` validates; a rule
    that reads other files than the plan gives them as ``Prose``.
    """

    CODE: str
    SEVERITY: Severity
    TITLE: str
    EXPLANATION: str
    PASSING: str
    FAILING: str

    def check(self, ctx: Context) -> Iterable[Diagnostic]: ...


class Prose(str):
    """An example told in words (the rule reads files beside the plan), not a plan fragment."""

    __slots__ = ()


def finding(
    code: str,
    severity: Severity,
    pos: Pos,
    message: str,
    *,
    hint: str = "",
    related: Iterable[Related] = (),
    possible: bool = False,
) -> Diagnostic:
    """A rule's diagnostic at its declared severity; one level softer when only ``possible``
    (a conflict of a class whose dates are not fixed yet)."""
    sev = severity.softer() if possible else severity
    return Diagnostic(code, sev, pos, message, hint, tuple(related), possible)
