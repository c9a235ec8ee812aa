"""签到表: real workbooks written and read back."""

from __future__ import annotations

import io
import re
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from cadretrain.cli.document_steps import run_signin
from cadretrain.core.diagnostics import Sink
from cadretrain.core.errors import CannotProceed
from cadretrain.core.wording import cn_number
from cadretrain.documents.signin import (
    day_heading,
    signin_bytes,
    split_days,
)
from cadretrain.enroll.enrollment import Enrollee, Enrollment, enrollment_path, load_enrollment
from cadretrain.plan.lookup import find_class
from cadretrain.plan.model import Plan
from cadretrain.year.model import Year
from cadretrain.year.pipeline import load_year
from tests.conftest import ROOT

PLAN = ROOT / "plans" / "2013-county.yaml"
NASTY = ['=HYPERLINK("http://x","点我")', "@SUM(1)", "#N/A", "+1", "-2"]


def the_year(path: Path = PLAN) -> Year:
    year = load_year(path, checks=False)
    assert year is not None
    return year


def enrolled(plan: Plan, class_id: str) -> Enrollment:
    sink = Sink()
    enrollment = load_enrollment(enrollment_path(the_year().plan, class_id), sink)
    assert enrollment is not None and not sink.items
    return enrollment


def book(data: bytes) -> Any:
    return openpyxl.load_workbook(io.BytesIO(data))


def day_heads(ws: Any) -> list[str]:
    """The date cells of row 3, left to right."""
    return [c.value for c in ws[3][3:-1] if c.value is not None]


def merged(ws: Any) -> set[str]:
    return {str(r) for r in ws.merged_cells.ranges}


def test_rotation_sign_in_sheets() -> None:
    year = the_year()
    plan = year.plan
    cls = find_class(plan, "rotation-18th")
    enrollment = enrolled(plan, cls.id)
    wb = book(signin_bytes(year, cls, enrollment))
    assert wb.sheetnames == ["第1期", "第2期", "第3期"]
    ws = wb["第1期"]
    assert ws["A1"].value == "全县乡科级领导干部学习十八大精神轮训班签到表（第1期）"
    assert ws["A2"].value == "培训时间：2013年3月13日—15日　　培训地点：县委党校"
    assert day_heads(ws) == ["3月13日（星期三）", "3月14日（星期四）", "3月15日（星期五）"]
    assert day_heads(wb["第2期"]) == ["3月18日（星期一）", "3月19日（星期二）", "3月20日（星期三）"]
    assert day_heads(wb["第3期"]) == ["____月__日"] * 3  # CT301: not scheduled, fill in by hand
    assert [c.value for c in ws[3]][:3] == ["序号", "姓名", "单位及职务"] and ws[
        "J3"
    ].value == "备注"
    assert [c.value for c in ws[4]][3:9] == ["上午", "下午"] * 3
    assert {"A1:J1", "A2:J2", "A3:A4", "B3:B4", "C3:C4", "J3:J4", "D3:E3", "F3:G3", "H3:I3"} <= (
        merged(ws)
    )
    for sheet in wb:
        assert sheet.print_title_rows == "$3:$4"
        assert sheet.page_setup.paperSize == 9 and sheet.page_setup.orientation == "landscape"
        assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.oddFooter.center.text == "第 &P 页，共 &N 页"
        assert sheet.max_row - 4 == 300
        assert sheet.row_dimensions[5].height == 28 and sheet.row_dimensions[304].height == 28
        assert sheet["D5"].border.left.style == "thin" and sheet["E3"].border.top.style == "thin"
    names = [ws.cell(r, 2).value for r in range(5, ws.max_row + 1)]
    assert names == [p.name for p in enrollment.people if p.session == 1]
    assert ws["C5"].value == "城关镇党委书记"


def test_no_id_numbers_or_phones_anywhere() -> None:
    year = the_year()
    plan = year.plan
    for class_id in ("rotation-18th", "women-leaders"):
        cls = find_class(plan, class_id)
        enrollment = enrolled(plan, class_id)
        assert any(p.id_number and p.phone for p in enrollment.people)
        wb = book(signin_bytes(year, cls, enrollment))
        text = [str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value]
        assert not [t for t in text if re.search(r"\d{17}[\dX]|1\d{10}", t)]
        assert not any("身份证" in t or "电话" in t for t in text)


def test_one_session_class_has_one_sheet() -> None:
    year = the_year()
    plan = year.plan
    cls = find_class(plan, "women-leaders")
    wb = book(signin_bytes(year, cls, enrolled(plan, cls.id)))
    assert wb.sheetnames == ["签到表"]
    ws = wb["签到表"]
    assert ws["A1"].value == "全县妇女领导干部培训班签到表"
    assert day_heads(ws) == ["5月7日（星期二）", "5月8日（星期三）", "5月9日（星期四）"]
    assert ws.max_row - 4 == 118


def test_days_off_are_left_out() -> None:
    year = the_year()
    plan = year.plan
    cls = find_class(plan, "village-secretaries")  # second session: 5月16日—20日 over a weekend
    people = [Enrollee(name="甲", unit="chengguan", session=1)]
    people.append(Enrollee(name="乙", unit="dongguan", session=2))
    wb = book(signin_bytes(year, cls, Enrollment(cls.id, people)))
    assert day_heads(wb["第2期"]) == ["5月16日（星期四）", "5月17日（星期五）", "5月20日（星期一）"]
    assert wb["第2期"]["A2"].value.startswith("培训时间：2013年5月16日—20日")
    assert wb["第1期"]["B5"].value == "甲" and wb["第2期"]["B5"].value == "乙"


def test_a_long_class_is_split_into_sheets_of_at_most_five_days() -> None:
    year = the_year()
    plan = year.plan
    cls = find_class(plan, "youth-spring")
    days = year.schedule(cls).slots[0].days
    assert len(days) == 44
    people = [Enrollee(name=f"学员{i}", unit="zzb", post="科员") for i in range(45)]
    wb = book(signin_bytes(year, cls, Enrollment(cls.id, people)))
    assert wb.sheetnames == [f"签到表（{n}）" for n in "一二三四五六七八九"]
    assert wb["签到表（二）"]["A1"].value == "春期中青年干部理论培训班签到表（二）"
    shown = [h for ws in wb for h in day_heads(ws)]
    assert shown == [day_heading(d) for d in days]
    assert [len(day_heads(ws)) for ws in wb] == [5] * 8 + [4]
    assert "6月1日（星期六）" not in shown and "6月12日（星期三）" not in shown  # 端午 holiday
    for ws in wb:
        assert ws.max_row - 4 == 45 and ws.print_title_rows == "$3:$4"


def test_split_and_numbers() -> None:
    one = date(2013, 3, 1)
    assert split_days([]) == [[]]
    assert [len(x) for x in split_days([one] * 5)] == [5]
    assert [len(x) for x in split_days([one] * 10)] == [5, 5]
    assert [len(x) for x in split_days([one] * 11)] == [4, 4, 3]
    assert [len(x) for x in split_days([one] * 21)] == [5, 4, 4, 4, 4]
    assert [len(x) for x in split_days([one] * 21, most=7)] == [7, 7, 7]
    assert [cn_number(n) for n in (1, 9, 10, 12, 20, 37)] == [
        "一",
        "九",
        "十",
        "十二",
        "二十",
        "三十七",
    ]


def test_same_bytes_and_formula_like_text_stays_text() -> None:
    year = the_year()
    plan = year.plan
    cls = find_class(plan, "women-leaders")
    people = [Enrollee(name=t, unit="chengguan", post=t) for t in NASTY]
    data = signin_bytes(year, cls, Enrollment(cls.id, people))
    assert signin_bytes(year, cls, Enrollment(cls.id, people)) == data
    ws = book(data)["签到表"]
    for r, text in enumerate(NASTY, start=5):
        assert ws.cell(r, 2).value == text and ws.cell(r, 2).data_type == "s"
        assert ws.cell(r, 3).value == "城关镇" + text and ws.cell(r, 3).data_type == "s"


def test_run_signin(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(PLAN, tmp_path / "plan.yaml")
    year = the_year(tmp_path / "plan.yaml")
    out = tmp_path / "out"
    with pytest.raises(CannotProceed) as missing:
        run_signin(year, "十八大轮训班", out)
    assert missing.value.exit_code == 1 and "还没有报名名单" in missing.value.message
    folder = tmp_path / "enrollments"
    folder.mkdir()
    shutil.copy(enrollment_path(the_year().plan, "rotation-18th"), folder)
    assert run_signin(year, "十八大轮训班", out) == 0
    captured = capsys.readouterr()
    assert "第3期没有排定日期" in captured.err
    target = out / "rotation-18th-签到表.xlsx"
    assert f"已写入 {target}" in captured.out
    data = target.read_bytes()
    assert openpyxl.load_workbook(target).sheetnames == ["第1期", "第2期", "第3期"]
    assert run_signin(year, "rotation-18th", out) == 0
    assert target.read_bytes() == data
