from __future__ import annotations

import os
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from cadretrain.core.diagnostics import Diagnostic, Sink
from cadretrain.plan.loader import parse_plan
from cadretrain.plan.model import Plan
from cadretrain.year.model import Year
from cadretrain.year.pipeline import load_year

ROOT = Path(__file__).resolve().parent.parent
# keep the holiday cache of test runs out of the user's cache folder
os.environ.setdefault("CADRETRAIN_CACHE", tempfile.mkdtemp(prefix="cadretrain-test-cache-"))
HEADER = "plan: {title: 测试计划, year: 2013}\n"
BUNDLED_PLAN = ROOT / "plans" / "2013-county.yaml"


def load(text: str, file: str = "t.yaml") -> tuple[Plan | None, list[Diagnostic]]:
    sink = Sink()
    plan = parse_plan(text, file, sink)
    return plan, sink.items


def bundled_year() -> Year:
    """The bundled 2013 plan's year, freshly loaded (no checks): a module's fixture of its own,
    since tests fill its caches."""
    loaded = load_year(BUNDLED_PLAN, checks=False)
    assert loaded is not None
    return loaded


def codes(diags: list[Diagnostic]) -> list[str]:
    return [d.code for d in diags]


@pytest.fixture
def root() -> Path:
    return ROOT


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Fail with TimeoutError instead of hanging (Unix; elsewhere no limit)."""
    if not hasattr(signal, "setitimer"):
        yield
        return

    def expired(signum: int, frame: object) -> None:
        raise TimeoutError(f"超过 {seconds} 秒")

    old = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
