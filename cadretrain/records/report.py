"""``cadretrain report``: the year's figures for the 培训工作总结 — classes held, 人次, 人天,
学时, attendance and satisfaction rates, by class and by half year, planned against actual.

Decisions:

- A class is *held* when its enrollment (``enrollments/<class-id>.yaml``) lists anyone.
- 人次 = people in the enrollment (a person listed twice counts once, as in the ledger).
- 人天 and 学时 follow the 学时 ledger (:func:`cadretrain.records.ledger.class_entries`): each
  person
  counts the training days of their session, × the class's ``hours_per_day`` (else the plan's).
- The half year is the class's ``half`` (上半年/下半年), else that of its first day.
- Attendance rates come from the caller (a mapping class id → rate, e.g. from the filled
  sign-in sheets); satisfaction likewise. Without data the column shows “—”.
- 结业 figures come from the graded 成绩登记表 (a mapping class id → Scores, the leave rule
  applied): 结业人数 = 优秀 + 合格 not withdrawn (退学 over the leave limit unless an approved
  exception), 结业率 = 结业人数 ÷ people on the enrollment (待评、不合格、退学 do not complete).
- Classes with vague dates (十月中下旬) and sessions that could not be placed are not in the
  ICS calendar; the report counts them. Nothing personal (ID numbers, phones) is reported.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from cadretrain.core.diagnostics import Sink
from cadretrain.core.text import md_escape
from cadretrain.core.wording import percent
from cadretrain.plan.model import TrainingClass
from cadretrain.records.assessment import EXCELLENT, Scores
from cadretrain.records.ledger import (
    BY_ATTENDANCE,
    ZERO,
    AttendedKey,
    class_entries,
    num,
    planned_days,
)
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
    exceptions: list[str] = field(default_factory=list)  # 姓名：approved reason

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


@dataclass
class YearReport:
    year: int
    titles: list[str]
    organizers: list[str]
    classes: list[ClassFigures] = field(default_factory=list)
    halves: list[Totals] = field(default_factory=list)
    total: Totals = field(default_factory=lambda: Totals("全年"))

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
) -> YearReport:
    """Figures of every class in the plans of ``year`` among ``years`` (the plans' year
    models; plan order). ``attendance`` and ``satisfaction`` map a class id to a rate,
    ``scores`` to its graded results, ``attended`` an enrollment to its credited half-days
    (:func:`cadretrain.records.folder.attended_half_days`). Unreadable enrollments go to
    ``sink``."""
    chosen = sorted((y for y in years if y.plan.year == year), key=lambda y: y.plan.file)
    plans = [y.plan for y in chosen]
    report = YearReport(year, [p.title for p in plans], [p.organizer for p in plans])
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
            by_sign_in = [e for _, _, e in class_entries(y, cls, people, attended)]
            signed = bool(by_sign_in) and all(e.basis == BY_ATTENDANCE for e in by_sign_in)
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
                    attendance=(attendance or {}).get(cls.id),
                    satisfaction=(satisfaction or {}).get(cls.id),
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
        attendance_rates,
        attended_half_days,
        class_scores,
        satisfaction_rates,
    )

    chosen = sorted((y for y in years if y.plan.year == year), key=lambda y: y.plan.file)
    attendance: dict[str, Fraction] = {}
    satisfaction: dict[str, Fraction] = {}
    scores: dict[str, Scores] = {}
    for y in chosen:
        attendance.update(attendance_rates(y, records))
        satisfaction.update(satisfaction_rates(y.plan, records))
        scores.update(class_scores(y, records))
    attended, _notes = attended_half_days(chosen, Sink())  # told once, by attendance_rates
    return year_report(
        chosen,
        year,
        sink,
        attendance=attendance,
        satisfaction=satisfaction,
        scores=scores,
        attended=attended,
    )


def _rate(rates: Sequence[Fraction | None]) -> Fraction | None:
    """The mean of the known rates (None when there are none)."""
    known = [r for r in rates if r is not None]
    return sum(known, Fraction(0)) / len(known) if known else None


def _dash(value: int | None) -> str:
    return "—" if value is None else str(value)


def summary_text(r: YearReport) -> str:
    """The paragraph of figures: 全年计划 N 个班次，已举办 M 个，培训 X 人次、Y 人天、Z 学时…"""
    t = r.total
    halves = "、".join(f"{h.label} {h.classes} 个" for h in r.halves if h.classes)
    text = (
        f"{r.year}年全年计划举办培训班次 {t.classes} 个（{halves}），已举办 {t.held} 个；"
        f"计划培训 {t.planned} 人次，实际培训 {t.enrolled} 人次"
    )
    if t.completion is not None:
        text += f"，完成计划的 {percent(t.completion)}"
    text += f"；共 {num(t.person_days)} 人天、{num(t.hours)} 学时。"
    planned = sum((c.planned_hours for c in r.classes), ZERO)
    guessed = sum(1 for c in r.classes if c.estimate)
    text += f"按计划应为 {num(sum((c.planned_days for c in r.classes), ZERO))} 人天、"
    text += f"{num(planned)} 学时" + (f"（其中 {guessed} 个班次为估算）" if guessed else "") + "。"
    signed = [c for c in r.classes if c.attended is not None]
    if signed:
        text += (
            f"有签到记录的 {len(signed)} 个班次实到 {sum(c.attended or 0 for c in signed)} 人次、"
            f"{num(sum((c.attended_days for c in signed), ZERO))} 人天、"
            f"{num(sum((c.attended_hours for c in signed), ZERO))} 学时。"
        )
    att = _rate([c.attendance for c in r.classes])
    sat = _rate([c.satisfaction for c in r.classes])
    if att is not None:
        text += f"有考勤记录的班次平均出勤率 {percent(att)}。"
    if sat is not None:
        text += f"有测评的班次平均满意度 {percent(sat)}。"
    assessed = [c for c in r.classes if c.graded]
    if assessed:
        people = sum(c.graded or 0 for c in assessed)
        done = sum(c.graduated for c in assessed)
        best = sum(c.excellent for c in assessed)
        text += (
            f"有考核成绩的班次 {len(assessed)} 个，参训 {people} 人，结业 {done} 人"
            f"（结业率 {percent(Fraction(done, people))}），其中优秀 {best} 人。"
        )
        average = _rate([c.graduation for c in assessed])
        text += f"结业率按人合计 {percent(Fraction(done, people))}，各班次平均 {percent(average)}。"
        out = sum(c.withdrawn for c in assessed)
        allowed = sum(len(c.exceptions) for c in assessed)
        if out:
            text += f"因缺课超过请假上限退学、不予结业 {out} 人。"
        if allowed:
            text += f"缺课超过请假上限、经批准准予结业 {allowed} 人（见结业例外）。"
    undated = r.not_in_calendar
    if undated:
        n = sum(c.not_in_calendar for c in undated)
        text += f"另有 {len(undated)} 个班次的 {n} 期日期未定或未排定，未列入培训日历。"
    return text


CLASS_HEAD = ["序号", "班次", "时间", "计划人次", "实际人次", "完成率", "人天", "学时"]
CLASS_HEAD += ["出勤率", "满意度", "结业率", "优秀", "情况"]
CLASS_HEAD += ["计划人天", "计划学时", "实到人次", "实到人天", "实到学时", "估算"]  # added
HALF_HEAD = ["半年", "计划班次", "已举办", "计划人次", "实际人次", "完成率", "人天", "学时"]


def class_rows(r: YearReport) -> list[list[str]]:
    rows = []
    for i, c in enumerate(r.classes, start=1):
        state = "已举办" if c.held else "未举办（无报名名单）"
        if c.withdrawn:
            state += f"；退学 {c.withdrawn} 人"
        rows.append(
            [
                str(i),
                c.name,
                c.when,
                _dash(c.planned),
                str(c.enrolled),
                percent(c.completion),
                num(c.person_days),
                num(c.hours),
                percent(c.attendance),
                percent(c.satisfaction),
                percent(c.graduation),
                "—" if c.graded is None else str(c.excellent),
                state,
                num(c.planned_days),
                num(c.planned_hours),
                _dash(c.attended),
                "—" if c.attended is None else num(c.attended_days),
                "—" if c.attended is None else num(c.attended_hours),
                f"估算：{c.estimate}" if c.estimate else "",
            ]
        )
    t = r.total
    done = f"已举办 {t.held}/{t.classes}"
    figures = [str(t.planned), str(t.enrolled), percent(t.completion)]
    signed = [c for c in r.classes if c.attended is not None]
    added = [num(sum((c.planned_days for c in r.classes), ZERO))]
    added.append(num(sum((c.planned_hours for c in r.classes), ZERO)))
    added.append(str(sum(c.attended or 0 for c in signed)) if signed else "—")
    added.append(num(sum((c.attended_days for c in signed), ZERO)) if signed else "—")
    added.append(num(sum((c.attended_hours for c in signed), ZERO)) if signed else "—")
    estimated = sum(1 for c in r.classes if c.estimate)
    added.append(f"{estimated} 个班次估算" if estimated else "")
    rows.append(
        ["", "合计", "", *figures, num(t.person_days), num(t.hours), "", "", "", "", done, *added]
    )
    return rows


def half_rows(r: YearReport) -> list[list[str]]:
    rows = []
    for h in [*r.halves, r.total]:
        row = [h.label, str(h.classes), str(h.held), str(h.planned), str(h.enrolled)]
        rows.append([*row, percent(h.completion), num(h.person_days), num(h.hours)])
    return rows


def title_of(r: YearReport) -> str:
    return f"{r.year}年干部教育培训工作统计"


def _md_table(head: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    lines += ["| " + " | ".join(md_escape(v) for v in row) + " |" for row in rows]
    return lines


def report_markdown(r: YearReport) -> str:
    lines = [f"# {title_of(r)}", ""]
    for title, who in zip(r.titles, r.organizers, strict=True):
        lines.append(f"依据：{md_escape(title)}" + (f"（{md_escape(who)}）" if who else ""))
    lines += ["", "## 总体情况", "", md_escape(summary_text(r)), ""]
    lines += ["## 分班次情况（计划与实际）", "", *_md_table(CLASS_HEAD, class_rows(r)), ""]
    lines += ["## 分半年情况", "", *_md_table(HALF_HEAD, half_rows(r)), ""]
    lines += [
        "说明：实际人次为报名名单人数；人天、学时按各人所在期次的培训日计算（同学时台账）；"
        "结业率为结业人数（优秀、合格，缺课超过请假上限而退学者除外）占报名名单人数之比；"
        "计划人天 = 计划人次 × 每人培训日（日期未定的班次按计划写明的天数估算，见“估算”栏）；"
        "实到人次、人天、学时按签到表计（出勤的半天，全班空白的半天计给每人），没有签到表的班次记“—”；"
        "出勤率、满意度、结业率无数据时记“—”。",
        "",
    ]
    if exceptions(r):
        lines += ["## 结业例外（经批准）", "", *(f"- {md_escape(e)}" for e in exceptions(r)), ""]
    return "\n".join(lines)


def exceptions(r: YearReport) -> list[str]:
    """Every approved exception to the leave rule: 班次 姓名：reason."""
    return [f"{c.label} {e}" for c in r.classes for e in c.exceptions]
