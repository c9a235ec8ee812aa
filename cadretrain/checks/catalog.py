"""Every diagnostic code in one place: the codes raised while reading (``core.codes.CODES``)
and those the rules declare (``checks.RULES``). It feeds ``cadretrain explain``,
``cadretrain codes`` and the table in ``docs/诊断代码.md``, which is regenerated with::

    python -m cadretrain.checks.catalog --write docs/诊断代码.md

(``tests/test_docs.py`` fails when the page's table differs from the catalogue.)
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from cadretrain.checks import RULES
from cadretrain.checks.base import Prose, Rule
from cadretrain.core.codes import CODES, Code

TABLE_START = (
    "<!-- 代码表：由 python -m cadretrain.checks.catalog --write docs/诊断代码.md 生成 -->"
)
TABLE_END = "<!-- 代码表结束 -->"


def rule_doc(rule: Rule) -> str:
    """The explanation followed by the examples, as ``cadretrain explain`` shows them: plan
    fragments as indented ``通过::`` / ``不通过::`` blocks, prose as ``通过：`` lines."""
    if isinstance(rule.PASSING, Prose) or isinstance(rule.FAILING, Prose):
        return f"{rule.EXPLANATION}\n\n通过：{rule.PASSING}\n不通过：{rule.FAILING}"
    good = textwrap.indent(rule.PASSING.rstrip("\n"), "    ")
    bad = textwrap.indent(rule.FAILING.rstrip("\n"), "    ")
    return f"{rule.EXPLANATION}\n\n通过::\n\n{good}\n\n不通过::\n\n{bad}"


def _catalogue() -> dict[str, Code]:
    out = dict(CODES)
    for rule in RULES:
        if rule.CODE in out:
            raise ValueError(f"{rule.CODE} is declared twice (a rule and core/codes*.py)")
        out[rule.CODE] = Code(rule.CODE, rule.SEVERITY, rule.TITLE, rule_doc(rule))
    return dict(sorted(out.items()))


CATALOG: dict[str, Code] = _catalogue()


def title(code: str) -> str:
    """The Chinese title of a code, or the code itself when there is no such code."""
    entry = CATALOG.get(code)
    return entry.title if entry else code


def markdown_table() -> str:
    """The code table of ``docs/诊断代码.md``: one row per code, in code order."""
    rows = ["| 代码 | 默认级别 | 含义 |", "| --- | --- | --- |"]
    rows += [f"| {c.code} | {c.severity.zh} | {c.title} |" for c in CATALOG.values()]
    return "\n".join(rows)


def with_table(page: str) -> str:
    """``page`` with the text between ``TABLE_START`` and ``TABLE_END`` replaced by the
    current table; ValueError when the page lacks the markers."""
    head, start, rest = page.partition(TABLE_START)
    _, end, tail = rest.partition(TABLE_END)
    if not start or not end:
        raise ValueError(f"the page has no “{TABLE_START}” … “{TABLE_END}” markers")
    return f"{head}{TABLE_START}\n\n{markdown_table()}\n\n{TABLE_END}{tail}"


def write_page(path: Path) -> bool:
    """Rewrite the table in the code page at ``path``; True when it changed."""
    old = path.read_text(encoding="utf-8")
    new = with_table(old)
    if new != old:
        path.write_text(new, encoding="utf-8")
    return new != old


if __name__ == "__main__":  # pragma: no cover - a maintainer's command
    import sys

    if sys.argv[1:2] != ["--write"] or len(sys.argv) != 3:
        raise ValueError("usage: python -m cadretrain.checks.catalog --write docs/诊断代码.md")
    write_page(Path(sys.argv[2]))
