"""Parsing the date expressions Chinese training plans use for a class's dates (``when:``).

Exact forms name the first and last day (``2013年3月13日—23日``, ``2013-05-13 ~ 2013-07-13``);
vague forms name a window (``十月中下旬``, ``下半年``, ``第三季度``) and give ``exact=False``.
A stated length (``为期一周``) is returned as ``length_days``. Every error is a
:class:`DateParseError` with a Chinese message and the 0-based offset of the problem in the text.

Grammar (after normalising full-width characters and dropping spaces and ``（…）`` remarks)::

    when  := point [SEP point] [tail]        SEP := dash run | ~ | 至 | 到
    tail  := (，|。|;|为期) anything          the length is looked for in the tail
    point := Y-M-D | Y/M/D | Y.M.D
           | [Y年] M月 [D[日|号] | 上旬 | 中旬 | 下旬 | 上中旬 | 中下旬 | 初 | 中 | 底 | 末 | 份]
           | [Y年] D(日|号) | [Y年] [第]N季度 | [Y年] (上半年 | 下半年 | 全年) | Y年 | 上旬 …

An end point without a month or year takes them from the start; an end month without a year
that lies before the start month rolls into the next year (``12月28日—1月3日``). A single exact
day with a stated length (``3月13日，为期一周``) ends ``length - 1`` days later; a length in
months counts 30 days a month and makes the span vague.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["DateParseError", "DateSpan", "format_span", "parse_date", "parse_when"]

_END = -1  # "last day of the month" in a day window (input days are never negative)
_MIN_YEAR, _MAX_YEAR = 1000, 9999
_DASHES = "-‐‑‒–—―−﹣⁃"  # after NFKC, full-width '－' is '-'
_TILDES = "~〜∼"  # after NFKC, full-width '～' is '~'
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
_CN_DIGITS |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_NUM = "〇零一二两三四五六七八九十"
_NUM = re.compile(rf"[0-9]+|[{_CN_NUM}]+")
_ISO = re.compile(r"([0-9]{1,6})([-/.])([0-9]{1,6})\2([0-9]{1,6})(?![0-9])")
_SEP = re.compile(r"[-~]+(?:至|到)?|至|到")
_TERMINATORS = re.compile(r"[,。;]|为期")
_LENGTH = re.compile(rf"为期\s*([0-9]{{1,6}}|[{_CN_NUM}]{{1,4}})\s*(个?月|个?星期|周|天|日)")
_LENGTH_UNIT = {"月": 30, "个月": 30, "星期": 7, "个星期": 7, "周": 7, "天": 1, "日": 1}
_MONTH_PARTS = (  # longest first: 中下旬 before 中旬 before 中
    ("上中旬", 1, 20),
    ("中下旬", 11, _END),
    ("上半月", 1, 15),
    ("下半月", 16, _END),
    ("上旬", 1, 10),
    ("中旬", 11, 20),
    ("下旬", 21, _END),
    ("初", 1, 10),
    ("中", 11, 20),
    ("底", 21, _END),
    ("末", 21, _END),
    ("份", 1, _END),
)
_YEAR_PARTS = (("上半年", 1, 6), ("下半年", 7, 12), ("全年", 1, 12))


@dataclass(frozen=True)
class DateSpan:
    start: date  # first day (vague: earliest possible start)
    end: date  # last day, inclusive (vague: latest possible end); not checked to be >= start
    exact: bool  # True when the expression names the exact first and last day
    length_days: int | None  # a length the text states (为期一周 -> 7), else None
    text: str  # the original text


class DateParseError(ValueError):
    """A date expression that cannot be understood; ``offset`` is 0-based in the input text."""

    def __init__(self, message: str, offset: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


@dataclass(frozen=True)
class _Point:
    at: int  # compact index where the point begins
    year: int | None
    m1: int | None  # first month of the window; None: taken from the start point
    m2: int | None
    d1: int  # day window inside the months; _END is the last day of the month
    d2: int
    exact: bool


def _normalise_char(c: str) -> str:
    """One character in, one out, so that offsets stay those of the original text."""
    if "\uff01" <= c <= "\uff5e" or c == "\u3000":
        c = unicodedata.normalize("NFKC", c)
    if c in _DASHES:
        return "-"
    if c in _TILDES:
        return "~"
    if c.isspace() or c in _INVISIBLE:
        return " "
    return c


def _shown(text: str) -> str:
    """The text as a message quotes it: trimmed, shortened, control characters escaped."""
    text = text.strip()
    text = text if len(text) <= 40 else text[:40] + "…"
    escape = "unicode_escape"
    return "".join(
        c.encode(escape).decode() if unicodedata.category(c)[0] == "C" else c for c in text
    )


def _cn_value(s: str) -> int | None:
    if "十" not in s:
        value = 0
        for c in s:  # 二〇一三 -> 2013, 五 -> 5
            value = value * 10 + _CN_DIGITS[c]
        return value
    tens, _, units = s.partition("十")
    if len(tens) > 1 or len(units) > 1 or "十" in units or "〇" in s or "零" in s:
        return None
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)


def _num_value(s: str) -> int | None:
    if len(s) > 6:  # guards int() against huge digit runs
        return None
    return int(s) if s.isascii() else _cn_value(s)


class _Parser:
    def __init__(self, text: str, norm: str, stop: int) -> None:
        self.text = text
        chars: list[str] = []
        self.idx: list[int] = []  # compact index -> offset in the original text
        last_close = norm.rfind(")", 0, stop)  # bounds the search below: no quadratic scans
        i = 0
        while i < stop:
            c = norm[i]
            close = norm.find(")", i, stop) if c == "(" and i < last_close else -1
            if close >= 0:  # a remark such as （周一） is skipped like a space
                i = close + 1
                continue
            if c != " ":
                chars.append(c)
                self.idx.append(i)
            i += 1
        self.s = "".join(chars)
        self.stop = stop
        self.i = 0

    def offset(self, at: int) -> int:
        return self.idx[at] if at < len(self.idx) else self.stop

    def fail(self, at: int | None = None) -> DateParseError:
        at = self.i if at is None else at
        msg = f"无法识别的日期表达式：“{_shown(self.text)}”"
        return DateParseError(msg, self.offset(at))

    def eat(self, word: str) -> bool:
        if self.s.startswith(word, self.i):
            self.i += len(word)
            return True
        return False

    def number(self) -> int | None:
        m = _NUM.match(self.s, self.i)
        if m is None:
            return None
        value = _num_value(m[0])
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

    def point(self) -> _Point:
        at = self.i
        iso = _ISO.match(self.s, self.i)
        if iso is not None:
            self.i = iso.end()
            im, iday = int(iso[3]), int(iso[4])
            return _Point(at, int(iso[1]), im, im, iday, iday, True)
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
                return _Point(at, year, n, n, day, day, True)
            return self.month_part(at, year, n, only_xun=False)
        if n is None and self.eat("第"):
            n = self.number()
            if n is None:
                raise self.fail()
        if n is not None:
            if self.eat("季度") or self.eat("季"):
                if not 1 <= n <= 4:
                    raise DateParseError(f"季度不存在：第{n}季度", self.offset(n_at))
                return _Point(at, year, 3 * n - 2, 3 * n, 1, _END, False)
            if self.eat("日") or self.eat("号"):
                return _Point(at, year, None, None, n, n, True)
            raise self.fail(n_at)
        for word, m1, m2 in _YEAR_PARTS:
            if self.eat(word):
                return _Point(at, year, m1, m2, 1, _END, False)
        if self.eat("月"):  # 月底 after a start: 10月中旬—月底
            return self.month_part(at, year, None, only_xun=False)
        if self.s.startswith(("上", "中", "下"), self.i):  # 中旬 after a start: 10月上旬—中旬
            return self.month_part(at, year, None, only_xun=True)
        if year is not None:  # 2013年
            return _Point(at, year, 1, 12, 1, _END, False)
        raise self.fail()

    def month_part(self, at: int, year: int | None, month: int | None, only_xun: bool) -> _Point:
        for word, d1, d2 in _MONTH_PARTS:
            if (not only_xun or word.endswith("旬")) and self.eat(word):
                return _Point(at, year, month, month, d1, d2, False)
        if only_xun:
            raise self.fail()
        return _Point(at, year, month, month, 1, _END, False)


def _make(year: int, month: int, day: int, at: int, exact: bool) -> date:
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        raise DateParseError(f"年份超出范围：{year}年", at)
    if not 1 <= month <= 12:
        raise DateParseError(f"日期不存在：{year}年{month}月" + (f"{day}日" if exact else ""), at)
    last = calendar.monthrange(year, month)[1]
    if day == _END:
        return date(year, month, last)
    if not 1 <= day <= last:
        raise DateParseError(f"日期不存在：{year}年{month}月{day}日", at)
    return date(year, month, day)


def _resolve(p: _Point, parser: _Parser, year: int | None, month: int | None) -> tuple[date, date]:
    at = parser.offset(p.at)
    y = p.year if p.year is not None else year
    if y is None:
        raise DateParseError(f"缺少年份：“{_shown(parser.text)}”", at)
    m1 = p.m1 if p.m1 is not None else month
    m2 = p.m2 if p.m2 is not None else month
    if m1 is None or m2 is None:
        raise DateParseError(f"缺少月份：“{_shown(parser.text)}”", at)
    return _make(y, m1, p.d1, at, p.exact), _make(y, m2, p.d2, at, p.exact)


def _normalise(text: str) -> str:
    return "".join(_normalise_char(c) for c in text)


def _empty(text: str, norm: str) -> DateParseError:
    if not norm.strip():
        return DateParseError("日期表达式为空", 0)
    return DateParseError(f"无法识别的日期表达式：“{_shown(text)}”", len(norm) - len(norm.lstrip()))


def _length(norm: str) -> tuple[int, bool] | None:
    """The stated length in days, and whether it is exact (a month counts as 30 days)."""
    m = _LENGTH.search(norm)
    n = None if m is None else _num_value(m[1])
    return None if m is None or n is None else (n * _LENGTH_UNIT[m[2]], "月" not in m[2])


def parse_when(text: str, year: int) -> DateSpan:
    """Parse a class's dates; ``year`` (the plan's year) is used when the text names none."""
    norm = _normalise(text)
    term = _TERMINATORS.search(norm)
    parser = _Parser(text, norm, term.start() if term else len(norm))
    if not parser.s:
        raise _empty(text, norm)
    first = parser.point()
    lo, hi = _resolve(first, parser, year, None)
    exact = first.exact
    if parser.i < len(parser.s):
        if not parser.sep():
            raise parser.fail()
        second = parser.point()
        end_year = hi.year
        if second.year is None and second.m1 is not None and second.m1 < hi.month:
            end_year += 1  # 12月28日—1月3日
        _, hi = _resolve(second, parser, end_year, hi.month)
        exact = exact and second.exact
        if parser.i < len(parser.s):
            raise parser.fail()
    length = _length(norm)
    if length is None:
        return DateSpan(lo, hi, exact, None, text)
    days, exact_length = length
    if exact and lo == hi and days > 1:  # 3月13日，为期一周: the end follows from the length
        try:
            hi = lo + timedelta(days=days - 1)
        except OverflowError:
            raise DateParseError(f"日期超出范围：“{_shown(text)}”", 0) from None
        exact = exact_length
    return DateSpan(lo, hi, exact, days, text)


def parse_date(text: str, year: int | None = None) -> date:
    """Parse one day: ``2013-05-13``, ``2013年5月13日``, ``2013/5/13``; ``5月13日`` needs a year."""
    norm = _normalise(text)
    parser = _Parser(text, norm, len(norm))
    if not parser.s:
        raise _empty(text, norm)
    p = parser.point()
    if parser.i < len(parser.s):
        raise parser.fail()
    if not p.exact:
        raise DateParseError(f"不是具体日期：“{_shown(text)}”", parser.offset(p.at))
    return _resolve(p, parser, year, None)[0]


def format_span(start: date, end: date) -> str:
    """Chinese display of a span: ``2013年3月13日—23日``, ``2013年5月13日—7月13日``."""
    first = f"{start.year}年{start.month}月{start.day}日"
    if start == end:
        return first
    if end.year != start.year or end.month < start.month:
        return f"{first}—{end.year}年{end.month}月{end.day}日"
    if end.month != start.month:
        return f"{first}—{end.month}月{end.day}日"
    return f"{first}—{end.day}日"
