"""The benchmark plan generator (bench/gen_plan.py): deterministic, and its plans load cleanly."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path

from cadretrain.year.validate import validate_text

GEN = Path(__file__).resolve().parent.parent / "bench" / "gen_plan.py"


def _generate() -> Callable[..., str]:
    spec = importlib.util.spec_from_file_location("_bench_gen_plan", GEN)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it runs
    spec.loader.exec_module(module)
    generate: Callable[..., str] = module.generate
    return generate


def test_generated_plan_has_no_shape_errors() -> None:
    text = _generate()(50, 10, 30, 2013, 1)
    report = validate_text(text, "province.yaml")
    assert report.plan is not None
    assert len(report.plan.classes) == 50
    shape = [d.line() for d in report.diagnostics if d.code.startswith(("CT0", "CT1"))]
    assert shape == []


def test_generator_is_deterministic() -> None:
    generate = _generate()
    first = generate(50, 10, 30, 2013, 7)
    assert generate(50, 10, 30, 2013, 7) == first
    assert generate(50, 10, 30, 2013, 8) != first


def test_generated_units_load_and_give_quotas() -> None:
    from cadretrain.core.diagnostics import Sink
    from cadretrain.enroll.quota_table import quota_table

    text = _generate()(50, 10, 30, 2013, 1)
    report = validate_text(text, "province.yaml")
    plan = report.plan
    assert plan is not None
    assert [d.line() for d in report.diagnostics if d.code.startswith(("CT0", "CT1"))] == []
    units = list(plan.units.values())
    assert len(units) == 10  # as many as venues by default
    assert {u.kind for u in units} <= {"省直单位", "市直单位", "县直单位", "乡镇"}
    assert units[0].kind == "省直单位" and all(u.counts for u in units)
    declared = set(plan.ranks) | set(plan.tags)
    assert all(set(u.counts) <= declared for u in units)
    # every class with a headcount finds eligible people in the units' declared counts
    for cls in plan.classes:
        if not cls.planned:
            continue
        sink = Sink()
        table = quota_table(plan, cls, None, sink)
        assert table.allocation.population > 0, cls.name
        assert 0 < table.allocation.seats <= cls.planned, cls.name
        assert not [d for d in sink.items if d.code in ("CT501", "CT502")]


def test_units_can_be_left_out_without_changing_the_classes() -> None:
    generate = _generate()
    with_units = generate(50, 10, 30, 2013, 1)
    without = generate(50, 10, 30, 2013, 1, units=0)
    before, found, rest = with_units.partition("\nunits:\n")
    assert found and "\nunits:" not in without
    _block, _, after = rest.partition("\n\n")
    assert before + "\n" + after == without
