"""Divisor methods by divisor search: the seats of giving them one at a time to the largest
quotient, found without giving them one at a time (``core/apportion.py`` explains the methods).

Giving seats one at a time takes, from all the quotients of all units, the largest ones in the
order (quotient descending, tie key ascending): each unit's quotients fall as it gains seats, so
the seats given are a prefix of that order. Every quotient at least a divisor ``λ`` is such a
prefix. With ``λ`` = population ÷ seats each unit's count is within one seat of its exact quota
(``estimate``); the prefix is then lengthened or shortened to the wanted number of seats a
quotient at a time, through a priority queue of the units' next or last quotients: fewer steps
than units, so the cost is O(units · log units) whatever the headcount.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping
from fractions import Fraction
from math import isqrt


def divisor(d: int, method: str) -> int:
    """The divisor for a unit holding d seats, squared for Huntington-Hill."""
    return {"dhondt": d + 1, "sainte_lague": 2 * d + 1}.get(method, d * (d + 1))


def priority(p: int, d: int, method: str) -> Fraction:
    """Quotient for the next seat of a unit holding d seats (squared for Huntington-Hill)."""
    if method == "huntington_hill":
        return Fraction(p * p, divisor(d, method))
    return Fraction(p, divisor(d, method))


def estimate(p: int, total: int, seats: int, method: str) -> int:
    """A unit's seats when every quotient at least a divisor λ wins, λ chosen so that each unit
    gets within one seat of its exact quota p · seats ÷ total (λ = total ÷ seats, half that for
    Sainte-Laguë, its square for Huntington-Hill's squared quotients); exact integers."""
    if method == "dhondt":  # p ÷ (d + 1) ≥ total ÷ seats
        return p * seats // total
    if method == "sainte_lague":  # p ÷ (2d + 1) ≥ total ÷ (2 · seats): round(p · seats ÷ total)
        return (2 * p * seats + total) // (2 * total)
    # Huntington-Hill: the first seat, then each d ≥ 1 with d(d + 1) ≤ (p · seats ÷ total)²
    x = (p * seats) ** 2 // total**2
    return 1 + (isqrt(4 * x + 1) - 1) // 2


def divisor_search(
    pops: dict[str, int],
    held: dict[str, int],
    left: int,
    method: str,
    key: Mapping[str, tuple[int, int, str]],
) -> dict[str, int]:
    """Each unit's seats after ``left`` more seats go one at a time to the largest quotient
    (ties by ``key``: the smaller first), the units holding ``held`` seats so far (see the
    module docstring)."""
    total = sum(pops.values())
    seats = left + sum(held[u] for u in pops)
    got = {
        u: max(held[u], estimate(p, total, seats, method)) if total else held[u]
        for u, p in pops.items()
    }
    rank = {u: i for i, u in enumerate(sorted(pops, key=lambda u: key[u]))}
    more = seats - sum(got.values())
    if more > 0:  # lengthen: the next quotients, largest first, ties to the smaller key
        grow = [(-priority(p, got[u], method), rank[u], u) for u, p in pops.items()]
        heapq.heapify(grow)
        for _ in range(more):
            _, r, u = heapq.heappop(grow)
            got[u] += 1
            heapq.heappush(grow, (-priority(pops[u], got[u], method), r, u))
    elif more < 0:  # shorten: the last quotients won, smallest first, ties to the larger key
        shrink = [
            (priority(p, got[u] - 1, method), -rank[u], u)
            for u, p in pops.items()
            if got[u] > held[u]
        ]
        heapq.heapify(shrink)
        for _ in range(-more):
            _, r, u = heapq.heappop(shrink)
            got[u] -= 1
            if got[u] > held[u]:
                heapq.heappush(shrink, (priority(pops[u], got[u] - 1, method), r, u))
    return got
