"""``records/`` beside the plan: the after-class records that give the report its rates."""

from __future__ import annotations

import shutil
from fractions import Fraction
from pathlib import Path

import pytest

from cadretrain.cli.records_folder_steps import run_hours
from cadretrain.core.diagnostics import Severity, Sink
from cadretrain.core.wording import percent
from cadretrain.enroll.enrollment import enrollment_path, load_enrollment
from cadretrain.plan.discover import find_plan
from cadretrain.plan.loader import load_plan
from cadretrain.plan.model import Plan
from cadretrain.records.folder import (
    attendance_dir,
    attendance_rates,
    class_scores,
    ratings_dir,
    records_dir,
    satisfaction_rates,
    scores_path,
)
from cadretrain.records.plan_folder import load_plans
from cadretrain.synth.ratings import EXAMPLE_COUNTS
from cadretrain.year.model import Year
from cadretrain.year.pipeline import build_year
from cadretrain.year.validate import validate_file
from tests.conftest import ROOT, codes

PLANS = ROOT / "plans"
RECORDS = PLANS / "records"


def bundled() -> Plan:
    plan = load_plan(PLANS / "2013-county.yaml", Sink())
    assert plan is not None
    return plan


def year_of(plan: Plan) -> Year:
    """The plan through the rest of the pipeline (the attendance readers need its sessions)."""
    return build_year(plan, Sink(), checks=False)


@pytest.fixture
def copied(tmp_path: Path) -> Plan:
    """The bundled plans folder copied, records and all."""
    folder = tmp_path / "plans"
    shutil.copytree(PLANS, folder)
    plan = load_plan(folder / "2013-county.yaml", Sink())
    assert plan is not None
    return plan


def test_layout_beside_the_plan() -> None:
    plan = bundled()
    assert records_dir(plan) == RECORDS
    assert attendance_dir(plan) == RECORDS / "attendance"
    assert attendance_dir(plan, "women-leaders") == RECORDS / "attendance" / "women-leaders"
    assert ratings_dir(plan) == RECORDS / "ratings"
    assert scores_path(plan, "women-leaders") == RECORDS / "scores" / "women-leaders.xlsx"


def test_bundled_records_are_copies_of_the_examples() -> None:
    pairs = [
        (ROOT / "examples" / "attendance", RECORDS / "attendance" / "women-leaders"),
        (ROOT / "examples" / "ratings", RECORDS / "ratings"),
    ]
    scores = ROOT / "examples" / "scores" / "women-leaders-成绩登记表（已填）.xlsx"
    assert scores.read_bytes() == scores_path(bundled(), "women-leaders").read_bytes()
    assert [p.name for p in (RECORDS / "scores").iterdir()] == ["women-leaders.xlsx"]
    for example, record in pairs:
        names = sorted(p.name for p in example.glob("*.xlsx"))
        assert names and names == sorted(p.name for p in record.glob("*.xlsx")), record
        for name in names:
            assert (record / name).read_bytes() == (example / name).read_bytes(), name


def test_bundled_attendance_rate() -> None:
    sink = Sink()
    rates = attendance_rates(year_of(bundled()), sink)
    # 587 half-days present (3 of them late), 2 on leave, as in the attendance example
    assert rates == {"women-leaders": Fraction(587, 589)}
    assert percent(rates["women-leaders"]) == "99.7%"
    assert sorted(codes(sink.items)) == ["CT802", "CT803"]  # the example's 出差 and empty column


def test_bundled_satisfaction_rates() -> None:
    sink = Sink()
    rates = satisfaction_rates(bundled(), sink)
    expected = {}
    for cid, tallies in EXAMPLE_COUNTS.items():
        good = sum(c[0] + c[1] for c in tallies.values())
        expected[cid] = Fraction(good, sum(sum(c) for c in tallies.values()))
    assert rates == expected
    assert rates == {"women-leaders": Fraction(218, 236), "youth-league": Fraction(69, 96)}
    assert (percent(rates["women-leaders"]), percent(rates["youth-league"])) == ("92.4%", "71.9%")
    assert sink.items == []


def test_no_records_folder_or_an_empty_one(copied: Plan) -> None:
    shutil.rmtree(records_dir(copied))
    sink = Sink()
    assert attendance_rates(year_of(copied), sink) == {} and satisfaction_rates(copied, sink) == {}
    attendance_dir(copied).mkdir(parents=True)
    ratings_dir(copied).mkdir()
    (attendance_dir(copied) / "women-leaders").mkdir()  # a class folder with nothing in it
    assert attendance_rates(year_of(copied), sink) == {} and satisfaction_rates(copied, sink) == {}
    assert "CT807" in codes(sink.items)  # the class has no sign-in sheet
    assert not sink.has_errors()


def test_misplaced_records_are_warned_about_and_not_read(copied: Plan) -> None:
    att = attendance_dir(copied)
    shutil.copytree(att / "women-leaders", att / "no-such-class")
    shutil.copytree(att / "women-leaders", att / "leaders-update")  # a class, no enrollment
    shutil.copy(next((att / "women-leaders").glob("*.xlsx")), att / "loose.xlsx")
    (att / "~$lock.xlsx").write_bytes(b"")  # Excel's lock file: ignored
    (ratings_dir(copied) / "说明.txt").write_text("备注", encoding="utf-8")
    sink = Sink()
    assert set(attendance_rates(year_of(copied), sink)) == {"women-leaders"}
    assert set(satisfaction_rates(copied, sink)) == {"women-leaders", "youth-league"}
    warned = [d for d in sink.items if d.code in ("CT801", "CT901")]
    assert [d.severity for d in warned] == [Severity.WARNING] * 4
    text = "\n".join(d.message for d in warned)
    for name in ("no-such-class", "leaders-update", "loose.xlsx", "说明.txt"):
        assert name in text, name
    assert "~$lock" not in text


def test_an_unreadable_rating_form_is_an_error(copied: Plan) -> None:
    (ratings_dir(copied) / "坏文件.xlsx").write_bytes(b"not a workbook")
    sink = Sink()
    assert set(satisfaction_rates(copied, sink)) == {"women-leaders", "youth-league"}
    assert codes(sink.items) == ["CT901"] and sink.has_errors()


def test_records_folder_does_not_trip_the_plan_commands(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert RECORDS.is_dir()
    folder = load_plans(PLANS)
    assert [Path(p.file).name for p in folder.plans] == ["2013-county.yaml"]
    assert folder.skipped == [] and folder.with_errors == []
    assert find_plan(None, ROOT) == PLANS / "2013-county.yaml"
    assert validate_file(PLANS / "2013-county.yaml").plan is not None
    assert run_hours(PLANS, "城关镇", 2013, None) == 0
    assert "跳过" not in capsys.readouterr().err


def test_bundled_scores() -> None:
    sink = Sink()
    got = class_scores(year_of(bundled()), sink)
    assert set(got) == {"women-leaders"}
    women = got["women-leaders"]
    enrolled = load_enrollment(enrollment_path(bundled(), "women-leaders"), Sink())
    assert enrolled is not None and len(women.results) == len(enrolled.people) > 0
    counts = {g: women.count(g) for g in ("优秀", "合格", "不合格", "待评", "退学")}
    assert counts == {"优秀": 19, "合格": 91, "不合格": 4, "待评": 3, "退学": 1}
    assert sorted(codes(sink.items)) == ["CT902", "CT903", "CT905"]  # 缺考, 105, the blank


def test_misplaced_or_broken_score_sheets(copied: Plan) -> None:
    folder = records_dir(copied) / "scores"
    sheet = folder / "women-leaders.xlsx"
    shutil.copy(sheet, folder / "妇女班成绩.xlsx")  # not named after a class
    shutil.copy(sheet, folder / "leaders-update.xlsx")  # a class without an enrollment
    (folder / "说明.txt").write_text("备注", encoding="utf-8")
    (folder / "~$women-leaders.xlsx").write_bytes(b"")  # Excel's lock file: ignored
    sink = Sink()
    assert set(class_scores(year_of(copied), sink)) == {"women-leaders"}
    warned = [d for d in sink.items if d.code == "CT901"]
    assert [d.severity for d in warned] == [Severity.WARNING] * 3
    text = "\n".join(d.message for d in warned)
    for name in ("妇女班成绩.xlsx", "leaders-update", "说明.txt"):
        assert name in text, name
    assert "~$" not in text
    sheet.write_bytes(b"not a workbook")
    broken = Sink()
    assert class_scores(year_of(copied), broken) == {}
    errors = [d for d in broken.items if d.severity is Severity.ERROR]
    assert codes(errors) == ["CT901"] and "women-leaders.xlsx" in str(errors[0].pos)


def test_some_names_lists_ten_then_counts() -> None:
    from cadretrain.core.diagnostics import some_names

    assert some_names(["甲", "乙"]) == "甲、乙"
    names = [f"人{i}" for i in range(12)]
    assert some_names(names) == "、".join(names[:10]) + "等 12 人"
    assert some_names(names[:10]) == "、".join(names[:10])
