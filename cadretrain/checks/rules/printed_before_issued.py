"""CT171: the 印发日期 (``printed_on``) before the 成文日期 (``issued``)."""

from __future__ import annotations

from collections.abc import Iterator

from cadretrain.checks.base import Context, finding
from cadretrain.core.diagnostics import Diagnostic, Severity
from cadretrain.core.wording import zh_date

CODE = "CT171"
SEVERITY = Severity.WARNING
TITLE = "印发日期早于成文日期"
EXPLANATION = """\
通知落款的成文日期是 plan.issued，版记中的印发日期是 plan.printed_on（不写时同成文日期）。
公文先成文、后印发，印发日期不应早于成文日期。"""
PASSING = """\
plan: {title: 示例, year: 2013, issued: 2013-02-19, printed_on: 2013-02-20}
classes:
  - {id: a, name: 甲班, when: 2013-05-07}
"""
FAILING = """\
plan: {title: 示例, year: 2013, issued: 2013-02-19, printed_on: 2013-02-18}
classes:
  - {id: a, name: 甲班, when: 2013-05-07}
"""


def check(ctx: Context) -> Iterator[Diagnostic]:
    plan = ctx.plan
    printed, issued = plan.imprint.printed_on, plan.issued
    if printed is not None and issued is not None and printed < issued:
        yield finding(
            CODE,
            SEVERITY,
            plan.at("printed_on"),
            f"印发日期 {zh_date(printed)} 早于成文日期 {zh_date(issued)}",
            hint="核对 plan.printed_on（版记的印发日期）和 plan.issued（落款的成文日期）。",
        )
