"""The rules ``cadretrain validate`` runs, in order, and ``run_checks``.

Each rule is one module in ``checks/rules/`` that declares its ``CODE``, ``SEVERITY``,
``TITLE``, ``EXPLANATION``, ``PASSING`` and ``FAILING`` examples beside ``check(ctx)``, which
returns its findings (``checks.base.Rule``). To add a rule, copy a module, change it, and
list it here. Rules are independent: each may run alone and none reads another's findings.
What a plan silences with ``ignore:`` is applied afterwards (``checks.ignoring``).
"""

from __future__ import annotations

from collections.abc import Iterable

from cadretrain.checks.base import Context, Rule
from cadretrain.checks.ignoring import apply_ignores
from cadretrain.checks.rules import (
    classes_declared,
    doc_number_form,
    duplicate_ids,
    duplicate_names,
    end_before_start,
    grading_weights,
    in_closed_period,
    listed_sessions,
    missing_planned,
    outside_year,
    printed_before_issued,
    rank_groups_order,
    rank_ladders,
    register_uncovered,
    requirements_leave,
    session_clipped,
    session_crosses_break,
    session_over_capacity,
    sessions_declared,
    sessions_fit,
    sessions_in_when,
    shared_audience,
    shared_audience_register,
    teacher_double_booked,
    trainee_in_two_classes,
    unknown_calendar_year,
    unknown_ranks_or_tags,
    unknown_roster_columns,
    unknown_teachers,
    unknown_units,
    unknown_venues,
    unscheduled,
    venue_over_capacity,
    weekend_boundaries,
)
from cadretrain.core.diagnostics import Diagnostic, Sink
from cadretrain.core.workcal import WorkCalendar
from cadretrain.plan.model import Plan
from cadretrain.plan.schedule import Schedule

RULES: tuple[Rule, ...] = (
    duplicate_ids,
    duplicate_names,
    unknown_venues,
    unknown_teachers,
    unknown_ranks_or_tags,
    unknown_units,
    unknown_roster_columns,
    rank_ladders,
    rank_groups_order,
    requirements_leave,
    end_before_start,
    outside_year,
    unscheduled,
    unknown_calendar_year,
    classes_declared,
    doc_number_form,
    printed_before_issued,
    sessions_declared,
    sessions_in_when,
    missing_planned,
    grading_weights,
    register_uncovered,
    session_over_capacity,
    sessions_fit,
    session_crosses_break,
    listed_sessions,
    session_clipped,
    weekend_boundaries,
    in_closed_period,
    venue_over_capacity,
    teacher_double_booked,
    shared_audience,
    shared_audience_register,
    trainee_in_two_classes,
)

__all__ = ["RULES", "Context", "Rule", "rule_for", "run_checks"]


def rule_for(code: str) -> Rule | None:
    for rule in RULES:
        if code == rule.CODE:
            return rule
    return None


def run_checks(
    plan: Plan,
    sink: Sink,
    only: Iterable[str] | None = None,
    *,
    cal: WorkCalendar | None = None,
    schedules: dict[str, Schedule] | None = None,
) -> None:
    """Run the rules (or only those whose codes are given) on a loaded plan and add their
    findings to ``sink``, those the plan silences marked ``ignored``. ``cal`` and
    ``schedules`` are the year pipeline's (``cadretrain.year.pipeline``): checks never
    compute their own."""
    if cal is None or schedules is None:
        raise ValueError("run_checks needs cal= and schedules= (the year pipeline builds them)")
    wanted = set(only) if only is not None else None
    ctx = Context(plan, cal, schedules)
    found: list[Diagnostic] = []
    ran: set[str] = set()
    for rule in RULES:
        if wanted is None or rule.CODE in wanted:
            found.extend(rule.check(ctx))
            ran.add(rule.CODE)
    sink.extend(apply_ignores(plan, found, ran, sink, RULES))
