"""Reading YAML nodes by the kind the format expects, with a diagnostic for each misfit.

A ``Rec`` is one mapping of the plan read against its section (``schema.SECTIONS``, which the
loader hands to the ``Reader``): the values converted, and the position of every key, value
and list item kept for later checks. The loader builds the model from ``Rec``s.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from cadretrain.core.dates import DateParseError, DateSpan, WhenSettings, parse_date
from cadretrain.core.diagnostics import Pos, Related, Sink
from cadretrain.core.headcount import Headcount
from cadretrain.plan.aliases import key_names, unknown_key_hint
from cadretrain.plan.declared_total import read_total
from cadretrain.plan.fields_written import read_headcount, read_when
from cadretrain.plan.folded import unfolded
from cadretrain.plan.keys import ID_PATTERN, YEAR_MAX, YEAR_MIN, Field
from cadretrain.plan.nodes import is_null, node_pos
from cadretrain.plan.suggest import did_you_mean as did_you_mean  # re-exported

_ID_RE = re.compile(ID_PATTERN)
_INT_RE = re.compile(r"^[+]?\d+$")
_INT_SUFFIXES = ("人次", "人", "名", "个", "天", "期", "日", "学时")
_TRUE = {"true", "yes", "on", "y", "是", "对"}
_FALSE = {"false", "no", "off", "n", "否", "不"}
_TYPE_ZH = {
    "str": "文字",
    "text": "文字",
    "int": "整数",
    "number": "数字",
    "year": "四位数年份",
    "bool": "true 或 false",
    "date": "日期（如 2013-02-19）",
    "enum": "可选值之一",
    "when": "日期或日期范围",
    "headcount": "人数（如 45、约80人、30至40人、每期120人）",
    "id": "代号",
    "ref": "代号",
    "modules": "“板块: [专题…]”形式的映射",
    "counts": "“职级或标签: 人数”形式的映射",
    "weights": "“考核项目: 权重”形式的映射",
    "sessions": "“{count: 期数, days: 天数}”或逐期列表",
    "eligibility": "参训条件（映射，或映射的列表）",
}


def show(node: Node) -> str:
    """The offending value as the user wrote it, shortened for messages."""
    if isinstance(node, ScalarNode):
        text = str(node.value)
    elif isinstance(node, MappingNode):
        text = "{…}（映射）"
    else:
        text = "[…]（列表）"
    return text if len(text) <= 40 else text[:37] + "…"


@dataclass
class Rec:
    """One mapping read from the plan."""

    pos: Pos
    values: dict[str, Any] = field(default_factory=dict)
    key_pos: dict[str, Pos] = field(default_factory=dict)
    val_pos: dict[str, Pos] = field(default_factory=dict)
    item_pos: dict[str, list[Pos]] = field(default_factory=dict)
    written_as: dict[str, str] = field(default_factory=dict)  # key → as written (``班次名称``)

    def named(self, key: str) -> str:
        """The key as the plan writes it (its Chinese alias, when written so)."""
        return self.written_as.get(key, key)

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def at(self, key: str) -> Pos:
        """Where a key's value is; the mapping itself when the key is absent."""
        return self.val_pos.get(key) or self.key_pos.get(key) or self.pos

    def at_path(self, *keys: str) -> Pos:
        """Where a nested key is (``rec.at_path("grading", "weights")``); the deepest mapping
        written on the way when the rest is not."""
        rec: Rec = self
        for i, key in enumerate(keys):
            inner = rec.values.get(key)
            if i == len(keys) - 1 or not isinstance(inner, Rec):
                return rec.at(key)
            rec = inner
        return rec.pos

    def written(self, key: str) -> bool:
        """Whether the key is written in the mapping (even with a value that could not be read)."""
        return key in self.key_pos

    def item_at(self, key: str, index: int) -> Pos:
        """Where the ``index``-th item of a list is; the key's value when it is not known."""
        positions = self.item_pos.get(key, [])
        return positions[index] if 0 <= index < len(positions) else self.at(key)


Sections = Mapping[str, Mapping[str, Field]]


class Reader:
    """Reads nodes of one file against ``sections`` (``schema.SECTIONS``: section name → key
    → ``Field``); ``year`` is the plan year used for Chinese dates."""

    def __init__(self, file: str, sink: Sink, sections: Sections) -> None:
        self.file = file
        self.sink = sink
        self.sections = sections
        self.year: int | None = None
        self.when_settings = WhenSettings()  # the plan's length_unit and term dates

    def pos(self, node: Node) -> Pos:
        return node_pos(self.file, node)

    def section(self, node: Node, name: str, where: str) -> Rec | None:
        """Read a mapping against section ``name``; ``where`` names it in messages."""
        if not isinstance(node, MappingNode):
            self.sink.add(
                "CT103",
                self.pos(node),
                f"{where}应为“键: 值”形式的映射，实际是“{show(node)}”",
            )
            return None
        spec = self.sections[name]
        rec = Rec(self.pos(node))
        invalid: set[str] = set()
        names = key_names(spec)
        chinese = False
        for key_node, value_node in node.value:
            written = str(key_node.value) if isinstance(key_node, ScalarNode) else show(key_node)
            key = names.get(written)
            if key is None:
                self.sink.add(
                    "CT101",
                    self.pos(key_node),
                    f"{where}中有未知的键“{written}”",
                    hint=unknown_key_hint(written, spec),
                )
                continue
            chinese = chinese or not written.isascii()
            if key in rec.key_pos:  # the same key in the other language (CT007 took repeats)
                first = rec.key_pos[key]
                self.sink.add(
                    "CT150",
                    self.pos(key_node),
                    f"{where}中“{written}”与第 {first.line} 行的“{rec.named(key)}”是同一个键"
                    f"（{key}），只能写一次",
                    hint="中文键和英文键可以混用，但同一个键只能写一次；请删除或合并其中一个。",
                    related=[Related(first, "第一次出现")],
                )
                continue
            rec.key_pos[key] = self.pos(key_node)
            rec.val_pos[key] = self.pos(value_node)
            if written != key:
                rec.written_as[key] = written
            if is_null(value_node):
                continue
            value = self.value(value_node, spec[key], f"{where}的“{written}”", rec, key)
            if value is not None:
                rec.values[key] = value
            else:
                invalid.add(key)  # already reported
        for key, fld in spec.items():
            if fld.required and key not in rec.values and key not in invalid:
                at = rec.key_pos.get(key, rec.pos)
                shown = rec.named(key) if key in rec.key_pos or not chinese else fld.zh or key
                self.sink.add(
                    "CT102",
                    at,
                    f"{where}缺少必填项“{shown}”（{fld.desc}）",
                )
        return rec

    def value(self, node: Node, fld: Field, where: str, rec: Rec, key: str) -> Any:
        kind = fld.kind
        if kind.startswith("list:"):
            return self._list(node, Field(kind[5:], fld.desc, choices=fld.choices), where, rec, key)
        if kind == "modules":
            return self._modules(node, where)
        if kind == "counts":
            return self._counts(node, where)
        if kind == "weights":
            return self._weights(node, where)
        if kind == "reasons":
            return node  # ``ignore:``, read with its positions by plan/ignores.py
        if kind == "declared":
            return read_total(node, where, self.pos, self.sink)
        if kind == "eligibility":
            if isinstance(node, SequenceNode):
                return self._list(node, Field("eligible", fld.desc), where, rec, key)
            one = self.section(node, "eligible", where)
            return None if one is None else [one]
        if kind == "sessions":
            if isinstance(node, SequenceNode):
                return self._list(node, Field("session", fld.desc), where, rec, key)
            return self.section(node, "sessions", where)
        if kind == "when" and isinstance(node, MappingNode):
            span = self.section(node, "span", where)
            if span is None or "start" not in span.values or "end" not in span.values:
                return None
            start, end = span.values["start"], span.values["end"]
            return DateSpan(start, end, True, None, f"{start.isoformat()} ~ {end.isoformat()}")
        if kind in self.sections:
            return self.section(node, kind, where)
        if not isinstance(node, ScalarNode):
            self.sink.add(
                "CT103",
                self.pos(node),
                f"{where}应为{_TYPE_ZH.get(kind, kind)}，实际是{show(node)}",
            )
            return None
        return self.scalar(node, fld, where)

    def scalar(self, node: ScalarNode, fld: Field, where: str) -> Any:
        text = str(node.value).strip()
        kind = fld.kind
        pos = self.pos(node)
        if kind in ("str", "text"):
            return unfolded(node, text)
        if kind == "ref":
            return text
        if kind == "id":
            if not _ID_RE.match(text):
                self.sink.add(
                    "CT113",
                    pos,
                    f"{where}“{show(node)}”不是合规的代号",
                    hint="代号只用小写英文字母、数字和连字符，如 youth-spring；它会用作文件名。",
                )
                return None
            return text
        if kind == "int":
            norm = unicodedata.normalize("NFKC", text).replace(",", "").replace("_", "")
            for suffix in _INT_SUFFIXES:
                norm = norm.removesuffix(suffix)
            if _INT_RE.match(norm) and len(norm) <= 9:
                return int(norm, 10)
            self.sink.add("CT103", pos, f"{where}应为整数，实际是“{show(node)}”")
            return None
        if kind == "number":
            norm = unicodedata.normalize("NFKC", text).removesuffix("学时")
            if re.fullmatch(r"\d{1,4}(\.\d{1,3})?", norm):
                return float(norm)
            self.sink.add("CT103", pos, f"{where}应为数字（如 7.5），实际是“{show(node)}”")
            return None
        if kind == "year":
            norm = unicodedata.normalize("NFKC", text).removesuffix("年")
            if re.fullmatch(r"[12]\d{3}", norm) and YEAR_MIN <= int(norm) <= YEAR_MAX:
                return int(norm)
            self.sink.add(
                "CT103",
                pos,
                f"{where}应为 {YEAR_MIN}—{YEAR_MAX} 之间的四位数年份，实际是“{show(node)}”",
            )
            return None
        if kind == "bool":
            low = text.lower()
            if low in _TRUE:
                return True
            if low in _FALSE:
                return False
            self.sink.add("CT103", pos, f"{where}应为 true 或 false，实际是“{show(node)}”")
            return None
        if kind == "enum":
            if text in fld.choices:
                return text
            self.sink.add(
                "CT103",
                pos,
                f"{where}的值“{show(node)}”不在可选值 {'、'.join(fld.choices)} 之中",
                hint=did_you_mean(text, fld.choices),
            )
            return None
        if kind == "headcount":
            return self._headcount(node, text, where)
        if kind == "date":
            return self._date(node, text, where)
        if kind == "when":
            return self._when(node, text, where)
        raise AssertionError(kind)  # pragma: no cover - the kinds are listed in keys.py

    def _date(self, node: ScalarNode, text: str, where: str) -> date | None:
        try:
            return parse_date(text, self.year)
        except DateParseError as exc:
            code = "CT104" if "不存在" in exc.message else "CT103"
            self.sink.add(code, self.pos(node), f"{where}：{exc.message}")
            return None

    def _when(self, node: ScalarNode, text: str, where: str) -> DateSpan | None:
        if self.year is None:
            return None  # reported as the plan's missing year
        return read_when(self.sink, self.pos(node), node, where, self.year, self.when_settings)

    def _headcount(self, node: ScalarNode, text: str, where: str) -> Headcount | None:
        return read_headcount(self.sink, self.pos(node), text, where, show(node))

    def _list(self, node: Node, item: Field, where: str, rec: Rec, key: str) -> list[Any] | None:
        if isinstance(node, ScalarNode) and item.kind in ("str", "ref", "date"):
            # a single value where a list is expected: read it as a one-item list
            value = self.scalar(node, item, where)
            rec.item_pos[key] = [self.pos(node)]
            return None if value is None else [value]
        if not isinstance(node, SequenceNode):
            self.sink.add("CT103", self.pos(node), f"{where}应为列表，实际是{show(node)}")
            return None
        out: list[Any] = []
        positions: list[Pos] = []
        for i, child in enumerate(node.value, start=1):
            if is_null(child):
                continue
            value = self.value(child, item, f"{where}第 {i} 项", rec, key)
            if value is not None:
                out.append(value)
                positions.append(self.pos(child))
        rec.item_pos[key] = positions
        return out

    def _counts(self, node: Node, where: str) -> dict[str, int] | None:
        if not isinstance(node, MappingNode):
            self.sink.add(
                "CT103",
                self.pos(node),
                f"{where}应为“职级或标签: 人数”形式的映射，实际是{show(node)}",
            )
            return None
        out: dict[str, int] = {}
        for key_node, value_node in node.value:
            name = str(key_node.value) if isinstance(key_node, ScalarNode) else show(key_node)
            if not isinstance(value_node, ScalarNode):
                self.sink.add("CT103", self.pos(value_node), f"{where}的“{name}”应为整数")
                continue
            value = self.scalar(value_node, Field("int", ""), f"{where}的“{name}”")
            if value is not None:
                out[name] = value
        return out

    def _weights(self, node: Node, where: str) -> dict[str, float] | None:
        """``{项目: 权重}``: whole numbers, decimals or percentages (``20%`` is 20, the same
        scale as whole numbers). None (reported) when a weight cannot be read: the plan's
        weights are then unusable, never replaced by the default ones."""
        if not isinstance(node, MappingNode):
            self.sink.add(
                "CT103",
                self.pos(node),
                f"{where}应为“考核项目: 权重”形式的映射，实际是{show(node)}",
            )
            return None
        out: dict[str, float] = {}
        bad = False
        for key_node, value_node in node.value:
            name = str(key_node.value) if isinstance(key_node, ScalarNode) else show(key_node)
            text = str(value_node.value) if isinstance(value_node, ScalarNode) else ""
            norm = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
            if re.fullmatch(r"\d{1,4}(\.\d{1,6})?%?", norm):
                out[name] = float(norm.removesuffix("%"))
                continue
            bad = True
            self.sink.add(
                "CT103",
                self.pos(value_node),
                f"{where}的“{name}”应为权重数字（如 20、0.2 或 20%），实际是“{show(value_node)}”",
            )
        return None if bad else out

    def _modules(self, node: Node, where: str) -> dict[str, list[str]] | None:
        if not isinstance(node, MappingNode):
            self.sink.add(
                "CT103", self.pos(node), f"{where}应为“板块: [专题…]”形式的映射，实际是{show(node)}"
            )
            return None
        out: dict[str, list[str]] = {}
        for key_node, value_node in node.value:
            name = str(key_node.value) if isinstance(key_node, ScalarNode) else show(key_node)
            tmp = Rec(self.pos(value_node))
            topics = self._list(value_node, Field("str", ""), f"{where}的“{name}”", tmp, "t")
            out[name] = topics or []
        return out
