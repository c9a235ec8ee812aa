"""CT205: a year the holiday library does not know yet (workdays by weekends only)."""

from __future__ import annotations

from collections.abc import Iterator

from cadretrain.checks.base import Context, finding
from cadretrain.checks.spans import class_spans
from cadretrain.core.diagnostics import Diagnostic, Severity

CODE = "CT205"
SEVERITY = Severity.WARNING
TITLE = "节假日安排未知的年度"
EXPLANATION = """\
节假日库还没有某年的放假和调休安排时（国务院通常在上一年年底公布），只按周末判断工作日。"""
PASSING = """\
classes:
  - {id: a, name: 甲班, when: 2013-05-07}
"""
FAILING = """\
classes:
  - {id: a, name: 甲班, when: 2099-05-07}
"""


def check(ctx: Context) -> Iterator[Diagnostic]:
    years = {ctx.plan.year}
    for c in ctx.plan.classes:
        for span, _, _ in class_spans(c):
            if span.end >= span.start and span.end.year - span.start.year < 3:
                years.update(range(span.start.year, span.end.year + 1))
    for year in sorted(years):
        if not ctx.cal.known(year):
            yield finding(
                CODE,
                SEVERITY,
                ctx.plan.at("year"),
                f"节假日库中还没有 {year} 年的法定节假日和调休安排，暂按周末判断工作日",
                hint="可在 calendar 的 extra_holidays / extra_workdays 中写入已公布的安排，"
                "或升级 holidays 库。",
            )
