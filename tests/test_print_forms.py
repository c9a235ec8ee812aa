"""Print polish of what goes out with the notice: the reply form's protection (title, header and
序号 locked, data cells open, columns and rows may be widened), 说明.txt carrying the notice's
deadline, and one file name for a class's roster and sign-in sheet from ``roster``/``signin``
and from ``build``. Everything is written, then read back."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest

from cadretrain.cli.document_steps import run_roster, run_signin
from cadretrain.cli.enroll_steps import run_forms
from cadretrain.core.diagnostics import Sink
from cadretrain.documents.build import build_plan
from cadretrain.documents.notice import render_notice
from cadretrain.enroll.form_layout import FIRST_DATA_ROW, HEADER_ROW, INFO_ROW, TITLE_ROW
from cadretrain.plan.lookup import find_class
from cadretrain.year.model import Year
from cadretrain.year.pipeline import load_year
from tests.conftest import BUNDLED_PLAN, ROOT, bundled_year

PLAN = BUNDLED_PLAN
CLASSES = ("rotation-18th", "women-leaders")


@pytest.fixture(scope="module")
def year() -> Year:
    return bundled_year()


@pytest.fixture(scope="module")
def forms(year: Year, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("forms")
    for cid in CLASSES:
        assert run_forms(year, cid, None, out) == 0
    return out


def test_reply_form_locks_title_header_and_numbers_and_opens_data(forms: Path) -> None:
    files = sorted((forms / "rotation-18th-报名回执").glob("*.xlsx"))
    assert files
    for path in files[:3]:
        ws = openpyxl.load_workbook(path)["报名回执"]
        p = ws.protection
        assert p.sheet  # protected …
        assert p.formatColumns is False and p.formatRows is False  # … but widening is allowed
        assert p.insertRows is not False and p.deleteRows is not False  # rows stay as issued
        last = ws.max_row
        assert last > FIRST_DATA_ROW
        for col in range(1, ws.max_column + 1):
            assert ws.cell(TITLE_ROW, col).protection.locked
            assert ws.cell(INFO_ROW, col).protection.locked
            assert ws.cell(HEADER_ROW, col).protection.locked
        assert ws.cell(HEADER_ROW, 1).value == "序号"
        for row in range(FIRST_DATA_ROW, last + 1):
            assert ws.cell(row, 1).protection.locked, f"序号 A{row} must stay locked"
            assert ws.cell(row, 1).value == row - FIRST_DATA_ROW + 1
            for col in range(2, ws.max_column + 1):
                assert not ws.cell(row, col).protection.locked, (row, col)


def _notice_deadline(year: Year, cid: str) -> str:
    text = render_notice(year, find_class(year.plan, cid), "md", sink=Sink())
    assert isinstance(text, str)
    found = re.search(r"加盖公章后于(.+?)报送", text)
    assert found, "the notice states a deadline"
    return found.group(1)


@pytest.mark.parametrize("cid", CLASSES)
def test_instructions_carry_the_notices_deadline(year: Year, forms: Path, cid: str) -> None:
    deadline = _notice_deadline(year, cid)
    text = (forms / f"{cid}-报名回执" / "说明.txt").read_bytes().decode("utf-8-sig")
    assert f"请于{deadline}将填好的回执" in text
    assert "____年__月__日" not in text  # nothing left to fill in by hand
    assert "可以调整列宽和行高" in text


def test_deadline_follows_the_plan_not_a_constant(tmp_path: Path) -> None:
    """Issued after the due date: both papers say 接到通知后3个工作日内."""
    text = PLAN.read_text(encoding="utf-8").replace("issued: 2013-02-19", "issued: 2013-03-10")
    (tmp_path / "plans").mkdir()
    plan = tmp_path / "plans" / "2013-county.yaml"
    plan.write_text(text, encoding="utf-8")
    (tmp_path / "plans" / "enrollments").symlink_to(PLAN.parent / "enrollments")
    (tmp_path / "examples").symlink_to(ROOT / "examples")  # the plan's ../examples/register
    late = load_year(plan, checks=False)
    assert late is not None
    assert _notice_deadline(late, "rotation-18th") == "接到通知后3个工作日内"
    out = tmp_path / "out"
    run_forms(late, "rotation-18th", None, out)
    got = (out / "rotation-18th-报名回执" / "说明.txt").read_bytes().decode("utf-8-sig")
    assert "请于接到通知后3个工作日内将填好的回执" in got


def test_roster_and_signin_have_one_name_in_commands_and_build(year: Year, tmp_path: Path) -> None:
    alone, built = tmp_path / "alone", tmp_path / "built"
    result = build_plan(year, built)
    assert not result.failed
    for cid in CLASSES:
        cls = find_class(year.plan, cid)
        assert run_roster(year, cid, alone) == 0
        assert run_signin(year, cid, alone) == 0
        for kind in ("花名册", "签到表"):
            name = f"{cls.id}-{kind}.xlsx"
            assert (alone / name).is_file()
            assert (built / cls.id / name).is_file()
            assert (alone / name).read_bytes() == (built / cls.id / name).read_bytes()
    assert not list(built.glob("*/花名册.xlsx")) and not list(built.glob("*/签到表.xlsx"))
