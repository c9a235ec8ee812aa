"""CT307: one person enrolled in two classes that meet on the same day (from the
enrollments beside the plan)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from cadretrain.checks.base import Context, Prose, finding
from cadretrain.core.diagnostics import Diagnostic, Pos, Related, Severity, Sink
from cadretrain.core.sweep import days_text, overlapping_pairs
from cadretrain.enroll.enrollment import (
    Enrollee,
    Enrollment,
    enrollment_dir,
    enrollment_path,
    load_enrollment,
    person_key,
)
from cadretrain.plan.model import TrainingClass

CODE = "CT307"
SEVERITY = Severity.ERROR
TITLE = "同一人同时报名两个班"
EXPLANATION = """\
同一人（按身份证号，没有时按姓名和单位）报名了两个日期重叠的班次（或期次）。
数据来自计划旁 enrollments/ 下的报名名单；期次为 0 的学员按参加该班全部各期计算。"""
PASSING: str = Prose("张三报名十八大轮训班第 1 期（3月13日—15日）和妇女干部班（5月7日—9日）")
FAILING: str = Prose("张三报名春期中青年班（5月13日—7月13日）和村社区书记班第 1 期（5月13日—15日）")


def check(ctx: Context) -> Iterator[Diagnostic]:
    classes = {c.id: c for c in ctx.plan.classes}
    unreadable = Sink()  # enrollments that cannot be read (CT601)
    enrolled = _overlapping_enrollments(ctx, classes, unreadable)
    yield from unreadable.items
    if len(enrolled) < 2:
        return
    seen: dict[str, list[tuple[str, Enrollee, frozenset[date]]]] = defaultdict(list)
    for class_id in sorted(enrolled, key=lambda cid: classes[cid].index):
        slots = [s for s in ctx.schedules[class_id].slots if not s.possible]
        for person in enrolled[class_id].people:
            chosen = [s for s in slots if person.session in (0, s.number)]
            days = frozenset(d for s in chosen for d in s.days)
            if days:
                seen[person_key(person)].append((class_id, person, days))
    for entries in seen.values():
        for i, (first_id, first, first_days) in enumerate(entries):
            for second_id, second, second_days in entries[i + 1 :]:
                shared = first_days & second_days
                if first_id == second_id or not shared:
                    continue
                a, b = classes[first_id], classes[second_id]
                unit = ctx.plan.units.get(second.unit)
                yield finding(
                    CODE,
                    SEVERITY,
                    Pos(enrolled[second_id].file, second.line, 1),
                    f"{second.name}（{unit.name if unit else second.unit}）"
                    f"同时报名了“{a.label}”和“{b.label}”，{days_text(shared)} 两班都在上课",
                    related=[
                        Related(
                            Pos(enrolled[first_id].file, first.line, 1), f"“{a.label}”的报名名单"
                        )
                    ],
                    hint="请该单位另派人员，或调整期次。",
                )


@dataclass(frozen=True)
class _Span:
    class_id: str
    start: date
    end: date


def _overlapping_enrollments(
    ctx: Context, classes: dict[str, TrainingClass], sink: Sink
) -> dict[str, Enrollment]:
    """Load only the enrollments of classes whose dates overlap another enrolled class's:
    nobody can be in two places at once if the classes never meet on the same days."""
    folder = enrollment_dir(ctx.plan)
    if not folder.is_dir():
        return {}
    spans = []
    for path in sorted(folder.glob("*.yaml")):
        sched = ctx.schedules.get(path.stem)
        days = [d for s in sched.slots if not s.possible for d in s.days] if sched else []
        if days:
            spans.append(_Span(path.stem, min(days), max(days)))
    wanted = {x.class_id for pair in overlapping_pairs(spans) for x in pair}
    out = {}
    for class_id in sorted(wanted, key=lambda cid: classes[cid].index):
        loaded = load_enrollment(enrollment_path(ctx.plan, class_id), sink)
        if loaded is not None:
            out[class_id] = loaded
    return out
