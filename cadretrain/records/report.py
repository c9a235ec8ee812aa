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
from html import escape

from cadretrain.core.diagnostics import Sink
from cadretrain.core.text import md_escape
from cadretrain.core.wording import percent
from cadretrain.plan.model import TrainingClass
from cadretrain.records.assessment import EXCELLENT, Scores
from cadretrain.records.ledger import ZERO, class_entries, num
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
) -> YearReport:
    """Figures of every class in the plans of ``year`` among ``years`` (the plans' year
    models; plan order). ``attendance`` and ``satisfaction`` map a class id to a rate,
    ``scores`` to its graded results. Unreadable enrollments go to ``sink``."""
    chosen = sorted((y for y in years if y.plan.year == year), key=lambda y: y.plan.file)
    plans = [y.plan for y in chosen]
    report = YearReport(year, [p.title for p in plans], [p.organizer for p in plans])
    for y in chosen:
        enrollments = y.enrollments(sink)
        for cls in y.plan.classes:
            enrollment = enrollments.get(cls.id)
            entries = class_entries(y, cls, enrollment.people) if enrollment else []
            when = cls.when.text if cls.when is not None else ""
            if cls.sessions:
                when = "；".join(s.when.text for s in cls.sessions)
            graded = (scores or {}).get(cls.id)
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
    from cadretrain.records.folder import attendance_rates, class_scores, satisfaction_rates

    chosen = sorted((y for y in years if y.plan.year == year), key=lambda y: y.plan.file)
    attendance: dict[str, Fraction] = {}
    satisfaction: dict[str, Fraction] = {}
    scores: dict[str, Scores] = {}
    for y in chosen:
        attendance.update(attendance_rates(y, records))
        satisfaction.update(satisfaction_rates(y.plan, records))
        scores.update(class_scores(y, records))
    return year_report(
        chosen, year, sink, attendance=attendance, satisfaction=satisfaction, scores=scores
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
            ]
        )
    t = r.total
    done = f"已举办 {t.held}/{t.classes}"
    figures = [str(t.planned), str(t.enrolled), percent(t.completion)]
    rows.append(["", "合计", "", *figures, num(t.person_days), num(t.hours), "", "", "", "", done])
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
        "出勤率、满意度、结业率无数据时记“—”。",
        "",
    ]
    if exceptions(r):
        lines += ["## 结业例外（经批准）", "", *(f"- {md_escape(e)}" for e in exceptions(r)), ""]
    return "\n".join(lines)


def exceptions(r: YearReport) -> list[str]:
    """Every approved exception to the leave rule: 班次 姓名：reason."""
    return [f"{c.label} {e}" for c in r.classes for e in c.exceptions]


CSS = (
    "body{font-family:'Noto Sans CJK SC','Microsoft YaHei',sans-serif;margin:2em;color:#222}"
    "table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #999;padding:4px 8px}"
    "th{background:#eceff1}td.n{text-align:right}tr.total td{font-weight:bold}"
)


def _html_table(head: list[str], rows: list[list[str]], numeric: set[int]) -> str:
    out = ["<table>", "<thead><tr>" + "".join(f"<th>{escape(h)}</th>" for h in head) + "</tr>"]
    out.append("</thead><tbody>")
    for n, row in enumerate(rows):
        cls = ' class="total"' if n == len(rows) - 1 else ""
        cells = "".join(
            f'<td class="n">{escape(v)}</td>' if i in numeric else f"<td>{escape(v)}</td>"
            for i, v in enumerate(row)
        )
        out.append(f"<tr{cls}>{cells}</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def report_html(r: YearReport) -> str:
    from cadretrain.records.report_charts import bar_chart

    chart = bar_chart(
        "各班次计划与实际培训人次",
        [c.label for c in r.classes],
        [c.planned for c in r.classes],
        [c.enrolled for c in r.classes],
    )
    basis = "".join(
        f"<p>依据：{escape(t)}" + (f"（{escape(o)}）" if o else "") + "</p>\n"
        for t, o in zip(r.titles, r.organizers, strict=True)
    )
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title_of(r))}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f"<h1>{escape(title_of(r))}</h1>\n{basis}"
        f"<h2>总体情况</h2>\n<p>{escape(summary_text(r))}</p>\n"
        f"<h2>分班次情况（计划与实际）</h2>\n"
        f"{_html_table(CLASS_HEAD, class_rows(r), {0, 3, 4, 5, 6, 7, 8, 9, 10, 11})}\n"
        f"<figure>\n{chart}\n</figure>\n"
        f"<h2>分半年情况</h2>\n{_html_table(HALF_HEAD, half_rows(r), set(range(1, 8)))}\n"
        "<p>说明：实际人次为报名名单人数；人天、学时按各人所在期次的培训日计算（同学时台账）；"
        "结业率为结业人数（优秀、合格，缺课超过请假上限而退学者除外）占报名名单人数之比；"
        "出勤率、满意度、结业率无数据时记“—”。</p>\n"
        f"{_exceptions_html(r)}</body>\n</html>\n"
    )


def _exceptions_html(r: YearReport) -> str:
    if not exceptions(r):
        return ""
    items = "".join(f"<li>{escape(e)}</li>" for e in exceptions(r))
    return f"<h2>结业例外（经批准）</h2>\n<ul>{items}</ul>\n"
