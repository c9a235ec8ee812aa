"""The plan format as data: every section's keys, their kinds and Chinese descriptions.

``SECTIONS`` is derived from the declarations on the model (``keys.key`` on the attributes of
``model``, ``specs`` and ``grading``): it drives the loader (unknown keys, required keys, types),
``cadretrain schema`` (a JSON Schema for editors) and the key tables of ``docs/计划格式.md``
(:func:`keys_markdown`), so none of them can drift from the model.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from cadretrain.plan.grading import ApprovedException, Grading, LeaveRule, TeacherPoolRule
from cadretrain.plan.keys import ID_PATTERN, YEAR_MAX, YEAR_MIN, Field, Key, keys
from cadretrain.plan.model import (
    Plan,
    QuotaRule,
    SessionSpec,
    Teacher,
    TrainingClass,
    Unit,
    Venue,
)
from cadretrain.plan.plan_settings import CalendarConfig
from cadretrain.plan.specs import (
    EligibleRule,
    EvenSessions,
    Organizers,
    PerUnit,
    RankLadder,
    WrittenSpan,
)

# Each section of the format: the model class that declares its keys, and the section name
# the declarations carry (only ``Plan`` holds two sections: the top level and ``plan:``).
MODELS: dict[str, tuple[type[Any], str]] = {
    "root": (Plan, "root"),
    "plan": (Plan, "plan"),
    "calendar": (CalendarConfig, ""),
    "unit": (Unit, ""),
    "venue": (Venue, ""),
    "teacher": (Teacher, ""),
    "class": (TrainingClass, ""),
    "per_unit": (PerUnit, ""),
    "grading": (Grading, ""),
    "teacher_pool": (TeacherPoolRule, ""),
    "quota": (QuotaRule, ""),
    "eligible": (EligibleRule, ""),
    "sessions": (EvenSessions, ""),
    "session": (SessionSpec, ""),
    "span": (WrittenSpan, ""),
    "leave_rule": (LeaveRule, ""),
    "exception": (ApprovedException, ""),
    "organizers": (Organizers, ""),
    "rank_ladder": (RankLadder, ""),
}


# How docs/计划格式.md heads each section's key table (:func:`keys_markdown`).
TITLES = {
    "root": "计划文件的顶层",
    "plan": "`plan`：计划的基本信息",
    "calendar": "`calendar`：日历设置",
    "unit": "`units` 的每一项：参训单位",
    "venue": "`venues` 的每一项：培训场地",
    "teacher": "`teachers` 的每一项：授课教师",
    "class": "`classes` 的每一项：班次",
    "per_unit": "班次的 `per_unit`：小班化",
    "grading": "班次的 `grading`：考核",
    "teacher_pool": "`plan` 的 `teacher_pool`：师资库规则",
    "quota": "班次的 `quota`：名额分配",
    "eligible": "班次的 `eligible`：一条参训条件（几条时写成列表，满足其一即可）",
    "sessions": "班次的 `sessions` 写成 `{count, days}` 时",
    "session": "班次的 `sessions` 逐期列出时，每一期",
    "span": "`when` 写成 `{start, end}` 时",
    "leave_rule": "`plan` 的 `leave_rule`：各类班次的请假上限",
    "exception": "班次的 `exceptions` 的每一项：经批准的结业例外",
    "organizers": "`organizers`：主办、承办、协办单位（`plan` 或班次中）",
    "rank_ladder": "`rank_ladders` 的每一项：一个职级序列",
}


def section_keys(name: str) -> tuple[Key, ...]:
    """The declared keys of section ``name``, in order."""
    cls, section = MODELS[name]
    return keys(cls, section)


SECTIONS: dict[str, dict[str, Field]] = {
    name: {k.name: k.field for k in section_keys(name)} for name in MODELS
}

SCHEMA_ID = "https://cadretrain.invalid/plan.schema.json"


def _json_type(field: Field) -> dict[str, Any]:
    kind = field.kind
    date_str = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    simple: dict[str, dict[str, Any]] = {
        "str": {"type": "string"},
        "text": {"type": "string"},
        "int": {"type": "integer", "minimum": 0},
        "number": {"type": "number", "minimum": 0},
        "year": {"type": "integer", "minimum": YEAR_MIN, "maximum": YEAR_MAX},
        "bool": {"type": "boolean"},
        "date": date_str,
        "id": {"type": "string", "pattern": ID_PATTERN},
        "ref": {"type": "string"},
        "when": {"anyOf": [{"type": "string"}, {"$ref": "#/$defs/span"}]},
        "headcount": {"anyOf": [{"type": "integer", "minimum": 0}, {"type": "string"}]},
        "counts": {
            "type": "object",
            "additionalProperties": {"type": "integer", "minimum": 0},
        },
        "weights": {
            "type": "object",
            "additionalProperties": {
                "anyOf": [
                    {"type": "number", "minimum": 0},
                    {"type": "string", "pattern": r"^\s*\d+(\.\d+)?\s*%\s*$"},
                ]
            },
        },
        "declared": {
            "anyOf": [
                {"type": "integer", "minimum": 0},
                {"type": "string"},
                {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {
                        "classes": {"type": "integer", "minimum": 0},
                        "sessions": {"type": "integer", "minimum": 0},
                    },
                },
            ]
        },
        "reasons": {
            "type": "object",
            "propertyNames": {"pattern": r"^[Cc][Tt]\d{3}$"},
            "additionalProperties": {"type": "string", "minLength": 1},
        },
        "modules": {
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
        "eligibility": {
            "anyOf": [
                {"$ref": "#/$defs/eligible"},
                {"type": "array", "items": {"$ref": "#/$defs/eligible"}},
            ]
        },
        "sessions": {
            "anyOf": [
                {"$ref": "#/$defs/sessions"},
                {"type": "array", "items": {"$ref": "#/$defs/session"}},
            ]
        },
    }
    if kind in simple:
        out = dict(simple[kind])
    elif kind == "enum":
        out = {"enum": list(field.choices)}
    elif kind.startswith("list:"):
        item = kind[5:]
        if item in SECTIONS:
            items: dict[str, Any] = {"$ref": f"#/$defs/{item}"}
        else:
            items = _json_type(Field(item, "", choices=field.choices))
        out = {"type": "array", "items": items}
    elif kind in SECTIONS:
        out = {"$ref": f"#/$defs/{kind}"}
    else:  # pragma: no cover - guarded by tests over SECTIONS
        raise ValueError(kind)
    if field.desc and "$ref" not in out:
        out["description"] = field.desc
    return out


def _object(section: str) -> dict[str, Any]:
    """A section's JSON object: every key under its English name and under its Chinese alias
    (either may be written, so editors complete both); a required key in either language."""
    fields = SECTIONS[section]
    properties: dict[str, Any] = {}
    for k, f in fields.items():
        properties[k] = _json_type(f)
        if f.zh:
            properties[f.zh] = _json_type(f)
    obj: dict[str, Any] = {
        "type": "object",
        "additionalProperties": False,
        "properties": properties,
    }
    required = [(k, f.zh) for k, f in fields.items() if f.required]
    either = [{"anyOf": [{"required": [k]}, {"required": [zh]}]} for k, zh in required if zh]
    if either:
        obj["allOf"] = either
    plain = [k for k, zh in required if not zh]
    if plain:
        obj["required"] = plain
    return obj


def json_schema() -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) of the plan format, for editors' completion."""
    schema = _object("root")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "cadretrain 年度干部教育培训计划",
        **schema,
        "$defs": {name: _object(name) for name in SECTIONS if name != "root"},
    }


def json_schema_text() -> str:
    import json

    return json.dumps(json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


# --- the key tables of docs/计划格式.md --------------------------------------------------------

_KIND_ZH = {
    "str": "文字",
    "text": "文字（可多行）",
    "int": "整数",
    "number": "数字",
    "year": "年份",
    "bool": "`true` \\| `false`",
    "date": "日期",
    "when": "培训时间（写法见下）",
    "headcount": "人数（写法见下）",
    "id": "代号",
    "ref": "代号",
    "counts": "`{名称: 整数}`",
    "weights": "`{项目: 权重}`（整数、小数或百分数）",
    "reasons": "`{诊断代码: 理由}`",
    "declared": "整数、`共15期` 或 `{classes, sessions}`",
    "modules": "`{板块: [专题…]}`",
    "eligibility": "映射，或映射的列表",
    "sessions": "`{count, days}`，或映射的列表",
}


def _kind_zh(field: Field) -> str:
    kind = field.kind
    if kind == "enum":
        return " \\| ".join(f"`{c}`" for c in field.choices)
    if kind.startswith("list:"):
        item = kind[5:]
        if item == "enum":
            return "列表，可选 " + "、".join(f"`{c}`" for c in field.choices)
        return "映射的列表（见下表）" if item in SECTIONS else _KIND_ZH[item] + "的列表"
    return _KIND_ZH.get(kind) or "映射（见下表）"


def _default_zh(value: Any) -> str:
    """A default worth telling, as the plan would write it; '' for none (or a nested
    section's, which its own table tells)."""
    if value is None or value == "" or value == [] or value == {}:
        return ""
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, dict):
        return "`{" + ", ".join(f"{k}: {v}" for k, v in value.items()) + "}`"
    if isinstance(value, Fraction):
        return f"`{float(value):g}`"
    if isinstance(value, str | int | float):
        return f"`{value}`"
    return ""


def keys_markdown(names: list[str]) -> str:
    """The key tables of sections ``names`` for docs/计划格式.md, from the declarations:
    each key's Chinese alias, its kind, whether it is required or else its default, and its
    meaning."""
    out: list[str] = []
    for name in names:
        out += [f"#### {TITLES[name]}", ""]
        out += [
            "| 键 | 中文键 | 类型 | 必填 / 默认 | 含义 |",
            "| --- | --- | --- | --- | --- |",
        ]
        for k in section_keys(name):
            need = "**必填**" if k.field.required else _default_zh(k.default)
            desc = k.field.desc.replace("|", "\\|")
            zh = f"`{k.field.zh}`" if k.field.zh else "（同左）"
            out.append(f"| `{k.name}` | {zh} | {_kind_zh(k.field)} | {need} | {desc} |")
        out.append("")
    return "\n".join(out)
