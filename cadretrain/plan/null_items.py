"""Two checks over the plan's node tree, before it is read into records: empty list items
(CT123) and control characters that YAML escapes produce (CT122).

- ``classes: [..., null]`` or a ``-`` with nothing after it: the reader would skip the item
  silently, so a class (venue, teacher, unit, session, topic …) the user meant to write would
  just be missing. Each such item is an error at its position.
- ``name: "甲\\a班"``: YAML forbids raw control characters (CT005, ``plan/nodes.py``), but its
  double-quoted escapes (``\\a``, ``\\e``, ``\\x07``, ``\\u0007`` …) produce them after parsing.
  Each is reported at the escape, and replaced by U+FFFD in the tree, so that every output (a
  workbook cannot hold them) can still be written.

``check_items`` is called once by ``parse_plan``; it walks the tree iteratively (the tree's
depth is already bounded by ``nodes.MAX_DEPTH``) and reports at most ``MOST`` of each kind.
"""

from __future__ import annotations

from collections.abc import Iterator

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from cadretrain.core.control_chars import CONTROL, HINT, clean, code_point, shown
from cadretrain.core.diagnostics import Pos, Sink
from cadretrain.plan.nodes import is_null, node_pos

MOST = 20  # findings of each kind reported one by one; the rest are counted in one more

_ESCAPES = {
    "0": "\x00",
    "a": "\x07",
    "b": "\x08",
    "t": "\t",
    "\t": "\t",
    "n": "\n",
    "v": "\x0b",
    "f": "\x0c",
    "r": "\r",
    "e": "\x1b",
    " ": " ",
    '"': '"',
    "/": "/",
    "\\": "\\",
    "N": "\x85",
    "_": "\xa0",
    "L": "\u2028",
    "P": "\u2029",
}
_HEX = {"x": 2, "u": 4, "U": 8}


def check_items(root: Node, text: str, file: str, sink: Sink) -> None:
    """Report empty list items (CT123) and control characters in scalars (CT122), the latter
    replaced by U+FFFD in the tree."""
    nulls: list[tuple[Node, int, int, str]] = []  # the item, its place, the list's length, key
    controls: list[tuple[Pos, str, str]] = []  # where, the character, the scalar's text
    stack: list[tuple[Node, str]] = [(root, "")]  # a node and the key it is under
    while stack:
        node, key = stack.pop()
        if isinstance(node, ScalarNode):
            value = str(node.value)
            if CONTROL.search(value):
                controls += [(pos, ch, value) for pos, ch in _where(node, text, file)]
                node.value = clean(value)
        elif isinstance(node, SequenceNode):
            for i, item in enumerate(node.value, start=1):
                if is_null(item):
                    nulls.append((item, i, len(node.value), key))
            stack.extend((item, key) for item in reversed(node.value))
        elif isinstance(node, MappingNode):
            for k, v in reversed(node.value):
                stack.append((v, str(k.value) if isinstance(k, ScalarNode) else key))
                stack.append((k, key))
    for n, (item, i, size, key) in enumerate(nulls):
        if n == MOST:
            sink.add(
                "CT123",
                node_pos(file, item),
                f"另有 {len(nulls) - MOST} 个列表项是空的（null），未逐一列出",
                hint="请删除空的“-”行，或补上内容。",
            )
            break
        sink.add(
            "CT123",
            node_pos(file, item),
            f"“{shown(key)}”列表的第 {i} 项（共 {size} 项）是空的（null），这一项不会被读入",
            hint="“-”后面没有内容，或写成了 null、~；请删除这一行，或补上内容。",
        )
    for n, (pos, ch, value) in enumerate(controls):
        if n == MOST:
            sink.add("CT122", pos, f"另有 {len(controls) - MOST} 个控制字符，未逐一列出", hint=HINT)
            break
        sink.add(
            "CT122",
            pos,
            f"文字“{shown(value)}”中有控制字符 {code_point(ch)}，读入时已换成 U+FFFD",
            hint=HINT,
        )


def _where(node: ScalarNode, text: str, file: str) -> list[tuple[Pos, str]]:
    """Each control character of a scalar with its position: at its escape in a
    double-quoted scalar, else (it cannot be found in the source) at the scalar."""
    mark = node.start_mark
    found: list[tuple[Pos, str]] = []
    if node.style == '"' and 0 <= mark.index < len(text) and text[mark.index] == '"':
        end = min(node.end_mark.index, len(text))
        for line, col, ch in _escapes(text[mark.index : end], mark.line, mark.column):
            if CONTROL.match(ch):
                found.append((Pos(file, line + 1, col + 1), ch))
    if found:
        return found
    return [(node_pos(file, node), ch) for ch in CONTROL.findall(str(node.value))]


def _escapes(raw: str, line: int, col: int) -> Iterator[tuple[int, int, str]]:
    """The characters a double-quoted scalar's escapes stand for, each with the 0-based line
    and column of its backslash (``raw`` starts with the opening quote at ``line``, ``col``)."""
    i = 1
    col += 1
    while i < len(raw):
        ch = raw[i]
        if ch in "\r\n":
            i += 2 if raw[i : i + 2] == "\r\n" else 1
            line, col = line + 1, 0
            continue
        if ch != "\\" or i + 1 >= len(raw):
            i, col = i + 1, col + 1
            continue
        code = raw[i + 1]
        if code in "\r\n":  # an escaped line break: the break itself comes next
            i, col = i + 1, col + 1
            continue
        size = _HEX.get(code, 0)
        if size:
            digits = raw[i + 2 : i + 2 + size]
            value = int(digits, 16) if len(digits) == size and _is_hex(digits) else -1
            if 0 <= value <= 0x10FFFF:  # else libyaml would not have parsed it
                yield line, col, chr(value)
        elif code in _ESCAPES:
            yield line, col, _ESCAPES[code]
        i, col = i + 2 + size, col + 2 + size


def _is_hex(digits: str) -> bool:
    return all(c in "0123456789abcdefABCDEF" for c in digits)
