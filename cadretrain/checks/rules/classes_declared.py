"""CT201: the class count the plan states differs from the classes listed."""

from __future__ import annotations

from collections.abc import Iterator

from cadretrain.checks.base import Context, finding
from cadretrain.core.diagnostics import Diagnostic, Severity

CODE = "CT201"
SEVERITY = Severity.WARNING
TITLE = "班次总数与声明不符"
EXPLANATION = """\
plan.classes_declared 写的班次数（正文的“全年共N个班次”）应与列出的班次数一致；
小班化（per_unit）的模板按拆开后的班数计。写成“共15期”的是期数，由 CT311 核对。"""
PASSING = """\
plan: {title: 示例, year: 2013, classes_declared: 1}
classes:
  - {id: a, name: 甲班, when: 2013-05-07}
"""
FAILING = """\
plan: {title: 示例, year: 2013, classes_declared: 2}
classes:
  - {id: a, name: 甲班, when: 2013-05-07}
"""


def check(ctx: Context) -> Iterator[Diagnostic]:
    declared = ctx.plan.classes_declared
    listed = ctx.plan.classes_listed  # per_unit templates count as the classes they become
    if declared is not None and declared.classes is not None and declared.classes != listed:
        yield finding(
            CODE,
            SEVERITY,
            ctx.plan.at("classes_declared"),
            f"计划写明全年共 {declared.classes} 个班次，实际列出 {listed} 个",
            hint="核对是否漏列或多列了班次；写的如是期数，请写成“共N期”。",
        )
