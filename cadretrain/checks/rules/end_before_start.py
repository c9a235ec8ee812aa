"""CT105: a class's or session's dates end before they start."""

from __future__ import annotations

from collections.abc import Iterator

from cadretrain.checks.base import Context, finding
from cadretrain.checks.spans import class_spans
from cadretrain.core.diagnostics import Diagnostic, Severity
from cadretrain.core.wording import day_text

CODE = "CT105"
SEVERITY = Severity.ERROR
TITLE = "结束早于开始"
EXPLANATION = """\
培训时间的结束日期不能早于开始日期。"""
PASSING = """\
classes:
  - {id: a, name: 甲班, when: 2013年3月13日---23日}
"""
FAILING = """\
classes:
  - {id: a, name: 甲班, when: 2013年3月23日---13日}
"""


def check(ctx: Context) -> Iterator[Diagnostic]:
    for c in ctx.plan.classes:
        for span, pos, what in class_spans(c):
            if span.end < span.start:
                yield finding(
                    CODE,
                    SEVERITY,
                    pos,
                    f"{what}的结束日期 {day_text(span.end)} 早于开始日期 {day_text(span.start)}"
                    f"（原文“{span.text}”）",
                )
