"""CT140: a ``rank_ladders`` item's ``leaders`` names a rank its ``ranks`` does not list."""

from __future__ import annotations

from collections.abc import Iterator

from cadretrain.checks.base import Context, finding
from cadretrain.core.diagnostics import Diagnostic, Severity
from cadretrain.plan.fields import did_you_mean

CODE = "CT140"
SEVERITY = Severity.ERROR
TITLE = "县处级职级不在本序列中"
EXPLANATION = """\
rank_ladders 的每个序列用 leaders 写明其中哪些职级按《干部教育培训工作条例》第十四条属于
县处级及以上（每5年累计3个月或550学时），其余按乡科级及以下（每年12天或90学时）统计。
leaders 中的职级必须是本序列 ranks 中列出的；写错的职级不会被算作县处级，学时台账会按错误的
标准判断达标。"""
PASSING = """\
rank_ladders:
  - {name: 职级, ranks: [一级调研员, 四级调研员, 一级主任科员], leaders: [一级调研员, 四级调研员]}
classes:
  - {id: a, name: 甲班, when: 2013-05-07}
"""
FAILING = """\
rank_ladders:
  - {name: 职级, ranks: [一级调研员, 四级调研员, 一级主任科员], leaders: [一级调研员, 四级调研]}
classes:
  - {id: a, name: 甲班, when: 2013-05-07}
"""


def check(ctx: Context) -> Iterator[Diagnostic]:
    for ladder in ctx.plan.rank_ladders:
        for i, rank in enumerate(ladder.leaders or []):
            if rank in ladder.ranks:
                continue
            yield finding(
                CODE,
                SEVERITY,
                ladder.rec.item_at("leaders", i),
                f"职级序列“{ladder.name}”的 leaders 写了“{rank}”，但本序列的 ranks 中没有这一职级",
                hint=did_you_mean(rank, ladder.ranks) or f"请在本序列的 ranks 中加上“{rank}”。",
            )
