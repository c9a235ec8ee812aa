"""CT125: a class's ``grading.weights`` that add up to neither 1 nor 100."""

from __future__ import annotations

from collections.abc import Iterator

from cadretrain.checks.base import Context, finding
from cadretrain.core.diagnostics import Diagnostic, Severity

CODE = "CT125"
SEVERITY = Severity.ERROR
TITLE = "考核权重合计不是 1 或 100"
EXPLANATION = """\
grading.weights 可以写整数（20）、百分数（20%）或小数（0.2）：整数和百分数合计应为 100，
小数合计应为 1。
合计为其他数时不会被自动折算（无法确定是哪一项写错了），cadretrain scores 不评定这个班次的成绩，
请改正权重。"""
PASSING = """\
classes:
  - id: a
    name: 甲班
    when: 2013-05-07
    grading: {weights: {学习态度: 0.2, 培训考勤: 0.3, 学习结果: 0.5}}
"""
FAILING = """\
classes:
  - id: a
    name: 甲班
    when: 2013-05-07
    grading: {weights: {学习态度: 20, 培训考勤: 30, 学习结果: 30}}
"""


def check(ctx: Context) -> Iterator[Diagnostic]:
    for c in ctx.plan.classes:
        g = c.grading
        if g.unreadable:
            continue  # the unreadable weight is CT103's
        problem = g.weights_problem
        if not problem:
            continue
        pos = c.rec.at_path("grading", "weights")
        yield finding(
            CODE,
            SEVERITY,
            pos,
            f"班次“{c.label}”的{problem}",
            hint="整数或百分数写法合计应为 100，小数写法合计应为 1；请改正写错的一项。"
            "权重不对时 cadretrain scores 不评定这个班次的成绩。",
        )
