"""``collect`` with what it needs from the year: the register (read once), the other classes'
enrollments (read once) and every class's schedule (``cadretrain.enroll.collect`` does the
collecting)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from cadretrain.core.diagnostics import Sink
from cadretrain.enroll.collect import Collected, collect
from cadretrain.enroll.quota_table import QuotaTable, quota_table
from cadretrain.plan.model import TrainingClass
from cadretrain.year.model import Year

UNUSABLE_REGISTER = ("CT401", "CT402")


def collect_class(
    year: Year,
    cls: TrainingClass,
    paths: Sequence[Path],
    register: Path | None,
    *,
    today: date | None = None,
) -> tuple[Collected, QuotaTable, Sink]:
    """Collect the forms of ``cls``: the register is ``register`` or the plan's (when it cannot
    be read, CT401/CT402 are reported and eligibility is not checked), then the quota table and
    the other classes' enrollments. Returns what was found, the table and every problem (the
    register's own other problems are left out: ``validate`` reports them)."""
    sink, aside = Sink(), Sink()  # aside: the register's own problems
    cadres = year.register(aside, register)
    if any(d.code in UNUSABLE_REGISTER for d in aside.items):  # the register is unusable
        sink.extend(d for d in aside.items if d.code in UNUSABLE_REGISTER)
        cadres = None
    plan = year.plan
    table = quota_table(plan, cls, cadres, sink)
    others = {k: v for k, v in year.enrollments(sink).items() if k != cls.id}
    collected = collect(
        plan,
        cls,
        table,
        paths,
        sink,
        schedules=year.schedules,
        cadres=cadres,
        others=others,
        today=today,
    )
    return collected, table, sink
