"""The benchmark plan generator (bench/gen_plan.py): deterministic, and its plans load cleanly."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path

from cadretrain.validate import validate_text

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
