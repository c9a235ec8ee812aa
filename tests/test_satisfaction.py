"""满意度测评与师资库: forms written by ``rating_form_bytes``, filled, read back."""

from __future__ import annotations

import io
from fractions import Fraction
from pathlib import Path

import openpyxl
import pytest

from cadretrain.cli.records_steps import run_ratings
from cadretrain.core.diagnostics import Sink
from cadretrain.core.errors import CannotProceed
from cadretrain.plan.loader import load_plan, parse_plan
from cadretrain.plan.lookup import find_class
from cadretrain.plan.model import Plan
from cadretrain.records.satisfaction import (
    JOIN,
    WARN,
    ClassRatings,
    Rating,
    pool_changes,
    rating_form_bytes,
)
from cadretrain.records.satisfaction_read import read_all_ratings, read_ratings
from cadretrain.synth.ratings import filled_rating_form
from tests.conftest import ROOT

PLAN = ROOT / "plans" / "2013-county.yaml"
EXAMPLES = ROOT / "examples" / "ratings"


@pytest.fixture(scope="module")
def plan() -> Plan:
    loaded = load_plan(PLAN, Sink())
    assert loaded is not None
    return loaded


def test_form_lists_the_class_teachers(plan: Plan) -> None:
    cls = find_class(plan, "妇女干部班")
    wb = openpyxl.load_workbook(io.BytesIO(rating_form_bytes(plan, cls)))
    ws = wb["测评汇总表"]
    assert [ws.cell(3, c).value for c in range(1, 9)] == [
        "序号", "授课教师", "单位及职称", "很满意", "满意", "基本满意", "不满意", "备注"
    ]  # fmt: skip
    assert [ws.cell(r, 2).value for r in (4, 5)] == ["田瑞娟", "县委党校教师"]
    assert wb["_cadretrain"].sheet_state == "hidden"


def test_rates_averages_and_problems(plan: Plan, tmp_path: Path) -> None:
    cls = find_class(plan, "妇女干部班")
    wb = openpyxl.load_workbook(io.BytesIO(rating_form_bytes(plan, cls)))
    ws = wb["测评汇总表"]
    for c, v in enumerate([30, 6, 3, 1], start=4):
        ws.cell(4, c).value = v
    ws["D5"] = "很多"
    ws["B6"] = "王静"  # teaches another class
    path = tmp_path / "f.xlsx"
    wb.save(path)
    sink = Sink()
    got = read_ratings(plan, path, sink)
    assert got is not None and got.cls is cls
    first = got.ratings[0]
    assert (first.responses, first.rate, first.average) == (40, Fraction(9, 10), Fraction(145, 40))
    messages = {d.code: d.message for d in sink.items}
    assert "测评汇总表!D5" in messages["CT902"]
    assert "测评汇总表!B6" in messages["CT904"]
    assert "县委党校教师" in messages["CT905"]


def rated(plan: Plan, cid: str, teacher: str, counts: tuple[int, int, int, int]) -> ClassRatings:
    return ClassRatings(find_class(plan, cid), "", [Rating(plan.teachers[teacher], counts)])


def test_pool_rule_needs_enough_classes_and_floor_blocks(plan: Plan) -> None:
    good = (9, 0, 1, 0)  # exactly 90%
    one = pool_changes(plan, [rated(plan, "women-leaders", "ps-faculty", good)])
    assert one == []
    two = pool_changes(
        plan,
        [
            rated(plan, "women-leaders", "ps-faculty", good),
            rated(plan, "youth-league", "ps-faculty", good),
        ],
    )
    assert [(c.teacher.id, c.action, len(c.evidence)) for c in two] == [("ps-faculty", JOIN, 2)]
    low = rated(plan, "rotation-18th", "ps-faculty", (1, 4, 3, 2))  # 50%
    three = pool_changes(
        plan,
        [
            rated(plan, "women-leaders", "ps-faculty", good),
            rated(plan, "youth-league", "ps-faculty", good),
            low,
        ],
    )
    assert [(c.action, c.evidence[0].rate) for c in three] == [(WARN, Fraction(1, 2))]


def test_the_plans_teacher_pool_sets_the_rule() -> None:
    text = PLAN.read_text(encoding="utf-8")
    assert text.count("\n  year: 2013\n") == 1
    written = text.replace(
        "\n  year: 2013\n", "\n  year: 2013\n  teacher_pool: {satisfied: 0.8, classes: 1}\n"
    )
    sink = Sink()
    lenient = parse_plan(written, str(PLAN), sink)
    assert lenient is not None and not [d for d in sink.items if d.code in ("CT101", "CT103")]
    eighty = (7, 1, 1, 1)  # 80%: below the default 90%, enough for this plan's rule
    ratings = [rated(lenient, "women-leaders", "ps-faculty", eighty)]
    changes = pool_changes(lenient, ratings)
    assert [(c.teacher.id, c.action) for c in changes] == [("ps-faculty", JOIN)]
    assert changes[0].reason == "在 1 个班次中满意率达到 80.0%"


def test_examples_are_current_and_run_writes_changes(plan: Plan, tmp_path: Path) -> None:
    for cid in ("women-leaders", "youth-league"):
        path = EXAMPLES / f"{cid}-满意度测评汇总表（已填）.xlsx"
        assert path.read_bytes() == filled_rating_form(plan, find_class(plan, cid)), path
    assert run_ratings(plan, "妇女干部班", [], tmp_path) == 0
    assert (tmp_path / "women-leaders-满意度测评汇总表.xlsx").is_file()
    assert run_ratings(plan, None, [], tmp_path) == 2
    assert run_ratings(plan, None, sorted(EXAMPLES.glob("*.xlsx")), tmp_path) == 0
    ws = openpyxl.load_workbook(tmp_path / "师资库变动.xlsx")["师资库变动"]
    rows = [(ws.cell(r, 2).value, ws.cell(r, 4).value) for r in range(4, ws.max_row + 1)]
    assert rows == [("县委党校教师", JOIN), ("王静", WARN)]


def test_no_form_read_cannot_proceed(plan: Plan, tmp_path: Path) -> None:
    sink = Sink()
    with pytest.raises(CannotProceed) as exc:
        read_all_ratings(plan, [tmp_path / "missing.xlsx"], sink)
    assert exc.value.exit_code == 1 and exc.value.message.startswith("没有读到任何测评结果")
    assert exc.value.diagnostics == sink.items and [d.code for d in sink.items] == ["CT901"]
    forms = sorted(EXAMPLES.glob("*.xlsx"))
    assert [r.cls.id for r in read_all_ratings(plan, forms, Sink())] == [
        "women-leaders",
        "youth-league",
    ]
