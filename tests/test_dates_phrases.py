"""Real phrases from published plans and reports (``tests/data/real_phrases.yaml``, each with
its source): the span, length and flags cadretrain reads from each, and that every character of
every real ``when`` is consumed or reported."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from cadretrain.core.dates import parse_when
from cadretrain.core.dates_words import length
from cadretrain.core.headcount import parse_headcount

DATA = yaml.safe_load((Path(__file__).parent / "data" / "real_phrases.yaml").read_text("utf-8"))
PHRASES: list[dict[str, Any]] = DATA["phrases"]
FLAGS = ("approximate", "at_least", "per_session", "person_times")


def test_there_are_at_least_80_phrases_each_with_a_known_source() -> None:
    assert len(PHRASES) >= 80
    for p in PHRASES:
        assert p["source"] in DATA["sources"], p
    urls = [u for u in DATA["sources"].values() if u.startswith("http")]
    assert len(urls) >= 15


def by_kind(kind: str) -> list[Any]:
    return [pytest.param(p, id=p["text"]) for p in PHRASES if p["kind"] == kind]


@pytest.mark.parametrize("p", by_kind("when"))
def test_real_when(p: dict[str, Any]) -> None:
    span = parse_when(p["text"], p["year"])
    assert (span.start, span.end) == (p["start"], p["end"])
    assert span.exact is p["exact"]
    assert span.length_days == p["length"]
    assert sorted({n.code for n in span.notes}) == p["codes"]
    assert [span.session_count, span.session_days] == p.get("sessions", [None, None])
    assert isinstance(span.start, date)
    assert_covered(p["text"], span.consumed, span.notes)


@pytest.mark.parametrize("p", by_kind("length"))
def test_real_length(p: dict[str, Any]) -> None:
    found = length(p["text"], training=False)
    assert found is not None
    assert found.days == p["days"]
    assert list(found.choices) == p["choices"]
    assert found.exact is p["exact"]


@pytest.mark.parametrize("p", by_kind("headcount"))
def test_real_headcount(p: dict[str, Any]) -> None:
    found = parse_headcount(p["text"])
    assert found is not None
    assert (found.number, found.low) == (p["number"], p["low"])
    assert [f for f in FLAGS if getattr(found, f)] == p["flags"]


def assert_covered(text: str, consumed: Any, notes: Any) -> None:
    """Every character of ``text`` lies in a consumed range or in a note's range."""
    covered = [False] * len(text)
    for lo, hi in [*consumed, *((n.start, n.end) for n in notes if n.code == "CT130")]:
        for i in range(lo, hi):
            covered[i] = True
    assert all(covered), [text[i] for i, c in enumerate(covered) if not c]
