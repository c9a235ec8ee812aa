"""Rewriting a plan's keys in one language (``cadretrain fmt``), and nothing else.

The plan is composed with the loader's own composer (``nodes.compose``); every key the format
declares is found by walking the tree the way the loader reads it (a section's mapping, a
list of sections, ``eligible``, ``sessions``, ``when: {start, end}``), and only the characters
of those keys are replaced in the text. Comments, blank lines, order, indentation, quoting,
flow or block style and every value stay exactly as written, byte for byte: a comment-
preserving YAML library (ruamel.yaml) was not needed, and would re-indent lists and re-wrap
long lines. Keys the format does not know, and the data keys of ``counts``, ``weights``,
``modules`` and ``ignore`` (ranks, components, topics, codes), are left alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from cadretrain.core.diagnostics import Pos, Sink
from cadretrain.core.errors import CannotProceed
from cadretrain.plan.aliases import key_names
from cadretrain.plan.keys import Field
from cadretrain.plan.nodes import compose
from cadretrain.plan.schema import SECTIONS

Lang = Literal["zh", "en"]


@dataclass(frozen=True)
class KeyAt:
    """One declared key written in the plan."""

    node: ScalarNode
    section: str
    name: str  # the English name

    @property
    def zh(self) -> str:
        return SECTIONS[self.section][self.name].zh or self.name

    def target(self, lang: Lang) -> str:
        return self.zh if lang == "zh" else self.name

    @property
    def written(self) -> str:
        return str(self.node.value)


def declared_keys(root: Node) -> Iterator[KeyAt]:
    """Every declared key in the tree, in the order written."""
    stack: list[tuple[Node, str]] = [(root, "root")]
    while stack:
        node, section = stack.pop()
        if not isinstance(node, MappingNode):
            continue
        spec = SECTIONS[section]
        names = key_names(spec)
        inner: list[tuple[Node, str]] = []
        for key, value in node.value:
            if not isinstance(key, ScalarNode) or str(key.value) not in names:
                continue
            name = names[str(key.value)]
            yield KeyAt(key, section, name)
            inner += _inside(value, spec[name])
        stack += reversed(inner)


def _inside(node: Node, fld: Field) -> list[tuple[Node, str]]:
    """The sections nested in a key's value, as the loader reads them."""
    kind = fld.kind
    items = node.value if isinstance(node, SequenceNode) else None
    if kind.startswith("list:"):
        item = kind[5:]
        return [(n, item) for n in items or []] if item in SECTIONS else []
    if kind == "eligibility":
        return [(n, "eligible") for n in items] if items is not None else [(node, "eligible")]
    if kind == "sessions":
        return [(n, "session") for n in items] if items is not None else [(node, "sessions")]
    if kind == "when":
        return [(node, "span")]
    if kind in SECTIONS:
        return [(node, kind)]
    return []


def plan_tree(text: str, file: str) -> Node:
    """The plan's node tree; CannotProceed (with the diagnostics) when YAML cannot read it."""
    sink = Sink()
    root = compose(text, file, sink)
    if root is None or not isinstance(root, MappingNode):
        raise CannotProceed(
            f"{file} 不是可以读取的计划文件，未作改动",
            sink.items,
            unusable=True,
            hint="先用 cadretrain validate 找到并改正语法错误。",
        )
    return root


@dataclass(frozen=True)
class Rewrite:
    """What ``fmt`` does to one plan: the new text and the keys it changed."""

    text: str
    changed: list[tuple[Pos, str, str]]  # where, as written, as rewritten


def rewrite_keys(text: str, file: str, lang: Lang) -> Rewrite:
    """``text`` with every declared key written in ``lang``."""
    root = plan_tree(text, file)
    edits: list[tuple[int, int, str]] = []
    changed: list[tuple[Pos, str, str]] = []
    for at in declared_keys(root):
        want = at.target(lang)
        if at.written == want:
            continue
        start, end = at.node.start_mark.index, at.node.end_mark.index
        quote = at.node.style if at.node.style in ('"', "'") else ""
        edits.append((start, end, f"{quote}{want}{quote}"))
        mark = at.node.start_mark
        changed.append((Pos(file, mark.line + 1, mark.column + 1), at.written, want))
    out = text
    for start, end, new in sorted(edits, reverse=True):
        out = out[:start] + new + out[end:]
    return Rewrite(out, changed)


def keys_in_other_language(text: str, file: str, lang: Lang) -> list[tuple[Pos, str, str]]:
    """The keys not written in ``lang`` (``fmt --check``): where, as written, as wanted."""
    return rewrite_keys(text, file, lang).changed
