"""Sections of the plan that the loader resolves into other model values: an ``eligible``
rule as written (→ ``model.Eligible``), ``sessions: {count, days}`` (→ the class's
``session_count`` and ``session_days``), ``when: {start, end}`` (→ a ``DateSpan``, in
``fields.Reader``) and ``per_unit`` (→ one class per unit, in ``expand``). Their keys are
declared here like every other key (``keys.key``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from cadretrain.plan.fields import Rec
from cadretrain.plan.keys import key


@dataclass(kw_only=True)
class EligibleRule:
    """One ``eligible`` rule as written; the loader resolves it into a ``model.Eligible``."""

    rec: Rec
    rank: list[str] | None = field(default=None, metadata=key("list:str", "职级（任一即可）"))
    rank_at_least: str | None = field(default=None, metadata=key("str", "不低于该职级"))
    rank_at_most: str | None = field(default=None, metadata=key("str", "不高于该职级"))
    gender: str | None = field(default=None, metadata=key("enum", "性别", choices=("男", "女")))
    tags: list[str] = field(
        default_factory=list, metadata=key("list:str", "须同时具有的标签", zh="标签")
    )


@dataclass(frozen=True, kw_only=True)
class EvenSessions:
    """``sessions: {count: 期数, days: 每期天数}``: sessions the tool places on training days."""

    count: int | None = field(default=None, metadata=key("int", "期数", required=True))
    days: int | None = field(
        default=None, metadata=key("int", "每期培训天数", required=True, zh="每期天数")
    )


@dataclass(frozen=True, kw_only=True)
class WrittenSpan:
    """``when: {start: …, end: …}``; ``fields.Reader`` turns it into a ``DateSpan``."""

    start: date = field(metadata=key("date", "开始日期", required=True))
    end: date = field(metadata=key("date", "结束日期", required=True))


@dataclass(kw_only=True)
class PerUnit:
    """A class's ``per_unit``: the template becomes one class per unit (``expand``)."""

    rec: Rec
    kind: list[str] = field(
        default_factory=list,
        metadata=key(
            "list:str", "参加的单位类别，如 [乡镇, 街道]；不写则为全部单位", zh="单位类别"
        ),
    )
    units: list[str] | None = field(
        default=None, metadata=key("list:ref", "参加的单位代号；不写则按 kind", zh="单位")
    )
    max_size: int | None = field(
        default=None, metadata=key("int", "每班最多人数，超过时一个单位拆成几个班")
    )
    days: int = field(metadata=key("int", "每班培训天数（连续的培训日）", required=True))


ORGANIZER_ROLES = ("主办", "承办", "协办")


@dataclass(frozen=True, kw_only=True)
class Organizers:
    """``organizers: {主办: […], 承办: […], 协办: […]}`` of a class (or of ``plan:``, for every
    class). The 主办 are the 发文机关 of the class's notice (several: 联合行文, the first the
    lead organ, GB/T 9704); 承办 and 协办 are named in its body."""

    lead: list[str] = field(
        default_factory=list,
        metadata=key(
            "list:str",
            "主办单位，即通知的发文机关；几个单位时联合行文，第一个为主办机关"
            "（不写则用 plan.organizer）",
            name="主办",
        ),
    )
    host: list[str] = field(
        default_factory=list,
        metadata=key("list:str", "承办单位，通知正文中写明；报名回执报送承办单位", name="承办"),
    )
    assist: list[str] = field(
        default_factory=list, metadata=key("list:str", "协办单位，通知正文中写明", name="协办")
    )


@dataclass(kw_only=True)
class RankLadder:
    """One of ``rank_ladders``: a ladder of ranks (领导职务, or 职级 since 2019) from high to
    low, and which of them count as 县处级及以上 for 条例 Art. 14 (``leaders``)."""

    rec: Rec
    name: str = field(metadata=key("str", "序列名称，如 领导职务、职级", required=True))
    ranks: list[str] = field(metadata=key("list:str", "本序列的职级，从高到低", required=True))
    leaders: list[str] | None = field(
        default=None,
        metadata=key(
            "list:str",
            "其中按条例第十四条属于县处级及以上的职级（如 一级至四级调研员）；"
            "不写则按名称判断（含 县处级、调研员、巡视员 等字样的）",
            zh="县处级职级",
        ),
    )
