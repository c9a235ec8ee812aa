"""Rendering a validation report: editor-friendly lines, JSON, and a short summary."""

from __future__ import annotations

from typing import TextIO

from cadretrain.core.diagnostics import Diagnostic, Severity, sorted_diagnostics
from cadretrain.year.validate import FileReport, Report


def text_lines(report: Report, hints: bool = True, show_ignored: bool = False) -> list[str]:
    """``file:line:col: 级别 [CODE] 消息`` lines, each followed by its hint and related places.
    Findings the plan silences (``ignore:``) only with ``show_ignored``, with their reason."""
    out: list[str] = []
    for d in report.diagnostics:
        if d.ignored and not show_ignored:
            continue
        out.append(d.shown_line())
        if hints:
            for r in d.related:
                out.append(f"    相关：{r.pos} {r.label}")
            if d.hint:
                out.append(f"    提示：{d.hint}")
            if d.ignored:
                out.append(f"    忽略理由：{d.reason}")
    return out


def ignored_count(diagnostics: list[Diagnostic]) -> int:
    return sum(1 for d in diagnostics if d.ignored)


def summary_text(report: Report) -> str:
    n = len(report.files)
    e, w, i = (report.count(s) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO))
    ignored = ignored_count(report.diagnostics)
    if not (e or w or i):
        tail = f"（已忽略 {ignored} 条）" if ignored else ""
        return f"检查了 {n} 个文件，没有发现问题{tail}。"
    tail = f"，已忽略 {ignored} 条" if ignored else ""
    return f"检查了 {n} 个文件：错误 {e} 个，警告 {w} 个，提示 {i} 个{tail}。"


def to_json(report: Report, strict: bool = False) -> str:
    import json

    data = {
        "files": [
            {
                "file": f.file,
                "errors": f.count(Severity.ERROR),
                "warnings": f.count(Severity.WARNING),
                "infos": f.count(Severity.INFO),
                "ignored": ignored_count(f.diagnostics),
                "diagnostics": [d.to_json() for d in f.diagnostics],
            }
            for f in report.files
        ],
        "summary": {
            "errors": report.count(Severity.ERROR),
            "warnings": report.count(Severity.WARNING),
            "infos": report.count(Severity.INFO),
            "ignored": ignored_count(report.diagnostics),
            "exit_code": report.exit_code(strict),
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def _paint(text: str, color: str, on: bool) -> str:
    codes = {"red": "31", "yellow": "33", "cyan": "36", "green": "32", "bold": "1"}
    return f"\033[{codes[color]}m{text}\033[0m" if on else text


def summary_lines(report: Report, color: bool = False) -> list[str]:
    """The closing summary: one line per file when several were checked, then the total.

    Coloured with plain ANSI codes (no rich: ``validate`` must start fast)."""
    out = []
    if len(report.files) > 1:
        for f in report.files:
            e, w, i = (f.count(s) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO))
            ignored = ignored_count(f.diagnostics)
            tail = f"，已忽略 {ignored}" if ignored else ""
            out.append(f"  {f.file}：错误 {e}，警告 {w}，提示 {i}{tail}")
    total = summary_text(report)
    if report.count(Severity.ERROR):
        total = _paint(total, "red", color)
    elif report.count(Severity.WARNING):
        total = _paint(total, "yellow", color)
    else:
        total = _paint(total, "green", color)
    out.append(total)
    return out


def use_color() -> bool:
    import os
    import sys

    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def print_diagnostics(diags: list[Diagnostic], stream: TextIO | None = None) -> None:
    """Diagnostics of a command other than ``validate``: lines with hints, sorted, on stderr."""
    import sys

    out = stream if stream is not None else sys.stderr
    report = Report([FileReport("", None, sorted_diagnostics(diags))])
    for line in text_lines(report):
        print(line, file=out)
