"""CT306: listed sessions outside the class's dates, or overlapping each other."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import NamedTuple

from cadretrain.checks.base import Context, finding
from cadretrain.core.dates import format_span
from cadretrain.core.diagnostics import Diagnostic, Related, Severity
from cadretrain.core.sweep import overlapping_pairs
from cadretrain.plan.schedule import undated

CODE = "CT306"
SEVERITY = Severity.ERROR
TITLE = "分期日期有误"
EXPLANATION = """\
逐期列出的日期应落在班次的培训时间之内，且各期之间不重叠。只写了时间窗口（如“上半年”）的一期，
窗口与班次时间相交时按交集理解（CT310 提示），完全不相交时才报告；窗口之间的重叠不报告（日期确定时
自会错开），只比较写定日期的各期。"""
PASSING = """\
classes:
  - id: a
    name: 村支书培训班
    when: 2013年5月13日---5月20日
    sessions: [{when: 5月13日—15日}, {when: 5月16日—17日}]
"""
FAILING = """\
classes:
  - id: a
    name: 村支书培训班
    when: 2013年5月13日---5月20日
    sessions: [{when: 5月13日—15日}, {when: 5月15日—17日}]
"""


def check(ctx: Context) -> Iterator[Diagnostic]:
    for c in ctx.plan.classes:
        if not c.sessions:
            continue
        numbered = [
            (n, s)
            for n, s in enumerate(c.sessions, start=1)
            if not undated(s.when) and s.when.end >= s.when.start
        ]
        if c.when is not None and c.when.exact:
            for n, s in numbered:
                outside = s.when.start < c.when.start or s.when.end > c.when.end
                if (
                    not s.when.exact
                ):  # a window: clipped to the class's dates (CT310) if it meets them
                    outside = s.when.end < c.when.start or s.when.start > c.when.end
                if outside:
                    yield finding(
                        CODE,
                        SEVERITY,
                        s.rec.at("when"),
                        f"班次“{c.label}”第 {n} 期（{format_span(s.when.start, s.when.end)}）"
                        f"不在班次培训时间 {format_span(c.when.start, c.when.end)} 之内",
                    )
        # only sessions with exact dates can clash: windows are placed apart once dated
        spans = [_Numbered(n, s.when.start, s.when.end) for n, s in numbered if s.when.exact]
        for a, b in overlapping_pairs(spans):
            first, second = c.sessions[a.n - 1], c.sessions[b.n - 1]
            yield finding(
                CODE,
                SEVERITY,
                second.rec.at("when"),
                f"班次“{c.label}”第 {b.n} 期与第 {a.n} 期日期重叠",
                related=[Related(first.rec.at("when"), f"第 {a.n} 期")],
            )


class _Numbered(NamedTuple):
    n: int
    start: date
    end: date
