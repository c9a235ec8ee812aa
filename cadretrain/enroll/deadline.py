"""When the reply forms are due: one date for the notice (报名与报到) and the forms' 说明.txt,
so the two papers of one build never disagree.

Five working days (the plan's work calendar) before the class's first scheduled training day;
when that day is not after the plan's ``issued`` date, three working days from receipt; a class
without scheduled days, five working days before it opens.
"""

from __future__ import annotations

from datetime import timedelta

from cadretrain.core.wording import zh_date
from cadretrain.core.workcal import WorkCalendar
from cadretrain.plan.model import Plan
from cadretrain.plan.schedule import Schedule

DEADLINE_WORKDAYS = 5  # reply forms are due this many working days before the class starts


def deadline_text(plan: Plan, sched: Schedule, cal: WorkCalendar) -> str:
    """``2013年3月6日前``, ``接到通知后3个工作日内`` or ``开班前5个工作日``: read after 于."""
    starts = [s.start for s in sched.slots if s.days and not s.possible]
    if not starts:
        return f"开班前{DEADLINE_WORKDAYS}个工作日"
    day, left = min(starts), DEADLINE_WORKDAYS
    while left:
        day -= timedelta(days=1)
        if cal.is_workday(day):
            left -= 1
    if plan.issued is not None and day <= plan.issued:
        return "接到通知后3个工作日内"
    return f"{zh_date(day)}前"
