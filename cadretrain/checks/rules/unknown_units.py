"""CT114: a unit's ``parent`` is not a declared unit."""

from __future__ import annotations

from collections.abc import Iterator

from cadretrain.checks.base import Context, finding
from cadretrain.core.diagnostics import Diagnostic, Severity
from cadretrain.plan.fields import did_you_mean

CODE = "CT114"
SEVERITY = Severity.ERROR
TITLE = "引用了未声明的单位"
EXPLANATION = """\
单位的上级单位 parent 必须是 units 中声明过的单位代号。"""
PASSING = """\
units:
  - {id: chengguan, name: 城关镇, kind: 乡镇}
  - {id: cg-school, name: 城关一中, kind: 学校, parent: chengguan}
classes: []
"""
FAILING = """\
units:
  - {id: cg-school, name: 城关一中, kind: 学校, parent: chengguan}
classes: []
"""


def check(ctx: Context) -> Iterator[Diagnostic]:
    known = list(ctx.plan.units)
    for unit in ctx.plan.units.values():
        if unit.parent and unit.parent not in ctx.plan.units:
            yield finding(
                CODE,
                SEVERITY,
                unit.rec.at("parent"),
                f"单位“{unit.name}”的上级单位“{unit.parent}”没有在 units 中声明",
                hint=did_you_mean(unit.parent, known) or "请在 units 中添加该单位。",
            )
