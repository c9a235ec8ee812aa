"""CT115: ``plan.roster_columns`` names a column the roster cannot give."""

from __future__ import annotations

from collections.abc import Iterator

from cadretrain.checks.base import Context, finding
from cadretrain.core.diagnostics import Diagnostic, Severity
from cadretrain.plan.fields import did_you_mean
from cadretrain.plan.model import ROSTER_COLUMNS

CODE = "CT115"
SEVERITY = Severity.ERROR
TITLE = "未知的花名册栏目"
EXPLANATION = """\
plan.roster_columns 中的每一栏都必须是花名册能给出的栏目。"""
PASSING = """\
plan: {title: 示例, year: 2013, roster_columns: [序号, 姓名, 单位及职务, 备注]}
classes: []
"""
FAILING = """\
plan: {title: 示例, year: 2013, roster_columns: [序号, 名字, 单位及职务]}
classes: []
"""


def check(ctx: Context) -> Iterator[Diagnostic]:
    for i, head in enumerate(ctx.plan.roster_columns):
        if head not in ROSTER_COLUMNS:
            yield finding(
                CODE,
                SEVERITY,
                ctx.plan.at("roster_columns", i),
                f"花名册没有“{head}”这一栏",
                hint=did_you_mean(head, ROSTER_COLUMNS) or "可选：" + "、".join(ROSTER_COLUMNS),
            )
