"""CT111: ``eligible`` uses a rank not in ``ranks``, or a tag not in ``tags`` (when declared)."""

from __future__ import annotations

from collections.abc import Iterator

from cadretrain.checks.base import Context, finding
from cadretrain.core.diagnostics import Diagnostic, Severity
from cadretrain.plan.fields import Rec, did_you_mean

CODE = "CT111"
SEVERITY = Severity.ERROR
TITLE = "引用了未声明的职级或标签"
EXPLANATION = """\
eligible 中的职级必须在 ranks 中声明；声明了 tags 时，标签也必须在其中。"""
PASSING = """\
ranks: [乡科级正职, 乡科级副职]
classes:
  - {id: a, name: 甲班, when: 2013-05-07, eligible: {rank: [乡科级正职]}}
"""
FAILING = """\
ranks: [乡科级正职, 乡科级副职]
classes:
  - {id: a, name: 甲班, when: 2013-05-07, eligible: {rank: [科级正职]}}
"""


def check(ctx: Context) -> Iterator[Diagnostic]:
    ranks = ctx.plan.ranks
    tags = ctx.plan.tags
    check_tags = "tags" in ctx.plan.rec.values
    for c in ctx.plan.classes:
        for elig in c.rec.get("eligible") or []:
            yield from _check_rule(c.label, elig, ranks, tags, check_tags)


def _check_rule(
    label: str, elig: Rec, ranks: list[str], tags: list[str], check_tags: bool
) -> Iterator[Diagnostic]:
    wanted: list[tuple[str, str, int]] = []
    for key in ("rank", "tags"):
        wanted += [(key, v, i) for i, v in enumerate(elig.get(key, []))]
    wanted += [
        (k, elig.values[k], -1) for k in ("rank_at_least", "rank_at_most") if k in elig.values
    ]
    for key, value, i in wanted:
        is_tag = key == "tags"
        if is_tag and (not check_tags or value in tags):
            continue
        if not is_tag and value in ranks:
            continue
        what, table, known = ("标签", "tags", tags) if is_tag else ("职级", "ranks", ranks)
        positions = elig.item_pos.get(key, [])
        pos = positions[i] if 0 <= i < len(positions) else elig.at(key)
        yield finding(
            CODE,
            SEVERITY,
            pos,
            f"班次“{label}”的参训条件用到{what}“{value}”，但 {table} 中没有声明",
            hint=did_you_mean(value, known) or f"请在 {table} 中声明“{value}”。",
        )
