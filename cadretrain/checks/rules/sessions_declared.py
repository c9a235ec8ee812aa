"""CT311: the session count the plan states (“共15期”) differs from the sessions listed."""

from __future__ import annotations

from collections.abc import Iterator

from cadretrain.checks.base import Context, finding
from cadretrain.core.diagnostics import Diagnostic, Severity
from cadretrain.plan.model import Plan

CODE = "CT311"
SEVERITY = Severity.WARNING
TITLE = "期数与声明不符"
EXPLANATION = """\
plan.classes_declared 写成期数（“共15期”“12个班次、45期”或 {sessions: 45}）时，应与各班次的
期数之和一致：逐期列出的按列出的期数，sessions: {count: N} 或 when 中的“分N期”按 N，其余班次
各算 1 期。"""
PASSING = """\
plan: {title: 示例, year: 2013, classes_declared: 共3期}
classes:
  - {id: a, name: 甲班, when: 2013年5月6日—17日, sessions: {count: 2, days: 3}}
  - {id: b, name: 乙班, when: 2013-05-21}
"""
FAILING = """\
plan: {title: 示例, year: 2013, classes_declared: 共3期}
classes:
  - {id: a, name: 甲班, when: 2013年5月6日—17日, sessions: {count: 3, days: 3}}
  - {id: b, name: 乙班, when: 2013-05-21}
"""


def sessions_listed(plan: Plan) -> int:
    """The sessions the plan lists: per class its listed sessions, else its ``count`` (written,
    or stated in its ``when``: ``分三期``), else 1; a class entry the loader could not build
    counts 1."""
    built = sum(len(c.sessions) or c.session_count or 1 for c in plan.classes)
    return built + max(plan.classes_listed - len(plan.classes), 0)


def check(ctx: Context) -> Iterator[Diagnostic]:
    declared = ctx.plan.classes_declared
    if declared is None or declared.sessions is None:
        return
    listed = sessions_listed(ctx.plan)
    if declared.sessions != listed:
        yield finding(
            CODE,
            SEVERITY,
            ctx.plan.at("classes_declared"),
            f"计划写明全年共 {declared.sessions} 期，各班次合计 {listed} 期",
            hint="核对各班次的期数（sessions）；写的如是班次数，请写成整数或“共N个班次”。",
        )
