"""``plan.classes_declared``: how many classes, sessions (期), or both, the plan's text states.

Plans count in two ways: “全年共举办培训班12个” counts classes, “共15期” counts sessions, and
many say both (“12个班次、45期”). Read as written:

- a whole number (``12``, ``12个``, ``12个班次``, ``共12个班``) counts classes;
- a number of 期 (``15期``, ``共15期``) counts sessions;
- both in one phrase (``12个班次、45期``), or a mapping ``{classes: 12, sessions: 45}``.

Words around the numbers such as 全年、共、举办、计划 are allowed; anything else is CT103.
Classes are checked by CT201, sessions by CT311.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from yaml.nodes import MappingNode, Node, ScalarNode

from cadretrain.core.diagnostics import Pos, Sink

_NUM = r"(\d{1,5}|[一二两三四五六七八九十百零〇]{1,5})"
_PART = re.compile(_NUM + r"\s*(个班次|个班|个培训班|班次|个|期)?")
_FILLER = re.compile(r"[\s,，、;；。]|全年|本年度|年度|共计|共|举办|计划|培训班|培训|总计|合计|约")
_CN = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
_CN |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


@dataclass(frozen=True)
class DeclaredTotal:
    """What the plan states: classes, sessions, or both (None where it says nothing)."""

    classes: int | None = None
    sessions: int | None = None
    text: str = ""  # as written, for messages


def _number(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    value, current = 0, 0
    for c in s:
        if c in _CN:
            current = _CN[c]
        elif c == "十":
            value += (current or 1) * 10
            current = 0
        elif c == "百":
            value += (current or 1) * 100
            current = 0
    return value + current


def parse_total(text: str) -> DeclaredTotal | None:
    """The counts a phrase states; None when it is not understood."""
    norm = unicodedata.normalize("NFKC", text).strip()
    classes = sessions = None
    i = 0
    found = False
    while i < len(norm):
        filler = _FILLER.match(norm, i)
        if filler is not None and filler.end() > i:
            i = filler.end()
            continue
        part = _PART.match(norm, i)
        if part is None:
            return None
        value = _number(part[1])
        if part[2] == "期":
            if sessions is not None:
                return None
            sessions = value
        else:
            if classes is not None:
                return None
            classes = value
        found = True
        i = part.end()
    return DeclaredTotal(classes, sessions, text.strip()) if found else None


_WHAT = "整数（班次数），或“共12个班次”“共15期”“12个班次、45期”，或 {classes: 12, sessions: 45}"


def read_total(
    node: Node, where: str, pos: Callable[[Node], Pos], sink: Sink
) -> DeclaredTotal | None:
    """``classes_declared`` from its YAML node; CT103 (at the node) when it cannot be read."""
    if isinstance(node, ScalarNode):
        total = parse_total(str(node.value))
        if total is None:
            sink.add("CT103", pos(node), f"{where}应为{_WHAT}，实际是“{str(node.value)[:40]}”")
        return total
    if isinstance(node, MappingNode):
        counts: dict[str, int] = {}
        for key_node, value_node in node.value:
            name = str(key_node.value) if isinstance(key_node, ScalarNode) else "…"
            text = str(value_node.value) if isinstance(value_node, ScalarNode) else ""
            norm = unicodedata.normalize("NFKC", text).strip().removesuffix("个").removesuffix("期")
            if name not in ("classes", "sessions") or not norm.isdigit() or len(norm) > 5:
                sink.add("CT103", pos(key_node), f"{where}应为{_WHAT}，“{name}: {text}”不合要求")
                return None
            counts[name] = int(norm)
        if not counts:
            sink.add("CT103", pos(node), f"{where}应为{_WHAT}，实际是空映射")
            return None
        shown = "、".join(f"{n}{'个班次' if k == 'classes' else '期'}" for k, n in counts.items())
        return DeclaredTotal(counts.get("classes"), counts.get("sessions"), shown)
    sink.add("CT103", pos(node), f"{where}应为{_WHAT}，实际是列表")
    return None
