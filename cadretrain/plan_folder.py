"""All the plans in one folder (several years' plans kept together), for the 学时 ledger."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cadretrain.diagnostics import Sink
from cadretrain.model import Plan


@dataclass
class Folder:
    plans: list[Plan]
    skipped: list[str]  # “file：why”, for files that are not plans
    with_errors: list[str]  # plans that loaded with errors (hours from what could be read)


def load_plans(where: Path) -> Folder:
    """Every ``*.yaml``/``*.yml`` directly in ``where`` that loads as a plan (``where`` may also
    be one plan file). Subfolders such as ``enrollments/`` are not read."""
    from cadretrain.loader import load_plan

    files = (
        [where]
        if where.is_file()
        else sorted(p for p in where.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    )
    folder = Folder([], [], [])
    for path in files:
        sink = Sink()
        plan = load_plan(path, sink)
        if plan is None:
            why = sink.items[0].message if sink.items else "没有 plan 的 title 和 year"
            folder.skipped.append(f"{path}：{why}")
            continue
        if sink.has_errors():
            folder.with_errors.append(str(path))
        folder.plans.append(plan)
    return folder


def find_unit(plans: Sequence[Plan], query: str) -> str | None:
    """The unit name that ``query`` means (name, id or alias in any plan), or None."""
    q = query.strip()
    for plan in sorted(plans, key=lambda p: -p.year):
        for u in plan.units.values():
            if q in (u.name, u.id, *u.aliases):
                return u.name
    return None
