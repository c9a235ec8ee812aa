"""Composing YAML into a node tree that keeps positions, and guarding it.

We never let PyYAML construct Python values: YAML 1.1 would turn ``no`` into False, ``010``
into 8 and ``08:30`` into 510. Instead the loader (``fields.Reader``) reads each scalar's text
according to the kind the format expects. This module composes the tree with libyaml when
available, turns syntax errors into diagnostics, and in one iterative pass rejects aliases
(alias bombs, self-references), merge keys and duplicate keys, each at its position.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from cadretrain.core.diagnostics import Pos, Related, Sink

try:
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml missing on this Python
    _Loader = yaml.SafeLoader

MAX_DEPTH = 64
NULL_TAG = "tag:yaml.org,2002:null"
MERGE_TAG = "tag:yaml.org,2002:merge"


def node_pos(file: str, node: Node) -> Pos:
    mark = node.start_mark
    return Pos(file, mark.line + 1, mark.column + 1)


def is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and (
        node.tag == NULL_TAG or (node.style is None and node.value in ("", "~", "null", "Null"))
    )


def compose(text: str, file: str, sink: Sink) -> Node | None:
    """Compose ``text`` into a guarded node tree; None when there is nothing usable."""
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        sink.add("CT009", Pos(file), f"文件 {file} 是空的，没有任何内容")
        return None
    if _control_characters(text, file, sink):
        return None
    try:
        root: Node | None = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        _syntax_error(exc, text, file, sink)
        return None
    except yaml.YAMLError as exc:
        sink.add("CT005", Pos(file), f"YAML 语法错误：{exc}")
        return None
    except (RecursionError, MemoryError):
        sink.add("CT008", Pos(file), f"文件 {file} 嵌套过深或过大，无法读取")
        return None
    if root is None or is_null(root):
        sink.add("CT009", Pos(file), f"文件 {file} 是空的，没有任何内容")
        return None
    if _guard(root, file, sink):
        _report_aliases(text, file, sink)
    return root


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def _control_characters(text: str, file: str, sink: Sink, most: int = 20) -> bool:
    """Report characters YAML forbids (control characters), each at its line and column."""
    found = 0
    for m in _CONTROL.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        col = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
        sink.add(
            "CT005",
            Pos(file, line, col),
            f"YAML 语法错误：含有不允许的控制字符 U+{ord(m.group()):04X}",
            hint="这类字符常由复制粘贴带入，肉眼看不见；请删除该处的字符后重新输入。",
        )
        found += 1
        if found >= most:
            break
    return found > 0


def _syntax_error(exc: yaml.MarkedYAMLError, text: str, file: str, sink: Sink) -> None:
    problem = exc.problem or exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    at_end = mark is not None and mark.index >= len(text.rstrip())
    if exc.context_mark is not None and (
        problem.startswith("could not find expected ':'") or at_end
    ):
        mark = exc.context_mark  # where the unfinished thing began, not where the file ended
    pos = Pos(file, mark.line + 1, mark.column + 1) if mark else Pos(file)
    if problem == "second occurrence" or "duplicate anchor" in (exc.context or ""):
        sink.add("CT006", pos, "锚点（&名称）重复定义；计划文件不支持锚点和别名")
        return
    zh = _zh_problem(problem)
    if at_end:
        context = exc.context or ""
        opened = next((zh for en, zh in _OPENED.items() if en in context), "引号或括号")
        zh = f"从此处开始的{opened}到文件末尾仍未结束（未配对）"
    sink.add(
        "CT005",
        pos,
        f"YAML 语法错误：{zh}",
        hint="常见原因：缩进不一致、冒号后缺空格、引号或括号未配对、混用了制表符。",
    )


_OPENED = {"quoted scalar": "引号", "flow sequence": "方括号“[”", "flow mapping": "花括号“{”"}

_PROBLEMS = {
    "mapping values are not allowed": (
        "此处不能出现“键: 值”（可能缩进有误，或值里的冒号需要加引号）"
    ),
    "found character that cannot start any token": (
        "出现了不能作为开头的字符（如制表符 Tab、@ 或 `）"
    ),
    "found a tab character that violates indentation": ("缩进处出现了制表符（Tab），请改用空格"),
    "block sequence entries are not allowed": "此处不能开始列表（“- ”应另起一行并缩进）",
    "but found another document": "文件中有多个 YAML 文档（用“---”分隔），计划文件只能有一个",
    "expected a single document": "文件中有多个 YAML 文档（用“---”分隔），计划文件只能有一个",
    "found unexpected end of stream": "文件意外结束",
    "found unknown escape character": "双引号字符串中有无法识别的转义符（反斜杠）",
    "found unexpected document end": "文件结构有误",
    "while scanning a quoted scalar": "引号未配对",
    "could not find expected ':'": "找不到应有的冒号“:”（冒号后要有空格）",
    "found character '\\t' that cannot start any token": "出现了制表符（Tab），请改用空格缩进",
    "did not find expected key": "缺少应有的键（可能缩进有误）",
    "did not find expected node content": "缺少应有的内容",
    "found undefined alias": "引用了未定义的锚点",
    "exceeded maximum nesting depth": "嵌套层数过多",
    "found unexpected ':'": "出现了多余的冒号",
    "did not find expected ',' or ']'": "列表缺少“,”或“]”",
    "did not find expected ',' or '}'": "映射缺少“,”或“}”",
    "found a tab character where an indentation space is expected": (
        "缩进处出现了制表符，请改用空格"
    ),
    "did not find expected '-' indicator": "列表项缺少“-”（可能缩进有误）",
    "expected <document start>, but found '<block mapping start>'": "文档结构有误（可能缩进有误）",
    "control characters are not allowed": "含有不允许的控制字符",
}


def _zh_problem(problem: str) -> str:
    for en, zh in _PROBLEMS.items():
        if problem.startswith(en):
            return zh
    return " ".join(problem.split())  # untranslated: at least keep it on one line


def _report_aliases(text: str, file: str, sink: Sink, most: int = 20) -> None:
    """Report each ``*alias`` at its own position (only run when the guard met one)."""
    found = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            mark = event.start_mark
            sink.add(
                "CT006",
                Pos(file, mark.line + 1, mark.column + 1) if mark else Pos(file),
                f"不支持 YAML 别名“*{event.anchor}”",
                hint="请把内容直接写出来；别名会让同一内容在多处悄悄共用。",
            )
            found += 1
            if found >= most:
                break


def _guard(root: Node, file: str, sink: Sink) -> bool:
    """Reject aliases, merge keys and duplicate keys; cut them out of the tree in place.

    Returns True when a shared (aliased) collection was cut out, so the caller can report
    each alias at its exact position.
    """
    shared = False
    too_deep = False
    seen: set[int] = {id(root)}
    stack: list[tuple[Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            if not too_deep and not isinstance(node, ScalarNode):
                sink.add(
                    "CT008", node_pos(file, node), f"嵌套超过 {MAX_DEPTH} 层，计划文件不需要这么深"
                )
                too_deep = True
            _clear(node)
            continue
        children: list[Node] = []
        if isinstance(node, MappingNode):
            kept: list[tuple[Node, Node]] = []
            first: dict[str, Node] = {}
            for key, value in node.value:
                where = node_pos(file, key)
                if key.tag == MERGE_TAG or (isinstance(key, ScalarNode) and key.value == "<<"):
                    sink.add(
                        "CT006",
                        where,
                        "不支持 YAML 合并键“<<”",
                        hint="请把需要的键直接写出来；每个班次的内容写全更便于核对。",
                    )
                    continue
                if isinstance(key, ScalarNode):
                    if key.value in first:
                        earlier = first[key.value]
                        sink.add(
                            "CT007",
                            where,
                            f"键“{key.value}”重复出现，第 {earlier.start_mark.line + 1} 行已有",
                            hint="YAML 只会保留其中一个值；请删除或合并重复的键。",
                            related=[Related(node_pos(file, earlier), "第一次出现")],
                        )
                        continue
                    first[key.value] = key
                if not _fresh(value, seen):
                    shared = True
                    continue
                kept.append((key, value))
                children.append(key)
                children.append(value)
            node.value = kept
        elif isinstance(node, SequenceNode):
            items: list[Node] = []
            for item in node.value:
                if _fresh(item, seen):
                    items.append(item)
                    children.append(item)
                else:
                    shared = True
            node.value = items
        for child in reversed(children):
            stack.append((child, depth + 1))
    return shared


def _fresh(node: Node, seen: set[int]) -> bool:
    """True the first time a collection node is met (a repeated scalar alias is harmless)."""
    if isinstance(node, ScalarNode):
        return True
    if id(node) in seen:
        return False
    seen.add(id(node))
    return True


def _clear(node: Node) -> None:
    if isinstance(node, MappingNode | SequenceNode):
        node.value = []
