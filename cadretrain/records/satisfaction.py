"""满意度测评 (trainee ratings of teachers) and the 师资库 (teacher pool).

Seed, 第五篇: trainees rate each teacher in class (当堂测评); teachers "得到大部分学员认可" enter
the 师资库, and the ratings are the basis for entering and adjusting it. Decisions:

- The office tallies the paper forms into one 测评汇总表 per class: a row per teacher of the
  class (named teachers and teacher groups alike), counts of 很满意/满意/基本满意/不满意.
- Satisfaction rate = (很满意 + 满意) ÷ responses; average = (4·很满意 + 3·满意 + 2·基本满意
  + 1·不满意) ÷ responses. A teacher with no responses has no rate (CT905) and is skipped.
- ``plan.teacher_pool`` (:class:`cadretrain.plan.grading.TeacherPoolRule`, defaults:
  satisfied 0.9, classes 2, floor 0.6): a teacher whose rate is ≥ satisfied in at least
  ``classes`` different classes is proposed for the pool (加入师资库) — unless some class
  rated the teacher below ``floor``: then only the reminder (提醒) is given, since the two
  would contradict each other. Each change lists its evidence.
  Teachers already marked ``pool: true`` (teacher groups) are treated like anyone else.
  A row with a count that is not a whole number (CT902) proposes nothing: no change is
  proposed for that teacher until the row is corrected (the missing figure could turn it).
- Averages are rounded half up to two decimals like every other figure
  (``core.wording.decimal_text``).

Reading is in :mod:`cadretrain.records.satisfaction_read` (:func:`read_ratings`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from cadretrain.core.wording import decimal_text, percent
from cadretrain.plan.model import Plan, Teacher, TrainingClass

LEVELS = ("很满意", "满意", "基本满意", "不满意")
POINTS = (4, 3, 2, 1)
JOIN, WARN = "加入师资库", "提醒"


@dataclass(frozen=True)
class Rating:
    teacher: Teacher
    counts: tuple[int, int, int, int]  # in LEVELS order
    unread: tuple[str, ...] = ()  # levels whose count was not a whole number (CT902; 0 here)

    @property
    def responses(self) -> int:
        return sum(self.counts)

    @property
    def rate(self) -> Fraction | None:
        n = self.responses
        return Fraction(self.counts[0] + self.counts[1], n) if n else None

    @property
    def average(self) -> Fraction | None:
        n = self.responses
        return (
            Fraction(sum(c * p for c, p in zip(self.counts, POINTS, strict=True)), n) if n else None
        )


@dataclass
class ClassRatings:
    cls: TrainingClass
    file: str
    ratings: list[Rating] = field(default_factory=list)


@dataclass(frozen=True)
class Evidence:
    cls: TrainingClass
    rate: Fraction
    responses: int

    def text(self) -> str:
        return f"{self.cls.label} {percent(self.rate)}（{self.responses} 人）"


@dataclass
class Change:
    teacher: Teacher
    action: str  # JOIN or WARN
    reason: str
    evidence: list[Evidence]


def pool_changes(plan: Plan, results: Sequence[ClassRatings]) -> list[Change]:
    """Who enters the 师资库 and who is flagged, in the plan's teacher order."""
    rule = plan.teacher_pool
    seen: dict[str, list[Evidence]] = {}
    held = {r.teacher.id for cr in results for r in cr.ratings if r.unread}
    for cr in results:
        for r in cr.ratings:
            if r.rate is not None and r.teacher.id not in held:
                seen.setdefault(r.teacher.id, []).append(Evidence(cr.cls, r.rate, r.responses))
    changes: list[Change] = []
    for tid, teacher in plan.teachers.items():
        evidence = seen.get(tid, [])
        low = [e for e in evidence if e.rate < rule.floor]
        good = [e for e in evidence if e.rate >= rule.satisfied]
        good_classes = {e.cls.id for e in good}
        if low:
            reason = f"满意率低于 {percent(rule.floor)}"
            if len(good_classes) >= rule.classes:
                reason += "（另有班次达到入库标准，但有班次偏低，暂不入库）"
            changes.append(Change(teacher, WARN, reason, low))
        elif len(good_classes) >= rule.classes:
            reason = f"在 {len(good_classes)} 个班次中满意率达到 {percent(rule.satisfied)}"
            changes.append(Change(teacher, JOIN, reason, good))
    return changes


def teacher_text(t: Teacher) -> str:
    return "".join(x for x in (t.org, t.title) if x)


# --- workbooks ------------------------------------------------------------------------------

FORM_HEADS = ["序号", "授课教师", "单位及职称", *LEVELS, "备注"]


def rating_form_bytes(plan: Plan, cls: TrainingClass) -> bytes:
    """The per-class 测评汇总表; a hidden sheet ``_cadretrain`` names the class."""
    from openpyxl.worksheet.datavalidation import DataValidation

    from cadretrain.files.sheet_styles import BODY, write
    from cadretrain.files.xlsx import put, to_bytes
    from cadretrain.records.assessment import fit_widths, start_sheet

    info = (
        "请把收回的学员测评表逐位教师统计，在各栏填写人数。满意率 =（很满意 + 满意）÷ 测评人数；"
        "测评结果作为授课教师入选和调整师资库的依据。"
    )
    wb, ws = start_sheet(f"{cls.name}学员满意度测评汇总表", info, FORM_HEADS, landscape=False)
    ws.title = "测评汇总表"
    lines: list[list[object]] = []
    for n, tid in enumerate(cls.teachers, start=1):
        t = plan.teachers.get(tid)
        lines.append([n, t.name if t else tid, teacher_text(t) if t else "", "", "", "", "", ""])
    for r, line in enumerate(lines, start=4):
        for c, value in enumerate(line, start=1):
            write(ws, r, c, value, BODY)
    if lines:
        dv = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0")
        dv.allow_blank = True
        dv.showErrorMessage = True
        dv.error = "请填写人数（0 或正整数）"
        dv.add(f"D4:G{3 + len(lines)}")
        ws.add_data_validation(dv)
    fit_widths(ws, FORM_HEADS, lines)
    meta = wb.create_sheet("_cadretrain")
    meta.sheet_state = "hidden"
    put(meta, 1, 1, "class")
    put(meta, 1, 2, cls.id)
    return bytes(to_bytes(wb))


RESULT_HEADS = ["授课教师", "班次", "测评人数", *LEVELS, "满意率", "平均分"]


def rating_line(cr: ClassRatings, r: Rating) -> list[object]:
    avg = r.average
    if r.unread:  # a count that is not a whole number: no figures until it is corrected
        return [r.teacher.name, cr.cls.label, "待核", *r.counts, "待核", "待核"]
    return [r.teacher.name, cr.cls.label, r.responses, *r.counts, percent(r.rate),
            "—" if avg is None else decimal_text(avg, 2)]  # fmt: skip


def changes_bytes(plan: Plan, results: Sequence[ClassRatings], changes: list[Change]) -> bytes:
    """``师资库变动.xlsx``: the changes with evidence, then every rating read."""
    from cadretrain.files.sheet_styles import BODY, HEAD, WRAP, write
    from cadretrain.files.xlsx import a4, to_bytes
    from cadretrain.records.assessment import fit_widths, start_sheet

    rule = plan.teacher_pool
    heads = ["序号", "授课教师", "单位及职称", "变动", "理由", "依据（班次 满意率 测评人数）"]
    info = (
        f"规则：满意率达到 {percent(rule.satisfied)} 的班次不少于 {rule.classes} 个，加入师资库；"
        f"任一班次满意率低于 {percent(rule.floor)}，予以提醒。"
    )
    wb, ws = start_sheet(f"{plan.title}师资库变动", info, heads, landscape=True)
    ws.title = "师资库变动"
    lines: list[list[object]] = [
        [
            n,
            c.teacher.name,
            teacher_text(c.teacher),
            c.action,
            c.reason,
            "；".join(e.text() for e in c.evidence),
        ]
        for n, c in enumerate(changes, start=1)
    ]
    for r, line in enumerate(lines, start=4):
        for c, value in enumerate(line, start=1):
            write(ws, r, c, value, WRAP if c >= 5 else BODY)
    fit_widths(ws, heads, lines)
    detail = wb.create_sheet("测评结果")
    for c, head in enumerate(RESULT_HEADS, start=1):
        write(detail, 1, c, head, HEAD)
    rows = [rating_line(cr, r) for cr in results for r in cr.ratings]
    for r, line in enumerate(rows, start=2):
        for c, value in enumerate(line, start=1):
            write(detail, r, c, value, BODY)
    fit_widths(detail, RESULT_HEADS, rows)
    detail.print_title_rows = "1:1"
    a4(detail)
    return bytes(to_bytes(wb))
