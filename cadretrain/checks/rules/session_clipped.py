"""CT310: a listed session whose dates are only a window reaching beyond its class's dates:
it is taken to lie within the class's dates."""

from __future__ import annotations

from collections.abc import Iterator

from cadretrain.checks.base import Context, finding
from cadretrain.core.dates import format_span
from cadretrain.core.diagnostics import Diagnostic, Severity

CODE = "CT310"
SEVERITY = Severity.INFO
TITLE = "分期时间按班次日期收窄"
EXPLANATION = """\
逐期列出的某一期只写了时间窗口（如“上半年”“全年”），而窗口超出班次的培训时间时，按落在班次培训
时间之内理解（取两者的交集），不报错；该期与其他班次的冲突按“可能”报告。窗口与班次时间完全不相交时
由 CT306 报错。"""
PASSING = """\
classes:
  - id: a
    name: 轮训班
    when: 2013年3月1日—6月28日
    sessions: [{when: 4月份}, {when: 5月份}]
"""
FAILING = """\
classes:
  - id: a
    name: 轮训班
    when: 2013年3月1日—6月28日
    sessions: [{when: 上半年}, {when: 5月份}]
"""


def check(ctx: Context) -> Iterator[Diagnostic]:
    for c in ctx.plan.classes:
        sched = ctx.schedules.get(c.id)
        if sched is None or sched.cls is not c or c.when is None:
            continue
        for n in sched.clipped:
            spec = c.sessions[n - 1]
            slot = next((s for s in sched.slots if s.number == n), None)
            inside = (
                f"按 {format_span(slot.start, slot.end)} 之间理解"
                if slot is not None and slot.days
                else "按班次培训时间理解"
            )
            yield finding(
                CODE,
                SEVERITY,
                spec.rec.at("when"),
                f"班次“{c.label}”第 {n} 期的时间“{spec.when.text}”超出班次培训时间“{c.when.text}”，"
                f"{inside}",
                hint="确定日期后逐期写明；如该期确在班次时间之外，请修改班次的 when。",
            )
