"""A class's attendance files read into its figures: filled sign-in sheets or CSV records
(a folder stands for its tables), through :class:`cadretrain.records.attendance_read.Reader`."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path

from cadretrain.core.diagnostics import Sink
from cadretrain.core.errors import CannotProceed
from cadretrain.enroll.enrollment import Enrollment
from cadretrain.files.tabular import read_tables
from cadretrain.plan.model import TrainingClass
from cadretrain.records.attendance import ART15, Attendance, build_attendance
from cadretrain.records.attendance_read import Reader
from cadretrain.records.attendance_sheet import expand_files
from cadretrain.year.model import Year


def read_files(
    year: Year, cls: TrainingClass, enrollment: Enrollment, files: Sequence[Path], sink: Sink
) -> Reader:
    """Read every file (a folder: its xlsx and CSV files) into a :class:`Reader`; the sessions
    are the class's in ``year``."""
    reader = Reader(year.plan, cls, enrollment, sink, year.schedule(cls))
    for path in expand_files(files):
        tables = read_tables(path, sink, "CT801")
        if tables is None:
            continue
        if len(tables) == 1 and tables[0].name == "":
            reader.csv(str(path), tables[0])
        else:
            reader.workbook(str(path), tables)
    reader.finish()
    return reader


def read_attendance(
    year: Year,
    cls: TrainingClass,
    enrollment: Enrollment,
    files: Sequence[Path],
    sink: Sink,
    share: Fraction = ART15,
) -> Attendance:
    """Read filled sign-in sheets (xlsx, a folder of them) or CSV records into the figures."""
    r = read_files(year, cls, enrollment, files, sink)
    marks = {k: {h: m for h, (m, _where) in v.items()} for k, v in r.marks.items()}
    return build_attendance(
        year.plan, cls, r.parts, marks, r.seen, r.recorded, r.listed, r.files, sink, share
    )


def read_for_statistics(
    year: Year, cls: TrainingClass, enrollment: Enrollment, files: Sequence[Path], sink: Sink
) -> Attendance:
    """:func:`read_attendance` for the 考勤统计: CannotProceed (with the problems found) when
    not a single half-day was recorded in any of the files."""
    att = read_attendance(year, cls, enrollment, files, sink)
    if not any(s.recorded for s in att.sessions):
        raise CannotProceed("没有读到任何考勤记录，未生成考勤统计", sink.items)
    return att
