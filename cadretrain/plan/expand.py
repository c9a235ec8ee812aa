"""Small classes (小班化): one class defined once with ``per_unit`` becomes one class per unit.

Seed 第五篇: 1,460 村居“两委” members of 13 towns trained town by town at the party school.
The template's people are the units' declared counts (``units[].counts``) for its ``eligible``
rules; when the template states ``planned`` that headcount is shared in proportion (largest
remainder). A unit larger than ``max_size`` is split into near-equal classes. Each class gets
``days`` training days in a row, in unit order, earliest first, placed as the sessions of a
class are (``plan.placement``): unbroken runs that cross no holiday or closed period are
preferred (a class of three days runs Monday–Wednesday rather than Friday–Tuesday, and not
across 清明) as long as every class still fits; closed days are never used.

Loading leaves the templates as written; expanding is the year pipeline's ``expand`` step
(``cadretrain.year.pipeline``), which passes the plan's work calendar.

Before expanding, ``_refused`` checks the template against the limits (``core/limits.py``): a
``days`` or ``max_size`` of 0 (CT121), more than ``MAX_DAYS`` days or more than
``MAX_PER_UNIT_CLASSES`` classes (CT120) leave the template as it is, one class, reported.
"""

from __future__ import annotations

import math
from dataclasses import replace

from cadretrain.core.apportion import apportion
from cadretrain.core.dates import DateSpan, format_span
from cadretrain.core.diagnostics import Severity, Sink
from cadretrain.core.limits import MAX_DAYS, MAX_PER_UNIT_CLASSES
from cadretrain.core.wording import cn_number
from cadretrain.core.workcal import WorkCalendar
from cadretrain.plan.declared import from_declared
from cadretrain.plan.model import Plan, TrainingClass
from cadretrain.plan.placement import place
from cadretrain.plan.schedule import training_days
from cadretrain.plan.specs import PerUnit


def _units(plan: Plan, spec: PerUnit) -> list[str]:
    if spec.units is not None:
        return [u for u in spec.units if u in plan.units]
    kinds = spec.kind
    return [uid for uid, u in plan.units.items() if not kinds or u.kind in kinds]


def _sizes(plan: Plan, template: TrainingClass, units: list[str]) -> dict[str, int]:
    counts = from_declared(plan, template).counts
    people = {uid: counts.get(uid, 0) for uid in units}
    if template.planned is None:
        return people
    shares = apportion(people, template.planned, order=units).shares
    return {s.unit: s.seats for s in shares}


def has_templates(plan: Plan) -> bool:
    return any(c.per_unit is not None for c in plan.classes)


def _refused(template: TrainingClass, spec: PerUnit, sink: Sink) -> bool:
    """Report (and refuse) a template whose ``days`` or ``max_size`` is 0, or ``days`` beyond
    the limit."""
    refused = False
    for key, what, value in (
        ("days", "每班天数", spec.days),
        ("max_size", "每班最多人数", spec.max_size),
    ):
        if value == 0:
            sink.add(
                "CT121",
                spec.rec.at(key),
                f"小班化班次“{template.label}”的{what}（per_unit 的 {key}）为 0，无法拆班",
                hint=f"{key} 至少为 1；不写 max_size 则每个单位一个班。",
            )
            refused = True
    if spec.days > MAX_DAYS:
        sink.add(
            "CT120",
            spec.rec.at("days"),
            f"小班化班次“{template.label}”每班 {spec.days} 天，超过上限 {MAX_DAYS} 天，未拆班",
            hint="上限及其理由见 docs/计划格式.md 的“上限”。",
        )
        refused = True
    return refused


def _too_many(
    template: TrainingClass, spec: PerUnit, sizes: list[int], cap: int | None, sink: Sink
) -> bool:
    """Report (and refuse) a template that would become more than MAX_PER_UNIT_CLASSES
    classes; counted before any class is made."""
    classes = sum((math.ceil(n / cap) if cap else 1) for n in sizes if n > 0)
    if classes <= MAX_PER_UNIT_CLASSES:
        return False
    sink.add(
        "CT120",
        spec.rec.at("max_size") if cap else template.rec.at("per_unit"),
        f"小班化班次“{template.label}”会拆成 {classes} 个班，超过上限 "
        f"{MAX_PER_UNIT_CLASSES} 个，未拆班",
        hint="调大 max_size，或减少参加的单位；上限及其理由见 docs/计划格式.md 的“上限”。",
    )
    return True


def expand_per_unit(plan: Plan, sink: Sink, cal: WorkCalendar) -> None:
    """Replace each ``per_unit`` template in ``plan.classes`` by its classes, in place, fitting
    them on the training days of ``cal`` (the plan's work calendar). A plan without templates
    is left untouched."""
    if not has_templates(plan):
        return
    out: list[TrainingClass] = []
    for template in plan.classes:
        spec = template.per_unit
        if spec is None:  # no per_unit, or its days are missing (reported when read)
            out.append(template)
            continue
        units = _units(plan, spec)
        if _refused(template, spec, sink):
            out.append(template)
            continue
        sizes = _sizes(plan, template, units)
        cap = spec.max_size
        if _too_many(template, spec, [sizes.get(uid, 0) for uid in units], cap, sink):
            out.append(template)
            continue
        groups: list[tuple[str, int, int, int]] = []  # unit, part, parts, size
        for uid in units:
            n = sizes.get(uid, 0)
            if n <= 0:
                continue
            parts = math.ceil(n / cap) if cap else 1
            for k in range(parts):
                groups.append((uid, k, parts, n // parts + (1 if k < n % parts else 0)))
        when = template.when
        per = spec.days
        days = training_days(template, when.start, when.end, cal) if when else []
        if cal.has_closed:
            days = [d for d in days if cal.closed(d) is None]
        if len(groups) * per > len(days):
            sink.add(
                "CT301",
                spec.rec.at("days"),
                f"小班化班次“{template.label}”拆成 {len(groups)} 个班、每班 {per} 天，"
                f"需要 {len(groups) * per} 个培训日，培训时间内只有 {len(days)} 个",
                hint="延长培训时间、减少每班天数，或调大 max_size。",
                severity=Severity.ERROR,  # CT301 is a rule's code (checks/rules/sessions_fit.py)
            )
        chosen = place(days, per, len(groups), cal)
        for i, (uid, k, parts, size) in enumerate(groups):
            block = chosen[i] if i < len(chosen) else []
            unit = plan.units[uid]
            suffix = f"第{cn_number(k + 1)}班" if parts > 1 else ""
            span = (
                DateSpan(block[0], block[-1], True, None, format_span(block[0], block[-1]))
                if len(block) == per
                else when
            )
            out.append(
                replace(
                    template,
                    id=f"{template.id}-{uid}" + (f"-{k + 1}" if parts > 1 else ""),
                    name=f"{unit.name}{template.name}{suffix}",
                    short=f"{unit.name}{template.short or '班'}{suffix}",
                    planned=size,
                    when=span,
                    template=template.id,
                    unit=uid,
                )
            )
    for index, cls in enumerate(out):
        cls.index = index
    plan.classes_listed += len(out) - len(plan.classes)
    plan.classes = out
