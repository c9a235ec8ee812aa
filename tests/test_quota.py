"""Apportioning a class's headcount across units (名额分配), and spreading it over sessions."""

from __future__ import annotations

import heapq
import math
from fractions import Fraction
from unittest.mock import patch

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from votelib.evaluate.core import Tie
from votelib.evaluate.proportional import HighestAverages, LargestRemainder

from cadretrain.core import apportion as apportion_module
from cadretrain.core.apportion import (
    METHODS,
    Allocation,
    TieKey,
    _Round,
    _show,
    _show_value,
    _tie_note,
    apportion,
    spread_over_sessions,
)
from cadretrain.core.divisor_search import estimate
from cadretrain.core.divisor_search import priority as _priority
from cadretrain.core.errors import CannotProceed
from tests.conftest import time_limit

DIVISOR_METHODS = ["dhondt", "sainte_lague", "huntington_hill"]
# The running example: 230 eligible cadres in four units, a class of 10.
FOUR = {"A": 100, "B": 80, "C": 30, "D": 20}


def seats_of(alloc: Allocation) -> dict[str, int]:
    return {s.unit: s.seats for s in alloc.shares}


def reasons_of(alloc: Allocation) -> dict[str, str]:
    return {s.unit: s.reason for s in alloc.shares}


def tie_notes(alloc: Allocation) -> list[str]:
    return [n for n in alloc.notes if "并列" in n]


# --- named examples, checked by hand ------------------------------------------------------


def test_largest_remainder_example() -> None:
    # Exact quotas 10·p/230: A 4.348, B 3.478, C 1.304, D 0.870; floors 4+3+1+0 = 8, so
    # 2 seats go to the largest remainders: D .870 (1st), B .478 (2nd); A .348 is 3rd.
    alloc = apportion(FOUR, 10)
    assert seats_of(alloc) == {"A": 4, "B": 4, "C": 1, "D": 1}
    assert (alloc.method, alloc.seats, alloc.requested, alloc.population) == (
        "largest_remainder",
        10,
        10,
        230,
    )
    assert [s.unit for s in alloc.shares] == ["A", "B", "C", "D"]
    assert alloc.shares[0].exact == Fraction(1000, 230)
    assert reasons_of(alloc) == {
        "A": "按比例 4.35，取整 4，余数 0.35 排第 3，不补席（余额席 2 个）",
        "B": "按比例 3.48，取整 3，余数 0.48 排第 2，补 1 席",
        "C": "按比例 1.30，取整 1，余数 0.30 排第 4，不补席（余额席 2 个）",
        "D": "按比例 0.87，取整 0，余数 0.87 排第 1，补 1 席",
    }
    assert alloc.notes == ()


def test_dhondt_example_with_a_tie_for_the_last_seats() -> None:
    # Quotients p/1, p/2, …: 100, 80, 50, 40, 33.3, 30, 26.7, 25 fill 8 seats; the 9th and
    # 10th are a three-way tie at 20 (A 100/5, B 80/4, D 20/1): larger units A, B win.
    alloc = apportion(FOUR, 10, "dhondt")
    assert seats_of(alloc) == {"A": 5, "B": 4, "C": 1, "D": 0}
    assert (
        reasons_of(alloc)["A"]
        == "得 5 席：第 5 席商数 100÷5=20.00；下一商数 100÷6=16.67 低于末席商数 20.00"
    )
    assert (
        reasons_of(alloc)["D"] == "得 0 席：商数 20÷1=20.00 与末席商数 20.00 并列，按并列规则未得席"
    )
    (note,) = alloc.notes
    assert note.startswith("商数并列：A、B、D 的商数同为 20.00，争 2 席")
    assert note.endswith("给 A、B")
    # An 11th seat ends the tie: all three quotients of 20 are in, next best is A's 16.67.
    assert seats_of(apportion(FOUR, 11, "dhondt")) == {"A": 5, "B": 4, "C": 1, "D": 1}
    assert apportion(FOUR, 11, "dhondt").notes == ()


def test_sainte_lague_example() -> None:
    # Quotients p/1, p/3, p/5, …: 100, 80, 33.3, 30, 26.7, 20 (A), 20 (D), 16, 14.29 (A 100/7),
    # 11.43 (B 80/7) fill 10 seats; next would be A 100/9 = 11.11.
    alloc = apportion(FOUR, 10, "sainte_lague")
    assert seats_of(alloc) == {"A": 4, "B": 4, "C": 1, "D": 1}
    assert (
        reasons_of(alloc)["B"]
        == "得 4 席：第 4 席商数 80÷7=11.43；下一商数 80÷9=8.89 低于末席商数 11.43"
    )
    assert reasons_of(alloc)["A"].endswith("下一商数 100÷9=11.11 低于末席商数 11.43")
    assert alloc.notes == ()


def test_huntington_hill_example() -> None:
    # Everyone first gets 1 (4 seats). Quotients p/√(n(n+1)): A 70.71, 40.82, 28.87, 22.36;
    # B 56.57, 32.66, 23.09; C 21.21; D 14.14. The 6 largest: A ×3 and B ×3, the last at
    # B 80/√12 = 23.09; A's next 22.36 and C's 21.21 stay out.
    alloc = apportion(FOUR, 10, "huntington_hill")
    assert seats_of(alloc) == {"A": 4, "B": 4, "C": 1, "D": 1}
    reasons = reasons_of(alloc)
    assert reasons["A"] == (
        "得 4 席：第 4 席商数 100÷√(3×4)=28.87；下一商数 100÷√(4×5)=22.36 低于末席商数 23.09"
    )
    assert reasons["C"] == "得 1 席：每个单位先得 1 席；下一商数 30÷√(1×2)=21.21 低于末席商数 23.09"


def test_huntington_hill_with_fewer_seats_than_units_goes_by_size() -> None:
    alloc = apportion(FOUR, 3, "huntington_hill")
    assert seats_of(alloc) == {"A": 1, "B": 1, "C": 1, "D": 0}
    assert reasons_of(alloc)["D"] == "得 0 席：名额少于单位数，按人数排第 4"
    tied = apportion({"A": 10, "B": 10, "C": 3}, 1, "huntington_hill", order=["B", "A"])
    assert seats_of(tied) == {"A": 0, "B": 1, "C": 0}
    assert tie_notes(tied) and tie_notes(tied)[0].endswith("给 B")


def test_methods_are_listed_with_chinese_names() -> None:
    assert set(METHODS) == {"largest_remainder", "dhondt", "sainte_lague", "huntington_hill"}
    with pytest.raises(ValueError, match="未知的名额分配方法"):
        apportion(FOUR, 10, "hamilton")


# --- ties -----------------------------------------------------------------------------------


def test_tie_goes_to_plan_order_then_unit_id() -> None:
    # 2 seats for three equal units: every quota is 2/3, the remainders tie.
    equal = {"A": 10, "B": 10, "C": 10}
    by_id = apportion(equal, 2)
    assert seats_of(by_id) == {"A": 1, "B": 1, "C": 0}
    assert tie_notes(by_id)[0].startswith("余数并列：A、B、C 的余数同为 0.67，争 2 席")
    by_order = apportion(equal, 2, order=["C", "A", "B"])
    assert seats_of(by_order) == {"A": 1, "B": 0, "C": 1}
    assert tie_notes(by_order)[0].endswith("给 C、A")
    # a unit missing from ``order`` comes after those in it
    assert seats_of(apportion(equal, 1, order=["B"])) == {"A": 0, "B": 1, "C": 0}


def test_tie_goes_to_the_larger_unit_first() -> None:
    # 2 seats, 20 cadres: quotas 0.5 and 1.5, both remainders 0.5 — B (15) beats A (5)
    alloc = apportion({"A": 5, "B": 15}, 2, order=["A", "B"])
    assert seats_of(alloc) == {"A": 0, "B": 2}
    assert len(tie_notes(alloc)) == 1


def test_a_tie_that_decides_nothing_is_not_noted() -> None:
    # A and B tie on remainder 0.29 but C's 0.43 takes the only remainder seat
    alloc = apportion({"A": 6, "B": 6, "C": 2}, 10)
    assert seats_of(alloc) == {"A": 4, "B": 4, "C": 2}
    assert alloc.notes == ()


@given(st.lists(st.integers(0, 60), min_size=1, max_size=6), st.data())
def test_result_does_not_depend_on_mapping_order(pops: list[int], data: st.DataObject) -> None:
    units = {f"u{i}": p for i, p in enumerate(pops)}
    seats = data.draw(st.integers(0, sum(pops) + 3))
    method = data.draw(st.sampled_from(sorted(METHODS)))
    shuffled = data.draw(st.permutations(list(units)))
    a = seats_of(apportion(units, seats, method))
    b = seats_of(apportion({u: units[u] for u in shuffled}, seats, method))
    assert a == b


# --- zero, bounds, odd sizes ------------------------------------------------------------


def test_unit_without_cadres_gets_nothing_even_with_a_minimum() -> None:
    for method in METHODS:
        alloc = apportion({"A": 40, "Z": 0, "B": 20}, 6, method, minimum=1)
        assert seats_of(alloc)["Z"] == 0
        assert reasons_of(alloc)["Z"] == "无符合条件干部"
        assert alloc.seats == 6


def test_minimum_and_maximum_are_reapportioned() -> None:
    # Round 1: 20 seats over A, B, D (1013 cadres): A 19.74→20, B 0.20→0, D 0.06→0.
    # B and D are below the minimum 2: held at 2; round 2: A alone gets 16 > maximum 12,
    # so A is capped (final) and B, D compete again: round 3: 8 seats over B 10, D 3:
    # B 6.15→6, D 1.85→1, the one remainder seat to D (.85) → B 6, D 2, within bounds.
    alloc = apportion({"A": 1000, "B": 10, "C": 0, "D": 3}, 20, minimum=2, maximum=12)
    assert seats_of(alloc) == {"A": 12, "B": 6, "C": 0, "D": 2}
    reasons = reasons_of(alloc)
    assert reasons["A"] == "上限 12（按比例 19.74）"
    assert reasons["D"] == "其余 8 人重新分配：按比例 1.85，取整 1，余数 0.85 排第 1，补 1 席"
    assert "其余 8 人在其他 2 个单位间按最大余额法（黑尔数额）重新分配" in alloc.notes[-1]


def test_minimum_is_capped_by_the_unit_population() -> None:
    alloc = apportion({"A": 90, "B": 1}, 10, minimum=3)
    assert seats_of(alloc) == {"A": 9, "B": 1}
    assert reasons_of(alloc)["B"] == "下限 3，该单位只有 1 名干部"


def test_minimum_with_a_divisor_method() -> None:
    # D'Hondt on 100/80/30/20 gives D nothing; a minimum of 1 holds D at 1 and the other 9
    # go by D'Hondt over A, B, C: 100, 80, 50, 40, 33.3, 30, 26.7, 25, then the 9th is a tie
    # at 20 between A (100/5) and B (80/4) that the larger A wins.
    alloc = apportion(FOUR, 10, "dhondt", minimum=1)
    assert seats_of(alloc) == {"A": 5, "B": 3, "C": 1, "D": 1}
    assert tie_notes(alloc)[0].startswith("商数并列：A、B 的商数同为 20.00，争 1 席")
    assert reasons_of(alloc)["D"] == "下限 1（按比例 0.87）"


def test_infeasible_minimum_keeps_it_for_the_largest_units() -> None:
    alloc = apportion({"A": 50, "B": 3, "C": 1, "D": 1}, 3, minimum=1)
    assert seats_of(alloc) == {"A": 1, "B": 1, "C": 1, "D": 0}
    assert alloc.notes[0] == "下限 1 共需 4 人，超过可分配的 3 人：人数最多的 3 个单位保证 1 人"
    assert any(n.startswith("人数并列：C、D") for n in alloc.notes)  # C wins on unit id
    lowered = apportion({"A": 50, "B": 3, "C": 1, "D": 1}, 6, minimum=3)
    assert seats_of(lowered) == {"A": 2, "B": 2, "C": 1, "D": 1}
    assert lowered.notes[0] == "下限 3 共需 8 人，超过可分配的 6 人：各单位下限降为 2"


def test_infeasible_maximum_allocates_what_it_can() -> None:
    alloc = apportion({"A": 50, "B": 30, "C": 10}, 20, maximum=5)
    assert seats_of(alloc) == {"A": 5, "B": 5, "C": 5}
    assert alloc.seats == 15
    assert alloc.notes[0] == "每个单位最多 5 人，最多只能分配 15 人，少于规划人数 20"
    assert reasons_of(alloc)["A"] == "上限 5（按比例 11.11）"


def test_minimum_above_maximum_is_lowered_to_it() -> None:
    alloc = apportion({"A": 50, "B": 30, "C": 1}, 3, minimum=2, maximum=1)
    assert seats_of(alloc) == {"A": 1, "B": 1, "C": 1}
    assert alloc.notes[0] == "下限 2 大于上限 1，下限按 1 执行"


def test_seats_beyond_the_population_take_everyone() -> None:
    for method in METHODS:
        alloc = apportion({"A": 5, "B": 3, "Z": 0}, 20, method)
        assert seats_of(alloc) == {"A": 5, "B": 3, "Z": 0}
        assert alloc.seats == 8 and alloc.requested == 20 and alloc.population == 8
        assert alloc.notes[0].startswith("规划人数 20 超过符合条件的干部总数 8")
        assert reasons_of(alloc)["A"] == "规划人数不少于干部总数，全部 5 人参训"
        assert alloc.shares[0].exact == 5


def test_zero_seats() -> None:
    for method in METHODS:
        alloc = apportion(FOUR, 0, method, minimum=1)
        assert set(seats_of(alloc).values()) == {0}
        assert alloc.seats == 0 and alloc.notes == ()
        assert reasons_of(alloc)["A"] == "规划人数为 0"


def test_single_unit_and_no_units() -> None:
    for method in METHODS:
        assert seats_of(apportion({"A": 50}, 7, method)) == {"A": 7}
        assert apportion({}, 7, method).seats == 0
    assert reasons_of(apportion({"A": 50}, 7))["A"] == "按比例 7.00，取整 7，无余数"


def test_bad_input_is_rejected_in_chinese() -> None:
    with pytest.raises(ValueError, match="不能为负数"):
        apportion(FOUR, -1)
    with pytest.raises(ValueError, match="不能为负数"):
        apportion({"A": -1}, 1)


# --- properties -----------------------------------------------------------------------------

populations = st.lists(st.integers(0, 120), min_size=1, max_size=7).map(
    lambda ps: {f"u{i}": p for i, p in enumerate(ps)}
)


@given(populations, st.integers(0, 400), st.sampled_from(sorted(METHODS)))
def test_seats_sum_to_the_request_or_the_population(
    pops: dict[str, int], seats: int, method: str
) -> None:
    alloc = apportion(pops, seats, method)
    total = sum(pops.values())
    assert alloc.seats == sum(seats_of(alloc).values()) == min(seats, total)
    for share in alloc.shares:
        assert 0 <= share.seats <= share.population
        assert share.reason


@given(populations, st.integers(0, 400))
def test_largest_remainder_stays_within_quota(pops: dict[str, int], seats: int) -> None:
    for share in apportion(pops, seats).shares:
        assert math.floor(share.exact) <= share.seats <= math.ceil(share.exact)


@settings(deadline=None)
@given(populations, st.sampled_from(DIVISOR_METHODS))
def test_divisor_methods_are_house_monotone(pops: dict[str, int], method: str) -> None:
    before = seats_of(apportion(pops, 0, method))
    for n in range(1, min(sum(pops.values()), 60) + 1):
        after = seats_of(apportion(pops, n, method))
        assert all(after[u] >= before[u] for u in pops)
        before = after


def test_alabama_paradox_for_largest_remainder_but_not_dhondt() -> None:
    # 6, 6, 2 cadres (14). 10 seats: quotas 4.29, 4.29, 1.43 → floors 4+4+1, C's .43 takes
    # the 10th seat → 4, 4, 2. 11 seats: quotas 4.71, 4.71, 1.57 → floors 4+4+1, A's and B's
    # .71 take both remaining seats → 5, 5, 1: one more seat in all, yet C loses one.
    pops = {"A": 6, "B": 6, "C": 2}
    assert seats_of(apportion(pops, 10)) == {"A": 4, "B": 4, "C": 2}
    assert seats_of(apportion(pops, 11)) == {"A": 5, "B": 5, "C": 1}
    for n in range(14):
        smaller, larger = (
            seats_of(apportion(pops, n, "dhondt")),
            seats_of(apportion(pops, n + 1, "dhondt")),
        )
        assert all(larger[u] >= smaller[u] for u in pops)


def reference(method: str, pops: dict[str, int], seats: int) -> dict[object, int]:
    """The same apportionment by votelib (independent code, exact Fractions)."""
    votes = {u: p for u, p in pops.items() if p}
    if method == "largest_remainder":
        return dict(LargestRemainder("hare").evaluate(votes, seats))
    if method != "huntington_hill":
        return dict(HighestAverages(method.replace("dhondt", "d_hondt")).evaluate(votes, seats))
    # votelib's √ divisor is a Decimal it cannot divide by; p/√(n(n+1)) ranks like
    # p²/(n(n+1)), so give it squared populations and divisors n(n+1), after 1 seat each.
    # (votelib's default cap of ``seats`` per unit would stop it when seats == units: lift it.)
    got = HighestAverages(lambda n: n * (n + 1)).evaluate(
        {u: p * p for u, p in votes.items()},
        seats,
        prev_gains=dict.fromkeys(votes, 1),
        max_seats=dict.fromkeys(votes, seats + 1),
    )
    result: dict[object, int] = dict.fromkeys(votes, 1)
    for u, n in got.items():
        result[u] = result.get(u, 0) + n
    return result


@settings(deadline=None)
@given(
    st.lists(st.integers(1, 500), min_size=1, max_size=7),
    st.data(),
    st.sampled_from(sorted(METHODS)),
)
def test_matches_votelib_when_there_is_no_tie(
    pops_list: list[int], data: st.DataObject, method: str
) -> None:
    pops = {f"u{i}": p for i, p in enumerate(pops_list)}
    low = len(pops) if method == "huntington_hill" else 1
    assume(low <= sum(pops_list))
    seats = data.draw(st.integers(low, min(sum(pops_list), 60)))
    expected = reference(method, pops, seats)
    alloc = apportion(pops, seats, method)
    tied = any(isinstance(u, Tie) for u in expected)
    assert bool(tie_notes(alloc)) == tied  # both see the same ties
    assume(not tied)
    assert seats_of(alloc) == {u: expected.get(u, 0) for u in pops}


@given(populations, st.integers(0, 300), st.integers(0, 6), st.integers(0, 40))
def test_bounds_hold_whenever_they_can(
    pops: dict[str, int], seats: int, minimum: int, maximum: int
) -> None:
    minimum = min(minimum, maximum)
    for method in METHODS:
        alloc = apportion(pops, seats, method, minimum=minimum, maximum=maximum)
        hi = {u: min(p, maximum) for u, p in pops.items()}
        lo = {u: min(p, minimum) for u, p in pops.items()}
        target = min(seats, sum(hi.values()))
        assert alloc.seats == target
        for share in alloc.shares:
            assert share.seats <= hi[share.unit]
            if sum(lo.values()) <= target:
                assert share.seats >= lo[share.unit]
        if sum(lo.values()) > target > 0:
            assert any(n.startswith(f"下限 {minimum} 共需") for n in alloc.notes)


# --- spreading over sessions ------------------------------------------------------------


def test_spread_example() -> None:
    # 7 = 3+2+2, 5 = 1+2+2, 1 = 1+0+0: the extras go to the emptiest session, earlier first
    spread = spread_over_sessions({"A": 7, "B": 5, "C": 1}, 3)
    assert spread == {"A": [3, 2, 2], "B": [1, 2, 2], "C": [1, 0, 0]}
    assert [sum(col) for col in zip(*spread.values(), strict=True)] == [5, 4, 4]


def test_spread_reports_impossible_per_session_cap() -> None:
    with pytest.raises(ValueError, match="排不下"):
        spread_over_sessions({"A": 7}, 3, per_session_max=2)
    with pytest.raises(ValueError, match="期数"):
        spread_over_sessions({"A": 7}, 0)


def test_spread_balances_even_when_a_venue_cannot_hold_it() -> None:
    # 18 people in 2 sessions: 9 + 9 is the smallest largest session, whatever the venue holds
    spread = spread_over_sessions({"A": 9, "B": 9}, 2)
    assert [sum(col) for col in zip(*spread.values(), strict=True)] == [9, 9]


@given(
    st.lists(st.integers(0, 50), min_size=0, max_size=8),
    st.integers(1, 6),
    st.integers(0, 20),
)
def test_spread_properties(counts: list[int], sessions: int, extra: int) -> None:
    seats = {f"u{i}": n for i, n in enumerate(counts)}
    cap = max([math.ceil(n / sessions) for n in counts], default=0) + extra % 2
    spread = spread_over_sessions(seats, sessions, per_session_max=cap)
    assert list(spread) == list(seats)
    totals = [0] * sessions
    for u, row in spread.items():
        assert len(row) == sessions and sum(row) == seats[u]
        assert max(row) <= math.ceil(seats[u] / sessions) <= cap
        assert min(row) >= seats[u] // sessions
        totals = [t + r for t, r in zip(totals, row, strict=True)]
    assert max(totals) - min(totals) <= 1
    assert max(totals) == math.ceil(sum(counts) / sessions)  # the smallest largest session


# --- divisor search against the seat-by-seat oracle ------------------------------------------
#
# ``core/apportion.py`` finds divisor-method seats by divisor search. The code it replaced gave
# the seats one at a time to the largest quotient; it is kept here, unchanged, as the oracle:
# put in place of the new function, ``apportion`` must give the same allocation (seats, reasons,
# bounds and tie notes) whatever the populations, seats, minimum, maximum and plan order.


def seat_by_seat(pops: dict[str, int], seats: int, method: str, key: dict[str, TieKey]) -> _Round:
    """``_highest_averages`` as it was before divisor search (the oracle)."""
    rnd = _Round(dict.fromkeys(pops, 0))
    first: dict[str, str] = {}
    if method == "huntington_hill":  # divisor √0 = 0: every unit first gets 1 seat
        ranked = sorted(pops, key=lambda u: key[u])
        for u in ranked[:seats]:
            rnd.seats[u] = 1
        if seats < len(ranked):
            for i, u in enumerate(ranked):
                first[u] = f"名额少于单位数，按人数排第 {i + 1}"
            if seats and pops[ranked[seats - 1]] == pops[ranked[seats]]:
                group = [u for u in ranked if pops[u] == pops[ranked[seats]]]
                won = [u for u in group if rnd.seats[u]]
                rnd.ties.append(_tie_note("人数", group, str(pops[group[0]]), won))
        else:
            first = dict.fromkeys(pops, "每个单位先得 1 席")
    heap = [  # a unit Huntington-Hill left at 0 seats: only when no seats remain
        (-_priority(p, rnd.seats[u], method), key[u], u)
        for u, p in pops.items()
        if rnd.seats[u] or method != "huntington_hill"
    ]
    heapq.heapify(heap)
    cutoff: Fraction | None = None
    for _ in range(seats - sum(rnd.seats.values())):
        neg, k, u = heapq.heappop(heap)
        cutoff = -neg
        rnd.seats[u] += 1
        heapq.heappush(heap, (-_priority(pops[u], rnd.seats[u], method), k, u))
    if cutoff is not None and heap and -heap[0][0] == cutoff:
        losers = {u for neg, _, u in heap if -neg == cutoff}
        base = 1 if method == "huntington_hill" else 0
        won = [
            u
            for u in sorted(pops, key=lambda u: key[u])
            if rnd.seats[u] > base and _priority(pops[u], rnd.seats[u] - 1, method) == cutoff
        ]
        group = sorted([*won, *losers], key=lambda u: key[u])
        rnd.ties.append(_tie_note("商数", group, _show_value(cutoff, method), won))
    last = "" if cutoff is None else f"末席商数 {_show_value(cutoff, method)}"
    for u, p in pops.items():
        d = rnd.seats[u]
        parts = [f"得 {d} 席"]
        if u in first and d <= 1:
            parts.append(first[u])
        elif d:
            parts.append(f"第 {d} 席商数 {_show(p, d - 1, method)}")
        if cutoff is not None:
            nxt = f"{'下一商数' if d else '商数'} {_show(p, d, method)}"
            if _priority(p, d, method) < cutoff:
                parts.append(f"{nxt} 低于{last}")
            else:
                parts.append(f"{nxt} 与{last} 并列，按并列规则未得席")
        rnd.reasons[u] = parts[0] + ("：" + "；".join(parts[1:]) if parts[1:] else "")
    return rnd


def by_oracle(*args: object, **kwargs: object) -> Allocation:
    with patch.object(apportion_module, "_highest_averages", seat_by_seat):
        return apportion(*args, **kwargs)  # type: ignore[arg-type]


# small populations and many equal ones, so that quotients tie often
tie_prone = st.lists(st.sampled_from([0, 1, 2, 3, 4, 6, 8, 12, 30, 45, 60]), min_size=1, max_size=8)


@settings(max_examples=400, deadline=None)
@given(
    st.one_of(tie_prone, st.lists(st.integers(0, 150), min_size=1, max_size=8)),
    st.sampled_from(DIVISOR_METHODS),
    st.data(),
)
def test_divisor_search_gives_what_seat_by_seat_gave(
    pop_list: list[int], method: str, data: st.DataObject
) -> None:
    pops = {f"u{i}": p for i, p in enumerate(pop_list)}
    seats = data.draw(st.integers(0, sum(pop_list) + 5), label="seats")
    minimum = data.draw(st.integers(0, 8), label="minimum")
    maximum = data.draw(st.none() | st.integers(0, 60), label="maximum")
    order = data.draw(st.permutations(list(pops)), label="order")[: len(pops) // 2 + 1]
    args = (pops, seats, method)
    bounds = {"minimum": minimum, "maximum": maximum, "order": order}
    assert apportion(*args, **bounds) == by_oracle(*args, **bounds)


def test_divisor_search_matches_the_oracle_on_the_named_examples() -> None:
    for method in DIVISOR_METHODS:
        for seats in range(0, 40):
            for bounds in ({}, {"minimum": 1}, {"maximum": 4}, {"minimum": 2, "maximum": 9}):
                expected = by_oracle(FOUR, seats, method, **bounds)
                assert apportion(FOUR, seats, method, **bounds) == expected


@given(
    st.lists(st.integers(1, 10**9), min_size=1, max_size=30),
    st.integers(1, 10**12),
    st.sampled_from(DIVISOR_METHODS),
)
def test_the_estimate_is_within_one_seat_of_each_quota(
    pop_list: list[int], seats: int, method: str
) -> None:
    # so the divisor search takes fewer steps than there are units, whatever the headcount
    total = sum(pop_list)
    for p in pop_list:
        got = estimate(p, total, seats, method)
        assert abs(got - Fraction(p * seats, total)) < 1 or (method, got) == ("huntington_hill", 1)
    assert abs(sum(estimate(p, total, seats, method) for p in pop_list) - seats) <= len(pop_list)


@pytest.mark.parametrize("method", sorted(METHODS))
def test_a_billion_seats_over_300_units_is_fast(method: str) -> None:
    pops = {f"u{i:03d}": 10_000_000 + 7_919 * i * i for i in range(300)}
    with time_limit(5.0):  # about 0.05 s on an idle machine
        alloc = apportion(pops, 10**9, method)
        more = apportion(pops, 10**9 + 1, method)
    assert alloc.seats == 10**9 and more.seats == 10**9 + 1
    if method == "largest_remainder":
        assert all(abs(s.seats - s.exact) < 1 for s in alloc.shares)
        return
    # a divisor method: no unit's next quotient beats a quotient that won a seat ...
    base = 1 if method == "huntington_hill" else 0
    won = min(_priority(s.population, s.seats - 1, method) for s in alloc.shares if s.seats > base)
    assert max(_priority(s.population, s.seats, method) for s in alloc.shares) <= won
    # ... and one more seat takes nothing from anyone (house monotone)
    assert all(g.seats >= s.seats for s, g in zip(alloc.shares, more.shares, strict=True))


@pytest.mark.parametrize("method", sorted(METHODS))
def test_five_thousand_equal_units_with_bounds_are_fast(method: str) -> None:
    # every quotient ties: the tie note and the bounds must not cost units² time
    pops = {f"u{i:04d}": 1_000 for i in range(5_000)}
    with time_limit(20.0):  # about 1 s on an idle machine
        alloc = apportion(pops, 12_345, method, minimum=2, maximum=3)
    assert alloc.seats == 12_345
    assert {s.seats for s in alloc.shares} == {2, 3}


def test_too_many_units_or_sessions_cannot_proceed() -> None:
    from cadretrain.core.limits import MAX_SESSIONS, MAX_UNITS

    with pytest.raises(CannotProceed, match="上限"):
        apportion({f"u{i}": 1 for i in range(MAX_UNITS + 1)}, 10)
    assert apportion({f"u{i}": 1 for i in range(MAX_UNITS)}, 10).seats == 10
    with pytest.raises(CannotProceed, match="上限"):
        spread_over_sessions({"A": 7}, MAX_SESSIONS + 1)
    assert len(spread_over_sessions({"A": 7}, MAX_SESSIONS)["A"]) == MAX_SESSIONS
