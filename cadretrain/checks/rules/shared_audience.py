"""CT305: two classes on the same days whose audiences can hold the same cadre."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from cadretrain.checks.base import Context, finding
from cadretrain.core.diagnostics import Diagnostic, Related, Severity
from cadretrain.core.sweep import days_text, overlapping_pairs
from cadretrain.plan.model import Eligible
from cadretrain.plan.schedule import Slot

CODE = "CT305"
SEVERITY = Severity.WARNING
TITLE = "学员可能同时在两个班"
EXPLANATION = """\
两个班次日期重叠，而两者的参训条件（eligible）可能是同一批人（有共同标签，或职级
有交集且性别不矛盾）时，同一干部可能被两个班同时选调。有一方时间未定时报告为“可能”。
没有写 eligible 的班次不参与此检查。"""
PASSING = """\
classes:
  - {id: a, name: 甲班, when: 2013年5月7日---5月9日, eligible: {tags: [中青年]}}
  - {id: b, name: 乙班, when: 2013年5月10日, eligible: {tags: [中青年]}}
"""
FAILING = """\
classes:
  - {id: a, name: 甲班, when: 2013年5月7日---5月9日, eligible: {tags: [中青年]}}
  - {id: b, name: 乙班, when: 2013年5月9日, eligible: {tags: [中青年]}}
"""


def check(ctx: Context) -> Iterator[Diagnostic]:
    slots = [s for s in ctx.slots if s.cls.eligible is not None]
    pairs: dict[tuple[int, int], list[tuple[Slot, Slot]]] = defaultdict(list)
    for a, b in overlapping_pairs(slots):
        if a.cls is b.cls:
            continue
        ea, eb = a.cls.eligible, b.cls.eligible
        if not ea or not eb or not audiences_meet(ea, eb):
            continue
        if set(a.days) & set(b.days):
            first, second = sorted((a, b), key=lambda s: s.cls.index)
            pairs[(first.cls.index, second.cls.index)].append((first, second))
    for key in sorted(pairs):
        found = pairs[key]
        first, second = found[0]
        days = [d for a, b in found for d in set(a.days) & set(b.days)]
        possible = any(a.possible or b.possible for a, b in found)
        when = days_text(days, possible)
        yield finding(
            CODE,
            SEVERITY,
            second.cls.rec.at("when"),
            f"“{second.cls.label}”与“{first.cls.label}”在 {when} 同时上课，两班的参训对象"
            f"可能是同一批人（“{second.cls.label}”：{second.cls.eligible_text}；"
            f"“{first.cls.label}”：{first.cls.eligible_text}）",
            related=[Related(first.cls.rec.at("when"), f"“{first.cls.label}”")],
            hint="选调学员时避免同一人同时参加两个班；报名汇总后可按身份证号精确核对。",
            possible=possible,
        )


def can_share(a: Eligible, b: Eligible) -> bool:
    """True when one person can meet both rules and the rules point at a common group.

    Rules are compatible when every dimension both constrain agrees (rank sets intersect,
    the same gender). They point at a common group when they share a tag or both constrain
    rank. A rule of tags alone and a rule of ranks alone are not taken to overlap: tags name
    distinct groups (中青年, 团干部 …) and would otherwise flag every pair of classes.
    """
    if a.ranks is not None and b.ranks is not None and not (a.ranks & b.ranks):
        return False
    if a.gender and b.gender and a.gender != b.gender:
        return False
    shared_tag = bool(a.tags & b.tags)
    both_ranked = a.ranks is not None and b.ranks is not None
    return shared_tag or both_ranked


def audiences_meet(a: list[Eligible], b: list[Eligible]) -> bool:
    """Any alternative of one class can share a person with any alternative of the other."""
    return any(can_share(x, y) for x in a for y in b)
