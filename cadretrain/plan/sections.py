"""The plan's smaller sections as typed values: units, quota rules, venues, teachers, who is
eligible, and a class's listed sessions; the roster's columns. Each key declared once, on the
attribute it fills (``keys.key``), as in ``model``."""

from __future__ import annotations

from dataclasses import dataclass, field

from cadretrain.core.dates import DateSpan
from cadretrain.core.headcount import Headcount
from cadretrain.plan.fields import Rec
from cadretrain.plan.keys import key

ROSTER_DEFAULT_COLUMNS = (
    "序号",
    "姓名",
    "性别",
    "民族",
    "出生年月",
    "单位及职务",
    "职级",
    "联系电话",
    "备注",
)
ROSTER_COLUMNS = (*ROSTER_DEFAULT_COLUMNS, "身份证号", "政治面貌", "分组")
_ID = "（小写英文字母、数字和连字符）"


@dataclass(kw_only=True)
class Unit:
    """A unit that sends trainees (乡镇, 县直单位 …)."""

    rec: Rec
    id: str = field(metadata=key("id", "单位代号" + _ID, required=True))
    name: str = field(metadata=key("str", "单位名称（与名册“单位”列一致）", required=True))
    kind: str = field(default="", metadata=key("str", "单位类别，如 乡镇、县直单位、学校、村居"))
    parent: str | None = field(default=None, metadata=key("ref", "上级单位代号"))
    aliases: list[str] = field(
        default_factory=list,
        metadata=key("list:str", "名册中可能出现的其他写法，如 城关镇党委", zh="其他写法"),
    )
    counts: dict[str, int] = field(
        default_factory=dict,
        metadata=key("counts", "申报人数：{职级或标签: 人数}，没有名册时用于名额分配"),
    )


@dataclass(frozen=True, kw_only=True)
class QuotaRule:
    method: str = field(
        default="largest_remainder",
        metadata=key(
            "enum",
            "分配方法：largest_remainder 最大余额法（默认）、dhondt 最高平均数法、"
            "sainte_lague 圣拉古法、huntington_hill 亨廷顿-希尔法",
            choices=("largest_remainder", "dhondt", "sainte_lague", "huntington_hill"),
        ),
    )
    min: int = field(
        default=0, metadata=key("int", "每个有符合条件干部的单位至少分得的名额", zh="每单位至少")
    )
    max: int | None = field(
        default=None, metadata=key("int", "每个单位至多分得的名额", zh="每单位至多")
    )
    per_session_max: int | None = field(
        default=None,
        metadata=key("int", "每单位每期至多名额（默认 名额÷期数 向上取整）", zh="每期每单位至多"),
    )


@dataclass(kw_only=True)
class Venue:
    rec: Rec
    id: str = field(metadata=key("id", "场地代号" + _ID, required=True))
    name: str = field(metadata=key("str", "场地名称", required=True))
    capacity: int | None = field(default=None, metadata=key("int", "可容纳人数"))
    external: bool = field(default=False, metadata=key("bool", "外单位场地（不检查容量）"))
    address: str = field(default="", metadata=key("str", "地址"))


@dataclass(kw_only=True)
class Teacher:
    rec: Rec
    id: str = field(metadata=key("id", "教师代号" + _ID, required=True))
    name: str = field(metadata=key("str", "姓名或师资群体名称", required=True, zh="姓名"))
    title: str = field(default="", metadata=key("str", "职称"))
    org: str = field(default="", metadata=key("str", "所在单位"))
    pool: bool = field(
        default=False, metadata=key("bool", "师资群体（如 县委党校教师），不检查同日重复授课")
    )


@dataclass(frozen=True)
class Eligible:
    """Who may attend. ``ranks`` None means any rank; tags must all be held."""

    ranks: frozenset[str] | None = None
    gender: str | None = None
    tags: frozenset[str] = frozenset()

    def admits(self, rank: str, sex: str, tags: frozenset[str]) -> bool:
        """True when a person of this rank, sex and tags meets the rule."""
        if self.ranks is not None and rank not in self.ranks:
            return False
        if self.gender and sex != self.gender:
            return False
        return self.tags <= tags

    def describe(self) -> str:
        parts = []
        if self.ranks is not None:
            parts.append("职级" + "、".join(sorted(self.ranks)))
        if self.gender:
            parts.append(self.gender + "性")
        if self.tags:
            parts.append("标签" + "、".join(sorted(self.tags)))
        return "，".join(parts) or "不限"


@dataclass(kw_only=True)
class SessionSpec:
    """A session (期) listed with its own dates."""

    rec: Rec
    when: DateSpan = field(metadata=key("when", "本期时间", required=True))
    planned: int | None = field(default=None, metadata=key("headcount", "本期人数"))
    headcount: Headcount | None = None  # ``planned`` as written (约, 余, 每期 …)
    venue: str | None = field(default=None, metadata=key("ref", "本期场地（默认同班次）"))
    teachers: list[str] | None = field(
        default=None, metadata=key("list:ref", "本期授课教师代号（默认同班次）")
    )
