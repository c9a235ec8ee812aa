"""What a rule is: the module it lives in declares its metadata beside ``check``; every check
gets a ``Context`` (the plan, its work calendar, the fitted schedules) and returns findings
built with ``finding``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Protocol

from cadretrain.core.diagnostics import Diagnostic, Pos, Related, Severity, Sink
from cadretrain.core.workcal import WorkCalendar
from cadretrain.plan.model import Plan
from cadretrain.plan.schedule import Schedule, Slot

if TYPE_CHECKING:
    from cadretrain.enroll.register import Cadre


@dataclass
class Context:
    """The plan under check with the work calendar and the schedules of the year pipeline
    (``cadretrain.year``), built once per plan: checks read them and never compute their own."""

    plan: Plan
    cal: WorkCalendar
    schedules: dict[str, Schedule]

    @cached_property
    def slots(self) -> list[Slot]:
        return [s for sched in self.schedules.values() for s in sched.slots if s.days]

    @cached_property
    def cadres(self) -> list[Cadre] | None:
        """The plan's cadre register, read once for every rule that needs it; None without
        one or when it cannot be read (its problems are the register's own codes)."""
        if not self.plan.register:
            return None
        from cadretrain.enroll.quota_table import load_cadres

        return load_cadres(self.plan, Sink())


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
