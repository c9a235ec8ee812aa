"""花名册: real workbooks written and read back; the committed enrollment fixtures."""

from __future__ import annotations

import io
import re
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from cadretrain.cli.document_steps import run_roster
from cadretrain.core.diagnostics import Sink
from cadretrain.core.errors import CannotProceed
from cadretrain.core.wording import span_text
from cadretrain.documents.roster import assign_groups, roster_bytes
from cadretrain.enroll.enrollment import (
    Enrollee,
    Enrollment,
    dump_enrollment,
    enrollment_path,
    load_enrollment,
)
from cadretrain.files.xlsx import text_width
from cadretrain.plan.lookup import find_class
from cadretrain.plan.model import Plan
from cadretrain.year.model import Year
from cadretrain.year.pipeline import load_year
from tests import fixtures_enrollments
from tests.conftest import ROOT

PLAN = ROOT / "plans" / "2013-county.yaml"
NASTY = ['=HYPERLINK("http://x","点我")', "@SUM(1)", "#N/A", "+1", "-2"]
ID_RE = re.compile(r"\d{17}[\dX]")
PHONE_RE = re.compile(r"1\d{10}")


def the_year() -> Year:
    year = load_year(PLAN, checks=False)
    assert year is not None
    return year


def enrolled(plan: Plan, class_id: str) -> Enrollment:
    sink = Sink()
    enrollment = load_enrollment(enrollment_path(plan, class_id), sink)
    assert enrollment is not None and not sink.items
    return enrollment


def book(data: bytes) -> Any:
    return openpyxl.load_workbook(io.BytesIO(data))


def rows_of(ws: Any, first: int) -> list[list[Any]]:
    return [[c.value for c in row] for row in ws.iter_rows(min_row=first)]


def heads(ws: Any, row: int = 3) -> list[Any]:
    return [c.value for c in ws[row]]


@pytest.mark.parametrize("class_id", fixtures_enrollments.CLASSES)
def test_committed_fixtures_equal_the_generator(class_id: str) -> None:
    year = the_year()
    plan = year.plan
    committed = enrollment_path(plan, class_id).read_text(encoding="utf-8")
    assert committed == fixtures_enrollments.make(plan, class_id)


def test_fixtures_follow_the_quota_and_the_class_rules() -> None:
    year = the_year()
    plan = year.plan
    rotation = enrolled(plan, "rotation-18th")
    assert len(rotation.people) == 900
    assert Counter(p.session for p in rotation.people) == {1: 300, 2: 300, 3: 300}
    assert {p.rank for p in rotation.people} == {"乡科级正职", "乡科级副职"}
    women = enrolled(plan, "women-leaders")
    assert len(women.people) == 118
    assert {p.sex for p in women.people} == {"女"} and {p.session for p in women.people} == {0}


def test_rotation_roster_layout() -> None:
    year = the_year()
    plan = year.plan
    cls = find_class(plan, "rotation-18th")
    enrollment = enrolled(plan, cls.id)
    wb = book(roster_bytes(year, cls, enrollment))
    assert wb.sheetnames == ["全部", "第1期", "第2期", "第3期"]
    expected_heads = ["序号", "姓名", "性别", "民族", "出生年月", "单位及职务", "职级", "联系电话"]
    for ws in wb:
        assert "A1:I1" in {str(r) for r in ws.merged_cells.ranges}
        assert ws["A2"].value == "制表单位：中共县委组织部"
        assert any(c.value == "制表日期：2013年2月19日" for c in ws[2])
        assert heads(ws) == [*expected_heads, "备注"]
        assert ws["A3"].font.name == "黑体" and ws["B4"].font.name == "宋体"
        assert ws["A3"].border.bottom.style == "thin" and ws["F4"].alignment.wrap_text
        assert ws.print_title_rows == "$3:$3"
        assert ws.freeze_panes == "A4"
        assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "landscape"
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.oddFooter.center.text == "第 &P 页，共 &N 页"
        posts = [row[5] for row in rows_of(ws, 4)]
        longest = max(text_width(p) for p in posts)
        assert ws.column_dimensions["F"].width >= longest + 2  # CJK: 2 per character
        assert not any(ID_RE.fullmatch(str(v)) for row in rows_of(ws, 4) for v in row)
    assert wb["全部"]["A1"].value == "全县乡科级领导干部学习十八大精神轮训班学员花名册"
    assert wb["第1期"]["A1"].value.endswith("学员花名册（第1期 2013年3月13日—15日）")
    assert wb["第3期"]["A1"].value.endswith("（第3期 日期未排定）")  # CT301: no room for it
    assert wb["全部"].max_row - 3 == 900
    for n in (1, 2, 3):
        ws = wb[f"第{n}期"]
        names = [row[1] for row in rows_of(ws, 4)]
        assert names == [p.name for p in enrollment.people if p.session == n]
        assert [row[0] for row in rows_of(ws, 4)] == list(range(1, 301))
    first = rows_of(wb["全部"], 4)[0]
    assert first == [
        1,
        "孔秀",
        "女",
        "汉族",
        "1974.06",
        "城关镇党委书记",
        "乡科级正职",
        "18992222367",
        None,
    ]
    assert wb["全部"]["E4"].data_type == "s"  # 出生年月 stays text, not 1974.6


def test_id_numbers_only_when_asked() -> None:
    year = the_year()
    plan = year.plan
    cls = find_class(plan, "women-leaders")
    enrollment = enrolled(plan, cls.id)
    plain = book(roster_bytes(year, cls, enrollment))
    assert plain.sheetnames == ["全部"]  # one session: no per-session sheet
    assert "身份证号" not in heads(plain["全部"])
    ws = book(roster_bytes(year, cls, enrollment, with_id=True))["全部"]
    row3 = heads(ws)
    assert row3[4:7] == ["出生年月", "身份证号", "单位及职务"]
    ids = [row[5] for row in rows_of(ws, 4)]
    assert ids == [p.id_number for p in enrollment.people]
    assert all(ID_RE.fullmatch(i) for i in ids) and ws.cell(4, 6).data_type == "s"
    with pytest.raises(ValueError):
        roster_bytes(year, cls, enrollment, columns=["姓名", "身份证号"])
    with pytest.raises(ValueError):
        roster_bytes(year, cls, enrollment, columns=["姓名", "工资"])
    chosen = book(roster_bytes(year, cls, enrollment, columns=["序号", "姓名", "政治面貌"]))
    assert heads(chosen["全部"]) == ["序号", "姓名", "政治面貌"]
    assert chosen["全部"]["C4"].value == enrollment.people[0].politics


def test_same_bytes_every_time_and_formula_like_text_stays_text() -> None:
    year = the_year()
    plan = year.plan
    cls = find_class(plan, "women-leaders")
    people = [
        Enrollee(name=text, unit="chengguan", post=text, note=text, sex="女") for text in NASTY
    ]
    enrollment = Enrollment(cls.id, people)
    data = roster_bytes(year, cls, enrollment, groups=2)
    assert roster_bytes(year, cls, enrollment, groups=2) == data
    ws = book(data)["全部"]
    for r, text in enumerate(NASTY, start=4):
        assert ws.cell(r, 2).value == text and ws.cell(r, 2).data_type == "s"
        assert ws.cell(r, 6).value == "城关镇" + text and ws.cell(r, 6).data_type == "s"
        assert ws.cell(r, 10).value == text and ws.cell(r, 10).data_type == "s"
    assert ws.cell(4, 2).quotePrefix  # stays text when edited in Excel or WPS


def test_groups_are_balanced_by_size_and_unit() -> None:
    year = the_year()
    plan = year.plan
    cls = find_class(plan, "rotation-18th")
    enrollment = enrolled(plan, cls.id)
    wb = book(roster_bytes(year, cls, enrollment, groups=8))
    assert heads(wb["全部"])[-2:] == ["分组", "备注"]
    for n in (1, 2, 3):
        rows = rows_of(wb[f"第{n}期"], 4)
        groups = [row[8] for row in rows]
        sizes = Counter(groups)
        assert set(sizes) == {f"第{g}组" for g in range(1, 9)}
        assert max(sizes.values()) - min(sizes.values()) <= 1
        people = [p for p in enrollment.people if p.session == n]
        for unit in {p.unit for p in people}:
            per = Counter(g for p, g in zip(people, groups, strict=True) if p.unit == unit)
            counts = [per.get(f"第{g}组", 0) for g in range(1, 9)]
            assert max(counts) - min(counts) <= 1, (unit, counts)
    # the same person has the same group on 全部 and on their session's sheet
    everyone = {tuple(row[1:8]): row[8] for row in rows_of(wb["全部"], 4)}
    assert len(everyone) == 900
    assert all(everyone[tuple(row[1:8])] == row[8] for row in rows_of(wb["第2期"], 4))


def test_people_without_a_session_are_only_on_the_all_sheet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    year = copy_year(tmp_path)
    plan = year.plan
    cls = find_class(plan, "rotation-18th")
    people = [
        Enrollee(name="甲", unit="chengguan", session=1),
        Enrollee(name="乙", unit="xwb"),
        Enrollee(name="丙", unit="dongguan", session=2),
    ]
    save_enrollment(plan, Enrollment(cls.id, people))
    assert run_roster(year, "十八大轮训班", tmp_path / "out", groups=2) == 0
    assert "1 人没有分期" in capsys.readouterr().err
    wb = openpyxl.load_workbook(tmp_path / "out" / "rotation-18th-花名册.xlsx")
    assert [row[1] for row in rows_of(wb["全部"], 4)] == ["甲", "丙", "乙"]  # units in plan order
    assert rows_of(wb["全部"], 4)[2][8:] == [None, "未分期"]
    assert [row[1] for row in rows_of(wb["第1期"], 4)] == ["甲"]
    assert [row[1] for row in rows_of(wb["第2期"], 4)] == ["丙"]
    assert wb["第3期"].max_row == 3


def copy_year(tmp_path: Path) -> Year:
    shutil.copy(PLAN, tmp_path / "plan.yaml")
    year = load_year(tmp_path / "plan.yaml", checks=False)
    assert year is not None
    return year


def save_enrollment(plan: Plan, enrollment: Enrollment) -> None:
    path = enrollment_path(plan, enrollment.class_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump_enrollment(enrollment, plan), encoding="utf-8")


def test_run_roster_needs_an_enrollment_and_keeps_edits(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    year = copy_year(tmp_path)
    plan = year.plan
    out = tmp_path / "out"
    with pytest.raises(CannotProceed) as missing:
        run_roster(year, "妇女干部班", out)
    assert missing.value.exit_code == 1
    assert "班次“妇女干部班”还没有报名名单" in missing.value.message
    assert "cadretrain collect" in missing.value.message
    with pytest.raises(CannotProceed) as unknown:
        run_roster(year, "没有这个班", out)
    assert unknown.value.exit_code == 2 and "计划中没有班次“没有这个班”" in unknown.value.message
    save_enrollment(plan, enrolled(the_year().plan, "women-leaders"))
    plan.issued = None
    assert run_roster(year, "妇女干部班", out) == 0
    target = out / "women-leaders-花名册.xlsx"
    assert f"已写入 {target}" in capsys.readouterr().out
    data = target.read_bytes()
    ws = openpyxl.load_workbook(target)["全部"]
    assert any(c.value == "制表日期：____年__月__日" for c in ws[2])
    assert ws.max_row - 3 == 118
    assert run_roster(year, "women-leaders", out) == 0
    assert target.read_bytes() == data  # a second run gives the same bytes
    target.write_bytes(data + b"edited")
    assert run_roster(year, "women-leaders", out) == 1  # an edited file is kept
    assert "--force" in capsys.readouterr().err
    assert run_roster(year, "women-leaders", out, force=True) == 0
    assert target.read_bytes() == data


def test_span_text() -> None:
    from datetime import date

    assert span_text([]) == "日期未排定"
    assert span_text([date(2013, 3, 13)]) == "2013年3月13日"
    assert span_text([date(2013, 3, 13), date(2013, 3, 15)]) == "2013年3月13日—15日"
    assert span_text([date(2013, 5, 13), date(2013, 7, 12)]) == "2013年5月13日—7月12日"
    assert span_text([date(2013, 12, 30), date(2014, 1, 3)]) == "2013年12月30日—2014年1月3日"


def test_groups_mix_sexes_and_ages_not_only_units() -> None:
    year = the_year()
    plan = year.plan
    people = [
        Enrollee(name=f"{unit}{sex}", unit=unit, sex=sex, birth=birth)
        for unit in ("chengguan", "dongguan", "xiguan", "beijiao")
        for sex, birth in (("男", "1970.01"), ("女", "1985.01"))
    ]
    numbers = assign_groups(plan, people, 2)
    for g in (1, 2):
        members = [p for p, n in zip(people, numbers, strict=True) if n == g]
        assert Counter(p.sex for p in members) == {"男": 2, "女": 2}
        assert len({p.unit for p in members}) == 4  # each unit once in each group
    assert assign_groups(plan, people, 0) == [0] * 8
    assert sorted(Counter(assign_groups(plan, people, 3)).values()) == [2, 3, 3]
    with pytest.raises(ValueError):
        assign_groups(plan, people, -1)


def test_plan_roster_columns_choose_the_columns_and_id_still_needs_the_option(
    tmp_path: Path,
) -> None:
    import io
    import shutil

    import openpyxl

    from cadretrain.core.diagnostics import Sink as _Sink
    from cadretrain.documents.roster import roster_bytes as _roster
    from cadretrain.enroll.enrollment import load_enrollment as _load
    from cadretrain.plan.lookup import find_class as _find
    from cadretrain.year.pipeline import load_year as _year

    root = Path(__file__).resolve().parent.parent
    text = (root / "plans" / "2013-county.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "  issued: 2013-02-19\n",
        "  issued: 2013-02-19\n  roster_columns: [序号, 姓名, 身份证号, 单位及职务, 备注]\n",
    )
    (tmp_path / "plan.yaml").write_text(text.replace("../examples/", ""), encoding="utf-8")
    shutil.copy(root / "examples" / "register-2013.csv", tmp_path)
    year = _year(tmp_path / "plan.yaml", _Sink(), checks=False)
    assert year is not None
    cls = _find(year.plan, "women-leaders")
    enrolled = _load(root / "plans" / "enrollments" / "women-leaders.yaml", _Sink())
    assert enrolled is not None

    def heads(data: bytes) -> list[object]:
        ws = openpyxl.load_workbook(io.BytesIO(data))["全部"]
        return [c.value for c in ws[3] if c.value]

    assert heads(_roster(year, cls, enrolled)) == ["序号", "姓名", "单位及职务", "备注"]
    assert heads(_roster(year, cls, enrolled, with_id=True)) == [
        "序号",
        "姓名",
        "身份证号",
        "单位及职务",
        "备注",
    ]
