"""CT309: dates the plan writes fall in one of its own closed periods (``calendar.closed``)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from cadretrain.checks.base import Context, finding
from cadretrain.checks.spans import class_spans
from cadretrain.core.diagnostics import Diagnostic, Severity
from cadretrain.core.sweep import days_text

CODE = "CT309"
SEVERITY = Severity.WARNING
TITLE = "班次安排在不安排培训的时段"
EXPLANATION = """\
calendar.closed 写明了不安排培训的时段（如党校暑假、场地维修的月份）。工具自己排日期时从不用这些
日子；计划写定的班次或某一期的日期落在其中时报告（日期照写的算，不改动）。分期的班次只看各期：
班次的培训时间跨过封闭时段、各期避开了它，是正常的。"""
PASSING = """\
calendar: {closed: [7月15日—8月31日]}
classes:
  - {id: a, name: 甲班, when: 2013年9月2日—6日}
"""
FAILING = """\
calendar: {closed: [7月15日—8月31日]}
classes:
  - {id: a, name: 甲班, when: 2013年8月5日—9日}
"""


def check(ctx: Context) -> Iterator[Diagnostic]:
    cal = ctx.cal
    if not cal.has_closed:
        return
    for c in ctx.plan.classes:
        if c.template:  # placed by the tool, never on a closed day
            continue
        for span, pos, what in class_spans(c):
            if span is c.when and (c.sessions or c.session_count):
                continue  # the class's dates enclose its sessions, which are checked
            if not span.exact or span.end < span.start or (span.end - span.start).days > 366:
                continue
            hit: dict[str, list[date]] = {}
            day = span.start
            while day <= span.end:
                name = cal.closed(day)
                if name is not None:
                    hit.setdefault(name, []).append(day)
                day += timedelta(days=1)
            for name, days in hit.items():
                yield finding(
                    CODE,
                    SEVERITY,
                    pos,
                    f"{what}的日期“{span.text}”有 {days_text(days)} 落在不安排培训的时段“{name}”",
                    hint="改到其他日期，或修改 calendar.closed。",
                )
