"""The after-class records kept beside a plan, as ``enrollments/`` is: the filled sign-in sheets,
rating forms and score sheets that ``cadretrain report`` turns into rates.

Layout (``<plan folder>/records/``)::

    records/attendance/<class-id>/   filled 签到表 (xlsx) or 考勤记录 (CSV) of the class
    records/ratings/                 filled 满意度测评汇总表, any classes (the form names its class)
    records/scores/<class-id>.xlsx   the filled 成绩登记表 of the class

Decisions:

- Only ``*.yaml`` directly in the plan folder are plans, so ``records/`` never trips up the
  plan discovery, ``validate``, ``hours`` or ``report``.
- A class's attendance rate is :meth:`cadretrain.records.attendance.Attendance.rate` over the
  files in its folder, read against the class's enrollment; a folder with nothing recorded
  gives no rate.
- A class's satisfaction rate = Σ(很满意 + 满意) ÷ Σ responses over the class's teachers (and
  over the forms of the class, should there be more than one); no responses gives no rate.
- A class's 考核 results: :func:`cadretrain.records.assessment_read.read_scores` over
  ``records/scores/<class-id>.xlsx``, graded by the class's ``grading``, then the leave rule
  applied from the class's attendance folder (:func:`class_attendance`,
  :func:`cadretrain.records.assessment.apply_leave_rule`): the score sheet, the report and the
  archive all read 结业 from here.
- Problems go to the sink; a folder that is not a class, a class without an enrollment and a
  stray file are warnings (CT801, not read) and leave the class without a rate.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

from cadretrain.core.diagnostics import Pos, Severity, Sink
from cadretrain.files.tabular import is_table_file
from cadretrain.plan.model import Plan, TrainingClass

if TYPE_CHECKING:
    from cadretrain.enroll.enrollment import Enrollment
    from cadretrain.records.assessment import Scores
    from cadretrain.records.attendance import Attendance
    from cadretrain.records.ledger import AttendedKey
    from cadretrain.year.model import Year

RECORDS = "records"


def records_dir(plan: Plan) -> Path:
    return Path(plan.file).parent / RECORDS


def attendance_dir(plan: Plan, class_id: str | None = None) -> Path:
    folder = records_dir(plan) / "attendance"
    return folder / class_id if class_id else folder


def ratings_dir(plan: Plan) -> Path:
    return records_dir(plan) / "ratings"


def scores_path(plan: Plan, class_id: str) -> Path:
    return records_dir(plan) / "scores" / f"{class_id}.xlsx"


def _visible(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if not p.name.startswith(("~$", ".")))


def _no_enrollment(sink: Sink, code: str, cls: TrainingClass, where: str) -> None:
    sink.add(
        code,
        Pos(where),
        f"班次“{cls.label}”没有报名名单（enrollments/{cls.id}.yaml），{where} 未读取",
        hint="请先用 cadretrain collect 汇总报名回执。",
        severity=Severity.WARNING,
    )


def attendance_rates(year: Year, sink: Sink) -> dict[str, Fraction]:
    """Class id → attendance rate, from ``records/attendance/<class-id>/`` (classes with a
    folder, an enrollment and something recorded); the sessions are the year model's."""
    return {cid: Fraction(n, d) for cid, (n, d) in attendance_counts(year, sink).items()}


def attendance_counts(year: Year, sink: Sink) -> dict[str, tuple[int, int]]:
    """Class id → (half-days present, late included; half-days recorded), whose ratio is
    :func:`attendance_rates`: kept apart so a report can pool the classes."""
    from cadretrain.records.attendance_files import read_attendance

    plan = year.plan
    folder = attendance_dir(plan)
    if not folder.is_dir():
        return {}
    by_id = {c.id: c for c in plan.classes}
    enrollments = year.enrollments()  # unreadable ones are the report's to tell
    out: dict[str, tuple[int, int]] = {}
    for sub in _visible(folder):
        where = str(sub)
        cls = by_id.get(sub.name)
        if not sub.is_dir() or cls is None:
            why = "不是班次代号命名的文件夹" if sub.is_dir() else "不在班次代号命名的文件夹中"
            sink.add(
                "CT801",
                Pos(where),
                f"{where} {why}，未读取",
                hint="请把各班次填好的签到表放在 records/attendance/班次代号/ 文件夹中。",
                severity=Severity.WARNING,
            )
            continue
        enrollment = enrollments.get(cls.id)
        if enrollment is None:
            _no_enrollment(sink, "CT801", cls, where)
            continue
        people = read_attendance(year, cls, enrollment, [sub], sink).people
        present = sum(p.present for p in people)
        known = present + sum(p.missed for p in people)
        if known:
            out[cls.id] = (present, known)
    return out


def class_attendance(
    year: Year, cls: TrainingClass, enrollment: Enrollment, sink: Sink
) -> Attendance | None:
    """The class's attendance from ``records/attendance/<class-id>/``; None when the folder is
    missing or nothing in it was recorded."""
    from cadretrain.records.attendance_files import read_attendance

    sub = attendance_dir(year.plan, cls.id)
    if not sub.is_dir():
        return None
    att = read_attendance(year, cls, enrollment, [sub], sink)
    return att if any(s.recorded for s in att.sessions) else None


def attended_half_days(
    years: Sequence[Year], sink: Sink
) -> tuple[dict[AttendedKey, Decimal], dict[AttendedKey, str]]:
    """Half-days of 学时 credited per enrollment (:func:`cadretrain.records.ledger.attended_key`)
    from each class's sign-in records (:func:`cadretrain.records.attendance.credited`), and the
    notes of those entries: 退学 for a trainee over the class's leave limit. Classes and
    sessions without records are left out (their entries keep the enrollment basis)."""
    from cadretrain.records.assessment import exception_for
    from cadretrain.records.attendance import credited, share_text
    from cadretrain.records.ledger import attended_key

    half_days: dict[AttendedKey, Decimal] = {}
    notes: dict[AttendedKey, str] = {}
    for y in years:
        enrollments = y.enrollments()
        for cls in y.plan.classes:
            enrollment = enrollments.get(cls.id)
            att = None if enrollment is None else class_attendance(y, cls, enrollment, sink)
            if att is None:
                continue
            for p in att.people:
                got = credited(att, p)
                if got is None:
                    continue
                key = attended_key(y.plan, cls.id, p.person)
                half_days[key] = Decimal(got)
                if p.over(att.share):
                    allowed = exception_for(cls, p.person) is not None
                    why = "经批准准予结业" if allowed else "退学"
                    notes[key] = f"缺课超过 {share_text(att.share)}，{why}；计已出勤的半天"
    return half_days, notes


def satisfaction_rates(plan: Plan, sink: Sink) -> dict[str, Fraction]:
    """Class id → satisfaction rate, from the filled forms in ``records/ratings/``."""
    return {cid: Fraction(n, d) for cid, (n, d) in satisfaction_counts(plan, sink).items()}


def satisfaction_counts(plan: Plan, sink: Sink) -> dict[str, tuple[int, int]]:
    """Class id → (很满意 + 满意, responses) over the class's teachers, whose ratio is
    :func:`satisfaction_rates`: kept apart so a report can pool the classes."""
    from cadretrain.records.satisfaction_read import once_each, read_ratings

    folder = ratings_dir(plan)
    if not folder.is_dir():
        return {}
    good: dict[str, int] = {}
    responses: dict[str, int] = {}
    forms = []
    for path in _visible(folder):
        if path.is_dir() or not is_table_file(path):
            sink.add(
                "CT901",
                Pos(str(path)),
                f"{path} 不是满意度测评汇总表（xlsx 或 csv），未读取",
                hint="records/ratings/ 中只放填好的满意度测评汇总表。",
                severity=Severity.WARNING,
            )
            continue
        got = read_ratings(plan, path, sink)
        if got is not None:
            forms.append(got)
    for got in once_each(forms, sink):  # a form handed in twice counts once (CT908)
        for r in got.ratings:
            if r.unread:
                continue  # a count that is not a whole number (CT902): not until corrected
            good[got.cls.id] = good.get(got.cls.id, 0) + r.counts[0] + r.counts[1]
            responses[got.cls.id] = responses.get(got.cls.id, 0) + r.responses
    return {cid: (good[cid], n) for cid, n in responses.items() if n}


def class_scores(year: Year, sink: Sink) -> dict[str, Scores]:
    """Class id → graded results, from ``records/scores/<class-id>.xlsx`` (classes with an
    enrollment and at least one complete score), the leave rule applied from the class's
    attendance records. A file not named after a class, a class without an enrollment or a
    stray file is a warning and not read."""
    from cadretrain.enroll.enrollment import load_enrollments
    from cadretrain.records.assessment import Scores, apply_leave_rule, grading_for
    from cadretrain.records.assessment_read import read_scores

    plan = year.plan
    folder = records_dir(plan) / "scores"
    if not folder.is_dir():
        return {}
    by_id = {c.id: c for c in plan.classes}
    enrollments = load_enrollments(plan, Sink())  # unreadable ones are the report's to tell
    out: dict[str, Scores] = {}
    for path in _visible(folder):
        where = str(path)
        cls = by_id.get(path.stem) if path.suffix.lower() == ".xlsx" else None
        if path.is_dir() or cls is None:
            sink.add(
                "CT901",
                Pos(where),
                f"{where} 不是以班次代号命名的成绩登记表（班次代号.xlsx），未读取",
                hint="请把各班次填好的成绩登记表存为 records/scores/班次代号.xlsx。",
                severity=Severity.WARNING,
            )
            continue
        enrollment = enrollments.get(cls.id)
        if enrollment is None:
            _no_enrollment(sink, "CT901", cls, where)
            continue
        results = read_scores(plan, cls, enrollment, path, sink)
        if any(r.total is not None for r in results):
            got = Scores(cls, grading_for(cls), results)
            att = class_attendance(year, cls, enrollment, Sink())  # the report tells its problems
            if att is not None:
                apply_leave_rule(got, att)
            out[cls.id] = got
    return out
