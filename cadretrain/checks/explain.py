"""``cadretrain explain CODE`` and ``cadretrain codes``: what each diagnostic means."""

from __future__ import annotations

import inspect

from cadretrain.checks.catalog import CATALOG


def code_doc(code: str) -> str:
    """The explanation with examples: declared by the rule, or in ``core/codes*.py``."""
    entry = CATALOG.get(code)
    return inspect.cleandoc(entry.doc) if entry else ""


def explain_code(code: str) -> str | None:
    entry = CATALOG.get(code.strip().upper())
    if entry is None:
        return None
    head = f"{entry.code}（{entry.severity.zh}）{entry.title}"
    doc = code_doc(entry.code)
    return f"{head}\n\n{doc}\n" if doc else head + "\n"


def code_table() -> str:
    lines = ["代码    级别  含义"]
    for entry in CATALOG.values():
        lines.append(f"{entry.code}   {entry.severity.zh}  {entry.title}")
    return "\n".join(lines)
