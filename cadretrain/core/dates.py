"""Parsing the date expressions Chinese training plans use for a class's dates (``when:``).

Exact forms name the first and last day (``2013年3月13日—23日``, ``2013-05-13 ~ 2013-07-13``);
vague forms name a window (``十月中下旬``, ``下半年``, ``第三季度``, ``秋季学期``, ``9月底前``) and
give ``exact=False``; ``另行通知`` gives an *unscheduled* span (the plan year,
``unscheduled=True``).
A stated length (``为期一周``) is returned as ``length_days`` (whole days; ``length`` keeps a
half day, ``length_choices`` every alternative). Sessions the text states (``每期三天，分两期进行``)
are ``session_count`` and ``session_days`` (training days of each; the class takes them as
``sessions: {count, days}``, ``plan/training_class.py``). Nothing is dropped in silence: every
character is either consumed (``DateSpan.consumed``) or named in a note (``DateSpan.notes``: a
code of CT130–CT134 or CT137, its place and a Chinese message). Text that names no date at all
raises :class:`DateParseError` with a Chinese message and the 0-based offset of the problem.

Grammar (after normalising full-width characters; spaces are skipped)::

    when    := clause {(，|。|;) clause}          a clause also ends before 为期
    clause  := dates | sessions | length | 另行通知 | 待定 | …  anything else is reported (CT130)
    dates   := [安排在|于|…] (months | point [SEP point]) {起|开班|前|底前|完成|进行|…} [sessions]
    sessions := count | count [、] each | each [、] count          once per when (CT137)
    count   := [分|共|共分|培训|举办|…] N (期|批) [进行|举办|…]    N from 1 to MAX_SESSIONS
    each    := (每期|每班) N unit …                     a length: the training days of each
    months  := N、N、…N月                          a month list: 3、6、9、12月
    length  := [为期|共|每期|…] N unit [半] [(或|至|-) N unit [半]] [左右]
    point   := Y-M-D | Y/M/D | Y.M.D
             | [Y年] M月 [D[日|号] | 上旬 | 中旬 | 下旬 | 上中旬 | 中下旬 | 初 | 中 | 底 | 末 | 份]
             | [Y年] D(日|号) | [Y年] [第]N季度 | [Y年] (上半年 | 下半年 | 全年 | 年内 | 年底 …)
             | [Y年] (春季 | 秋季)[学期] | Y年 | 上旬 … | N SEP M月 (4—6月: the month once)
    remark  := （…）  a weekday is consumed, an exclusion (…除外) becomes closed days, else CT130

An end point without a month or year takes them from the start; an end month without a year
that lies before the start month rolls into the next year (``12月28日—1月3日``). A start day
with a stated length (``3月13日，为期一周``, ``4月10日开班，为期5天``) ends when the length is
used up, counted in calendar days or, with ``WhenSettings(training_days=True)``, in weekdays; a
length in months counts 30 days a month and makes the span vague.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

from cadretrain.core.dates_base import (
    DateParseError,
    WhenNote,
    cn_day,
    format_span,
    normalise,
    num_value,
    shown,
)
from cadretrain.core.dates_clauses import When
from cadretrain.core.dates_points import Compact
from cadretrain.core.dates_words import days_of_each

__all__ = [
    "DateParseError",
    "DateSpan",
    "WhenNote",
    "WhenSettings",
    "format_span",
    "parse_date",
    "parse_when",
]

_num_value = num_value  # enroll/form_reader.py reads session numbers (第十二期) with it


@dataclass(frozen=True)
class WhenSettings:
    """Plan settings that change what a ``when`` means."""

    training_days: bool = False  # a length counts training days (weekdays), not calendar days
    terms: tuple[tuple[str, date, date], ...] = ()  # (春季 | 秋季, first day, last day)


@dataclass(frozen=True)
class DateSpan:
    start: date  # first day (vague: earliest possible start)
    end: date  # last day, inclusive (vague: latest possible end); not checked to be >= start
    exact: bool  # True when the expression names the exact first and last day
    length_days: int | None  # a length the text states (为期一周 -> 7), whole days, else None
    text: str  # the original text
    unscheduled: bool = False  # 另行通知, 待定: no dates yet (start–end is then the plan year)
    length: float | None = field(default=None, compare=False)  # 2天半 -> 2.5; the longer of two
    length_choices: tuple[float, ...] = field(default=(), compare=False)  # 5天或7天 -> (5, 7)
    training_days: bool = field(default=False, compare=False)  # the length counts training days
    windows: tuple[tuple[date, date], ...] = field(default=(), compare=False)  # 3、6、9、12月
    closed: tuple[tuple[date, date], ...] = field(default=(), compare=False)  # （7、8月除外）
    session_count: int | None = field(default=None, compare=False)  # 分两期进行 -> 2
    session_days: int | None = field(default=None, compare=False)  # 每期三天 -> 3 training days
    notes: tuple[WhenNote, ...] = field(default=(), compare=False)
    consumed: tuple[tuple[int, int], ...] = field(default=(), compare=False)

    @property
    def length_unit(self) -> str:
        return "培训日" if self.training_days else "日历日"


def _end_after(start: date, days: int, training: bool) -> date:
    """The last day of ``days`` days from ``start`` (weekdays only when ``training``)."""
    if not training:
        return start + timedelta(days=days - 1)
    day, left = start, days - 1
    while left > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            left -= 1
    return day


def _days(x: float) -> str:
    return str(int(x)) if x == int(x) else f"{x:g}"


def parse_when(text: str, year: int, settings: WhenSettings | None = None) -> DateSpan:
    """Parse a class's dates; ``year`` (the plan's year) is used when the text names none."""
    settings = settings or WhenSettings()
    norm = normalise(text)
    if not norm.strip():
        raise DateParseError("日期表达式为空", 0)
    w = When(text, norm, year, {t: (a, b) for t, a, b in settings.terms}, settings.training_days)
    w.read()
    if w.lo is None or w.hi is None:
        if not w.unscheduled:
            at = w.dropped[0][0] if w.dropped else len(norm) - len(norm.lstrip())
            raise DateParseError(f"无法识别的日期表达式：“{shown(text)}”", at)
        lo, hi, exact = date(year, 1, 1), date(year, 12, 31), False
    else:
        lo, hi, exact = w.lo, w.hi, w.exact
    notes = list(w.notes)
    size = w.size
    length_days = None if size is None else math.ceil(size.days)
    unit = "培训日" if settings.training_days else "日历日"
    count = w.count.count if w.count is not None else None
    each = days_of_each(size) if count is not None and size is not None and size.each else None
    if w.count is not None:
        notes.append(_sessions_note(w, each))
    if size is not None and length_days is not None:
        if len(size.choices) > 1:
            notes.append(
                WhenNote(
                    "CT131",
                    *w.size_at,
                    f"培训时间中的“{size.words}”有几种天数：冲突检查、学时、人天和名额都按较长的"
                    f" {_days(size.days)} 天计",
                    hint="确定后只写一种天数，如“为期7天”。",
                )
            )
        if size.days != int(size.days):
            notes.append(
                WhenNote(
                    "CT133",
                    *w.size_at,
                    f"“{size.words}”含半天：学时按 {_days(size.days)} 天计，排期占用"
                    f" {length_days} 天",
                )
            )
        # a start day and sessions (5月13日起，每期三天，分两期): every session's training days
        by_sessions = count is not None and each is not None
        need = count * each if count is not None and each is not None else length_days
        if (exact and lo == hi and need > 1) or (w.start_only and w.exact):
            training = settings.training_days or by_sessions
            try:
                hi = _end_after(lo, need, training)
            except OverflowError:
                raise DateParseError(f"日期超出范围：“{shown(text)}”", 0) from None
            exact = size.exact and len(size.choices) == 1
            span = format_span(lo, hi)
            if by_sessions:
                message = f"{count} 期共 {need} 个培训日：培训时间为 {span}"
                hint = "各期的日期由工具在培训时间内排定；确定后可在 sessions 中逐期列出。"
            else:
                message = f"“{size.words}”按{unit}计：培训时间为 {span}"
                hint = "天数按日历日还是培训日计，由 plan.length_unit 设定（默认日历日）。"
            notes.append(WhenNote("CT133", *w.size_at, message, hint=hint))
    elif w.start_only and w.exact:
        exact = False
        notes.append(
            WhenNote(
                "CT133",
                *w.date_at,
                f"只写了开始日期 {cn_day(lo)}，没有写为期几天：按 1 天理解，时间未确定",
                hint="补写天数，如“4月10日开班，为期5天”，或写出结束日期。",
            )
        )
    notes += w.dropped_notes(format_span(lo, hi) if not w.unscheduled or w.lo else "另行通知")
    return DateSpan(
        lo,
        hi,
        exact,
        length_days,
        text,
        unscheduled=w.lo is None,
        length=None if size is None else size.days,
        length_choices=() if size is None else size.choices,
        training_days=settings.training_days,
        windows=tuple(w.windows),
        closed=tuple(w.closed),
        session_count=count,
        session_days=each,
        notes=tuple(sorted(notes, key=lambda n: n.start)),
        consumed=tuple(w.consumed),
    )


def _sessions_note(w: When, each: int | None) -> WhenNote:
    """CT137 at the sessions a ``when`` states: how many, and how long each, as scheduled."""
    assert w.count is not None
    count, size = w.count.count, w.size
    if size is None or not size.each:
        return WhenNote(
            "CT137",
            *w.count_at,
            f"按“{w.count.words}”排为 {count} 期；每期天数没有写明",
            hint="写明每期天数（如“每期3天”），工具才能在培训时间内排定各期的日期。",
        )
    words = f"{w.count.words}、{size.words}"
    if each is None:
        return WhenNote(
            "CT137",
            *w.count_at,
            f"按“{words}”排为 {count} 期；每期的培训日数无法按“{size.words}”确定",
            hint="每期天数请写成天数或周数，如“每期5天”“每期一周”。",
        )
    counted = "（一周按 5 个培训日计）" if "周" in size.words or "星期" in size.words else ""
    return WhenNote(
        "CT137",
        *w.count_at,
        f"按“{words}”排为 {count} 期，每期 {each} 天{counted}",
        hint=f"与 sessions: {{count: {count}, days: {each}}} 相同；班次另写 sessions 时以"
        " sessions 为准。",
    )


def parse_date(text: str, year: int | None = None) -> date:
    """Parse one day: ``2013-05-13``, ``2013年5月13日``, ``2013/5/13``; ``5月13日`` needs a year."""
    norm = normalise(text)
    c = Compact(text, norm, 0, len(norm))
    if not c.s:
        if not norm.strip():
            raise DateParseError("日期表达式为空", 0)
        raise c.fail()
    p = c.point()
    if c.i < len(c.s):
        raise c.fail()
    if not p.exact:
        raise DateParseError(f"不是具体日期：“{shown(text)}”", c.offset(p.at))
    return c.resolve(p, year, None)[0]
