"""Whole-day, inclusive spans: named boundary cases, and the sweep against brute force."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from cadretrain.core.sweep import overlapping_pairs, runs


@dataclass(frozen=True)
class Span:
    name: str
    start: date
    end: date


D = date(2013, 3, 13)


def d(offset: int) -> date:
    return D + timedelta(days=offset)


def pairs(*spans: Span) -> set[tuple[str, str]]:
    return {tuple(sorted((a.name, b.name))) for a, b in overlapping_pairs(spans)}  # type: ignore[misc]


def test_same_day_overlaps() -> None:
    assert pairs(Span("a", d(0), d(0)), Span("b", d(0), d(0))) == {("a", "b")}


def test_touching_last_day_equals_first_day_overlaps() -> None:
    # days are inclusive: [13, 15] and [15, 17] share the 15th
    assert pairs(Span("a", d(0), d(2)), Span("b", d(2), d(4))) == {("a", "b")}


def test_adjacent_days_do_not_overlap() -> None:
    # [13, 15] then [16, 18]: back to back, no shared day
    assert pairs(Span("a", d(0), d(2)), Span("b", d(3), d(5))) == set()


def test_contained_overlaps() -> None:
    assert pairs(Span("outer", d(0), d(30)), Span("inner", d(10), d(12))) == {("inner", "outer")}


def test_one_day_inside_a_long_class() -> None:
    assert pairs(Span("long", d(0), d(60)), Span("one", d(60), d(60))) == {("long", "one")}


def test_one_day_after_a_long_class() -> None:
    assert pairs(Span("long", d(0), d(60)), Span("one", d(61), d(61))) == set()


def test_identical_spans_overlap_once() -> None:
    found = list(overlapping_pairs([Span("a", d(0), d(2)), Span("b", d(0), d(2))]))
    assert len(found) == 1


def test_chain_reports_only_real_pairs() -> None:
    spans = [Span("a", d(0), d(2)), Span("b", d(2), d(4)), Span("c", d(4), d(6))]
    assert pairs(*spans) == {("a", "b"), ("b", "c")}


def test_runs_collapse_consecutive_days() -> None:
    days = [d(0), d(1), d(2), d(5), d(6), d(9)]
    assert runs(days) == [(d(0), d(2)), (d(5), d(6)), (d(9), d(9))]
    assert runs([]) == []


spans_strategy = st.lists(
    st.tuples(st.integers(0, 60), st.integers(0, 10)).map(lambda t: (d(t[0]), d(t[0] + t[1]))),
    max_size=40,
)


@given(spans_strategy)
def test_sweep_matches_brute_force(raw: list[tuple[date, date]]) -> None:
    spans = [Span(str(i), s, e) for i, (s, e) in enumerate(raw)]
    brute = {
        tuple(sorted((a.name, b.name)))
        for i, a in enumerate(spans)
        for b in spans[i + 1 :]
        if a.start <= b.end and b.start <= a.end
    }
    found = list(overlapping_pairs(spans))
    assert len(found) == len(brute)  # each pair once
    assert {tuple(sorted((a.name, b.name))) for a, b in found} == brute
