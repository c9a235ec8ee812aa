from __future__ import annotations

import pytest

from cadretrain.core.diagnostics import Sink
from cadretrain.plan.loader import load_plan
from cadretrain.plan.lookup import ClassNotFound, find_class
from tests.conftest import ROOT


def plan():  # type: ignore[no-untyped-def]
    p = load_plan(ROOT / "plans" / "2013-county.yaml", Sink())
    assert p is not None
    return p


def test_by_id_full_name_short_name_and_unique_part() -> None:
    p = plan()
    assert find_class(p, "youth-spring").short == "春期中青年班"
    assert find_class(p, "春期中青年干部理论培训班").id == "youth-spring"
    assert find_class(p, "春期中青年班").id == "youth-spring"
    assert find_class(p, "妇女").id == "women-leaders"


def test_ambiguous_part_lists_the_candidates() -> None:
    with pytest.raises(ClassNotFound) as err:
        find_class(plan(), "中青年")
    assert "春期中青年班" in str(err.value) and "秋期中青年班" in str(err.value)


def test_unknown_class_suggests_and_lists() -> None:
    with pytest.raises(ClassNotFound) as err:
        find_class(plan(), "春季中青年班")
    assert "春期中青年班" in str(err.value)
