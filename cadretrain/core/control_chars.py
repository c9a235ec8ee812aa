"""Control characters in text read from users' files (CT122).

YAML forbids raw control characters (``plan/nodes.py`` reports them as CT005), but a
double-quoted escape such as ``"\\a"``, ``"\\x1b"`` or ``"\\u0007"`` produces one after parsing,
and an enrollment or a returned reply form can carry them too. Workbooks cannot hold them
(openpyxl refuses the cell), terminals act on them and nobody can see them. Whoever reads such
text reports each one (CT122) and goes on with it replaced by U+FFFD (``clean``), so every
output can still be written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from cadretrain.core.diagnostics import Pos, Sink

# the characters YAML 1.1 does not allow in a stream (tab, LF, CR and NEL are allowed), and
# lone surrogates, which no file encoding can hold
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
REPLACEMENT = "\ufffd"
HINT = (
    "控制字符看不见，在表格和文书中无法写出；常由转义（如 \\a、\\x1b）或复制粘贴带入，"
    "请删除后重新输入。"
)


def has_control(text: str) -> bool:
    return CONTROL.search(text) is not None


def clean(text: str) -> str:
    """``text`` with every control character replaced by U+FFFD."""
    return CONTROL.sub(REPLACEMENT, text)


def code_point(ch: str) -> str:
    """``U+0007`` for a character, as messages name it."""
    return f"U+{ord(ch):04X}"


def shown(text: str, limit: int = 40) -> str:
    """The text for a message: control characters as ``\\x07``, shortened to ``limit``."""
    visible = CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    return visible if len(visible) <= limit else visible[: limit - 1] + "…"


def report_values(
    values: dict[str, str], pos: Pos, where: str, sink: Sink, names: Mapping[str, str]
) -> dict[str, str]:
    """Report each value holding control characters (CT122, ``where`` names the record, e.g.
    ``报名名单第 3 人``, ``names`` the fields in Chinese) and return the values cleaned."""
    if not any(CONTROL.search(v) for v in values.values()):
        return values
    out = dict(values)
    for key, value in values.items():
        found = CONTROL.search(value)
        if found:
            sink.add(
                "CT122",
                pos,
                f"{where}的“{names.get(key, key)}”（{shown(value)}）中有控制字符 "
                f"{code_point(found.group())}，读入时已换成 U+FFFD",
                hint=HINT,
            )
            out[key] = clean(value)
    return out


def report_cells(texts: list[str], file: str, line: int, where: str, sink: Sink) -> list[str]:
    """Report each cell text of a row holding control characters (CT122, at its column;
    ``where`` names the row, e.g. ``工作表“报名回执”第 5 行``) and return the texts cleaned."""
    if not any(CONTROL.search(t) for t in texts):
        return texts
    out = []
    for col, text in enumerate(texts, start=1):
        found = CONTROL.search(text)
        if found:
            sink.add(
                "CT122",
                Pos(file, line, col),
                f"{where}第 {col} 列（{shown(text)}）中有控制字符 {code_point(found.group())}，"
                "读入时已换成 U+FFFD",
                hint=HINT,
            )
            text = clean(text)
        out.append(text)
    return out
