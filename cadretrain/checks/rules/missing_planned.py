"""CT202: a class without a headcount (``planned``)."""

from __future__ import annotations

from collections.abc import Iterator

from cadretrain.checks.base import Context, finding
from cadretrain.core.diagnostics import Diagnostic, Severity

CODE = "CT202"
SEVERITY = Severity.WARNING
TITLE = "未写规划人数"
EXPLANATION = """\
每个班次都应写规划人数 planned，名额分配和场地容量检查都依赖它。"""
PASSING = """\
classes:
  - {id: a, name: 甲班, when: 2013-05-07, planned: 50}
"""
FAILING = """\
classes:
  - {id: a, name: 甲班, when: 2013-05-07}
"""


def check(ctx: Context) -> Iterator[Diagnostic]:
    for c in ctx.plan.classes:
        written = c.rec.written("planned")  # a value that could not be read is CT103's
        if c.planned is None and not written and not any(s.planned for s in c.sessions):
            yield finding(
                CODE,
                SEVERITY,
                c.rec.at("name"),
                f"班次“{c.label}”没有写规划人数（planned）",
                hint="没有规划人数，就无法分配名额，也无法检查场地容量。",
            )
