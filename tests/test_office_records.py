"""Records as offices fill them (issue 11, item 6): merged 上午/下午 cells, weights in any
form, blank scores naming cell and item, half-up rounding of rating averages, a rating form
handed in twice, counts that are not whole numbers."""

from __future__ import annotations

import io
from dataclasses import replace
from fractions import Fraction
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from cadretrain.cli.records_steps import run_ratings, run_scores
from cadretrain.core.diagnostics import Sink
from cadretrain.core.errors import CannotProceed
from cadretrain.core.wording import half_up
from cadretrain.documents.signin import signin_bytes
from cadretrain.enroll.enrollment import Enrollment, enrollment_path, load_enrollment
from cadretrain.files.merges import merged_ranges
from cadretrain.plan.loader import load_plan
from cadretrain.plan.lookup import find_class
from cadretrain.records.assessment import score_sheet_bytes
from cadretrain.records.assessment_read import read_scores, usable_grading
from cadretrain.records.attendance import Mark
from cadretrain.records.attendance_files import read_attendance
from cadretrain.records.folder import satisfaction_rates
from cadretrain.records.satisfaction import (
    JOIN,
    RESULT_HEADS,
    pool_changes,
    rating_form_bytes,
    rating_line,
)
from cadretrain.records.satisfaction_read import read_all_ratings, read_ratings
from cadretrain.year.model import Year
from cadretrain.year.pipeline import build_year
from cadretrain.year.validate import validate_file
from tests.conftest import BUNDLED_PLAN, ROOT, bundled_year
from tests.test_assessment import fill, with_grading, women

PLAN = BUNDLED_PLAN


@pytest.fixture(scope="module")
def year() -> Year:
    return bundled_year()


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


# --- grading weights -----------------------------------------------------------------------

WRITTEN = {
    "whole numbers": "{学习态度: 20, 培训考勤: 30, 学习结果: 30, 成果转化: 20}",
    "percentages": "{学习态度: 20%, 培训考勤: '30%', 学习结果: ３０％, 成果转化: 20 %}",
    "fractions": "{学习态度: 0.2, 培训考勤: 0.3, 学习结果: 0.3, 成果转化: 0.2}",
    "decimals": "{学习态度: 20.0, 培训考勤: 29.5, 学习结果: 30.5, 成果转化: 20}",
}


@pytest.mark.parametrize("form", sorted(WRITTEN))
def test_weights_as_fractions_percentages_or_whole_numbers(form: str, tmp_path: Path) -> None:
    plan = with_grading(f"{{weights: {WRITTEN[form]}}}")
    cls, enrollment = women(plan, 2)
    g = cls.grading
    assert list(g.weights) == ["学习态度", "培训考勤", "学习结果", "成果转化"]
    assert g.weights_problem == ""
    rows: list[list[object]] = [[100, 80, 60, 90], [70, 70, 70, 70]]
    path = fill(score_sheet_bytes(plan, cls, enrollment), tmp_path / "s.xlsx", rows)
    results = read_scores(plan, cls, enrollment, path, Sink())
    w = [Fraction(str(v)) for v in g.weights.values()]
    expected = sum((s * x for s, x in zip(rows[0], w, strict=True)), Fraction(0)) / sum(w)
    assert results[0].total == half_up(expected, 1)
    assert results[1].total == 70


@pytest.mark.parametrize(
    ("weights", "total"),
    [
        ("{学习态度: 20, 培训考勤: 30, 学习结果: 30}", "80"),
        ("{学习态度: 0.2, 培训考勤: 0.3, 学习结果: 0.3}", "0.8"),
        ("{笔试: 3, 面试: 2}", "5"),
    ],
)
def test_weights_adding_up_to_neither_1_nor_100_are_an_error(
    weights: str, total: str, tmp_path: Path
) -> None:
    text = PLAN.read_text(encoding="utf-8")
    head = "  - id: women-leaders\n"
    bad = tmp_path / "plan.yaml"
    bad.write_text(text.replace(head, f"{head}    grading: {{weights: {weights}}}\n"), "utf-8")
    report = validate_file(bad)
    (d,) = [d for d in report.diagnostics if d.code == "CT125"]
    assert d.severity.zh == "错误" and f"合计为 {total}" in d.message
    assert "妇女" in d.message and d.pos.line == text[: text.index(head)].count("\n") + 2
    plan = with_grading(f"{{weights: {weights}}}")
    cls, enrollment = women(plan, 2)
    assert cls.grading.weights_problem  # kept as written, not normalised …
    assert sum(cls.grading.weights.values()) == Fraction(total)
    sheet = fill(score_sheet_bytes(plan, cls, enrollment), tmp_path / "s.xlsx", [[80] * 3] * 2)
    out = tmp_path / "out"
    year = build_year(plan, Sink(), checks=False)
    assert run_scores(year, "women-leaders", sheet, out) == 1  # … and scores refuses it
    assert run_scores(year, "women-leaders", None, out) == 1
    assert not out.exists() or list(out.iterdir()) == []


def test_an_unreadable_weight_is_never_replaced_by_the_default(tmp_path: Path) -> None:
    text = PLAN.read_text(encoding="utf-8")
    head = "  - id: women-leaders\n"
    path = tmp_path / "plan.yaml"
    path.write_text(
        text.replace(head, f"{head}    grading: {{weights: {{笔试: 六十}}}}\n"), "utf-8"
    )
    sink = Sink()
    plan = load_plan(path, sink)
    assert plan is not None
    (d,) = [d for d in sink.items if d.code == "CT103"]
    assert "笔试" in d.message and "六十" in d.message
    cls = find_class(plan, "women-leaders")
    assert cls.grading.unreadable and cls.grading.weights_problem
    with pytest.raises(CannotProceed) as refused:
        usable_grading(cls)
    assert refused.value.exit_code == 1 and "无法读取" in refused.value.message


# --- blank scores --------------------------------------------------------------------------


def test_a_blank_score_names_its_cell_and_item(tmp_path: Path) -> None:
    plan = with_grading("{weights: {学习态度: 20, 培训考勤: 30, 学习结果: 30, 成果转化: 20}}")
    cls, enrollment = women(plan, 3)
    rows: list[list[object]] = [[80, 80, 80, 80], [80, None, 80, 80], [80, 80, 80, 80]]
    path = fill(score_sheet_bytes(plan, cls, enrollment), tmp_path / "s.xlsx", rows)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    heads = [ws.cell(3, c).value for c in range(1, ws.max_column + 1)]
    col = heads.index("培训考勤") + 1
    assert ws.cell(5, col).value is None  # the blank, as the test reads the sheet
    ref = f"{ws.title}!{ws.cell(5, col).coordinate}"
    sink = Sink()
    results = read_scores(plan, cls, enrollment, path, sink)
    (d,) = sink.items
    assert d.code == "CT905" and (d.pos.line, d.pos.col) == (5, col)
    assert d.message.startswith(f"{ref}：{enrollment.people[1].name}的“培训考勤”成绩未填")
    assert results[1].total is None and results[0].total == 80


# --- ratings -------------------------------------------------------------------------------

RATINGS = ROOT / "examples" / "ratings"


def rating_files() -> list[Path]:
    return sorted(RATINGS.glob("*.xlsx"))


def teacher_row(ws: Any, name: str) -> int:
    return next(r for r in range(4, ws.max_row + 1) if ws.cell(r, 2).value == name)


def test_a_rating_average_is_rounded_half_up(year: Year, tmp_path: Path) -> None:
    """9/8 = 1.125 exactly: half up gives 1.13 (Python's float format would give 1.12)."""
    plan = year.plan
    cls = find_class(plan, "women-leaders")
    wb = openpyxl.load_workbook(io.BytesIO(rating_form_bytes(plan, cls)))
    ws = wb["测评汇总表"]
    for c, v in enumerate([0, 0, 1, 7], start=4):
        ws.cell(4, c).value = v
    path = tmp_path / "f.xlsx"
    wb.save(path)
    got = read_ratings(plan, path, Sink())
    assert got is not None
    rating = got.ratings[0]
    assert rating.average == Fraction(9, 8)
    line = rating_line(got, rating)
    assert line[RESULT_HEADS.index("平均分")] == "1.13"
    assert run_ratings(plan, None, [path], tmp_path / "out") == 0
    detail = openpyxl.load_workbook(tmp_path / "out" / "师资库变动.xlsx")["测评结果"]
    heads = [detail.cell(1, c).value for c in range(1, detail.max_column + 1)]
    assert detail.cell(2, heads.index("平均分") + 1).value == "1.13"


def test_a_form_handed_in_twice_counts_once(year: Year, tmp_path: Path) -> None:
    plan = year.plan
    files = rating_files()
    once = read_all_ratings(plan, files, Sink())
    copy = tmp_path / f"{files[0].stem} - 副本.xlsx"
    copy.write_bytes(files[0].read_bytes())
    sink = Sink()
    twice = read_all_ratings(plan, [*files, copy], sink)
    (d,) = sink.items
    assert d.code == "CT908" and d.severity.zh == "警告" and d.pos.file == str(copy)
    assert files[0].name in d.message and copy.name in d.message and "内容相同" in d.message
    assert [(cr.cls.id, cr.file) for cr in twice] == [(cr.cls.id, cr.file) for cr in once]
    assert pool_changes(plan, twice) == pool_changes(plan, once)
    # counts that differ: the first is kept and the second is an error
    wb = openpyxl.load_workbook(copy)
    ws = wb["测评汇总表"]
    ws.cell(4, 4).value = int(ws.cell(4, 4).value or 0) + 5
    wb.save(copy)
    sink = Sink()
    read_all_ratings(plan, [*files, copy], sink)
    (d,) = sink.items
    assert d.code == "CT908" and d.severity.zh == "错误" and "人数不同" in d.message
    # the report's satisfaction rates read the records folder: a copy there counts once too
    ratings = tmp_path / "plan" / "records" / "ratings"
    ratings.mkdir(parents=True)
    for f in files:
        (ratings / f.name).write_bytes(f.read_bytes())
    moved = replace(plan, file=str(tmp_path / "plan" / "plan.yaml"))
    before = satisfaction_rates(moved, Sink())
    (ratings / copy.name).write_bytes(files[0].read_bytes())
    sink = Sink()
    assert satisfaction_rates(moved, sink) == before and before
    assert [d.code for d in sink.items] == ["CT908"]


def test_a_count_that_is_not_whole_proposes_no_pool_change(year: Year, tmp_path: Path) -> None:
    """The bundled examples put 县委党校教师 into the pool (90% in both classes); with 35.5 in
    one of the rows nothing is proposed for that teacher until it is corrected."""
    plan = year.plan
    files = rating_files()
    changes = pool_changes(plan, read_all_ratings(plan, files, Sink()))
    assert ("县委党校教师", JOIN) in [(c.teacher.name, c.action) for c in changes]
    edited = [tmp_path / f.name for f in files]
    for f, e in zip(files, edited, strict=True):
        e.write_bytes(f.read_bytes())
    wb = openpyxl.load_workbook(edited[0])
    ws = wb["测评汇总表"]
    row = teacher_row(ws, "县委党校教师")
    ws.cell(row, 5).value = 35.5
    wb.save(edited[0])
    sink = Sink()
    results = read_all_ratings(plan, edited, sink)
    (d,) = [d for d in sink.items if d.code == "CT902"]
    assert (d.pos.line, d.pos.col) == (row, 5) and "35.5" in d.message
    held = pool_changes(plan, results)
    assert "县委党校教师" not in [c.teacher.name for c in held]
    others = [c for c in changes if c.teacher.name != "县委党校教师"]
    assert [(c.teacher.id, c.action) for c in held] == [(c.teacher.id, c.action) for c in others]
    (bad,) = [r for cr in results for r in cr.ratings if r.unread]
    assert bad.unread == ("满意",)
    line = rating_line(next(cr for cr in results if bad in cr.ratings), bad)
    assert line[RESULT_HEADS.index("满意率")] == "待核"
