"""The one way a plan file becomes a :class:`~cadretrain.year.model.Year`, in named steps:

1. **load** — the file as written (``plan.loader``): YAML nodes with positions, typed fields;
2. **expand** — ``per_unit`` templates become one class per unit (``plan.expand``), fitted on
   the plan's training days;
3. **schedule** — every class's sessions fitted onto training days (``plan.schedule``), once;
4. **check** — the rules (``cadretrain.checks.run_checks``), reading that calendar and those
   schedules.

Every step reports into one sink; the year keeps what was found, sorted. Commands that only
need the dates (the after-class commands over a folder of plans) skip the check step.

>>> year = load_year("plans/2013-county.yaml")  # doctest: +SKIP
>>> year.schedule(year.plan.classes[0]).slots  # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path

from cadretrain.core.diagnostics import Sink, sorted_diagnostics
from cadretrain.core.gc_pause import cycle_collection_paused
from cadretrain.core.workcal import WorkCalendar
from cadretrain.plan.loader import load_plan, parse_plan
from cadretrain.plan.model import Plan
from cadretrain.plan.schedule import Schedule, calendar_for, schedule_class
from cadretrain.year.model import Year

STEPS = ("load", "expand", "schedule", "check")


def load(path: Path | str, sink: Sink) -> Plan | None:
    """Step 1: the plan file as written (None when there is no plan to speak of)."""
    return load_plan(path, sink)


def parse(text: str, file: str, sink: Sink) -> Plan | None:
    """Step 1 for plan text already in hand."""
    return parse_plan(text, file, sink)


def expand(plan: Plan, cal: WorkCalendar, sink: Sink) -> None:
    """Step 2: ``per_unit`` templates into their classes, in place (CT301 when they do not
    fit); a plan without templates is left as it is."""
    if not any(c.per_unit is not None for c in plan.classes):
        return  # most plans: the apportionment maths is not even imported
    from cadretrain.plan.expand import expand_per_unit

    expand_per_unit(plan, sink, cal)


def schedule(plan: Plan, cal: WorkCalendar) -> list[Schedule]:
    """Step 3: each class's sessions on its training days, in plan order."""
    return [schedule_class(cls, cal) for cls in plan.classes]


def check(year: Year, sink: Sink) -> None:
    """Step 4: every rule, on the year's calendar and schedules."""
    from cadretrain.checks import run_checks

    run_checks(year.plan, sink, cal=year.calendar, schedules=year.schedules)


def build_year(plan: Plan, sink: Sink, *, checks: bool = True) -> Year:
    """Steps 2–4 on a loaded plan. ``year.diagnostics`` is everything in ``sink``, sorted."""
    cal = calendar_for(plan)
    expand(plan, cal, sink)
    year = Year(plan, cal, schedule(plan, cal))
    if checks:
        check(year, sink)
    year.diagnostics = sorted_diagnostics(sink.items)
    return year


def load_year(path: Path | str, sink: Sink | None = None, *, checks: bool = True) -> Year | None:
    """The whole pipeline on a plan file; None when it holds no plan (the reasons are in
    ``sink``)."""
    sink = sink if sink is not None else Sink()
    with cycle_collection_paused():  # core/gc_pause.py: half the time of a large plan
        plan = load(path, sink)
        return None if plan is None else build_year(plan, sink, checks=checks)


def parse_year(
    text: str, file: str = "<plan>", sink: Sink | None = None, *, checks: bool = True
) -> Year | None:
    """The whole pipeline on plan text."""
    sink = sink if sink is not None else Sink()
    with cycle_collection_paused():
        plan = parse(text, file, sink)
        return None if plan is None else build_year(plan, sink, checks=checks)
