"""The plan as typed values, each carrying the ``Rec`` it was read from (for positions)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from cadretrain.core.dates import DateSpan
from cadretrain.core.diagnostics import Pos
from cadretrain.plan.fields import Rec

# The roster's columns (``roster_columns``): the default ones in order, then those on request.
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


@dataclass
class Unit:
    """A unit that sends trainees (乡镇, 县直单位 …)."""

    id: str
    name: str
    rec: Rec
    kind: str = ""
    parent: str | None = None
    aliases: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class QuotaRule:
    method: str = "largest_remainder"
    min: int = 0
    max: int | None = None
    per_session_max: int | None = None


@dataclass
class Venue:
    id: str
    name: str
    rec: Rec
    capacity: int | None = None
    external: bool = False


@dataclass
class Teacher:
    id: str
    name: str
    rec: Rec
    title: str = ""
    org: str = ""
    pool: bool = False


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


@dataclass
class SessionSpec:
    """A session (期) listed with its own dates."""

    when: DateSpan
    rec: Rec
    planned: int | None = None
    venue: str | None = None


@dataclass(eq=False)
class TrainingClass:
    """A class (班次). Compared and hashed by identity: two classes are never 'equal'."""

    id: str
    name: str
    rec: Rec
    index: int
    short: str = ""
    half: str = ""
    audience: str = ""
    eligible: list[Eligible] | None = None  # any of these rules admits a person
    planned: int | None = None
    when: DateSpan | None = None
    session_count: int | None = None
    session_days: int | None = None
    sessions: list[SessionSpec] = field(default_factory=list)
    weekends: bool = False
    fieldwork_days: int | None = None
    hours_per_day: float | None = None
    venue: str | None = None
    topics: list[str] = field(default_factory=list)
    modules: dict[str, list[str]] = field(default_factory=dict)
    teachers: list[str] = field(default_factory=list)
    quota: QuotaRule = field(default_factory=QuotaRule)
    notes: str = ""
    template: str = ""  # for a class expanded from ``per_unit``: the template class's id
    unit: str = ""  # ... and the unit it is for

    @property
    def eligible_text(self) -> str:
        rules = [e.describe() for e in self.eligible or []]
        return rules[0] if len(rules) == 1 else "或".join(f"（{r}）" for r in rules)

    @property
    def label(self) -> str:
        """How messages name the class: its short name, else its full name."""
        return self.short or self.name

    @property
    def pos(self) -> Pos:
        return self.rec.pos

    @property
    def scheduled(self) -> bool:
        """True when the dates are exact (not a vague window such as 十月中下旬)."""
        return self.when is not None and self.when.exact

    @property
    def all_topics(self) -> list[str]:
        out = list(self.topics)
        for topics in self.modules.values():
            out.extend(t for t in topics if t not in out)
        return out


@dataclass
class CalendarConfig:
    weekend_days: str = "warn"
    extra_holidays: list[date] = field(default_factory=list)
    extra_workdays: list[date] = field(default_factory=list)


@dataclass
class Plan:
    file: str
    title: str
    year: int
    rec: Rec
    plan_rec: Rec
    organizer: str = ""
    issued: date | None = None
    doc_number: str = ""
    classes_declared: int | None = None
    calendar: CalendarConfig = field(default_factory=CalendarConfig)
    ranks: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    register: str = ""
    roster_columns: list[str] = field(default_factory=list)
    hours_per_day: float = 7.5  # 学时 per training day: 12 days ↔ 90 学时 (条例 Art. 14)
    units: dict[str, Unit] = field(default_factory=dict)
    venues: dict[str, Venue] = field(default_factory=dict)
    teachers: dict[str, Teacher] = field(default_factory=dict)
    classes: list[TrainingClass] = field(default_factory=list)
    classes_listed: int = 0  # classes as the plan counts them (per_unit templates expanded)
    texts: dict[str, object] = field(default_factory=dict)
