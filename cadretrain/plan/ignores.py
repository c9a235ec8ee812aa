"""``ignore:`` in a plan: which diagnostic codes the plan silences, and why.

Written under ``plan:`` (the whole plan) or in a class (that class only) as a mapping of codes
to reasons, e.g. ``ignore: {CT302: 经县委同意，本班周六上课}``. The loader keeps the mapping's
node as it is (``schema`` kind ``reasons``); this module reads it with positions. Whether a
code exists and may be silenced is decided by the checks (``checks.ignoring``), which know
the rules.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from yaml.nodes import MappingNode, Node, ScalarNode

from cadretrain.core.diagnostics import Pos, Sink
from cadretrain.plan.fields import Rec, show
from cadretrain.plan.model import Plan
from cadretrain.plan.nodes import is_null, node_pos


@dataclass(frozen=True)
class Ignore:
    """One entry: ``code`` (upper case as written, stripped), ``reason`` ('' when missing),
    where the code and the reason are written, and the class it belongs to (None: the plan)."""

    code: str
    reason: str
    pos: Pos
    reason_pos: Pos
    class_id: str | None = None


def read_ignores(plan: Plan, sink: Sink) -> list[Ignore]:
    """Every ``ignore:`` entry of the plan, the plan's first, then each listed class's in
    order (a class without an id is already an error, CT102: its entries are skipped). A
    value that is not a mapping, or a code or reason that is not a plain value, is reported
    (CT103) and left out."""
    out = _entries(plan.file, plan.plan_rec, None, "计划文件的“plan”", sink)
    listed: list[Rec] = plan.rec.get("classes", [])
    for rec in listed:
        class_id = rec.get("id")
        if class_id is not None:
            where = f"班次“{rec.get('short') or rec.get('name') or class_id}”"
            out += _entries(plan.file, rec, class_id, where, sink)
    return out


def _entries(file: str, rec: Rec, class_id: str | None, where: str, sink: Sink) -> list[Ignore]:
    node: Node | None = rec.get("ignore")
    if node is None:
        return []
    if not isinstance(node, MappingNode):
        sink.add(
            "CT103",
            node_pos(file, node),
            f"{where}的“ignore”应为“代码: 理由”形式的映射，实际是“{show(node)}”",
            hint="如 ignore: {CT302: 经县委同意，本班周六上课}",
        )
        return []
    out = []
    for key, value in node.value:
        if not isinstance(key, ScalarNode):
            sink.add(
                "CT103",
                node_pos(file, key),
                f"{where}的“ignore”中的代码应为文字，实际是{show(key)}",
                hint="写成“代码: 理由”，如 CT302: 经县委同意，本班周六上课。",
            )
            continue
        if not (is_null(value) or isinstance(value, ScalarNode)):
            sink.add(
                "CT103",
                node_pos(file, value),
                f"{where}的“ignore”中 {key.value} 的理由应为一句话，实际是{show(value)}",
                hint="写成“代码: 理由”，如 CT302: 经县委同意，本班周六上课。",
            )
            continue
        reason = "" if is_null(value) else str(value.value).strip()
        code = str(key.value).strip().upper()
        out.append(Ignore(code, reason, node_pos(file, key), node_pos(file, value), class_id))
    return out


def class_positions(plan: Plan) -> dict[str, set[Pos]]:
    """For each class id, the positions of everything written in that class's entry."""
    out: dict[str, set[Pos]] = {}
    for rec in plan.rec.get("classes", []):
        if rec.get("id") is not None:
            out.setdefault(rec.values["id"], set()).update(_positions(rec))
    return out


def _positions(rec: Rec) -> Iterator[Pos]:
    yield rec.pos
    yield from rec.key_pos.values()
    yield from rec.val_pos.values()
    for items in rec.item_pos.values():
        yield from items
    for value in rec.values.values():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, Rec):
                yield from _positions(item)
