"""The explicit registry of checks run by ``cadretrain validate``.

Each check is a small function taking a ``Context`` and adding diagnostics to its sink;
its docstring explains the rule with a passing and a failing example (``cadretrain
explain CODE`` shows it; ``tests/test_explain.py`` runs the examples). Checks are
independent: each may be run alone and none depends on another's findings.
"""

from __future__ import annotations

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

__all__ = ["RULES", "Check", "Context", "rule_for"]


def rule_for(code: str) -> Check | None:
    for check in RULES:
        if check.code == code:
            return check
    return None
