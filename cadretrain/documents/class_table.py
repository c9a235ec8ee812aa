"""The classes as table rows, with the session dates the tool chose (``cadretrain show``
draws them: ``cli.views``)."""

from __future__ import annotations

from cadretrain.core.dates import format_span
from cadretrain.plan.schedule import Schedule
from cadretrain.year.model import Year


def class_rows(year: Year) -> list[list[str]]:
    """One row per class: 序号, 班次, 时间, 分期（选定日期）, 人数, 场地, 教师."""
    plan = year.plan
    rows = []
    for n, c in enumerate(plan.classes, start=1):
        when = c.when.text if c.when else ""
        venue = plan.venues[c.venue].name if c.venue in plan.venues else (c.venue or "")
        teachers = "、".join(plan.teachers[t].name if t in plan.teachers else t for t in c.teachers)
        rows.append(
            [str(n), c.label, when, _sessions(year.schedule(c)), c.planned_text, venue, teachers]
        )
    return rows


def _sessions(sched: Schedule) -> str:
    parts = []
    for slot in sched.slots:
        if slot.possible:
            parts.append("待定")
        elif slot.number:
            parts.append(f"第{slot.number}期 {format_span(slot.start, slot.end)}")
        else:
            parts.append(f"{len(slot.days)}个培训日")
    if sched.unfitted:
        parts.append(f"另有 {sched.unfitted} 期排不下")
    return "\n".join(parts)
