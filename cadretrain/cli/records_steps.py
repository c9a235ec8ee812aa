"""The after-class commands of one class: ``attendance``, ``scores`` and ``ratings``.

The library (``cadretrain.records``) reads the filled sheets and builds the workbooks; here the
class and its enrollment are looked up, the figures drawn on the terminal, the files written
and the exit code chosen (``docs/exit-codes.md``): 0 done; 1 a file or mark had errors, the
enrollment is missing or an output was edited; 2 an unknown class or nothing to read.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from cadretrain.cli.app import show_cannot_proceed
from cadretrain.cli.diagnostics_out import print_diagnostics
from cadretrain.cli.outputs import write_output
from cadretrain.core.diagnostics import Severity, Sink
from cadretrain.core.errors import CannotProceed
from cadretrain.enroll.enrollment import load_for_class
from cadretrain.plan.lookup import pick_class
from cadretrain.plan.model import Plan
from cadretrain.records.assessment import Scores
from cadretrain.records.attendance import Attendance
from cadretrain.records.satisfaction import Change, ClassRatings
from cadretrain.year.model import Year

# --- shared by the commands of a class -----------------------------------------------------


# --- attendance ----------------------------------------------------------------------------


def print_attendance(plan: Plan, att: Attendance) -> None:
    """The people with leave, absence, lateness or unreadable marks, then the totals."""
    from cadretrain.cli.terminal import RIGHT, echo, rich_table
    from cadretrain.records.attendance import (
        HEADS,
        NUMBER_HEADS,
        headline,
        person_row,
        rule_basis,
        share_text,
        total_row,
    )

    sessions = len(att.sessions) > 1
    keep = [i for i, h in enumerate(HEADS) if h != "应出勤" and (sessions or h != "期次")]
    columns: list[str | tuple[str, str]] = [
        (HEADS[i], RIGHT) if HEADS[i] in (*NUMBER_HEADS, "序号", "出勤率") else HEADS[i]
        for i in keep
    ]
    t = rich_table(headline(att), columns)

    def add(line: list[object], style: str = "") -> None:
        t.add_row(*(str(line[i]) for i in keep), style=style)

    for n, p in enumerate(att.people, start=1):
        if p.missed or p.late or p.unread:
            line = person_row(plan, n, p, att.share)
            line[-1] = (
                "应予退学" if p.over(att.share) else "待核" if p.maybe_over(att.share) else ""
            )
            add(line, "red" if p.over(att.share) else "yellow" if p.unread else "")
    for s in att.sessions if sessions else []:
        add(total_row(att, f"{s.label}小计", s.number))
    total = total_row(att, "合计")
    total[-1] = f"退学 {len(att.flagged())} 人"
    add(total, "bold")
    rest = sum(1 for p in att.people if not (p.missed or p.late or p.unread))
    notes = [
        f"其余 {rest} 人全勤（未记录的半天除外）；全部人员见输出的 xlsx。",
        f"应予退学：缺课（请假、缺勤）超过本期半天数的 {share_text(att.share)}"
        f"（{rule_basis(att.share)}）；待核：有无法识别的标记，核实后可能超过。",
    ]
    echo(t, *(f"· {note}" for note in notes))


def run_attendance(
    year: Year, query: str, files: Sequence[Path], output: Path, force: bool = False
) -> int:
    """``cadretrain attendance``: print the figures and write ``{class-id}-考勤统计.xlsx``.

    Exit code 0; 1 when a file or mark had errors, the enrollment is missing, nothing was
    recorded or the output was edited; 2 for an unknown class or no files."""
    try:
        return _attendance(year, query, files, output, force)
    except CannotProceed as exc:
        return show_cannot_proceed(exc)


def _attendance(year: Year, query: str, files: Sequence[Path], output: Path, force: bool) -> int:
    from cadretrain.records.attendance import attendance_bytes
    from cadretrain.records.attendance_files import read_for_statistics

    if not files:
        raise CannotProceed("请给出填好的签到表（xlsx）或考勤记录（CSV）", unusable=True)
    plan = year.plan
    cls, enrollment = load_for_class(plan, query)
    sink = Sink()
    att = read_for_statistics(year, cls, enrollment, files, sink)
    print_diagnostics(sink.items)
    print_attendance(plan, att)
    code = write_output(
        output, force, f"{cls.id}-考勤统计.xlsx", lambda: attendance_bytes(plan, att)
    )
    errors = any(d.severity is Severity.ERROR for d in sink.items)
    return code or (1 if errors else 0)


# --- scores --------------------------------------------------------------------------------


def print_scores(plan: Plan, scores: Scores, notes: Sequence[str] = ()) -> None:
    from cadretrain.cli.terminal import RIGHT, echo, rich_table
    from cadretrain.records.assessment import (
        EXCELLENT,
        FAIL,
        FIXED,
        PENDING,
        WITHDRAWN,
        result_line,
        summary,
    )

    g = scores.grading
    heads = [*FIXED, *g.weights, "总评", "等次", "结业", "备注"]
    keep = [i for i, h in enumerate(heads) if h != "单位及职务"]  # the xlsx has it
    right = {"序号", "总评", *g.weights}
    t = rich_table(
        summary(scores), [(h, RIGHT) if h in right else h for h in (heads[i] for i in keep)]
    )
    for n, r in enumerate(scores.results, start=1):
        style = {FAIL: "red", WITHDRAWN: "red", PENDING: "yellow", EXCELLENT: "green"}.get(
            r.grade, ""
        )
        line = result_line(plan, n, g, r)
        t.add_row(*(str(line[i]) for i in keep), style=style)
    echo(t, f"· {g.describe()}", *(f"· {line}" for line in notes))


def run_scores(
    year: Year, query: str, sheet: Path | None, output: Path, force: bool = False
) -> int:
    """``cadretrain scores``: without a sheet write ``{class-id}-成绩登记表.xlsx``; with the
    filled sheet print the grades and write ``{class-id}-结业名单.xlsx``.

    结业 follows the leave rule when the class's sign-in records are in the records folder
    (``records/attendance/<class-id>/``). Exit code 0; 1 when the sheet has errors or no
    complete score, the enrollment is missing or the output was edited; 2 for an unknown
    class."""
    try:
        return _scores(year, query, sheet, output, force)
    except CannotProceed as exc:
        return show_cannot_proceed(exc)


def _scores(year: Year, query: str, sheet: Path | None, output: Path, force: bool) -> int:
    from cadretrain.records.assessment import (
        apply_leave_rule,
        completion_bytes,
        score_sheet_bytes,
    )
    from cadretrain.records.assessment_read import graded_scores, usable_grading
    from cadretrain.records.attendance import share_text
    from cadretrain.records.folder import attendance_dir, class_attendance

    plan = year.plan
    cls, enrollment = load_for_class(plan, query)
    usable_grading(cls)  # weights validate rejects: no sheet, no grades
    if sheet is None:
        name = f"{cls.id}-成绩登记表.xlsx"
        return write_output(output, force, name, lambda: score_sheet_bytes(plan, cls, enrollment))
    sink = Sink()
    scores = graded_scores(plan, cls, enrollment, sheet, sink)
    att = class_attendance(year, cls, enrollment, Sink())  # `attendance` tells its problems
    where = attendance_dir(plan, cls.id)
    if att is None:
        note = f"没有读到本班的考勤记录（{where}），结业未按请假规定核对。"
    else:
        apply_leave_rule(scores, att)
        note = f"结业已按 {where} 的考勤核对：缺课超过 {share_text(att.share)} 者退学、不予结业。"
    print_diagnostics(sink.items)
    print_scores(plan, scores, [note])
    code = write_output(
        output, force, f"{cls.id}-结业名单.xlsx", lambda: completion_bytes(plan, scores)
    )
    return code or (1 if sink.has_errors() else 0)


# --- ratings -------------------------------------------------------------------------------


def print_ratings(results: Sequence[ClassRatings], changes: list[Change]) -> None:
    from cadretrain.cli.terminal import RIGHT, echo, rich_table
    from cadretrain.records.satisfaction import JOIN, LEVELS, RESULT_HEADS, rating_line

    right = {"测评人数", *LEVELS, "满意率", "平均分"}
    t = rich_table("满意度测评结果", [(h, RIGHT) if h in right else h for h in RESULT_HEADS])
    for cr in results:
        for r in cr.ratings:
            t.add_row(*(str(v) for v in rating_line(cr, r)))
    c = rich_table("师资库变动", ["授课教师", "变动", "理由", "依据"])
    for ch in changes:
        style = "green" if ch.action == JOIN else "red"
        evidence = "；".join(e.text() for e in ch.evidence)
        c.add_row(ch.teacher.name, ch.action, ch.reason, evidence, style=style)
    echo(t, c if changes else "· 没有师资库变动。")


def run_ratings(
    plan: Plan, query: str | None, files: Sequence[Path], output: Path, force: bool = False
) -> int:
    """``cadretrain ratings``: without files write ``{class-id}-满意度测评汇总表.xlsx`` for the
    class; with filled forms (any classes) print the results and write ``师资库变动.xlsx``.

    Exit code 0; 1 for errors in a form, no form read or an edited output; 2 for an unknown
    class, or neither a class nor a form."""
    try:
        return _ratings(plan, query, files, output, force)
    except CannotProceed as exc:
        return show_cannot_proceed(exc)


def _ratings(
    plan: Plan, query: str | None, files: Sequence[Path], output: Path, force: bool
) -> int:
    from cadretrain.records.satisfaction import changes_bytes, pool_changes, rating_form_bytes
    from cadretrain.records.satisfaction_read import read_all_ratings

    cls = pick_class(plan, query) if query else None
    if not files:
        if cls is None:
            raise CannotProceed("请用 --class 指定班次，或给出填好的测评汇总表", unusable=True)
        found = cls
        name = f"{found.id}-满意度测评汇总表.xlsx"
        return write_output(output, force, name, lambda: rating_form_bytes(plan, found))
    sink = Sink()
    results = read_all_ratings(plan, files, sink, cls)
    print_diagnostics(sink.items)
    changes = pool_changes(plan, results)
    print_ratings(results, changes)
    code = write_output(
        output, force, "师资库变动.xlsx", lambda: changes_bytes(plan, results, changes)
    )
    return code or (1 if sink.has_errors() else 0)
