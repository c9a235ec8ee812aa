"""Chinese wording shared by every document and message: numerals, dates and spans of days,
half-up rounding and percentages, lists of names.

Pure functions of their arguments; nothing here reads a plan or a file. One rule of rounding
for every figure the tool prints: half up (四舍五入), on exact fractions.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from fractions import Fraction

_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """Chinese numerals for headings and counts: 1 → 一, 10 → 十, 23 → 二十三 (≥ 100: digits)."""
    if n < 0 or n >= 100:
        return str(n)
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")


def cn_count(n: int) -> str:
    """A count in Chinese: 两 for 2 (分两期进行, 两个板块), otherwise as :func:`cn_number`."""
    return "两" if n == 2 else cn_number(n)


def zh_date(day: date | None) -> str:
    """``2013年2月19日``: Arabic numerals without leading zeros (GB/T 9704 成文日期).

    An unknown date gives blanks to fill in by hand."""
    if day is None:
        return "____年__月__日"
    return day_text(day)


def half_up(value: Fraction, places: int = 0) -> Fraction:
    """``value`` rounded half up (away from zero on a tie) to ``places`` decimals, exactly."""
    scale = 10**places
    scaled = abs(value) * scale
    rounded = Fraction((scaled + Fraction(1, 2)).__floor__(), scale)
    return rounded if value >= 0 else -rounded


def decimal_text(value: Fraction, places: int, *, trim: bool = False) -> str:
    """``value`` half up to ``places`` decimals as text (``87.50``); with ``trim``, without
    trailing zeros (``87.5``, ``90``)."""
    rounded = half_up(value, places)
    scaled = abs(rounded * 10**places)
    whole, frac = divmod(int(scaled), 10**places)
    sign = "-" if rounded < 0 else ""
    text = f"{sign}{whole}" + (f".{frac:0{places}d}" if places else "")
    if trim and places:
        text = text.rstrip("0").rstrip(".")
    return text


def percent(rate: Fraction | None) -> str:
    """``97.5%`` (one decimal, half up); ``—`` when there is no rate."""
    if rate is None:
        return "—"
    return decimal_text(rate * 100, 1) + "%"


UNSCHEDULED = "日期未排定"


def day_text(day: date, year: bool = True) -> str:
    return (f"{day.year}年" if year else "") + f"{day.month}月{day.day}日"


def span_text(days: Sequence[date], to: str = "—") -> str:
    """2013年3月13日—15日, 2013年5月13日—7月12日 (``to="至"``: 2013年5月7日至9日, as a
    certificate writes it); 日期未排定 for no days."""
    if not days:
        return UNSCHEDULED
    first, last = days[0], days[-1]
    if first == last:
        return day_text(first)
    if first.year != last.year:
        return f"{day_text(first)}{to}{day_text(last)}"
    tail = f"{last.day}日" if first.month == last.month else day_text(last, year=False)
    return f"{day_text(first)}{to}{tail}"
