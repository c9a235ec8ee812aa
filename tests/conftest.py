from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from cadretrain.core.diagnostics import Diagnostic, Sink
from cadretrain.plan.loader import parse_plan
from cadretrain.plan.model import Plan

ROOT = Path(__file__).resolve().parent.parent
# keep the holiday cache of test runs out of the user's cache folder
os.environ.setdefault("CADRETRAIN_CACHE", tempfile.mkdtemp(prefix="cadretrain-test-cache-"))
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
