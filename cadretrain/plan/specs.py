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
