"""The explicit registry of checks run by ``cadretrain validate``.

Each check is a small function taking a ``Context`` and adding diagnostics to its sink;
its docstring explains the rule with a passing and a failing example (``cadretrain
explain CODE`` shows it; ``tests/test_explain.py`` runs the examples). Checks are
independent: each may be run alone and none depends on another's findings.
"""

from __future__ import annotations

from collections.abc import Iterable

from cadretrain.checks import (
    audience,
    calendar_days,
    facts,
    identity,
    references,
    sessions,
    teachers,
    trainees,
    venues,
)
from cadretrain.checks.base import Check, Context
from cadretrain.core.diagnostics import Sink
from cadretrain.core.workcal import WorkCalendar
from cadretrain.plan.model import Plan
from cadretrain.plan.schedule import Schedule

RULES: tuple[Check, ...] = (
    identity.duplicate_ids,
    identity.duplicate_names,
    references.unknown_venues,
    references.unknown_teachers,
    references.unknown_ranks_or_tags,
    references.unknown_units,
    references.unknown_roster_columns,
    calendar_days.end_before_start,
    calendar_days.outside_year,
    calendar_days.unscheduled,
    calendar_days.unknown_calendar_year,
    facts.classes_declared,
    facts.missing_planned,
    facts.session_over_capacity,
    sessions.sessions_fit,
    sessions.listed_sessions,
    calendar_days.weekend_boundaries,
    venues.venue_over_capacity,
    teachers.teacher_double_booked,
    audience.shared_audience,
    trainees.trainee_in_two_classes,
)

__all__ = ["RULES", "Check", "Context", "rule_for", "run_checks"]


def run_checks(
    plan: Plan,
    sink: Sink,
    only: Iterable[str] | None = None,
    *,
    cal: WorkCalendar | None = None,
    schedules: dict[str, Schedule] | None = None,
) -> None:
    """Run the registered checks (or only those whose codes are given) on a loaded plan, with
    the work calendar and schedules the year pipeline built (``cadretrain.year.pipeline``)."""
    if cal is None or schedules is None:
        raise ValueError("run_checks needs cal= and schedules= (the year pipeline builds them)")
    wanted = set(only) if only is not None else None
    ctx = Context(plan, sink, cal, schedules)
    for check in RULES:
        if wanted is None or check.code in wanted:
            check(ctx)


def rule_for(code: str) -> Check | None:
    for check in RULES:
        if check.code == code:
            return check
    return None
