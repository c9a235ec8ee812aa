"""A named teacher cannot teach two classes on one day (a pool of teachers can)."""

from __future__ import annotations

from collections import defaultdict

from cadretrain.checks.base import Context, rule
from cadretrain.core.diagnostics import Related
from cadretrain.core.sweep import days_text, overlapping_pairs
from cadretrain.plan.schedule import Slot


@rule("CT304")
def teacher_double_booked(ctx: Context) -> None:
    """同一位教师（不是 pool: true 的师资群体）不能在同一天给两个班次授课。

    通过::

        teachers: [{id: tian, name: 田瑞娟}, {id: ps, name: 县委党校教师, pool: true}]
        classes:
          - {id: a, name: 甲班, when: 2013年5月7日---5月9日, teachers: [tian, ps]}
          - {id: b, name: 乙班, when: 2013年5月9日---5月10日, teachers: [ps]}

    不通过::

        teachers: [{id: tian, name: 田瑞娟}]
        classes:
          - {id: a, name: 甲班, when: 2013年5月7日---5月9日, teachers: [tian]}
          - {id: b, name: 乙班, when: 2013年5月9日---5月10日, teachers: [tian]}
    """
    by_teacher: dict[str, list[Slot]] = defaultdict(list)
    for slot in ctx.slots:
        for tid in dict.fromkeys(slot.cls.teachers):
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
            ctx.sink.add(
                "CT304",
                second.cls.rec.at("teachers"),
                f"教师{teacher.name}在 {when} 同时给“{first.cls.label}”和“{second.cls.label}”授课",
                related=[Related(first.cls.rec.at("teachers"), f"“{first.cls.label}”")],
                hint="调整其中一个班次的日期或授课教师；"
                "若是师资群体，请在 teachers 中写 pool: true。",
                possible=possible,
            )
