"""Dates against the calendar: order, plan year, vague dates, holidays and weekends."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from cadretrain.checks.base import Context, rule
from cadretrain.core.dates import DateSpan, format_span
from cadretrain.core.diagnostics import Pos, Severity
from cadretrain.core.wording import day_text
from cadretrain.core.workcal import DayKind
from cadretrain.plan.model import TrainingClass


def _spans(c: TrainingClass) -> Iterator[tuple[DateSpan, Pos, str]]:
    """The class's own dates and each listed session's, with where they are written."""
    if c.when is not None:
        yield c.when, c.rec.at("when"), f"班次“{c.label}”"
    for n, s in enumerate(c.sessions, start=1):
        yield s.when, s.rec.at("when"), f"班次“{c.label}”第 {n} 期"


def _day(d: date) -> str:
    return day_text(d)


@rule("CT105")
def end_before_start(ctx: Context) -> None:
    """培训时间的结束日期不能早于开始日期。

    通过::

        classes:
          - {id: a, name: 甲班, when: 2013年3月13日---23日}

    不通过::

        classes:
          - {id: a, name: 甲班, when: 2013年3月23日---13日}
    """
    for c in ctx.plan.classes:
        for span, pos, what in _spans(c):
            if span.end < span.start:
                ctx.sink.add(
                    "CT105",
                    pos,
                    f"{what}的结束日期 {_day(span.end)} 早于开始日期 {_day(span.start)}"
                    f"（原文“{span.text}”）",
                )


@rule("CT106")
def outside_year(ctx: Context) -> None:
    """培训日期应在计划年度（plan.year）之内。

    通过::

        classes:
          - {id: a, name: 甲班, when: 2013-05-07}

    不通过::

        classes:
          - {id: a, name: 甲班, when: 2014-05-07}
    """
    year = ctx.plan.year
    for c in ctx.plan.classes:
        for span, pos, what in _spans(c):
            if span.start.year != year or span.end.year != year:
                ctx.sink.add(
                    "CT106",
                    pos,
                    f"{what}的日期 {format_span(span.start, span.end)} 不在计划年度 {year} 年内",
                    hint="如果是跨年度的班次，可忽略此警告；否则请检查年份。",
                )


@rule("CT204")
def unscheduled(ctx: Context) -> None:
    """时间只写到“十月中下旬”“11月份”“上半年”的班次尚未排定，与它有关的冲突只能算“可能”。

    通过::

        classes:
          - {id: a, name: 甲班, when: 2013年10月14日—18日}

    不通过::

        classes:
          - {id: a, name: 甲班, when: 十月中下旬，为期一周}
    """
    for c in ctx.plan.classes:
        if c.when is not None and not c.when.exact and not c.sessions:
            length = f"，为期 {c.when.length_days} 天" if c.when.length_days else ""
            ctx.sink.add(
                "CT204",
                c.rec.at("when"),
                f"班次“{c.label}”的时间“{c.when.text}”尚未确定到具体日期"
                f"（可能在 {format_span(c.when.start, c.when.end)} 之间{length}）",
                hint="确定日期后写成如 2013年10月14日—18日；在此之前，相关冲突按“可能”报告。",
            )


@rule("CT205")
def unknown_calendar_year(ctx: Context) -> None:
    """节假日库还没有某年的放假和调休安排时（国务院通常在上一年年底公布），只按周末判断工作日。

    通过::

        classes:
          - {id: a, name: 甲班, when: 2013-05-07}

    不通过::

        classes:
          - {id: a, name: 甲班, when: 2099-05-07}
    """
    years = {ctx.plan.year}
    for c in ctx.plan.classes:
        for span, _, _ in _spans(c):
            if span.end >= span.start and span.end.year - span.start.year < 3:
                years.update(range(span.start.year, span.end.year + 1))
    for year in sorted(years):
        if not ctx.cal.known(year):
            ctx.sink.add(
                "CT205",
                ctx.plan.at("year"),
                f"节假日库中还没有 {year} 年的法定节假日和调休安排，暂按周末判断工作日",
                hint="可在 calendar 的 extra_holidays / extra_workdays 中写入已公布的安排，"
                "或升级 holidays 库。",
            )


@rule("CT302")
def weekend_boundaries(ctx: Context) -> None:
    """开班日或结业日落在周末、法定节假日时按 calendar.weekend_days 处理（allow / warn / error）；
    班次写明 weekends: true 时不检查。

    通过::

        classes:
          - {id: a, name: 甲班, when: 2013年5月7日---5月9日}

    不通过::

        classes:
          - {id: a, name: 入党积极分子培训班, when: 2013年5月11日—12日}
    """
    policy = ctx.plan.calendar.weekend_days
    if policy == "allow":
        return
    severity = Severity.ERROR if policy == "error" else Severity.WARNING
    for c in ctx.plan.classes:
        if c.weekends:
            continue
        for span, pos, what in _spans(c):
            if not span.exact or span.end < span.start:
                continue
            for which, day in (("开班日", span.start), ("结业日", span.end)):
                if which == "结业日" and day == span.start:
                    continue
                if ctx.cal.kind(day) in (DayKind.WEEKEND, DayKind.HOLIDAY):
                    ctx.sink.add(
                        "CT302",
                        pos,
                        f"{what}的{which} {_day(day)} 是{ctx.cal.label(day)}",
                        severity=severity,
                        hint="如确需在周末上课，请在班次中写 weekends: true；"
                        "或在 calendar.weekend_days 中设为 allow。",
                    )
