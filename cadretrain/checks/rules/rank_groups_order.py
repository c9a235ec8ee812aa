"""CT141: a ladder's ``leaders`` are not its highest ranks (a rank counted 乡科级 above one
counted 县处级)."""

from __future__ import annotations

from collections.abc import Iterator

from cadretrain.checks.base import Context, finding
from cadretrain.core.diagnostics import Diagnostic, Severity

CODE = "CT141"
SEVERITY = Severity.WARNING
TITLE = "县处级职级不在序列顶端"
EXPLANATION = """\
职级序列从高到低排列，条例第十四条的县处级及以上是其中最高的几级：leaders 应是 ranks 的前几项。
一个不算县处级的职级排在一个县处级职级之上，通常是排列顺序或 leaders 写错了。"""
PASSING = """\
rank_ladders:
  - {name: 职级, ranks: [一级调研员, 四级调研员, 一级主任科员], leaders: [一级调研员, 四级调研员]}
classes:
  - {id: a, name: 甲班, when: 2013-05-07}
"""
FAILING = """\
rank_ladders:
  - {name: 职级, ranks: [一级调研员, 一级主任科员, 四级调研员], leaders: [一级调研员, 四级调研员]}
classes:
  - {id: a, name: 甲班, when: 2013-05-07}
"""


def check(ctx: Context) -> Iterator[Diagnostic]:
    for ladder in ctx.plan.rank_ladders:
        leaders = [r for r in ladder.leaders or [] if r in ladder.ranks]
        if not leaders:
            continue
        lowest = max(ladder.ranks.index(r) for r in leaders)
        above = [r for r in ladder.ranks[:lowest] if r not in leaders]
        if above:
            low = ladder.ranks[lowest]
            yield finding(
                CODE,
                SEVERITY,
                ladder.rec.at("leaders"),
                f"职级序列“{ladder.name}”中“{'、'.join(above)}”排在县处级的“{low}”之上，"
                "却不算县处级及以上",
                hint="ranks 应从高到低排列；请核对排列顺序，或把这些职级也写进 leaders。",
            )
