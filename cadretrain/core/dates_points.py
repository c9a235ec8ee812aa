"""One point of a date expression: a day, a month or part of one, a quarter, a half year, a
school term, the whole year (``point`` in the grammar of :mod:`cadretrain.core.dates`).

The parser reads a *compact* string: one clause of the text with spaces and bracketed remarks
left out, each character remembering its offset in the original text (``idx``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from cadretrain.core.dates_base import END, NUM, DateParseError, make_day, num_value, shown

_ISO = re.compile(r"([0-9]{1,6})([-/.])([0-9]{1,6})\2([0-9]{1,6})(?![0-9])")
_SEP = re.compile(r"(?:起)?(?:[-~]+(?:至|到)?|至|到)")
_MONTH_AHEAD = re.compile(rf"(?:{_SEP.pattern})(?:{NUM.pattern})月")  # after 4 in 4—6月
MONTH_PARTS = (  # longest first: 中下旬 before 中旬 before 中
    ("上中旬", 1, 20),
    ("中下旬", 11, END),
    ("上半月", 1, 15),
    ("下半月", 16, END),
    ("上旬", 1, 10),
    ("中旬", 11, 20),
    ("下旬", 21, END),
    ("初", 1, 10),
    ("中", 11, 20),
    ("底", 21, END),
    ("末", 21, END),
    ("份", 1, END),
)
_YEAR_PARTS = (
    ("上半年", 1, 6),
    ("下半年", 7, 12),
    ("全年", 1, 12),
    ("年内", 1, 12),
    ("年初", 1, 1),
    ("年中", 6, 7),
    ("年底", 12, 12),
    ("年末", 12, 12),
)
TERMS = ("春季", "秋季")


@dataclass(frozen=True)
class Point:
    at: int  # compact index where the point begins
    year: int | None
    m1: int | None  # first month of the window; None: taken from the start point
    m2: int | None
    d1: int  # day window inside the months; END is the last day of the month
    d2: int
    exact: bool
    term: str = ""  # 春季 or 秋季: a school term, resolved from the plan's settings


class Compact:
    """A clause without spaces and remarks, and a cursor in it."""

    def __init__(self, text: str, norm: str, lo: int, hi: int) -> None:
        self.text = text
        chars: list[str] = []
        self.idx: list[int] = []  # compact index -> offset in the original text
        for i in range(lo, hi):
            if norm[i] != " ":
                chars.append(norm[i])
                self.idx.append(i)
        self.s = "".join(chars)
        self.stop = hi
        self.i = 0

    def offset(self, at: int) -> int:
        return self.idx[at] if at < len(self.idx) else self.stop

    def fail(self, at: int | None = None) -> DateParseError:
        at = self.i if at is None else at
        return DateParseError(f"无法识别的日期表达式：“{shown(self.text)}”", self.offset(at))

    def eat(self, word: str) -> bool:
        if self.s.startswith(word, self.i):
            self.i += len(word)
            return True
        return False

    def eat_any(self, words: tuple[str, ...]) -> str:
        for word in words:
            if self.eat(word):
                return word
        return ""

    def rest(self) -> str:
        return self.s[self.i :]

    def number(self) -> int | None:
        m = NUM.match(self.s, self.i)
        if m is None:
            return None
        value = num_value(m[0])
        if value is None:
            raise self.fail()
        self.i = m.end()
        return value

    def sep(self) -> bool:
        m = _SEP.match(self.s, self.i)
        if m is None:
            return False
        self.i = m.end()
        return True

    def point(self) -> Point:
        at = self.i
        iso = _ISO.match(self.s, self.i)
        if iso is not None:
            self.i = iso.end()
            im, iday = int(iso[3]), int(iso[4])
            return Point(at, int(iso[1]), im, im, iday, iday, True)
        year: int | None = None
        n_at = self.i
        n = self.number()
        if n is not None and self.eat("年"):
            n_at = self.i
            year, n = n, self.number()
        if n is not None and self.eat("月"):
            day = self.number()
            if day is not None:  # 5月13日, or 5月13 before a dash: 5月13—20日
                _ = self.eat("日") or self.eat("号")
                return Point(at, year, n, n, day, day, True)
            return self.month_part(at, year, n, only_xun=False)
        if n is None and self.eat("第"):
            n = self.number()
            if n is None:
                raise self.fail()
        if n is not None:
            if self.eat("季度") or self.eat("季"):
                if not 1 <= n <= 4:
                    raise DateParseError(f"季度不存在：第{n}季度", self.offset(n_at))
                return Point(at, year, 3 * n - 2, 3 * n, 1, END, False)
            if self.eat("日") or self.eat("号"):
                return Point(at, year, None, None, n, n, True)
            if _MONTH_AHEAD.match(self.s, self.i):  # 4—6月: the month is written once
                return Point(at, year, n, n, 1, END, False)
            raise self.fail(n_at)
        term = self.eat_any(TERMS)
        if term:
            _ = self.eat("学期")
            return Point(at, year, None, None, 1, END, False, term)
        for word, m1, m2 in _YEAR_PARTS:
            if self.eat(word):
                return Point(at, year, m1, m2, 1, END, False)
        if year is None and self.eat("本年度"):
            return Point(at, year, 1, 12, 1, END, False)
        if self.eat("月"):  # 月底 after a start: 10月中旬—月底
            return self.month_part(at, year, None, only_xun=False)
        if self.s.startswith(("上", "中", "下"), self.i):  # 中旬 after a start: 10月上旬—中旬
            return self.month_part(at, year, None, only_xun=True)
        if year is not None:  # 2013年
            return Point(at, year, 1, 12, 1, END, False)
        raise self.fail()

    def month_part(self, at: int, year: int | None, month: int | None, only_xun: bool) -> Point:
        for word, d1, d2 in MONTH_PARTS:
            if (not only_xun or word.endswith("旬")) and self.eat(word):
                return Point(at, year, month, month, d1, d2, False)
        if only_xun:
            raise self.fail()
        return Point(at, year, month, month, 1, END, False)

    def resolve(self, p: Point, year: int | None, month: int | None) -> tuple[date, date]:
        at = self.offset(p.at)
        y = p.year if p.year is not None else year
        if y is None:
            raise DateParseError(f"缺少年份：“{shown(self.text)}”", at)
        m1 = p.m1 if p.m1 is not None else month
        m2 = p.m2 if p.m2 is not None else month
        if m1 is None or m2 is None:
            raise DateParseError(f"缺少月份：“{shown(self.text)}”", at)
        return make_day(y, m1, p.d1, at, p.exact), make_day(y, m2, p.d2, at, p.exact)
