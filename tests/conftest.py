from __future__ import annotations

from pathlib import Path

import pytest

from cadretrain.diagnostics import Diagnostic, Sink
from cadretrain.loader import parse_plan
from cadretrain.model import Plan

ROOT = Path(__file__).resolve().parent.parent
HEADER = "plan: {title: 测试计划, year: 2013}\n"


def load(text: str, file: str = "t.yaml") -> tuple[Plan | None, list[Diagnostic]]:
    sink = Sink()
    plan = parse_plan(text, file, sink)
    return plan, sink.items


def codes(diags: list[Diagnostic]) -> list[str]:
    return [d.code for d in diags]


@pytest.fixture
def root() -> Path:
    return ROOT
