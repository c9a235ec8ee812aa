"""Records as offices fill them (issue 11, item 6): merged 上午/下午 cells, weights in any
form, blank scores naming cell and item, half-up rounding of rating averages, a rating form
handed in twice, counts that are not whole numbers."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from cadretrain.core.diagnostics import Sink
from cadretrain.documents.signin import signin_bytes
from cadretrain.enroll.enrollment import Enrollment, enrollment_path, load_enrollment
from cadretrain.files.merges import merged_ranges
from cadretrain.plan.lookup import find_class
from cadretrain.records.attendance import Mark
from cadretrain.records.attendance_read import read_attendance
from cadretrain.year.model import Year
from cadretrain.year.pipeline import load_year
from tests.conftest import ROOT

PLAN = ROOT / "plans" / "2013-county.yaml"


@pytest.fixture(scope="module")
def year() -> Year:
    loaded = load_year(PLAN, checks=False)
    assert loaded is not None
    return loaded


# --- merged 上午/下午 cells ----------------------------------------------------------------


def test_a_mark_in_merged_cells_counts_for_every_half_day_it_covers(
    year: Year, tmp_path: Path
) -> None:
    """妇女干部班 (5月7日—9日): columns D…I are 7日上午 … 9日下午, people from row 5. Row 5
    writes 请假 once into D5:E5 (the whole 7日); row 6 one ✓ into F6:I6 (8日 and 9日); the
    other cells are filled one by one."""
    cls = find_class(year.plan, "women-leaders")
    sink = Sink()
    whole = load_enrollment(enrollment_path(year.plan, cls.id), sink)
    assert whole is not None
    enrollment = Enrollment(cls.id, whole.people[:3])
    wb = openpyxl.load_workbook(io.BytesIO(signin_bytes(year, cls, enrollment)))
    ws = wb.worksheets[0]
    assert [ws.cell(4, c).value for c in range(4, 10)] == ["上午", "下午"] * 3
    for row in range(5, 8):
        for col in range(4, 10):
            ws.cell(row, col).value = "✓"
    ws["D5"].value, ws["E5"].value = "请假", None
    ws.merge_cells("D5:E5")
    ws["D6"].value, ws["E6"].value = "缺勤", "缺勤"
    for ref in ("F6", "G6", "H6", "I6"):
        ws[ref].value = None
    ws["F6"].value = "✓"
    ws.merge_cells("F6:I6")
    path = tmp_path / "merged.xlsx"
    wb.save(path)
    name = ws.title
    merges = merged_ranges(path)[name]
    assert {(5, 4, 5, 5), (6, 6, 6, 9)} <= set(merges)
    assert (3, 4, 3, 5) in merges  # the sheet's own merged date cell over 上午/下午 of 7日
    diags = Sink()
    att = read_attendance(year, cls, enrollment, [path], diags)
    assert [d.code for d in diags.items] == []
    first, second, third = att.people
    assert list(first.marks.values()).count(Mark.LEAVE) == 2  # both halves of 7日
    assert (first.leave, first.present) == (2, 4)
    assert (second.absent, second.present) == (2, 4)  # the merged ✓ covers 4 half-days
    assert third.present == 6


def test_merges_of_a_csv_or_broken_file_are_none(tmp_path: Path) -> None:
    bad = tmp_path / "x.xlsx"
    bad.write_bytes(b"not a zip")
    assert merged_ranges(bad) == {}
    assert merged_ranges(tmp_path / "missing.xlsx") == {}
