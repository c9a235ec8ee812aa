"""CT111: ``eligible`` uses a rank not in ``ranks``, or a tag not in ``tags`` (when declared)."""

from __future__ import annotations

from collections.abc import Iterator

from cadretrain.checks.base import Context, finding
from cadretrain.core.diagnostics import Diagnostic, Severity
from cadretrain.plan.fields import did_you_mean
from cadretrain.plan.specs import EligibleRule

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
    check_tags = ctx.plan.tags_declared
    for c in ctx.plan.classes:
        for elig in c.eligible_rules:
            yield from _check_rule(c.label, elig, ranks, tags, check_tags)


def _check_rule(
    label: str, elig: EligibleRule, ranks: list[str], tags: list[str], check_tags: bool
) -> Iterator[Diagnostic]:
    wanted: list[tuple[str, str, int]] = [("rank", v, i) for i, v in enumerate(elig.rank or [])]
    wanted += [("tags", v, i) for i, v in enumerate(elig.tags)]
    wanted += [
        (k, v, -1)
        for k, v in (("rank_at_least", elig.rank_at_least), ("rank_at_most", elig.rank_at_most))
        if v is not None
    ]
    for key, value, i in wanted:
        is_tag = key == "tags"
        if is_tag and (not check_tags or value in tags):
            continue
        if not is_tag and value in ranks:
            continue
        what, table, known = ("标签", "tags", tags) if is_tag else ("职级", "ranks", ranks)
        yield finding(
            CODE,
            SEVERITY,
            elig.rec.item_at(key, i),
            f"班次“{label}”的参训条件用到{what}“{value}”，但 {table} 中没有声明",
            hint=did_you_mean(value, known) or f"请在 {table} 中声明“{value}”。",
        )
