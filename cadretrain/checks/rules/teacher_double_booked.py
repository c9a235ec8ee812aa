"""CT304: a named teacher (not a pool) teaching two classes on one day."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from cadretrain.checks.base import Context, finding
from cadretrain.core.diagnostics import Diagnostic, Pos, Related, Severity
from cadretrain.core.sweep import days_text, overlapping_pairs
from cadretrain.plan.schedule import Slot

CODE = "CT304"
SEVERITY = Severity.ERROR
TITLE = "教师同日两班授课"
EXPLANATION = """\
同一位教师（不是 pool: true 的师资群体）不能在同一天给两个班次授课。"""
PASSING = """\
teachers: [{id: tian, name: 田瑞娟}, {id: ps, name: 县委党校教师, pool: true}]
classes:
  - {id: a, name: 甲班, when: 2013年5月7日---5月9日, teachers: [tian, ps]}
  - {id: b, name: 乙班, when: 2013年5月9日---5月10日, teachers: [ps]}
"""
FAILING = """\
teachers: [{id: tian, name: 田瑞娟}]
classes:
  - {id: a, name: 甲班, when: 2013年5月7日---5月9日, teachers: [tian]}
  - {id: b, name: 乙班, when: 2013年5月9日---5月10日, teachers: [tian]}
"""


def check(ctx: Context) -> Iterator[Diagnostic]:
    by_teacher: dict[str, list[Slot]] = defaultdict(list)
    for slot in ctx.slots:
        for tid in dict.fromkeys(slot.cls.teachers_of(slot.number)):
            teacher = ctx.plan.teachers.get(tid)
            if teacher is not None and not teacher.pool:
                by_teacher[tid].append(slot)
    for tid in sorted(by_teacher):
        teacher = ctx.plan.teachers[tid]
        pairs: dict[tuple[int, int], list[tuple[Slot, Slot]]] = defaultdict(list)
        for a, b in overlapping_pairs(by_teacher[tid]):
            if a.cls is not b.cls and set(a.days) & set(b.days):
                first, second = sorted((a, b), key=lambda s: s.cls.index)
                pairs[(first.cls.index, second.cls.index)].append((first, second))
        for found in pairs.values():
            days = [d for a, b in found for d in set(a.days) & set(b.days)]
            first, second = found[0]
            possible = any(a.possible or b.possible for a, b in found)
            when = days_text(days, possible)
            yield finding(
                CODE,
                SEVERITY,
                _where(second),
                f"教师{teacher.name}在 {when} 同时给“{first.cls.label}”和“{second.cls.label}”授课",
                related=[Related(_where(first), f"“{first.cls.label}”")],
                hint="调整其中一个班次的日期或授课教师；"
                "若是师资群体，请在 teachers 中写 pool: true。",
                possible=possible,
            )


def _where(slot: Slot) -> Pos:
    """Where the slot's teachers are written: its session's own list, else the class's."""
    sessions = slot.cls.sessions
    if 0 < slot.number <= len(sessions) and sessions[slot.number - 1].teachers is not None:
        return sessions[slot.number - 1].rec.at("teachers")
    return slot.cls.rec.at("teachers")
