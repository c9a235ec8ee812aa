"""Reading a ``when`` clause by clause (``parse_when`` in :mod:`cadretrain.core.dates` puts the
result together): bracketed remarks first, then each clause as dates, a length, ``另行通知``, or
words that are reported. Every character ends up consumed or in a note."""

from __future__ import annotations

import re
from datetime import date

from cadretrain.core.dates_base import (
    END,
    DateParseError,
    WhenNote,
    cn_day,
    format_span,
    make_day,
    shown,
)
from cadretrain.core.dates_points import Compact, Point
from cadretrain.core.dates_words import (
    DEADLINES,
    DONE,
    HELD,
    MONTH_LIST,
    NO_TRAINING_ANYWAY,
    PREFIXES,
    STARTS,
    UNSCHEDULED,
    Length,
    Sessions,
    count_and_length,
    length,
    month_list,
    period,
    session_count,
)
from cadretrain.core.limits import MAX_SESSIONS

_CLAUSE_END = re.compile(r"[,。;]|(?=为期)")
_WEEKDAY = re.compile(
    r"(?:周|星期|礼拜)[一二三四五六日天](?:(?:至|到|-|、)(?:周|星期)?[一二三四五六日天])?"
)
_TENTATIVE = ("暂定", "拟", "待定", "暂", "初定")
_DEFAULT_TERMS = {"春季": ((3, 1), (7, 15)), "秋季": ((9, 1), (12, 31))}


class When:
    """The state of one ``when`` being read."""

    def __init__(
        self,
        text: str,
        norm: str,
        year: int,
        terms: dict[str, tuple[date, date]],
        training: bool,
    ) -> None:
        self.text, self.norm, self.year = text, norm, year
        self.terms, self.training = terms, training
        self.lo: date | None = None
        self.hi: date | None = None
        self.exact = False
        self.start_only = False
        self.unscheduled = False
        self.size: Length | None = None
        self.size_at = (0, 0)
        self.count: Sessions | None = None  # 分两期进行: sessions the text states
        self.count_at = (0, 0)
        self.date_at = (0, 0)
        self.windows: list[tuple[date, date]] = []
        self.closed: list[tuple[date, date]] = []
        self.notes: list[WhenNote] = []
        self.dropped: list[tuple[int, int, str]] = []
        self.consumed: list[tuple[int, int]] = []

    # --- the whole text -------------------------------------------------------------------

    def read(self) -> None:
        work = list(self.norm)
        i = 0
        while (o := self.norm.find("(", i)) >= 0:
            c = self.norm.find(")", o + 1)
            if c < 0:
                break
            self.remark(o, c)
            work[o : c + 1] = " " * (c + 1 - o)
            i = c + 1
        joined = "".join(work)
        start = 0
        for m in _CLAUSE_END.finditer(joined):
            self.clause(joined, start, m.start())
            self.consumed.append((m.start(), m.end()))
            start = m.end()
        self.clause(joined, start, len(joined))

    def clause(self, work: str, lo: int, hi: int) -> None:
        c = Compact(self.text, work, lo, hi)
        if not c.s:
            self.consumed.append((lo, hi))
            return
        if UNSCHEDULED.fullmatch(c.s):
            self.unscheduled = True
        elif self.sessions(c, 0) or (self.lo is None and self.dates(c)):
            pass
        elif self.size is None and (found := length(c.s, self.training)) is not None:
            self.size, self.size_at = found, (c.offset(0), c.offset(len(c.s) - 1) + 1)
        else:
            start, end = c.offset(0), c.offset(len(c.s) - 1) + 1
            self.dropped.append((start, end, c.s))
            # the spaces around the dropped words are read, not dropped
            self.consumed += [(a, b) for a, b in ((lo, start), (end, hi)) if a < b]
            return
        self.consumed.append((lo, hi))

    # --- one clause of dates --------------------------------------------------------------

    def dates(self, c: Compact) -> bool:
        """Read a clause of dates into the span; False when the clause is not one (raises for
        a clause that begins as dates and then cannot be read)."""
        c.eat_any(PREFIXES)
        begin = c.i
        months = MONTH_LIST.match(c.s, c.i)
        listed = month_list(months[0]) if months else None
        if months and listed:
            c.i = months.end()
            lo = date(self.year, listed[0], 1)
            self.windows = [
                (date(self.year, m, 1), make_day(self.year, m, END, 0, False)) for m in listed
            ]
            hi = self.windows[-1][1]
            exact = False
            self.notes.append(
                WhenNote(
                    "CT133",
                    c.offset(begin),
                    c.offset(c.i - 1) + 1,
                    "“"
                    + months[0]
                    + "”按 "
                    + "、".join(f"{m}月" for m in listed)
                    + f" 各月理解；冲突检查按整段 {format_span(lo, hi)} 中的这几个月",
                )
            )
        else:
            try:
                first = c.point()
            except DateParseError as exc:
                if exc.message.startswith("无法识别") and exc.offset == c.offset(begin):
                    c.i = 0
                    return False
                raise
            lo, hi = self.resolve(c, first, self.year, None)
            exact = first.exact
            if c.sep():
                second = c.point()
                end_year = hi.year
                if second.year is None and second.m1 is not None and second.m1 < hi.month:
                    end_year += 1  # 12月28日—1月3日
                _, hi = self.resolve(c, second, end_year, hi.month)
                exact = exact and second.exact
            elif c.s.startswith(STARTS, c.i):
                self.start_only = True
        words = self.suffixes(c)
        stop = c.i
        if c.i < len(c.s) and not self.sessions(c, c.i):  # 全年分四期举办
            raise c.fail()
        if any(w in DEADLINES for w in words):
            window = format_span(date(hi.year, 1, 1), hi)
            if lo != date(hi.year, 1, 1):
                self.notes.append(
                    WhenNote(
                        "CT133",
                        c.offset(begin),
                        c.offset(stop - 1) + 1,
                        f"“{c.s[begin:stop]}”是截止时间：按 {window} 之间理解",
                        hint="确定日期后写成具体日期。",
                    )
                )
            lo, exact, self.start_only = date(hi.year, 1, 1), False, False
        self.lo, self.hi, self.exact = lo, hi, exact
        self.date_at = (c.offset(begin), c.offset(stop - 1) + 1)
        return True

    def sessions(self, c: Compact, at: int) -> bool:
        """Read ``c.s[at:]`` as sessions (``分两期进行``), or as sessions and the length of each
        (``分3期，每期5天`` in one clause: ``分3期每期5天``); False when it is neither, or when
        the text already stated them."""
        if self.count is not None:
            return False
        found = session_count(c.s, at)
        if found is None and self.size is None:
            both = count_and_length(c.s, at, self.training)
            if both is not None:
                found, self.size, (lo, hi) = both
                self.size_at = (c.offset(lo), c.offset(hi - 1) + 1)
        if found is None:
            return False
        self.count = found
        self.count_at = (c.offset(found.start), c.offset(found.end - 1) + 1)
        c.i = len(c.s)
        return True

    def suffixes(self, c: Compact) -> list[str]:
        words = []
        while word := c.eat_any((*STARTS, *DEADLINES, *DONE, *HELD)):
            words.append(word)
        return words

    def resolve(self, c: Compact, p: Point, year: int, month: int | None) -> tuple[date, date]:
        if not p.term:
            return c.resolve(p, year, month)
        if p.term in self.terms:
            return self.terms[p.term]
        y = p.year if p.year is not None else year
        (m1, d1), (m2, d2) = _DEFAULT_TERMS[p.term]
        lo, hi = make_day(y, m1, d1, c.offset(p.at), True), make_day(y, m2, d2, 0, True)
        self.notes.append(
            WhenNote(
                "CT132",
                c.offset(p.at),
                c.offset(c.i - 1) + 1,
                f"计划没有写{p.term}学期的日期：按默认的 {format_span(lo, hi)} 理解",
                hint=f"在 plan 中写 {'spring' if p.term == '春季' else 'autumn'}_term，"
                "如 spring_term: 3月1日—7月10日。",
            )
        )
        return lo, hi

    # --- bracketed remarks ----------------------------------------------------------------

    def remark(self, o: int, c: int) -> None:
        inner = self.norm[o + 1 : c].replace(" ", "")
        if not inner or _WEEKDAY.fullmatch(inner) or inner in _TENTATIVE:
            self.consumed.append((o, c + 1))
            return
        if inner.endswith("除外"):
            words = inner.removesuffix("除外")
            parts = [p for p in re.split(r"[和及与]", words) if p]
            if parts and all(p in NO_TRAINING_ANYWAY for p in parts):
                self.consumed.append((o, c + 1))
                return
            periods = [period(p, self.year) for p in parts]
            if parts and all(p is not None for p in periods):
                found = [span for p in periods if p for span in p]
                self.closed += found
                shown_days = "、".join(format_span(a, b) for a, b in found)
                self.notes.append(
                    WhenNote(
                        "CT134",
                        o,
                        c + 1,
                        f"括号中的“{inner}”：{shown_days} 不安排本班培训",
                        hint="这些日期按停训日处理，排期和冲突检查都避开它们。",
                    )
                )
                self.consumed.append((o, c + 1))
                return
        self.dropped.append((o, c + 1, self.text[o : c + 1]))

    # --- what was left out ----------------------------------------------------------------

    def dropped_notes(self, understood: str) -> list[WhenNote]:
        out = []
        for start, end, words in self.dropped:
            if "期" in words:
                hint = (
                    f"期数可写成“分3期，每期7天”（1 至 {MAX_SESSIONS} 期），或写在 sessions 中，"
                    "如 sessions: {count: 3, days: 7}。"
                )
            elif "地点" in words or "党校" in words:
                hint = "培训地点请写在 venue 中。"
            else:
                hint = "如这些文字有用，请移到 notes 中，或改成 docs/计划格式.md 所列的写法。"
            out.append(
                WhenNote(
                    "CT130",
                    start,
                    end,
                    f"培训时间中的“{shown(words)}”未能理解，已忽略；其余部分理解为 {understood}",
                    hint=hint,
                )
            )
        return out


__all__ = ["When", "cn_day"]
