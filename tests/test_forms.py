"""Reply forms (报名回执): written, read back with openpyxl, checked against the quota table."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from cadretrain.cli.enroll_steps import run_forms
from cadretrain.core.diagnostics import Sink
from cadretrain.core.errors import CannotProceed
from cadretrain.enroll.form_layout import ETHNICITIES, POLITICS, columns_for
from cadretrain.enroll.forms import dates_text, form_bytes
from cadretrain.enroll.quota_table import QuotaTable, load_cadres, quota_table
from cadretrain.plan.lookup import find_class
from cadretrain.plan.model import Plan
from cadretrain.year.model import Year
from cadretrain.year.pipeline import load_year
from tests.conftest import BUNDLED_PLAN, bundled_year

PLAN = BUNDLED_PLAN
MULTI, SINGLE = "十八大轮训班", "妇女干部班"


@pytest.fixture(scope="module")
def year() -> Year:
    return bundled_year()


@pytest.fixture(scope="module")
def plan(year: Year) -> Plan:
    return year.plan


def table_for(plan: Plan, query: str) -> QuotaTable:
    sink = Sink()
    return quota_table(plan, find_class(plan, query), load_cadres(plan, sink), sink)


@pytest.fixture(scope="module")
def written(year: Year, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("forms")
    assert run_forms(year, MULTI, None, out) == 0
    assert run_forms(year, SINGLE, None, out) == 0
    return out


def seats_by_name(table: QuotaTable) -> dict[str, int]:
    return {table.unit_name(s.unit): s.seats for s in table.allocation.shares if s.seats}


def validations(ws: Any) -> dict[str, Any]:
    """Data validations keyed by the column letter of their range."""
    out = {}
    for dv in ws.data_validations.dataValidation:
        (rng,) = str(dv.sqref).split()
        out[rng.split(":")[0].rstrip("0123456789")] = dv
    return out


@pytest.mark.parametrize(("query", "folder"), [(MULTI, "rotation-18th"), (SINGLE, "women-leaders")])
def test_one_form_per_unit_with_seats(plan: Plan, written: Path, query: str, folder: str) -> None:
    table = table_for(plan, query)
    seats = seats_by_name(table)
    assert seats
    files = {p.name for p in (written / f"{folder}-报名回执").iterdir()}
    assert files == {f"{name}.xlsx" for name in seats} | {"说明.txt"}
    for name, n in seats.items():
        ws = openpyxl.load_workbook(written / f"{folder}-报名回执" / f"{name}.xlsx")["报名回执"]
        assert ws.max_row == 3 + n  # exactly one row per seat, nothing spare
        assert [ws.cell(r, 1).value for r in range(4, 4 + n)] == list(range(1, n + 1))
    text = (written / f"{folder}-报名回执" / "说明.txt").read_bytes().decode("utf-8-sig")
    assert "请于____年__月__日前" not in text and f"合计：{sum(seats.values())} 人" in text


def test_multi_session_form(plan: Plan, written: Path) -> None:
    table = table_for(plan, MULTI)
    n = seats_by_name(table)["城关镇"]
    wb = openpyxl.load_workbook(written / "rotation-18th-报名回执" / "城关镇.xlsx")
    assert wb.sheetnames == ["报名回执", "_lists", "_cadretrain"]
    ws = wb["报名回执"]
    last = 3 + n
    assert ws["A1"].value == "全县乡科级领导干部学习十八大精神轮训班报名回执"
    assert ws["A1"].font.name == "黑体" and ws["A1"].font.sz == 16
    assert ws["A1"].alignment.horizontal == "center"
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert merged == {"A1:L1", "A2:L2"}
    info = ws["A2"].value
    assert info.startswith(f"单位：城关镇    名额：{n} 人（第1期 ")
    # the plan's 3 × 3 days do not fit into 8 training days (CT301): the third is not invented
    assert "培训时间：第1期 3月13日—15日；第2期 3月18日—20日；第3期 日期另行通知" in info
    assert info.endswith("    培训地点：县委党校")
    headers = [ws.cell(3, c).value for c in range(1, 13)]
    assert headers == [h for _f, h, _hint, _w in columns_for(3)]
    assert "参加期次" in headers
    assert ws["B3"].font.b and ws["B3"].border.left.style == "thin"
    assert ws["B3"].fill.fill_type == "solid"
    assert ws.cell(last, 12).border.bottom.style == "thin"

    dvs = validations(ws)
    assert dvs["C"].type == "list" and dvs["C"].formula1 == '"男,女"'
    assert str(dvs["C"].sqref) == f"C4:C{last}"
    assert dvs["D"].formula1 == "'_lists'!$A$1:$A$56"
    lists = wb["_lists"]
    assert [lists.cell(r, 1).value for r in range(1, 57)] == list(ETHNICITIES)
    assert lists.sheet_state == "hidden"
    assert dvs["G"].formula1 == '"' + ",".join(plan.ranks) + '"'
    assert dvs["H"].formula1 == '"' + ",".join(POLITICS) + '"'
    assert dvs["K"].formula1 == '"第1期,第2期,第3期"'
    assert dvs["J"].type == "textLength" and dvs["J"].operator == "equal"
    assert dvs["J"].formula1 == "18" and "18 位" in dvs["J"].error
    for letter in "CDGHJK":
        dv = dvs[letter]
        assert dv.showErrorMessage and dv.allow_blank and not dv.showDropDown
        assert dv.error and dv.errorTitle
    for c, (_field, header, hint, width) in enumerate(columns_for(3), start=1):
        letter = ws.cell(3, c).column_letter
        assert ws.column_dimensions[letter].width == width
        if hint:  # the hint shows on every data cell of the column
            dv = dvs[letter]
            assert dv.showInputMessage and dv.promptTitle == header and dv.prompt == hint
            assert str(dv.sqref) == f"{letter}4:{letter}{last}"
        else:
            assert letter not in dvs

    for letter in "EIJ":  # 出生年月, 联系电话, 身份证号 are text
        assert all(ws[f"{letter}{r}"].number_format == "@" for r in range(4, last + 1))
    assert ws["B4"].number_format == "General"
    assert ws.protection.sheet
    assert all(not ws.cell(r, c).protection.locked for r in (4, last) for c in (2, 12))
    assert all(ws.cell(r, 1).protection.locked for r in (4, last))  # 序号 stays as written
    assert ws["A1"].protection.locked and ws["A2"].protection.locked
    assert ws["B3"].protection.locked

    assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$3:$3"
    assert ws.freeze_panes == "A4"

    meta = wb["_cadretrain"]
    assert meta.sheet_state == "hidden"
    rows = [(r[0].value, r[1].value) for r in meta.iter_rows(max_col=2)]
    assert rows == [
        ("plan", "县2013年干部教育培训方案"),
        ("class", "rotation-18th"),
        ("class_name", "全县乡科级领导干部学习十八大精神轮训班"),
        ("unit", "chengguan"),
        ("unit_name", "城关镇"),
        ("seats", n),
        ("sessions", 3),
        ("version", "1"),
    ]


def test_single_session_form(plan: Plan, written: Path) -> None:
    table = table_for(plan, SINGLE)
    name, n = next(iter(seats_by_name(table).items()))
    wb = openpyxl.load_workbook(written / "women-leaders-报名回执" / f"{name}.xlsx")
    ws = wb["报名回执"]
    assert ws["A1"].value == "全县妇女领导干部培训班报名回执"
    assert ws["A2"].value == (
        f"单位：{name}    名额：{n} 人    培训时间：2013年5月7日—9日    培训地点：县委党校"
    )
    headers = [ws.cell(3, c).value for c in range(1, ws.max_column + 1)]
    assert headers == [h for _f, h, _hint, _w in columns_for(1)] and "参加期次" not in headers
    formulas = [dv.formula1 for dv in ws.data_validations.dataValidation]
    assert not any(f and "第1期" in f for f in formulas)
    assert {str(r) for r in ws.merged_cells.ranges} == {"A1:K1", "A2:K2"}
    meta = dict((r[0].value, r[1].value) for r in wb["_cadretrain"].iter_rows(max_col=2))
    assert meta["sessions"] == 1 and meta["seats"] == n and meta["class"] == "women-leaders"


def test_second_run_is_byte_identical(
    year: Year, written: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = written / "rotation-18th-报名回执"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert run_forms(year, "rotation-18th", None, written) == 0
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    forms = len(before) - 1
    assert f"已写入 {forms} 份报名回执到 {folder}" in capsys.readouterr().out
    uid = "chengguan"
    table = table_for(year.plan, MULTI)
    assert form_bytes(table, uid, year.schedule(table.cls)) == before["城关镇.xlsx"]


def test_unit_without_seats_gets_no_form(year: Year) -> None:
    table = table_for(year.plan, SINGLE)
    empty = [s.unit for s in table.allocation.shares if s.seats == 0]
    assert empty
    with pytest.raises(ValueError):
        form_bytes(table, empty[0], year.schedule(table.cls))


def test_edited_form_is_kept_unless_forced(
    year: Year, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_forms(year, SINGLE, None, tmp_path) == 0
    path = next((tmp_path / "women-leaders-报名回执").glob("*.xlsx"))
    wb = openpyxl.load_workbook(path)
    wb["报名回执"]["B4"] = "张三"  # a unit fills in its form in the output folder
    wb.save(path)
    capsys.readouterr()
    assert run_forms(year, SINGLE, None, tmp_path) == 1
    assert "--force" in capsys.readouterr().err
    assert openpyxl.load_workbook(path)["报名回执"]["B4"].value == "张三"
    assert run_forms(year, SINGLE, None, tmp_path, force=True) == 0
    assert openpyxl.load_workbook(path)["报名回执"]["B4"].value is None


def test_unknown_or_ambiguous_class(
    year: Year, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(CannotProceed) as ambiguous:
        run_forms(year, "中青年", None, tmp_path)
    assert ambiguous.value.exit_code == 2
    assert "春期中青年班" in ambiguous.value.message and "秋期中青年班" in ambiguous.value.message
    with pytest.raises(CannotProceed) as unknown:
        run_forms(year, "不存在的班", None, tmp_path)
    assert unknown.value.exit_code == 2 and "没有班次" in unknown.value.message
    assert not any(tmp_path.iterdir())


HOSTILE = """\
plan: {title: "=1+1计划", year: 2013}
ranks: [科员, {ranks}]
units:
  - {id: evil, name: '=HYPERLINK("http://x","点我")', counts: {科员: 10}}
  - {id: slash, name: ../../逃逸/单位, counts: {科员: 10}}
  - {id: empty, name: 没人单位, counts: {科员: 0}}
venues:
  - {id: hall, name: "@礼堂"}
classes:
  - id: c1
    name: =SUM(1)/班
    eligible: {rank: [科员]}
    planned: 4
    when: 2013年5月6日—5月10日
    sessions: [{when: 5月6日—7日}, {when: 5月9日—10日}]
    venue: hall
"""


def test_hostile_names_stay_text_inside_the_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    many = ", ".join(f"职级{i:03d}很长的名称" for i in range(30))  # > 255 characters
    (tmp_path / "p.yaml").write_text(HOSTILE.replace("{ranks}", many), encoding="utf-8")
    sink = Sink()
    year = load_year(tmp_path / "p.yaml", sink, checks=False)
    assert year is not None, sink.items
    out = tmp_path / "out"
    assert run_forms(year, "c1", None, out) == 0
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert files == [
        ".cadretrain-manifest.json",
        "c1-报名回执/=HYPERLINK(_http___x_,_点我_).xlsx",
        "c1-报名回执/_.._逃逸_单位.xlsx",
        "c1-报名回执/说明.txt",
    ]
    assert not (tmp_path / "逃逸").exists()
    wb = openpyxl.load_workbook(out / files[2])
    ws = wb["报名回执"]
    assert ws["A1"].value == "=SUM(1)/班报名回执" and ws["A1"].data_type == "s"
    assert ws["A2"].value.startswith(
        "单位：../../逃逸/单位    名额：2 人（第1期 1 人、第2期 1 人）"
    )
    assert "培训时间：第1期 5月6日—7日；第2期 5月9日—10日    培训地点：@礼堂" in ws["A2"].value
    meta = dict((r[0].value, r[1]) for r in wb["_cadretrain"].iter_rows(max_col=2))
    assert meta["plan"].value == "=1+1计划" and meta["plan"].data_type == "s"
    evil = openpyxl.load_workbook(out / files[1])
    assert evil["_cadretrain"]["B5"].value == '=HYPERLINK("http://x","点我")'
    assert evil["_cadretrain"]["B5"].data_type == "s"
    # the long rank list moved to the hidden sheet, after the ethnicities
    rank_dv = validations(ws)["G"]
    assert rank_dv.formula1 == "'_lists'!$B$1:$B$31"
    assert wb["_lists"]["B1"].value == "科员"
    assert "已写入 2 份报名回执" in capsys.readouterr().out


def test_dates_of_a_vague_class(year: Year) -> None:
    table = table_for(year.plan, "赊店大讲坛")
    assert dates_text(table, year.schedule(table.cls)) == "11月份（具体日期另行通知）"
