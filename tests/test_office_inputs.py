"""After-class records as offices hand them back (issue: inputs as offices make them): an
extra title row, merged cells, blank rows, a column moved, full-width digits, CSV saved as GBK.
Each variant is a real file made from the sheet cadretrain wrote, read by the same reader."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl

from cadretrain.core.diagnostics import Sink
from cadretrain.enroll.enrollment import Enrollment, enrollment_path, load_enrollment
from cadretrain.plan.loader import load_plan
from cadretrain.plan.lookup import find_class
from cadretrain.plan.model import Plan, TrainingClass
from cadretrain.records.assessment_read import read_scores
from cadretrain.records.satisfaction_read import read_ratings
from cadretrain.synth.ratings import filled_rating_form
from cadretrain.synth.scores import filled_score_sheet
from tests.conftest import ROOT

PLAN = ROOT / "plans" / "2013-county.yaml"
FULL_WIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")


def bundled() -> tuple[Plan, TrainingClass, Enrollment]:
    plan = load_plan(PLAN, Sink())
    assert plan is not None
    cls = find_class(plan, "women-leaders")
    enrollment = load_enrollment(enrollment_path(plan, cls.id), Sink())
    assert enrollment is not None
    return plan, cls, enrollment


def grades(plan: Plan, cls: TrainingClass, enrollment: Enrollment, path: Path) -> list[object]:
    sink = Sink()
    results = read_scores(plan, cls, enrollment, path, sink)
    return [(r.total, r.grade) for r in results] + sorted(d.code for d in sink.items)


def office_copy(data: bytes, path: Path) -> Path:
    """What an office does to the sheet: a title row inserted above (merged across), the
    first two score columns swapped, a blank row after every tenth person, digits typed
    full-width, every name with a space in it."""
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb.active
    assert ws is not None
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    head_at = next(i for i, row in enumerate(rows) if "姓名" in row)
    out = openpyxl.Workbook()
    new = out.active
    assert new is not None
    new.append(["某县委组织部（盖章）"])
    new.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(rows[head_at]))
    for i, row in enumerate(rows):
        row = list(row)
        if i >= head_at:
            row[3], row[4] = row[4], row[3]  # a column moved
        if i > head_at:
            if isinstance(row[1], str) and len(row[1]) >= 2:
                row[1] = row[1][0] + " " + row[1][1:]
            row = [v.translate(FULL_WIDTH) if isinstance(v, str) else v for v in row]
            row[3:] = [str(v).translate(FULL_WIDTH) if isinstance(v, int) else v for v in row[3:]]
        new.append(row)
        if i > head_at and (i - head_at) % 10 == 0:
            new.append([None] * len(row))
    out.save(path)
    return path


def test_a_score_sheet_as_offices_return_it_grades_the_same(tmp_path: Path) -> None:
    plan, cls, enrollment = bundled()
    data = filled_score_sheet(plan, cls, enrollment)
    clean = tmp_path / "clean.xlsx"
    clean.write_bytes(data)
    edited = office_copy(data, tmp_path / "edited.xlsx")
    ws = openpyxl.load_workbook(edited).active
    assert ws is not None and ws.merged_cells.ranges and ws["D5"].value != "学习态度"
    assert any(isinstance(v, str) and "８" in v for row in ws.iter_rows(values_only=True)
               for v in row)  # fmt: skip
    expected = grades(plan, cls, enrollment, clean)
    assert grades(plan, cls, enrollment, edited) == expected
    assert sum(1 for g in expected if isinstance(g, tuple) and g[1] == "优秀") == 19


def test_a_rating_form_saved_as_gbk_csv_reads_the_same(tmp_path: Path) -> None:
    plan, cls, _ = bundled()
    data = filled_rating_form(plan, cls)
    xlsx = tmp_path / "form.xlsx"
    xlsx.write_bytes(data)
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    assert ws is not None
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow([])  # a blank first line, as exports often have
    for row in ws.iter_rows(values_only=True):
        writer.writerow(["" if v is None else str(v).translate(FULL_WIDTH) for v in row])
    gbk = tmp_path / "form.csv"
    gbk.write_bytes(text.getvalue().encode("gbk"))
    sink_x, sink_c = Sink(), Sink()
    from_xlsx, from_csv = read_ratings(plan, xlsx, sink_x), read_ratings(plan, gbk, sink_c)
    assert from_xlsx is not None and from_csv is not None, sink_c.items
    assert from_csv.cls.id == from_xlsx.cls.id == cls.id
    seen = [(r.teacher, r.counts) for r in from_csv.ratings]
    assert seen == [(r.teacher, r.counts) for r in from_xlsx.ratings] and seen
    assert [d.code for d in sink_c.items] == [d.code for d in sink_x.items]
