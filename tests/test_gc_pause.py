"""The cycle collector is paused while a plan or a register loads, and left as it was after."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from cadretrain.core.gc_pause import cycle_collection_paused
from cadretrain.year.pipeline import load_year

PLAN = Path(__file__).resolve().parent.parent / "plans" / "2013-county.yaml"


def test_the_collector_is_off_inside_and_back_on_after() -> None:
    assert gc.isenabled()
    with cycle_collection_paused():
        assert not gc.isenabled()
        with cycle_collection_paused():  # nested: still off, and not turned on by the inner
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_the_caller_turned_off_stays_off() -> None:
    gc.disable()
    try:
        with cycle_collection_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_collector_is_back_after_an_error_inside() -> None:
    with pytest.raises(KeyError), cycle_collection_paused():
        raise KeyError("x")
    assert gc.isenabled()


def test_loading_the_year_leaves_the_collector_on_and_ran_paused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[bool] = []
    from cadretrain.year import pipeline

    real = pipeline.build_year

    def spy(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "build_year", spy)
    year = load_year(PLAN)
    assert year is not None and year.plan.classes
    assert seen == [False]
    assert gc.isenabled()
