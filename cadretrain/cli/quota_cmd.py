"""``cadretrain quota``: the command's steps, callable from tests."""

from __future__ import annotations

import sys
from pathlib import Path

from cadretrain.core.diagnostics import Severity, Sink
from cadretrain.enroll.quota_table import QuotaTable
from cadretrain.plan.model import Plan, TrainingClass


def run_quota(
    plan: Plan,
    query: str | None,
    register: Path | None,
    fmt: str,
    output: Path,
    force: bool = False,
) -> int:
    """Print or write quota tables; returns the exit code (0 ok, 1 problems, 2 usage)."""
    from cadretrain.cli.diagnostics_out import print_diagnostics
    from cadretrain.cli.outputs import close_folder
    from cadretrain.enroll.quota_sheet import to_json, xlsx_bytes
    from cadretrain.enroll.quota_table import load_cadres, quota_table
    from cadretrain.files.output_folder import OutputFolder, OutputRefused
    from cadretrain.plan.lookup import pick_class

    planned = [c for c in plan.classes if c.planned]
    classes: list[TrainingClass] = planned if query is None else [pick_class(plan, query)]
    sink = Sink()
    cadres = load_cadres(plan, sink, register)
    tables = [quota_table(plan, c, cadres, sink) for c in classes]
    print_diagnostics(sink.items)
    if fmt == "json":
        print(
            "[" + ",\n".join(to_json(t) for t in tables) + "]"
            if query is None
            else to_json(tables[0])
        )
    elif fmt == "xlsx":
        folder = OutputFolder(output, force=force)
        try:
            for t in tables:
                target = folder.write(f"{t.cls.id}-名额分配表.xlsx", xlsx_bytes(t))
                print(f"已写入 {target}")
        except OutputRefused as exc:
            print(f"错误：{exc}", file=sys.stderr)
            return 1
        finally:
            close_folder(folder)
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
