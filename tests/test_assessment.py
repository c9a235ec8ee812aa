"""考核与结业: score sheets written by ``score_sheet_bytes``, filled with openpyxl, read back."""

from __future__ import annotations

import io
from fractions import Fraction
from pathlib import Path

import openpyxl
import pytest

from cadretrain.cli.records_steps import run_scores
from cadretrain.core.diagnostics import Sink
from cadretrain.core.errors import CannotProceed
from cadretrain.enroll.enrollment import Enrollment, enrollment_path, load_enrollment
from cadretrain.plan.loader import load_plan, parse_plan
from cadretrain.plan.lookup import find_class
from cadretrain.plan.model import Plan, TrainingClass
from cadretrain.records.assessment import (
    EXCELLENT,
    FAIL,
    PASS,
    PENDING,
    score_sheet_bytes,
)
from cadretrain.records.assessment_read import graded_scores, read_scores
from cadretrain.synth.scores import filled_score_sheet
from cadretrain.year.pipeline import build_year
from tests.conftest import ROOT

PLAN = ROOT / "plans" / "2013-county.yaml"
EXAMPLE = ROOT / "examples" / "scores" / "women-leaders-成绩登记表（已填）.xlsx"


@pytest.fixture(scope="module")
def plan() -> Plan:
    loaded = load_plan(PLAN, Sink())
    assert loaded is not None
    return loaded


def women(plan: Plan, n: int | None = None) -> tuple[TrainingClass, Enrollment]:
    cls = find_class(plan, "women-leaders")
    enrollment = load_enrollment(enrollment_path(plan, cls.id), Sink())
    assert enrollment is not None
    return cls, Enrollment(cls.id, enrollment.people[:n] if n else enrollment.people)


def fill(data: bytes, path: Path, rows: list[list[object]]) -> Path:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb.active
    for r, values in enumerate(rows, start=4):
        for c, value in enumerate(values, start=4):
            ws.cell(r, c).value = value
    wb.save(path)
    return path


def with_grading(grading: str) -> Plan:
    """The bundled plan with ``grading: …`` written into the 妇女干部班 (read from its
    place, so the enrollments beside it are found)."""
    text = PLAN.read_text(encoding="utf-8")
    head = "  - id: women-leaders\n"
    assert text.count(head) == 1
    sink = Sink()
    loaded = parse_plan(text.replace(head, f"{head}    grading: {grading}\n"), str(PLAN), sink)
    assert loaded is not None
    assert not [d for d in sink.items if d.code in ("CT101", "CT102", "CT103")]
    return loaded


def test_blank_sheet_has_components_validation_and_people(plan: Plan) -> None:
    cls, enrollment = women(plan)
    ws = openpyxl.load_workbook(io.BytesIO(score_sheet_bytes(plan, cls, enrollment))).active
    heads = [ws.cell(3, c).value for c in range(1, 9)]
    assert heads == [
        "序号",
        "姓名",
        "单位及职务",
        "学习态度",
        "培训考勤",
        "学习结果",
        "成果转化",
        "备注",
    ]
    assert ws.max_row == 3 + len(enrollment.people)
    assert ws.cell(4, 2).value == enrollment.people[0].name
    (dv,) = ws.data_validations.dataValidation
    assert (dv.type, dv.formula1, dv.formula2) == ("decimal", "0", "100")
    assert str(dv.sqref) == f"D4:G{3 + len(enrollment.people)}"
    assert score_sheet_bytes(plan, cls, enrollment) == score_sheet_bytes(plan, cls, enrollment)


def test_weighted_total_grades_and_problems(plan: Plan, tmp_path: Path) -> None:
    cls, enrollment = women(plan, 5)
    rows: list[list[object]] = [
        [95, 95, 90, 85],  # 19 + 28.5 + 27 + 17 = 91.5 -> 优秀
        [60, 60, 60, 60],  # exactly the pass line
        [50, 59, 60, 40],  # 10 + 17.7 + 18 + 8 = 53.7
        ["缺考", 80, 80, 80],
        [80, 105, 80, None],
    ]
    path = fill(score_sheet_bytes(plan, cls, enrollment), tmp_path / "s.xlsx", rows)
    sink = Sink()
    results = read_scores(plan, cls, enrollment, path, sink)
    assert [r.total for r in results[:3]] == [Fraction(915, 10), 60, Fraction(537, 10)]
    assert [r.grade for r in results] == [EXCELLENT, PASS, FAIL, PENDING, PENDING]
    assert [r.completed for r in results] == [True, True, False, False, False]
    found = {(d.code, d.message.split("：")[0]) for d in sink.items}
    assert ("CT902", "成绩登记表!D7") in found
    assert ("CT903", "成绩登记表!E8") in found
    assert any(d.code == "CT905" for d in sink.items)


def test_unknown_person_is_reported_with_cell(plan: Plan, tmp_path: Path) -> None:
    cls, enrollment = women(plan, 2)
    data = score_sheet_bytes(plan, cls, enrollment)
    path = fill(data, tmp_path / "s.xlsx", [[80, 80, 80, 80], [70, 70, 70, 70]])
    wb = openpyxl.load_workbook(path)
    wb.active["B5"] = "查无此人"
    wb.save(path)
    sink = Sink()
    results = read_scores(plan, cls, enrollment, path, sink)
    assert [d.code for d in sink.items if d.code == "CT904"] == ["CT904"]
    assert "成绩登记表!B5" in next(d.message for d in sink.items if d.code == "CT904")
    assert results[1].grade == PENDING


def test_excellent_share_caps_and_ties_drop(tmp_path: Path) -> None:
    plan = with_grading("{weights: {笔试: 1}, excellent_share: 0.2}")
    cls, enrollment = women(plan, 10)
    assert (cls.grading.weights, cls.grading.excellent_share) == ({"笔试": 1}, Fraction(1, 5))
    data = score_sheet_bytes(plan, cls, enrollment)
    scores = [99, 95, 95, 92, 80, 80, 70, 70, 70, 50]  # limit ⌊0.2 × 10⌋ = 2; 95 tie at cut
    path = fill(data, tmp_path / "s.xlsx", [[s] for s in scores])
    results = read_scores(plan, cls, enrollment, path, Sink())
    grades = [r.grade for r in results]
    assert grades[:4] == [EXCELLENT, PASS, PASS, PASS]
    assert "优秀人数不超过 20%" in results[1].note
    assert grades[-1] == FAIL


def test_example_is_current_and_run_writes_completion_list(plan: Plan, tmp_path: Path) -> None:
    cls, enrollment = women(plan)
    assert EXAMPLE.read_bytes() == filled_score_sheet(plan, cls, enrollment), (
        "regenerate examples/scores with cadretrain.synth.scores.filled_score_sheet"
    )
    year = build_year(plan, Sink(), checks=False)
    assert run_scores(year, "妇女干部班", None, tmp_path) == 0
    assert (tmp_path / "women-leaders-成绩登记表.xlsx").is_file()
    assert run_scores(year, "妇女干部班", EXAMPLE, tmp_path) == 1  # CT902, CT903 in the example
    ws = openpyxl.load_workbook(tmp_path / "women-leaders-结业名单.xlsx").active
    assert ws["A1"].value == "全县妇女领导干部培训班结业名单"
    heads = [ws.cell(3, c).value for c in range(1, ws.max_column + 1)]
    assert heads[-4:] == ["总评", "等次", "结业", "备注"]
    graded = [ws.cell(r, heads.index("等次") + 1).value for r in range(4, ws.max_row + 1)]
    assert len(graded) == len(enrollment.people) and graded.count(PENDING) == 3
    assert run_scores(year, "没有这个班", None, tmp_path) == 2


def test_a_sheet_without_one_complete_score_cannot_be_graded(plan: Plan, tmp_path: Path) -> None:
    cls, enrollment = women(plan, 2)
    path = fill(score_sheet_bytes(plan, cls, enrollment), tmp_path / "s.xlsx", [[90], ["缺考"]])
    sink = Sink()
    with pytest.raises(CannotProceed) as exc:
        graded_scores(plan, cls, enrollment, path, sink)
    assert exc.value.exit_code == 1 and exc.value.message.startswith("成绩登记表中没有读到")
    assert exc.value.diagnostics == sink.items and {"CT902", "CT905"} <= {
        d.code for d in sink.items
    }
    full = fill(score_sheet_bytes(plan, cls, enrollment), tmp_path / "f.xlsx", [[90] * 4] * 2)
    got = graded_scores(plan, cls, enrollment, full, Sink())
    assert got.cls is cls and got.count(EXCELLENT) == 2
