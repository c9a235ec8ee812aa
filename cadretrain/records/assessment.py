"""考核 (assessment) and 结业 (completion): the score sheet an office fills in, the weighted
total, the grade and who completes the class.

Seed, 第一篇: 学习态度、培训考勤、学习结果、成果转化 are assessed and "按比例计分"; 第五篇: the
grade follows attendance and the exam score. The rules come from the class's ``grading``
(:class:`cadretrain.plan.grading.Grading`, read with the plan):

- Components and weights: ``grading.weights`` (default 学习态度 20, 培训考勤 30, 学习结果 30,
  成果转化 20). Each component is scored 0–100; the total is Σ score × weight ÷ Σ weight,
  rounded half up to one decimal. Grades compare that rounded total (what everyone sees).
- Grades: 优秀 at ``excellent`` (default 90) or above, 合格 at ``pass`` (default 60) or above,
  else 不合格. 结业 = 合格 or better.
- ``excellent_share`` (e.g. 0.2) caps 优秀 at ⌊share × n⌋ people, n = people graded. The
  qualifying people are ranked by total; the top ones keep 优秀. Ties at the cut-off: when
  the people tied on the last place would not all fit, none of them keeps 优秀 (the cap is a
  ceiling, and equal totals get equal grades). The others become 合格 with a note.
- A person with a blank component is not graded (待评, CT905), not counted in n, and does not
  complete until the score is filled in.

- Completion follows the leave rule (:func:`apply_leave_rule`): a person whose 缺课 exceeds the
  class's limit (:func:`cadretrain.records.attendance.leave_share`, default 条例第十五条 1/7) is
  退学 and 不予结业 whatever the scores, the reason in 备注; unless the class's ``exceptions``
  name that person (by ID number when given, else by name): then the grade stands and the
  approved reason is in 备注. Without attendance records the rule cannot be applied, and the
  result says so nowhere but in the caller's note.

Reading is in :mod:`cadretrain.records.assessment_read` (:func:`read_scores`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from cadretrain.core.wording import decimal_text, half_up
from cadretrain.enroll.enrollment import Enrollee, Enrollment
from cadretrain.plan.grading import ApprovedException
from cadretrain.plan.grading import Grading as Grading  # read with the plan (plan.grading)
from cadretrain.plan.model import Plan, TrainingClass

if TYPE_CHECKING:
    from cadretrain.records.attendance import Attendance

EXCELLENT, PASS, FAIL, PENDING = "优秀", "合格", "不合格", "待评"
WITHDRAWN = "退学"  # over the leave limit (条例第十五条): not 结业 whatever the scores
FIXED = ["序号", "姓名", "单位及职务"]


@dataclass
class Result:
    person: Enrollee
    scores: dict[str, Fraction | None]
    total: Fraction | None = None  # rounded to 0.1; None when a score is missing
    grade: str = PENDING
    note: str = ""
    where: str = ""  # the sheet row the scores came from
    withdrawn: str = ""  # why the person is 退学 (over the leave limit); "" when not
    exception: str = ""  # the approved exception that lets the person complete anyway

    @property
    def completed(self) -> bool:
        return self.grade in (EXCELLENT, PASS) and not self.withdrawn

    @property
    def outcome(self) -> str:
        """结业, 不予结业 or 待定 (scores missing)."""
        if self.completed:
            return "结业"
        return "待定" if self.grade == PENDING and not self.withdrawn else "不予结业"

    @property
    def remark(self) -> str:
        """The note, the withdrawal reason and the approved exception, as one text."""
        out = f"退学、不予结业：{self.withdrawn}" if self.withdrawn else ""
        return "；".join(t for t in (out, self.exception, self.note) if t)


@dataclass
class Scores:
    cls: TrainingClass
    grading: Grading
    results: list[Result] = field(default_factory=list)

    def count(self, grade: str) -> int:
        return sum(1 for r in self.results if r.grade == grade)


def grading_for(cls: TrainingClass) -> Grading:
    """The class's ``grading``, defaults filled in (read and checked with the plan)."""
    return cls.grading


def number(value: Fraction | None) -> str:
    """``87.5``, ``90`` (one decimal at most); ``—`` for None."""
    if value is None:
        return "—"
    return decimal_text(value, 1, trim=True)


def weighted_total(grading: Grading, scores: dict[str, Fraction | None]) -> Fraction | None:
    """Σ score × weight ÷ Σ weight, rounded half up to 0.1; None when a score is missing."""
    got = [scores.get(k) for k in grading.weights]
    if any(s is None for s in got):
        return None
    exact = sum(
        (s * w for s, w in zip(got, grading.weights.values(), strict=True) if s is not None),
        Fraction(0),
    ) / sum(grading.weights.values())
    return half_up(exact, 1)


def assign_grades(grading: Grading, results: Sequence[Result]) -> None:
    """Grade every result with a total; apply the 优秀 cap (ties at the cut-off all drop)."""
    graded = [r for r in results if r.total is not None]
    for r in results:
        if r.total is None:
            r.grade = PENDING
        elif r.total >= grading.excellent:
            r.grade = EXCELLENT
        elif r.total >= grading.passing:
            r.grade = PASS
        else:
            r.grade = FAIL
    if grading.excellent_share is None:
        return
    limit = (grading.excellent_share * len(graded)).__floor__()
    best = sorted((r for r in graded if r.grade == EXCELLENT), key=lambda r: -(r.total or 0))
    if len(best) <= limit:
        return
    cut = best[limit].total  # the first total that does not fit
    share = number(grading.excellent_share * 100)
    for r in best:
        if r.total is not None and r.total <= (cut or 0):
            r.grade = PASS
            r.note = f"达到优秀分数线，但优秀人数不超过 {share}%（{limit} 人），按合格"


def exception_for(cls: TrainingClass, person: Enrollee) -> ApprovedException | None:
    """The class's approved exception naming ``person``: by ID number when the exception
    gives one, else by name."""
    for e in cls.exceptions:
        if e.id_number:
            if person.id_number and e.id_number.upper() == person.id_number.upper():
                return e
        elif e.name == person.name:
            return e
    return None


def apply_leave_rule(scores: Scores, att: Attendance) -> None:
    """Completion follows the leave rule: everyone over the class's limit in ``att`` is 退学
    (grade 退学, 不予结业, the reason in 备注) unless an approved exception names them, whose
    reason is then shown with the result."""
    from cadretrain.records.attendance import share_text

    over = {id(p.person): p for p in att.people if p.over(att.share)}
    for r in scores.results:
        p = over.get(id(r.person))
        if p is None:
            continue
        why = (
            f"缺课 {p.missed} 个半天，超过本期 {p.half_days} 个半天的 {share_text(att.share)}"
            f"（{leave_basis(scores.cls, att.share)}）"
        )
        e = exception_for(scores.cls, r.person)
        if e is not None:
            r.exception = f"{why}，经批准准予结业：{e.reason}"
        else:
            r.withdrawn = why
            r.grade = WITHDRAWN


def leave_basis(cls: TrainingClass, share: Fraction) -> str:
    """Where the class's limit comes from, for the reason text: the class's own
    ``leave_limit``, else its kind's limit in ``plan.leave_rule`` — 条例第十五条 when that is
    the regulation's 1/7."""
    from cadretrain.records.attendance import rule_basis

    if cls.leave_limit:
        return "本班 leave_limit"
    return f"{cls.kind}班次，{rule_basis(share)}"


# --- the blank sheet -----------------------------------------------------------------------


def start_sheet(title: str, info: str, heads: list[str], landscape: bool) -> tuple[Any, Any]:
    from cadretrain.files.sheet_styles import HEAD, INFO, TITLE, add_styles, merged, write
    from cadretrain.files.xlsx import a4, new_workbook

    wb = new_workbook()
    add_styles(wb)
    ws = wb.active
    merged(ws, (1, 1), (1, len(heads)), title, TITLE)
    ws.row_dimensions[1].height = 32
    merged(ws, (2, 2), (1, len(heads)), info, INFO)
    ws.row_dimensions[2].height = 36
    for c, head in enumerate(heads, start=1):
        write(ws, 3, c, head, HEAD)
    ws.print_title_rows = "3:3"
    ws.freeze_panes = "A4"
    a4(ws, landscape=landscape)
    return wb, ws


def fit_widths(ws: Any, heads: list[str], lines: list[list[object]]) -> None:
    from cadretrain.files.sheet_styles import set_width
    from cadretrain.files.xlsx import column_width

    for c, head in enumerate(heads, start=1):
        values = [head, *(str(line[c - 1]) for line in lines)]
        set_width(ws, c, column_width(values, minimum=8, maximum=30))


def score_sheet_bytes(plan: Plan, cls: TrainingClass, enrollment: Enrollment) -> bytes:
    """The 成绩登记表: one row per enrollee, one 0–100 column per component, then 备注."""
    from openpyxl.worksheet.datavalidation import DataValidation

    from cadretrain.enroll.parts import unit_and_post
    from cadretrain.files.sheet_styles import BODY, WRAP, write
    from cadretrain.files.xlsx import to_bytes

    grading = grading_for(cls)
    heads = [*FIXED, *grading.weights, "备注"]
    wb, ws = start_sheet(f"{cls.name}考核成绩登记表", grading.describe(), heads, landscape=False)
    ws.title = "成绩登记表"
    lines: list[list[object]] = []
    for n, p in enumerate(enrollment.people, start=1):
        line: list[object] = [n, p.name, unit_and_post(plan, p), *([""] * len(grading.weights))]
        lines.append([*line, ""])
    for r, line in enumerate(lines, start=4):
        for c, value in enumerate(line, start=1):
            write(ws, r, c, value, WRAP if heads[c - 1] in ("单位及职务", "备注") else BODY)
    last = 3 + len(lines)
    if lines:
        dv = DataValidation(type="decimal", operator="between", formula1="0", formula2="100")
        dv.allow_blank = True
        dv.showErrorMessage = True
        dv.errorTitle = "成绩超出范围"
        dv.error = "请填 0—100 之间的分数"
        dv.showInputMessage = True
        dv.promptTitle = "成绩"
        dv.prompt = "0—100 分，可有小数"
        first, end = len(FIXED) + 1, len(FIXED) + len(grading.weights)
        from openpyxl.utils import get_column_letter

        dv.add(f"{get_column_letter(first)}4:{get_column_letter(end)}{last}")
        ws.add_data_validation(dv)
    fit_widths(ws, heads, lines)
    return bytes(to_bytes(wb))


# --- the 结业名单 ------------------------------------------------------------------------------


def result_line(plan: Plan, n: int, grading: Grading, r: Result) -> list[object]:
    from cadretrain.enroll.parts import unit_and_post

    scores = [number(r.scores.get(k)) for k in grading.weights]
    return [n, r.person.name, unit_and_post(plan, r.person), *scores, number(r.total),
            r.grade, r.outcome, r.remark]  # fmt: skip


def summary(scores: Scores) -> str:
    done = sum(1 for r in scores.results if r.completed)
    grades = (EXCELLENT, PASS, FAIL, PENDING, WITHDRAWN)
    counts = "，".join(
        f"{g} {scores.count(g)} 人" for g in grades if g != WITHDRAWN or scores.count(g)
    )
    return f"{scores.cls.name}：{len(scores.results)} 人，{counts}；结业 {done} 人"


def completion_bytes(plan: Plan, scores: Scores) -> bytes:
    """The 结业名单 (A4 landscape): every person's scores, total, grade and 结业."""
    from cadretrain.files.sheet_styles import BODY, WRAP, write
    from cadretrain.files.xlsx import to_bytes

    g = scores.grading
    heads = [*FIXED, *g.weights, "总评", "等次", "结业", "备注"]
    info = g.describe() + "。" + summary(scores)
    wb, ws = start_sheet(f"{scores.cls.name}结业名单", info, heads, landscape=True)
    ws.title = "结业名单"
    lines = [result_line(plan, n, g, r) for n, r in enumerate(scores.results, start=1)]
    for r, line in enumerate(lines, start=4):
        for c, value in enumerate(line, start=1):
            write(ws, r, c, value, WRAP if heads[c - 1] in ("单位及职务", "备注") else BODY)
    fit_widths(ws, heads, lines)
    return bytes(to_bytes(wb))
