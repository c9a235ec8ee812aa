"""CT106: dates outside the plan year."""

from __future__ import annotations

from collections.abc import Iterator

from cadretrain.checks.base import Context, finding
from cadretrain.checks.spans import class_spans
from cadretrain.core.dates import format_span
from cadretrain.core.diagnostics import Diagnostic, Severity

CODE = "CT106"
SEVERITY = Severity.WARNING
TITLE = "日期不在计划年度内"
EXPLANATION = """\
培训日期应在计划年度（plan.year）之内。"""
PASSING = """\
classes:
  - {id: a, name: 甲班, when: 2013-05-07}
"""
FAILING = """\
classes:
  - {id: a, name: 甲班, when: 2014-05-07}
"""


def check(ctx: Context) -> Iterator[Diagnostic]:
    year = ctx.plan.year
    for c in ctx.plan.classes:
        for span, pos, what in class_spans(c):
            if span.start.year != year or span.end.year != year:
                yield finding(
                    CODE,
                    SEVERITY,
                    pos,
                    f"{what}的日期 {format_span(span.start, span.end)} 不在计划年度 {year} 年内",
                    hint="如果是跨年度的班次，可忽略此警告；否则请检查年份。",
                )
