"""学员学习登记表: records per cadre, xlsx (one sheet each) and HTML, read back."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import openpyxl
import pytest

from cadretrain.cli.records_folder_steps import run_archive
from cadretrain.core.diagnostics import Sink
from cadretrain.enroll.enrollment import load_enrollments
from cadretrain.records.archive import (
    DASH,
    TITLE_ZH,
    Record,
    archive_html,
    archive_records,
    archive_xlsx,
    sheet_names,
)
from cadretrain.records.assessment import PASS, Result, number
from cadretrain.records.ledger import ledger
from cadretrain.records.plan_folder import load_plans
from cadretrain.year.model import Year
from tests.conftest import ROOT

PLANS = ROOT / "plans"
UNIT = "城关镇"
ID_RE = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
PHONE_RE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


@pytest.fixture(scope="module")
def years() -> list[Year]:
    return load_plans(PLANS).years


@pytest.fixture(scope="module")
def records(years: list[Year]) -> list[Record]:
    sink = Sink()
    found = archive_records(years, sink, unit=UNIT)
    assert not sink.has_errors()
    return found


def test_person_in_two_classes_matches_the_ledger(years: list[Year], records: list[Record]) -> None:
    two = [r for r in records if len(r.lines) == 2]
    assert two, "城关镇 should have someone enrolled in two classes"
    book = ledger(years, Sink())
    for rec in two:
        person = book.people[rec.key]
        assert [x.class_id for x in rec.lines] == [e.class_id for e in person.entries]
        assert [x.hours for x in rec.lines] == [e.hours for e in person.entries]
        assert [x.days for x in rec.lines] == [e.days for e in person.entries]
        assert rec.totals.hours == sum(e.hours for e in person.entries)
        assert all(x.result == DASH and x.paper == "" for x in rec.lines)
        assert rec.unit == UNIT and rec.sex and rec.rank and rec.post.startswith(UNIT)
        assert all(x.dates.startswith("2013年") for x in rec.lines)


def test_filters(years: list[Year], records: list[Record]) -> None:
    assert records and all(r.unit == UNIT for r in records)
    name = next(r.name for r in records if len(r.lines) == 2)
    one = archive_records(years, Sink(), unit=UNIT, person=name)
    assert [r.name for r in one] == [name] * len(one) and len(one[0].lines) == 2
    assert archive_records(years, Sink(), unit=UNIT, person="没有此人") == []
    everyone = archive_records(years, Sink())
    assert len(everyone) > len(records)


def test_scores_and_fieldwork(years: list[Year]) -> None:
    plan = years[0].plan
    rotation = next(c for c in plan.classes if c.id == "rotation-18th")
    people = load_enrollments(plan, Sink())["rotation-18th"].people
    target = next(p for p in people if plan.units[p.unit].name == UNIT)
    scores = {(plan.file, "rotation-18th"): [Result(target, {}, Fraction(171, 2), PASS)]}
    saved = rotation.fieldwork_days
    rotation.fieldwork_days = 1
    try:
        found = archive_records(years, Sink(), unit=UNIT, person=target.name, scores=scores)
    finally:
        rotation.fieldwork_days = saved
    line = next(x for r in found for x in r.lines if x.class_id == "rotation-18th")
    assert line.result == "合格（85.5）"
    assert line.paper == "含调研 1 天" and line.fieldwork_days == 1
    others = [x for r in found for x in r.lines if x.class_id != "rotation-18th"]
    assert all(x.result == DASH for x in others)  # scores given, but none for these classes


def test_sheet_names_valid_and_unique() -> None:
    names = ["张三", "张三", "a[b]:c*d?e/f\\g", "长" * 40, "长" * 40, "'x'"]
    got = sheet_names([Record(str(i), n) for i, n in enumerate(names)])
    assert got[:2] == ["张三", "张三(2)"]
    assert got[2] == "a_b__c_d_e_f_g"
    assert len(got[3]) == 31 and got[4].endswith("(2)") and len(got[4]) == 31
    assert got[5] == "x"
    assert len({g.lower() for g in got}) == len(got)


def _xlsx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return "".join(z.read(n).decode("utf-8") for n in z.namelist())


def test_xlsx_read_back(records: list[Record]) -> None:
    data = archive_xlsx(records)
    assert data == archive_xlsx(records)  # deterministic
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert len(wb.sheetnames) == len(records)
    for name in wb.sheetnames:
        assert len(name) <= 31 and not set(name) & set("[]:*?/\\")
    rec = next(r for r in records if len(r.lines) == 2)
    ws = wb[sheet_names(records)[records.index(rec)]]
    assert ws["A1"].value == TITLE_ZH
    assert ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == "9"
    assert (ws["A2"].value, ws["B2"].value, ws["D2"].value, ws["E2"].value) == (
        "姓名",
        rec.name,
        "性别",
        rec.sex,
    )
    assert ws["G2"].value == rec.rank and ws["B3"].value == rec.post
    assert [ws.cell(4, c).value for c in range(1, 11)][-4:] == [
        "考核结果",
        "论文/调研报告",
        "课程内容",
        "学时依据",
    ]
    for i, line in enumerate(rec.lines):
        assert ws.cell(5 + i, 3).value == line.class_name
        assert ws.cell(5 + i, 6).value == float(line.hours)
    total_row = 5 + len(rec.lines)
    assert str(ws.cell(total_row, 1).value).startswith("合计 2 个班次")
    assert ws.cell(total_row, 6).value == float(rec.totals.hours)
    assert ws.cell(total_row + 1, 1).value == "鉴定意见"
    assert ws.cell(total_row + 2, 1).value == "单位盖章"
    values = [str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    assert "身份证号" not in values and "联系电话" not in values
    text = _xlsx_text(data)
    assert not ID_RE.search(text) and not PHONE_RE.search(text)


def test_html_escaped_private_and_deterministic(records: list[Record]) -> None:
    html = archive_html(records)
    assert html == archive_html(records)
    assert html.count("<section>") == len(records) and "break-before:page" in html
    assert not ID_RE.search(html) and not PHONE_RE.search(html)
    rec = next(r for r in records if len(r.lines) == 2)
    assert rec.name in html and rec.lines[1].class_name in html
    bad = Record(rec.key, "<b>李四</b>", lines=[replace(rec.lines[0], class_name="<script>x")])
    page = archive_html([bad])
    assert "<script>" not in page and "&lt;script&gt;x" in page and "&lt;b&gt;李四" in page
    sheet = openpyxl.load_workbook(io.BytesIO(archive_xlsx([bad]))).active
    assert sheet is not None and sheet["C5"].value == "<script>x"


def test_run_archive(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert run_archive(PLANS, UNIT, None, out) == 0
    xlsx, html = out / f"{UNIT}-{TITLE_ZH}.xlsx", out / f"{UNIT}-{TITLE_ZH}.html"
    first = xlsx.read_bytes(), html.read_bytes()
    assert run_archive(PLANS, UNIT, None, out) == 0
    assert (xlsx.read_bytes(), html.read_bytes()) == first
    assert "<!DOCTYPE html>" in html.read_text(encoding="utf-8")
    html.write_text("edited", encoding="utf-8")
    assert run_archive(PLANS, UNIT, None, out) == 1
    assert html.read_text(encoding="utf-8") == "edited"
    assert run_archive(PLANS, UNIT, None, out, force=True) == 0
    assert run_archive(PLANS, "没有这个单位", None, out) == 2
    assert run_archive(PLANS, UNIT, "没有此人", out) == 2
    assert run_archive(tmp_path / "missing", UNIT, None, out) == 2
    err = capsys.readouterr().err
    assert "没有单位“没有这个单位”" in err and "没有“没有此人”" in err


def test_run_archive_person(tmp_path: Path, records: list[Record]) -> None:
    name = next(r.name for r in records if len(r.lines) == 2)
    assert run_archive(PLANS, UNIT, name, tmp_path) == 0
    wb = openpyxl.load_workbook(tmp_path / f"{UNIT}-{name}-{TITLE_ZH}.xlsx")
    assert wb.sheetnames[0] == name


def test_run_archive_takes_results_from_the_records_folder(
    tmp_path: Path, years: list[Year]
) -> None:
    """The bundled ``records/scores/women-leaders.xlsx`` gives each woman leader her 等次 and
    总评; the sheet's own mistakes (缺考, 105) are shown but do not fail the archive."""
    from cadretrain.records.folder import class_scores

    plan = years[0].plan
    graded = class_scores(years[0], Sink())["women-leaders"]
    mine = [r for r in graded.results if plan.units[r.person.unit].name == UNIT]
    assert mine
    out = tmp_path / "out"
    assert run_archive(PLANS, UNIT, None, out) == 0
    html = (out / f"{UNIT}-{TITLE_ZH}.html").read_text(encoding="utf-8")
    for r in mine:
        total = f"（{number(r.total)}）" if r.total is not None else ""
        assert f"{r.grade}{total}" in html, r.person.name
    # an unreadable score sheet fails the run, the archive is still written
    folder = tmp_path / "plans"
    shutil.copytree(PLANS, folder)
    (folder / "records" / "scores" / "women-leaders.xlsx").write_bytes(b"not a workbook")
    assert run_archive(folder, UNIT, None, tmp_path / "out2") == 1
    assert (tmp_path / "out2" / f"{UNIT}-{TITLE_ZH}.html").is_file()
