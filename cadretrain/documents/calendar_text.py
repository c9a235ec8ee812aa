"""The year month by month, which classes meet on which days (``cadretrain calendar`` draws
these strips: ``cli.views``).

Each month shows a row of day numbers, one row per class active that month (``█`` a
training day, ``·`` a day inside its dates that is not a training day, ``?`` a day in
the window of a class whose dates are not fixed), and a row counting the classes that
meet each day, highlighted where they overlap.
"""

from __future__ import annotations

import calendar as stdcal
from collections import Counter
from datetime import date

from cadretrain.core.wording import UNSCHEDULED, span_text
from cadretrain.core.workcal import DayKind
from cadretrain.plan.model import TrainingClass
from cadretrain.year.model import Year


def month_lines(year: Year, month: int) -> list[tuple[str, str]]:
    """Rows of (label, strip) for one month; empty when no class meets in it."""
    plan, cal = year.plan, year.calendar
    ndays = stdcal.monthrange(plan.year, month)[1]
    days = [date(plan.year, month, d) for d in range(1, ndays + 1)]
    rows: list[tuple[str, str]] = []
    count: Counter[date] = Counter()
    for c in plan.classes:
        sched = year.schedule(c)
        meet = {d for s in sched.slots if not s.possible for d in s.days}
        maybe = {d for s in sched.slots if s.possible for d in s.days}
        if c.when is None:
            continue
        span = (c.when.start, c.when.end)
        if not any(span[0] <= d <= span[1] for d in days) and not (meet | maybe) & set(days):
            continue
        strip = ""
        for d in days:
            if d in meet:
                strip += "█"
                count[d] += 1
            elif d in maybe:
                strip += "?"
            elif span[0] <= d <= span[1]:
                strip += "·"
            else:
                strip += " "
        rows.append((c.label, strip))
    if not rows:
        return []
    marks = "".join(
        " " if not count[d] else (str(count[d]) if count[d] < 10 else "+") for d in days
    )
    head = "".join(str(d.day % 10) for d in days)
    kinds = "".join("x" if cal.kind(d) in (DayKind.WEEKEND, DayKind.HOLIDAY) else " " for d in days)
    return [("日", head), ("休息日(x)", kinds), *rows, ("当天班次数", marks)]


def schedule_text(year: Year, cls: TrainingClass) -> str:
    """The class's dates as the year model schedules them, for pages people read (the index,
    the calendar's legend): ``2013年3月13日—15日``, ``第1期 2013年3月13日—15日；第2期 …``;
    the plan's own words with （日期未定） where the dates are vague; 日期未排定 for none."""
    sched = year.schedule(cls)
    several = len(sched.slots) > 1 or (cls.session_count or 0) > 1 or len(cls.sessions) > 1
    parts: list[str] = []
    vague = cls.when.text if cls.when is not None else ""
    for slot in sched.slots:
        lead = f"第{slot.number}期 " if several and slot.number else ""
        if slot.possible or not slot.days:
            parts.append(lead + (f"{vague}（日期未定）" if vague else UNSCHEDULED))
        else:
            parts.append(lead + span_text(slot.days))
    if not parts:
        parts.append(f"{vague}（{UNSCHEDULED}）" if vague else UNSCHEDULED)
    if sched.unfitted:
        parts.append(f"另有 {sched.unfitted} 期排不下")
    return "；".join(dict.fromkeys(parts))
