"""The plan format as data: every section's keys, their kinds and Chinese descriptions.

The same table drives the loader (unknown keys, required keys, types) and ``cadretrain
schema`` (a JSON Schema for editors), so the two cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# Kinds a field can have:
#   str, text (long str), int, bool, date, enum, when, id, ref,
#   list:str, list:ref, list:date, list:<section>, <section> (a nested mapping), modules, sessions,
#   reasons (``ignore:``, kept as its node for plan/ignores.py)


@dataclass(frozen=True)
class Field:
    kind: str
    desc: str
    required: bool = False
    choices: tuple[str, ...] = ()


SECTIONS: dict[str, dict[str, Field]] = {
    "root": {
        "plan": Field("plan", "计划的基本信息", required=True),
        "calendar": Field("calendar", "日历设置：周末与节假日规则、补充的假日和调休工作日"),
        "ranks": Field("list:str", "职级，从高到低排列"),
        "tags": Field("list:str", "标签（如 中青年），供 eligible 引用"),
        "units": Field("list:unit", "参训单位（乡镇、县直单位等），用于名额分配"),
        "units_file": Field(
            "str", "单位名单文件（YAML，内容是与 units 相同格式的列表），相对于计划文件"
        ),
        "venues": Field("list:venue", "培训场地"),
        "teachers": Field("list:teacher", "授课教师或师资群体"),
        "classes": Field("list:class", "培训班次", required=True),
    },
    "plan": {
        "title": Field("str", "计划标题", required=True),
        "year": Field("year", "计划年度（四位数年份）", required=True),
        "organizer": Field("str", "制定单位，如 中共县委组织部"),
        "issued": Field("date", "印发日期"),
        "doc_number": Field("str", "发文字号，如 县组〔2013〕12号"),
        "classes_declared": Field("int", "计划正文写明的班次总数（如 全年共12个班次），用于核对"),
        "guiding": Field("text", "指导思想"),
        "measures": Field("text", "方法措施"),
        "leadership": Field("list:str", "组织领导"),
        "assessment": Field("list:str", "考核内容"),
        "topic_menu": Field("list:str", "供选择的培训专题（菜单式）"),
        "register": Field("str", "干部名册文件（xlsx 或 csv），相对于计划文件所在文件夹"),
        "hours_per_day": Field("number", "每个培训日折算的学时（默认 7.5：12 天 = 90 学时）"),
        "teacher_pool": Field(
            "teacher_pool", "师资库规则：满意率达到多少、在几个班次中达到即可入库"
        ),
        "roster_columns": Field(
            "list:str",
            "花名册的栏目及顺序，如 [序号, 姓名, 性别, 出生年月, 单位及职务, 联系电话, 备注]",
        ),
        "notes": Field("text", "备注"),
        "ignore": Field(
            "reasons", "全计划不报告的诊断代码及理由，如 {CT302: 经县委同意，部分班次周末上课}"
        ),
    },
    "calendar": {
        "weekend_days": Field(
            "enum",
            "培训日落在周末或节假日时的处理：allow 允许、warn 警告、error 报错",
            choices=("allow", "warn", "error"),
        ),
        "extra_holidays": Field("list:date", "本单位补充的放假日期"),
        "extra_workdays": Field("list:date", "本单位补充的工作日（调休上班）"),
    },
    "unit": {
        "id": Field("id", "单位代号（小写英文字母、数字和连字符）", required=True),
        "name": Field("str", "单位名称（与名册“单位”列一致）", required=True),
        "kind": Field("str", "单位类别，如 乡镇、县直单位、学校、村居"),
        "parent": Field("ref", "上级单位代号"),
        "aliases": Field("list:str", "名册中可能出现的其他写法，如 城关镇党委"),
        "counts": Field("counts", "申报人数：{职级或标签: 人数}，没有名册时用于名额分配"),
    },
    "venue": {
        "id": Field("id", "场地代号（小写英文字母、数字和连字符）", required=True),
        "name": Field("str", "场地名称", required=True),
        "capacity": Field("int", "可容纳人数"),
        "external": Field("bool", "外单位场地（不检查容量）"),
        "address": Field("str", "地址"),
    },
    "teacher": {
        "id": Field("id", "教师代号（小写英文字母、数字和连字符）", required=True),
        "name": Field("str", "姓名或师资群体名称", required=True),
        "title": Field("str", "职称"),
        "org": Field("str", "所在单位"),
        "pool": Field("bool", "师资群体（如 县委党校教师），不检查同日重复授课"),
    },
    "class": {
        "id": Field("id", "班次代号（小写英文字母、数字和连字符），用作文件名", required=True),
        "name": Field("str", "班次全称", required=True),
        "short": Field("str", "简称"),
        "half": Field("enum", "所属半年", choices=("上半年", "下半年")),
        "audience": Field("str", "培训对象（原文）"),
        "eligible": Field(
            "eligibility",
            "参训条件，用于判断两个班次的学员是否可能重叠；培训对象由几类人组成时写成列表（满足其一即可）",
        ),
        "planned": Field("int", "规划人数"),
        "when": Field(
            "when", "培训时间，如 2013年3月13日---23日、十月中下旬，为期一周", required=True
        ),
        "sessions": Field("sessions", "分期：{count: 期数, days: 每期天数}，或逐期列出日期"),
        "weekends": Field("bool", "周末也上课"),
        "fieldwork_days": Field("int", "其中调研、实践天数"),
        "hours_per_day": Field("number", "本班每个培训日的学时（不写则用 plan.hours_per_day）"),
        "venue": Field("ref", "培训场地代号（见 venues）"),
        "topics": Field("list:str", "培训内容"),
        "modules": Field("modules", "培训内容板块：{板块名: [专题…]}"),
        "teachers": Field("list:ref", "授课教师代号（见 teachers）"),
        "quota": Field("quota", "名额分配方法与每单位下限、上限"),
        "grading": Field("grading", "考核：各项成绩的权重与等次线"),
        "per_unit": Field(
            "per_unit", "小班化：按单位拆成多个班次，每班不超过 max_size 人，依次排定日期"
        ),
        "notes": Field("text", "备注"),
        "ignore": Field(
            "reasons", "本班不报告的诊断代码及理由，如 {CT302: 经县委同意，本班周六上课}"
        ),
    },
    "per_unit": {
        "kind": Field("list:str", "参加的单位类别，如 [乡镇, 街道]；不写则为全部单位"),
        "units": Field("list:ref", "参加的单位代号；不写则按 kind"),
        "max_size": Field("int", "每班最多人数，超过时一个单位拆成几个班"),
        "days": Field("int", "每班培训天数（连续的培训日）", required=True),
    },
    "grading": {
        "weights": Field(
            "counts",
            "各考核项目及权重，如 {学习态度: 20, 培训考勤: 30, 学习结果: 30, 成果转化: 20}",
        ),
        "excellent": Field("number", "优秀的分数线（默认 90）"),
        "pass": Field("number", "合格的分数线（默认 60）"),
        "excellent_share": Field("number", "优秀人数占比上限，如 0.2"),
    },
    "teacher_pool": {
        "satisfied": Field("number", "进入师资库所需的满意率，如 0.9"),
        "classes": Field("int", "至少在几个班次中达到该满意率"),
        "floor": Field("number", "满意率低于此值的教师予以提示，如 0.6"),
    },
    "quota": {
        "method": Field(
            "enum",
            "分配方法：largest_remainder 最大余额法（默认）、dhondt 最高平均数法、"
            "sainte_lague 圣拉古法、huntington_hill 亨廷顿-希尔法",
            choices=("largest_remainder", "dhondt", "sainte_lague", "huntington_hill"),
        ),
        "min": Field("int", "每个有符合条件干部的单位至少分得的名额"),
        "max": Field("int", "每个单位至多分得的名额"),
        "per_session_max": Field("int", "每单位每期至多名额（默认 名额÷期数 向上取整）"),
    },
    "eligible": {
        "rank": Field("list:str", "职级（任一即可）"),
        "rank_at_least": Field("str", "不低于该职级"),
        "rank_at_most": Field("str", "不高于该职级"),
        "gender": Field("enum", "性别", choices=("男", "女")),
        "tags": Field("list:str", "须同时具有的标签"),
    },
    "sessions": {
        "count": Field("int", "期数", required=True),
        "days": Field("int", "每期培训天数", required=True),
    },
    "session": {
        "when": Field("when", "本期时间", required=True),
        "planned": Field("int", "本期人数"),
        "venue": Field("ref", "本期场地（默认同班次）"),
    },
    "span": {
        "start": Field("date", "开始日期", required=True),
        "end": Field("date", "结束日期", required=True),
    },
}

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
YEAR_MIN, YEAR_MAX = 1900, 2100
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
        "counts": {
            "type": "object",
            "additionalProperties": {"type": "integer", "minimum": 0},
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
            items = _json_type(Field(item, ""))
        out = {"type": "array", "items": items}
    elif kind in SECTIONS:
        out = {"$ref": f"#/$defs/{kind}"}
    else:  # pragma: no cover - guarded by tests over SECTIONS
        raise ValueError(kind)
    if field.desc and "$ref" not in out:
        out["description"] = field.desc
    return out


def _object(section: str) -> dict[str, Any]:
    fields = SECTIONS[section]
    obj: dict[str, Any] = {
        "type": "object",
        "additionalProperties": False,
        "properties": {k: _json_type(f) for k, f in fields.items()},
    }
    required = [k for k, f in fields.items() if f.required]
    if required:
        obj["required"] = required
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
