"""Finding overlapping day spans by sorting and sweeping (no loop over all pairs).

Spans are whole days, inclusive at both ends: [3/13, 3/15] and [3/15, 3/17] overlap on
3/15; [3/13, 3/15] and [3/16, 3/18] touch but do not overlap.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Protocol, TypeVar

from cadretrain.core.dates import format_span


class Spanned(Protocol):
    @property
    def start(self) -> date: ...

    @property
    def end(self) -> date: ...


S = TypeVar("S", bound=Spanned)


def overlapping_pairs(items: Iterable[S]) -> Iterator[tuple[S, S]]:
    """Yield each pair (earlier, later) whose inclusive day spans share at least one day.

    Sorted by start; a heap of active spans keyed by end drops those that ended before the
    next start. Cost: O(n log n + pairs reported).
    """
    order = sorted(enumerate(items), key=lambda p: (p[1].start, p[1].end, p[0]))
    active: list[tuple[date, int, S]] = []
    for i, item in order:
        while active and active[0][0] < item.start:
            heapq.heappop(active)
        for _, _, other in sorted(active, key=lambda a: a[1]):
            yield other, item
        heapq.heappush(active, (item.end, i, item))


def runs(days: Iterable[date]) -> list[tuple[date, date]]:
    """Collapse days into runs of consecutive calendar days: [(first, last), ...]."""
    out: list[tuple[date, date]] = []
    for d in sorted(set(days)):
        if out and (d - out[-1][1]).days == 1:
            out[-1] = (out[-1][0], d)
        else:
            out.append((d, d))
    return out


def days_text(days: Iterable[date], possible: bool = False) -> str:
    """Days for a message: each run of consecutive days, or the whole window when the days
    come from a class whose dates are not fixed."""
    found = sorted(set(days))
    if not found:
        return ""
    if possible:
        return format_span(found[0], found[-1]) + " 期间"
    spans = runs(found)
    if len(spans) > 3:  # a long class: name the period and the count, not every week
        return f"{format_span(found[0], found[-1])} 期间的 {len(found)} 天"
    return "、".join(format_span(a, b) for a, b in spans)
