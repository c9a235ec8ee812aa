"""What every part of the ``when`` grammar shares: the error, normalising characters one for one
(so offsets stay those of the original text), numbers in Arabic, full-width and Chinese digits,
and making a calendar day with a Chinese message when it does not exist."""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

END = -1  # "last day of the month" in a day window (input days are never negative)
MIN_YEAR, MAX_YEAR = 1000, 9999
_DASHES = "-‐‑‒–—―−﹣⁃"  # after NFKC, full-width '－' is '-'
_TILDES = "~〜∼"  # after NFKC, full-width '～' is '~'
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
_CN_DIGITS |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_NUM = "〇零一二两三四五六七八九十"
NUM = re.compile(rf"[0-9]+|[{CN_NUM}]+")


class DateParseError(ValueError):
    """A date expression that cannot be understood; ``offset`` is 0-based in the input text."""

    def __init__(self, message: str, offset: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


def normalise_char(c: str) -> str:
    """One character in, one out, so that offsets stay those of the original text."""
    if "\uff01" <= c <= "\uff5e" or c == "\u3000":
        c = unicodedata.normalize("NFKC", c)
    if c in _DASHES:
        return "-"
    if c in _TILDES:
        return "~"
    if c == "；":
        return ";"
    if c.isspace() or c in _INVISIBLE:
        return " "
    return c


def normalise(text: str) -> str:
    return "".join(normalise_char(c) for c in text)


def shown(text: str) -> str:
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


def num_value(s: str) -> int | None:
    if len(s) > 6:  # guards int() against huge digit runs
        return None
    return int(s) if s.isascii() else _cn_value(s)


def make_day(year: int, month: int, day: int, at: int, exact: bool) -> date:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DateParseError(f"年份超出范围：{year}年", at)
    if not 1 <= month <= 12:
        raise DateParseError(f"日期不存在：{year}年{month}月" + (f"{day}日" if exact else ""), at)
    last = calendar.monthrange(year, month)[1]
    if day == END:
        return date(year, month, last)
    if not 1 <= day <= last:
        raise DateParseError(f"日期不存在：{year}年{month}月{day}日", at)
    return date(year, month, day)


def cn_day(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


@dataclass(frozen=True)
class WhenNote:
    """Something the parser assumed or left out, at ``start``–``end`` (0-based) of the text."""

    code: str  # CT130 … CT134 (core/codes_when.py)
    start: int
    end: int
    message: str
    hint: str = ""


def format_span(start: date, end: date) -> str:
    """Chinese display of a span: ``2013年3月13日—23日``, ``2013年5月13日—7月13日``."""
    first = cn_day(start)
    if start == end:
        return first
    if end.year != start.year or end.month < start.month:
        return f"{first}—{end.year}年{end.month}月{end.day}日"
    if end.month != start.month:
        return f"{first}—{end.month}月{end.day}日"
    return f"{first}—{end.day}日"
