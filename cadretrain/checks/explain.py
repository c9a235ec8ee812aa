"""``cadretrain explain CODE`` and ``cadretrain codes``: what each diagnostic means."""

from __future__ import annotations

import inspect

from cadretrain.core.codes import CODES


def code_doc(code: str) -> str:
    """The explanation with examples: the check's docstring, or the entry in codes.py."""
    from cadretrain.checks import rule_for

    check = rule_for(code)
    if check is not None and check.__doc__:
        return inspect.cleandoc(check.__doc__)
    entry = CODES.get(code)
    return inspect.cleandoc(entry.doc) if entry else ""


def explain_code(code: str) -> str | None:
    entry = CODES.get(code.strip().upper())
    if entry is None:
        return None
    head = f"{entry.code}（{entry.severity.zh}）{entry.title}"
    doc = code_doc(entry.code)
    return f"{head}\n\n{doc}\n" if doc else head + "\n"


def code_table() -> str:
    lines = ["代码    级别  含义"]
    for entry in sorted(CODES.values(), key=lambda c: c.code):
        lines.append(f"{entry.code}   {entry.severity.zh}  {entry.title}")
    return "\n".join(lines)
