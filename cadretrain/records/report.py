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
- Attendance, satisfaction and 结业率 are given both ways: pooled (Σ numerators ÷ Σ
  denominators over the classes: the 合计 row, and in brackets in the summary) and as the mean
  of the classes' rates (the summary).
- Hours from outside the plan (调训, 网络: :mod:`cadretrain.records.outside`) are a sentence of
  the summary and a table of their own; 调训 count for Art. 14, online hours apart.
- Classes with vague dates (十月中下旬) and sessions that could not be placed are not in the
  ICS calendar; the report counts them. Nothing personal (ID numbers, phones) is reported.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from cadretrain.core.text import md_escape
from cadretrain.core.wording import percent
from cadretrain.records.ledger import ZERO, num
from cadretrain.records.report_figures import (
    HALVES,
    UNDATED,
    ClassFigures,
    Totals,
    YearReport,
    half_of,
    year_report,
    year_report_from_records,
)

__all__ = [  # the figures, for callers that render or test the report
    "HALVES",
    "UNDATED",
    "ClassFigures",
    "Totals",
    "YearReport",
    "half_of",
    "year_report",
    "year_report_from_records",
]


def _rate(rates: Sequence[Fraction | None]) -> Fraction | None:
    """The mean of the known rates (None when there are none)."""
    known = [r for r in rates if r is not None]
    return sum(known, Fraction(0)) / len(known) if known else None


def _pooled(counts: Sequence[tuple[int, int] | None]) -> Fraction | None:
    """Σ numerators ÷ Σ denominators over the classes with counts (None when there are none)."""
    known = [c for c in counts if c is not None]
    whole = sum(d for _, d in known)
    return Fraction(sum(n for n, _ in known), whole) if whole else None


def pooled_attendance(r: YearReport) -> Fraction | None:
    """出勤率 over every recorded half-day of every class together."""
    return _pooled([c.attendance_counts for c in r.classes])


def pooled_satisfaction(r: YearReport) -> Fraction | None:
    """满意度 over every response of every class together."""
    return _pooled([c.satisfaction_counts for c in r.classes])


def pooled_graduation(r: YearReport) -> Fraction | None:
    """结业率 over every graded trainee together."""
    graded = [c for c in r.classes if c.graded]
    people = sum(c.graded or 0 for c in graded)
    return Fraction(sum(c.graduated for c in graded), people) if people else None


def _both(pooled: Fraction | None, over: str) -> str:
    return f"（按{over}合计 {percent(pooled)}）" if pooled is not None else ""


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
        text += f"有考勤记录的班次平均出勤率 {percent(att)}{_both(pooled_attendance(r), '半天')}。"
    if sat is not None:
        text += (
            f"有测评的班次平均满意度 {percent(sat)}{_both(pooled_satisfaction(r), '测评人数')}。"
        )
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
    text += outside_text(r)
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
        if c.partly_signed:
            state += "；实到只计有签到表的期次"
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
    rates = [pooled_attendance(r), pooled_satisfaction(r), pooled_graduation(r)]
    shown = ["" if x is None else percent(x) for x in rates]
    rows.append(
        ["", "合计", "", *figures, num(t.person_days), num(t.hours), *shown, "", done, *added]
    )
    return rows


def outside_text(r: YearReport) -> str:
    """One sentence on the hours from outside the plan (调训 count for Art. 14, 网络 apart)."""
    parts = []
    for o in r.outside:
        if not o.entries and not o.duplicates:
            continue
        part = f"{o.kind} {o.people} 人、{o.entries} 人次、{num(o.hours)} 学时"
        if o.duplicates:
            part += f"（另有 {o.duplicates} 条与计划班次重复，未计）"
        parts.append(part)
    if not parts:
        return ""
    return "计划以外的学时：" + "；".join(parts) + "（调训学时计入第十四条，网络学时单独统计）。"


OUTSIDE_HEAD = ["类别", "人数", "人次", "学时", "与计划班次重复未计", "说明"]


def outside_rows(r: YearReport) -> list[list[str]]:
    why = {"调训": "计入第十四条的学时要求", "网络": "单独统计，不计入第十四条的达标判断"}
    return [
        [o.kind, str(o.people), str(o.entries), num(o.hours), str(o.duplicates), why[o.kind]]
        for o in r.outside
    ]


NOTE = (
    "说明：实际人次为报名名单人数；人天、学时按各人所在期次的培训日计算（同学时台账）；"
    "结业率为结业人数（优秀、合格，缺课超过请假上限而退学者除外）占报名名单人数之比；"
    "计划人天 = 计划人次 × 每人培训日（日期未定的班次按计划写明的天数估算，见“估算”栏）；"
    "实到人次、人天、学时按签到表计（出勤的半天，全班空白的半天计给每人），没有签到表的班次记“—”，"
    "只有部分期次有签到表的班次只计这些期次（“情况”栏注明）；"
    "出勤率、满意度、结业率无数据时记“—”；合计行的出勤率、满意度、结业率按各班次合计"
    "（有记录的半天、测评人数、参训人数之和）计算，总体情况中另列各班次平均。"
)


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
        NOTE,
        "",
    ]
    if r.outside:
        lines += ["## 计划以外的学时（调训、网络）", "", *_md_table(OUTSIDE_HEAD, outside_rows(r))]
        lines.append("")
    if exceptions(r):
        lines += ["## 结业例外（经批准）", "", *(f"- {md_escape(e)}" for e in exceptions(r)), ""]
    return "\n".join(lines)


def exceptions(r: YearReport) -> list[str]:
    """Every approved exception to the leave rule: 班次 姓名：reason."""
    return [f"{c.label} {e}" for c in r.classes for e in c.exceptions]
