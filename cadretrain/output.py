"""Rendering a validation report: editor-friendly lines, JSON, and a short summary."""

from __future__ import annotations

import json

from cadretrain.diagnostics import Severity
from cadretrain.validate import Report


def text_lines(report: Report, hints: bool = True) -> list[str]:
    """``file:line:col: 级别 [CODE] 消息`` lines, each followed by its hint and related places."""
    out: list[str] = []
    for d in report.diagnostics:
        line = d.line()
        if d.possible:
            line = line.replace(f"[{d.code}] ", f"[{d.code}] （可能）", 1)
        out.append(line)
        if hints:
            for r in d.related:
                out.append(f"    相关：{r.pos} {r.label}")
            if d.hint:
                out.append(f"    提示：{d.hint}")
    return out


def summary_text(report: Report) -> str:
    n = len(report.files)
    e, w, i = (report.count(s) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO))
    if not (e or w or i):
        return f"检查了 {n} 个文件，没有发现问题。"
    return f"检查了 {n} 个文件：错误 {e} 个，警告 {w} 个，提示 {i} 个。"


def to_json(report: Report, strict: bool = False) -> str:
    data = {
        "files": [
            {
                "file": f.file,
                "errors": f.count(Severity.ERROR),
                "warnings": f.count(Severity.WARNING),
                "infos": f.count(Severity.INFO),
                "diagnostics": [d.to_json() for d in f.diagnostics],
            }
            for f in report.files
        ],
        "summary": {
            "errors": report.count(Severity.ERROR),
            "warnings": report.count(Severity.WARNING),
            "infos": report.count(Severity.INFO),
            "exit_code": report.exit_code(strict),
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def print_summary(report: Report) -> None:
    """A coloured summary table on the terminal (rich is imported only here)."""
    from rich.console import Console
    from rich.table import Table

    console = Console(stderr=False, highlight=False)
    table = Table(title="检查结果", show_lines=False)
    table.add_column("文件")
    table.add_column("错误", justify="right", style="red")
    table.add_column("警告", justify="right", style="yellow")
    table.add_column("提示", justify="right", style="cyan")
    for f in report.files:
        table.add_row(
            f.file,
            str(f.count(Severity.ERROR)),
            str(f.count(Severity.WARNING)),
            str(f.count(Severity.INFO)),
        )
    console.print(table)
    console.print(summary_text(report))
