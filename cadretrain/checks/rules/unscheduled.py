"""CT204: a class whose dates are only a window (十月中下旬); its conflicts are only possible."""

from __future__ import annotations

from collections.abc import Iterator

from cadretrain.checks.base import Context, finding
from cadretrain.core.dates import format_span
from cadretrain.core.diagnostics import Diagnostic, Severity

CODE = "CT204"
SEVERITY = Severity.WARNING
TITLE = "班次时间未确定"
EXPLANATION = """\
时间只写到“十月中下旬”“11月份”“上半年”的班次尚未排定，与它有关的冲突只能算“可能”。"""
PASSING = """\
classes:
  - {id: a, name: 甲班, when: 2013年10月14日—18日}
"""
FAILING = """\
classes:
  - {id: a, name: 甲班, when: 十月中下旬，为期一周}
"""


def check(ctx: Context) -> Iterator[Diagnostic]:
    for c in ctx.plan.classes:
        if c.when is not None and not c.when.exact and not c.sessions:
            if c.when.unscheduled:  # 另行通知, 时间另定, 待定: no window to report
                yield finding(
                    CODE,
                    SEVERITY,
                    c.rec.at("when"),
                    f"班次“{c.label}”的时间为“{c.when.text}”，尚未排期；确定日期前不参加冲突检查，"
                    "通知中写“时间另行通知”",
                    hint="确定日期后写成如 2013年10月14日—18日。",
                )
                continue
            length = f"，为期 {c.when.length_days} 天" if c.when.length_days else ""
            if c.sessions_from_when:  # 3月，每期三天，分两期进行: the length is each session's
                each = f"、每期 {c.session_days} 天" if c.session_days else ""
                length = f"，分 {c.session_count} 期{each}"
            yield finding(
                CODE,
                SEVERITY,
                c.rec.at("when"),
                f"班次“{c.label}”的时间“{c.when.text}”尚未确定到具体日期"
                f"（可能在 {format_span(c.when.start, c.when.end)} 之间{length}）",
                hint="确定日期后写成如 2013年10月14日—18日；在此之前，相关冲突按“可能”报告。",
            )
