"""Placing sessions the tool dates itself: ``sessions: {count, days}`` and ``per_unit`` classes.

A session of ``per`` training days is a block of ``per`` consecutive training days. The blocks
are chosen earliest first without overlap, by the first of three ways that places them all:

1. **unbroken** — ``per`` consecutive calendar days (a class of three days runs
   Monday–Wednesday, not Friday–Tuesday), crossing no break;
2. **clear** — crossing no break, plain weekends in between allowed (a session longer than a
   working week always has one);
3. **back to back** — the training days in order, as many sessions as fit; a session may then
   cross a break, which :func:`breaks_in` names for the checks (CT308).

When fewer sessions fit than are wanted (CT301), those that fit are placed the same way.

A *break* is a day off that is not a plain weekend — a statutory holiday with its days off in
lieu (春节, 清明, 劳动节, 端午, 中秋, 国庆 …, and a plan's ``extra_holidays``) — or a day of one of
the plan's ``closed`` periods. A block crosses a break when any calendar day from its first to
its last day is one. Picking the earliest block that fits, again and again, places the most
blocks a rule allows (interval scheduling: all blocks are equally long in training days).

A session is *short* when it has at most :data:`SHORT_DAYS` training days: it fits into one
working week and crossing a long holiday splits it for nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from cadretrain.core.workcal import DayKind, WorkCalendar

SHORT_DAYS = 5  # a session of at most this many training days is short (one working week)


def _is_break(day: date, cal: WorkCalendar) -> bool:
    return cal.kind(day) is DayKind.HOLIDAY or cal.closed(day) is not None


def _greedy(days: list[date], per: int, wanted: int, ok: Callable[[int], bool]) -> list[int]:
    """Start indexes of up to ``wanted`` blocks, earliest first, each accepted by ``ok``."""
    starts: list[int] = []
    i = 0
    while i + per <= len(days) and len(starts) < wanted:
        if ok(i):
            starts.append(i)
            i += per
        else:
            i += 1
    return starts


def place(days: list[date], per: int, wanted: int, cal: WorkCalendar) -> list[list[date]]:
    """``wanted`` blocks of ``per`` training days from ``days`` (sorted), avoiding breaks when
    every block still fits; when not all fit, as many as fit back to back, placed the same
    way."""
    if per <= 0 or wanted <= 0 or len(days) < per:
        return []
    base = days[0]
    breaks = [0]  # breaks[k]: break days before base + k
    for k in range((days[-1] - base).days + 1):
        breaks.append(breaks[-1] + _is_break(base + timedelta(days=k), cal))

    def clear(i: int) -> bool:
        first, last = (days[i] - base).days, (days[i + per - 1] - base).days
        return breaks[last + 1] == breaks[first]

    def unbroken(i: int) -> bool:
        return (days[i + per - 1] - days[i]).days == per - 1 and clear(i)

    fits = min(wanted, len(days) // per)  # as many as fit back to back
    for ok in (unbroken, clear):
        starts = _greedy(days, per, fits, ok)
        if len(starts) == fits:
            return [days[i : i + per] for i in starts]
    return [days[i * per : (i + 1) * per] for i in range(fits)]


def breaks_in(first: date, last: date, cal: WorkCalendar) -> tuple[str, ...]:
    """What a block from ``first`` to ``last`` crosses, in Chinese: the holidays' names
    (``国庆节``) and the closed periods (``不安排培训的时段“7月15日—8月31日”``), each once."""
    names: dict[str, None] = {}
    for k in range((last - first).days + 1):
        day = first + timedelta(days=k)
        closed = cal.closed(day)
        if closed is not None:
            names[f"不安排培训的时段“{closed}”"] = None
        elif cal.kind(day) is DayKind.HOLIDAY:
            names[cal.label(day)] = None
    return tuple(names)
