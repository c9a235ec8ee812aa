"""The dates a class states, for the rules that read them (CT105, CT106, CT205, CT302)."""

from __future__ import annotations

from collections.abc import Iterator

from cadretrain.core.dates import DateSpan
from cadretrain.core.diagnostics import Pos
from cadretrain.plan.model import TrainingClass


def class_spans(c: TrainingClass) -> Iterator[tuple[DateSpan, Pos, str]]:
    """The class's own dates and each listed session's, with where they are written and how
    messages name them."""
    if c.when is not None:
        yield c.when, c.rec.at("when"), f"班次“{c.label}”"
    for n, s in enumerate(c.sessions, start=1):
        yield s.when, s.rec.at("when"), f"班次“{c.label}”第 {n} 期"
