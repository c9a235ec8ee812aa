"""CT303: classes meeting in one venue on one day hold more people than it seats."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date

from cadretrain.checks.base import Context, finding
from cadretrain.core.diagnostics import Diagnostic, Related, Severity
from cadretrain.core.sweep import days_text
from cadretrain.plan.schedule import Slot

CODE = "CT303"
SEVERITY = Severity.ERROR
TITLE = "场地超员"
EXPLANATION = """\
同一天在同一场地上课的各期人数之和（每期人数 = 规划人数 ÷ 期数，向上取整）不能超过
场地容量。只有一个班也超员的情况由 CT203 报告；外单位场地（external: true）不检查。
日期未定的一期（时间窗口、另行通知）按“可能”参与；同一班次的几期不会同日上课，只算其中人数最多的一期。"""
PASSING = """\
venues: [{id: ps, name: 县委党校, capacity: 200}]
classes:
  - {id: a, name: 甲班, when: 2013年5月7日---5月9日, planned: 118, venue: ps}
  - {id: b, name: 乙班, when: 2013年5月9日---5月10日, planned: 50, venue: ps}
"""
FAILING = """\
venues: [{id: ps, name: 县委党校, capacity: 200}]
classes:
  - {id: a, name: 甲班, when: 2013年5月7日---5月9日, planned: 118, venue: ps}
  - {id: b, name: 乙班, when: 2013年5月9日---5月10日, planned: 100, venue: ps}
"""


def check(ctx: Context) -> Iterator[Diagnostic]:
    by_day: dict[tuple[str, date], list[Slot]] = defaultdict(list)
    for slot in ctx.slots:
        venue = ctx.plan.venues.get(slot.venue or "")
        if venue is None or venue.external or venue.capacity is None or slot.size is None:
            continue
        for day in slot.days:
            by_day[(venue.id, day)].append(slot)
    groups: dict[tuple[str, tuple[Slot, ...]], list[date]] = defaultdict(list)
    for (venue_id, day), found in by_day.items():
        if len(found) < 2:
            continue
        slots = _one_per_class(found)
        if len(slots) < 2:
            continue
        capacity = ctx.plan.venues[venue_id].capacity or 0
        if sum(s.size or 0 for s in slots) > capacity:
            key = tuple(sorted(slots, key=lambda s: (s.cls.index, s.number)))
            groups[(venue_id, key)].append(day)
    for (venue_id, group), days in sorted(groups.items(), key=lambda g: min(g[1])):
        venue = ctx.plan.venues[venue_id]
        total = sum(s.size or 0 for s in group)
        possible = any(s.possible for s in group)
        when = days_text(days, possible)
        parts = "，".join(f"{s.label} {s.size} 人" for s in group)
        last = group[-1]
        yield finding(
            CODE,
            SEVERITY,
            last.cls.rec.at("venue"),
            f"{venue.name}在 {when} 同时有 {total} 人上课（{parts}），超过容量 {venue.capacity} 人",
            related=[Related(s.cls.rec.at("when"), s.label) for s in group[:-1]],
            hint="错开日期、换用其他场地，或减少每期人数。",
            possible=possible,
        )


def _one_per_class(slots: list[Slot]) -> list[Slot]:
    """A class's sessions never meet on the same day: when several of its sessions may fall on
    a day (windows, 另行通知), the largest one counts."""
    best: dict[int, Slot] = {}
    for slot in slots:
        kept = best.get(slot.cls.index)
        if kept is None or (slot.size or 0) > (kept.size or 0):
            best[slot.cls.index] = slot
    return list(best.values())
