"""The year report's figures (:mod:`cadretrain.records.report` renders them): each class's
planned, enrolled and attended 人次 / 人天 / 学时, its attendance, satisfaction and 结业 figures
(kept as counts too, so the report can pool them), the half years and the year, and the hours
from outside the plan. The decisions are listed in :mod:`cadretrain.records.report`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from cadretrain.core.diagnostics import Sink
from cadretrain.plan.model import TrainingClass
from cadretrain.records.assessment import EXCELLENT, Scores
from cadretrain.records.ledger import (
    BY_ATTENDANCE,
    ZERO,
    AttendedKey,
    class_entries,
    planned_days,
)
from cadretrain.records.outside import ONLINE, OUTSIDE, OutsideRecord
from cadretrain.year.model import Year

HALVES = ("上半年", "下半年")
UNDATED = "时间未定"


@dataclass
class ClassFigures:
    plan_file: str
    class_id: str
    name: str
    label: str
    half: str
    when: str  # the plan's date text
    planned: int | None  # planned headcount (人次)
    enrolled: int  # 人次
    person_days: Decimal  # 人天
    hours: Decimal  # 学时 (all trainees together)
    held: bool
    not_in_calendar: int  # sessions left out of the ICS (vague dates, not placed)
    attendance: Fraction | None = None
    satisfaction: Fraction | None = None
    graded: int | None = None  # people on the graded enrollment (None: no 成绩登记表)
    graduated: int = 0  # 结业 = 优秀 + 合格, not withdrawn
    excellent: int = 0
    withdrawn: int = 0  # 退学: over the class's leave limit (条例第十五条 by default)
    planned_days: Decimal = ZERO  # planned 人天: planned × one trainee's days
    planned_hours: Decimal = ZERO
    estimate: str = ""  # how the planned (and enrolled) days were estimated; "" when exact
    attended: int | None = None  # 实到人次 (credited any half-day); None: no sign-in records
    attended_days: Decimal = ZERO  # 实到人天 = credited half-days ÷ 2
    attended_hours: Decimal = ZERO
    partly_signed: bool = False  # some sessions without sign-in records: 实到 counts the others
    exceptions: list[str] = field(default_factory=list)  # 姓名：approved reason
    attendance_counts: tuple[int, int] | None = None  # (half-days present, recorded)
    satisfaction_counts: tuple[int, int] | None = None  # (很满意 + 满意, responses)

    @property
    def graduation(self) -> Fraction | None:
        return Fraction(self.graduated, self.graded) if self.graded else None

    @property
    def completion(self) -> Fraction | None:
        return Fraction(self.enrolled, self.planned) if self.planned else None


@dataclass
class Totals:
    label: str
    classes: int = 0
    held: int = 0
    planned: int = 0
    enrolled: int = 0
    person_days: Decimal = ZERO
    hours: Decimal = ZERO

    def add(self, c: ClassFigures) -> None:
        self.classes += 1
        self.held += int(c.held)
        self.planned += c.planned or 0
        self.enrolled += c.enrolled
        self.person_days += c.person_days
        self.hours += c.hours

    @property
    def completion(self) -> Fraction | None:
        return Fraction(self.enrolled, self.planned) if self.planned else None


@dataclass(frozen=True)
class OutsideFigures:
    """Hours earned outside the plan's classes in a year, by kind (调训 or 网络), for the
    year report."""

    kind: str
    entries: int  # 人次: rows counted
    people: int
    hours: Decimal
    duplicates: int  # rows repeating a class of the plan: not counted (CT986)


@dataclass
class YearReport:
    year: int
    titles: list[str]
    organizers: list[str]
    classes: list[ClassFigures] = field(default_factory=list)
    halves: list[Totals] = field(default_factory=list)
    total: Totals = field(default_factory=lambda: Totals("全年"))
    outside: list[OutsideFigures] = field(default_factory=list)  # 调训, 网络: hours not of a class

    @property
    def not_in_calendar(self) -> list[ClassFigures]:
        return [c for c in self.classes if c.not_in_calendar]


def half_of(cls: TrainingClass) -> str:
    if cls.half in HALVES:
        return cls.half
    first = cls.sessions[0].when if cls.sessions else cls.when
    if first is None:
        return UNDATED
    return HALVES[0] if first.start.month <= 6 else HALVES[1]


def year_report(
    years: Sequence[Year],
    year: int,
    sink: Sink,
    *,
    attendance: Mapping[str, Fraction] | None = None,
    satisfaction: Mapping[str, Fraction] | None = None,
    scores: Mapping[str, Scores] | None = None,
    attended: Mapping[AttendedKey, Decimal] | None = None,
    attendance_counts: Mapping[str, tuple[int, int]] | None = None,
    satisfaction_counts: Mapping[str, tuple[int, int]] | None = None,
    outside: Sequence[OutsideFigures] = (),
) -> YearReport:
    """Figures of every class in the plans of ``year`` among ``years`` (the plans' year
    models; plan order). ``attendance`` and ``satisfaction`` map a class id to a rate,
    ``scores`` to its graded results, ``attended`` an enrollment to its credited half-days
    (:func:`cadretrain.records.folder.attended_half_days`). ``attendance_counts`` and
    ``satisfaction_counts`` (numerator, denominator per class id) give the rates too, and
    let the report pool them; ``outside`` the hours from outside the plan. Unreadable
    enrollments go to ``sink``."""
    chosen = sorted((y for y in years if y.plan.year == year), key=lambda y: y.plan.file)
    plans = [y.plan for y in chosen]
    report = YearReport(year, [p.title for p in plans], [p.organizer for p in plans])
    report.outside = list(outside)
    att_n, sat_n = attendance_counts or {}, satisfaction_counts or {}
    attendance = {**{k: Fraction(*v) for k, v in att_n.items()}, **(attendance or {})}
    satisfaction = {**{k: Fraction(*v) for k, v in sat_n.items()}, **(satisfaction or {})}
    for y in chosen:
        enrollments = y.enrollments(sink)
        for cls in y.plan.classes:
            enrollment = enrollments.get(cls.id)
            people = enrollment.people if enrollment else []
            entries = class_entries(y, cls, people)
            when = cls.when.text if cls.when is not None else ""
            if cls.sessions:
                when = "；".join(s.when.text for s in cls.sessions)
            graded = (scores or {}).get(cls.id)
            every = [e for _, _, e in class_entries(y, cls, people, attended)]
            by_sign_in = [e for e in every if e.basis == BY_ATTENDANCE]  # sessions signed
            signed = bool(by_sign_in)
            per, estimate = planned_days(cls, y.schedule(cls).slots)
            rate = Decimal(str(cls.hours_per_day or y.plan.hours_per_day))
            report.classes.append(
                ClassFigures(
                    plan_file=y.plan.file,
                    class_id=cls.id,
                    name=cls.name,
                    label=cls.label,
                    half=half_of(cls),
                    when=when,
                    planned=cls.planned,
                    enrolled=len(entries),
                    person_days=sum((e.days for _, _, e in entries), ZERO),
                    hours=sum((e.hours for _, _, e in entries), ZERO),
                    held=bool(entries),
                    not_in_calendar=y.schedule(cls).left_out,
                    attendance=attendance.get(cls.id),
                    satisfaction=satisfaction.get(cls.id),
                    attendance_counts=att_n.get(cls.id),
                    satisfaction_counts=sat_n.get(cls.id),
                    graded=len(graded.results) if graded is not None else None,
                    graduated=sum(1 for r in graded.results if r.completed) if graded else 0,
                    excellent=graded.count(EXCELLENT) if graded is not None else 0,
                    withdrawn=sum(1 for r in graded.results if r.withdrawn) if graded else 0,
                    exceptions=[
                        f"{r.person.name}：{r.exception}"
                        for r in (graded.results if graded else [])
                        if r.exception
                    ],
                    planned_days=per * (cls.planned or 0),
                    planned_hours=per * (cls.planned or 0) * rate,
                    estimate=estimate,
                    attended=sum(1 for e in by_sign_in if e.days) if signed else None,
                    attended_days=sum((e.days for e in by_sign_in), ZERO) if signed else ZERO,
                    attended_hours=sum((e.hours for e in by_sign_in), ZERO) if signed else ZERO,
                    partly_signed=signed and len(by_sign_in) < len(every),
                )
            )
    names = [*HALVES, *sorted({c.half for c in report.classes} - set(HALVES))]
    for name in names:
        t = Totals(name)
        for c in report.classes:
            if c.half == name:
                t.add(c)
        report.halves.append(t)
    for c in report.classes:
        report.total.add(c)
    return report


def year_report_from_records(
    years: Sequence[Year], year: int, sink: Sink, records: Sink
) -> YearReport:
    """:func:`year_report` with the attendance and satisfaction rates and the graded scores
    read from each plan's ``records/`` folder (:mod:`cadretrain.records.folder`). Problems in
    those files go to ``records``, the enrollments' to ``sink``."""
    from cadretrain.records.folder import (
        attendance_counts,
        attended_half_days,
        class_scores,
        satisfaction_counts,
    )
    from cadretrain.records.outside import read_outside

    chosen = sorted((y for y in years if y.plan.year == year), key=lambda y: y.plan.file)
    attendance: dict[str, tuple[int, int]] = {}
    satisfaction: dict[str, tuple[int, int]] = {}
    scores: dict[str, Scores] = {}
    for y in chosen:
        attendance.update(attendance_counts(y, records))
        satisfaction.update(satisfaction_counts(y.plan, records))
        scores.update(class_scores(y, records))
    attended, _notes = attended_half_days(chosen, Sink())  # told once, by attendance_counts
    return year_report(
        chosen,
        year,
        sink,
        scores=scores,
        attended=attended,
        attendance_counts=attendance,
        satisfaction_counts=satisfaction,
        outside=outside_figures(read_outside(chosen, records)),
    )


def outside_figures(records: Sequence[OutsideRecord]) -> list[OutsideFigures]:
    """The year report's line per kind that has rows: people, 人次 and 学时 counted, and the
    rows left out as repeats of a class of the plan (CT986)."""
    out = []
    for kind in (OUTSIDE, ONLINE):
        rows = [r for r in records if r.kind == kind]
        if not rows:
            continue
        counted = [r for r in rows if r.counted]
        out.append(
            OutsideFigures(
                kind=kind,
                entries=len(counted),
                people=len({r.key for r in counted}),
                hours=sum((r.hours for r in counted), ZERO),
                duplicates=len(rows) - len(counted),
            )
        )
    return out
