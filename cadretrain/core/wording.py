"""Chinese wording shared by every document and message: dates and spans of days.

Pure functions of their arguments; nothing here reads a plan or a file.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

UNSCHEDULED = "日期未排定"


def day_text(day: date, year: bool = True) -> str:
    return (f"{day.year}年" if year else "") + f"{day.month}月{day.day}日"


def span_text(days: Sequence[date]) -> str:
    """2013年3月13日—15日, 2013年5月13日—7月12日; 日期未排定 for no days."""
    if not days:
        return UNSCHEDULED
    first, last = days[0], days[-1]
    if first == last:
        return day_text(first)
    if first.year != last.year:
        return f"{day_text(first)}—{day_text(last)}"
    tail = f"{last.day}日" if first.month == last.month else day_text(last, year=False)
    return f"{day_text(first)}—{tail}"
