"""``cadretrain quota``: the command's steps, callable from tests."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from cadretrain.cli.outputs import write_outputs
from cadretrain.core.diagnostics import Severity, Sink
from cadretrain.enroll.quota_table import QuotaTable
from cadretrain.plan.model import TrainingClass
from cadretrain.year.model import Year


def run_quota(
    year: Year,
    query: str | None,
    register: Path | None,
    fmt: str,
    output: Path,
    force: bool = False,
) -> int:
    """Print or write quota tables; returns the exit code (0 ok, 1 problems, 2 usage)."""
    from cadretrain.cli.diagnostics_out import print_diagnostics
    from cadretrain.enroll.method import why_no_quota
    from cadretrain.enroll.quota_sheet import to_json, xlsx_bytes
    from cadretrain.enroll.quota_table import class_quota
    from cadretrain.plan.lookup import pick_class

    plan = year.plan
    classes: list[TrainingClass] = list(plan.classes)
    if query is not None:
        classes = [pick_class(plan, query)]
    sink = Sink()
    cadres = year.register(sink, register)
    tables: list[QuotaTable] = []
    left_out: list[tuple[TrainingClass, str]] = []  # the decision table's rows without quotas
    for cls in classes:
        decision, table = class_quota(plan, cls, cadres, sink)
        if table is not None:
            tables.append(table)
        else:
            left_out.append((cls, why_no_quota(cls, decision)))
    print_diagnostics(sink.items)
    for cls, why in left_out:
        print(f"提示：班次“{cls.label}”不分配名额：{why}。", file=sys.stderr)
    if fmt == "json":
        if query is not None and not tables:
            cls, why = left_out[0]
            print(
                json.dumps(
                    {"class": cls.id, "name": cls.name, "quota": None, "reason": why},
                    ensure_ascii=False,
                    indent=2,
                )
            )
        else:
            print(
                "[" + ",\n".join(to_json(t) for t in tables) + "]"
                if query is None
                else to_json(tables[0])
            )
    elif fmt == "xlsx":
        files = ((f"{t.cls.id}-名额分配表.xlsx", xlsx_bytes(t)) for t in tables)
        if write_outputs(output, force, files):
            return 1
    else:
        for t in tables:
            print_table(t)
    return 1 if any(d.severity is Severity.ERROR for d in sink.items) else 0


def print_table(table: QuotaTable) -> None:
    """The quota table on the terminal: a row per unit, the totals, then the notes."""
    from cadretrain.cli.terminal import RIGHT, echo, rich_table
    from cadretrain.core.apportion import TIE_RULE
    from cadretrain.enroll.quota_sheet import headline, rows

    columns: list[str | tuple[str, str]] = [("序号", RIGHT), "单位", ("符合条件", RIGHT)]
    columns += [("按比例", RIGHT), ("名额", RIGHT), "各期", "说明"]
    t = rich_table(headline(table), columns)
    for row in rows(table):
        t.add_row(*row)
    totals = table.session_totals()
    t.add_row(
        "",
        "合计",
        str(table.allocation.population),
        "",
        str(table.allocation.seats),
        "/".join(str(x) for x in totals) if table.sessions > 1 else "",
        "",
        style="bold",
    )
    notes = (*table.all_notes(), f"同分时：{TIE_RULE}")
    echo(t, *(f"· {note}" for note in notes))
