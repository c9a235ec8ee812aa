"""考勤: sign-in sheets written by ``signin_bytes``, filled with openpyxl, read back."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from cadretrain.cli.records_steps import run_attendance
from cadretrain.core.codes import CODES
from cadretrain.core.diagnostics import Diagnostic, Sink
from cadretrain.core.errors import CannotProceed
from cadretrain.documents.signin import signin_bytes
from cadretrain.enroll.enrollment import Enrollee, Enrollment, enrollment_path, load_enrollment
from cadretrain.plan.lookup import find_class
from cadretrain.plan.model import Plan, TrainingClass
from cadretrain.records.attendance import (
    Attendance,
    Mark,
    PersonAttendance,
    attendance_bytes,
    percent,
)
from cadretrain.records.attendance_files import read_attendance, read_for_statistics
from cadretrain.records.attendance_sheet import classify
from cadretrain.synth.attendance import filled_signin
from cadretrain.year.model import Year
from tests.conftest import BUNDLED_PLAN, ROOT, bundled_year

PLAN = BUNDLED_PLAN
EXAMPLE = ROOT / "examples" / "attendance" / "women-leaders-签到表（已填）.xlsx"
# the 妇女干部班 sheet (5月7日—9日): columns D…I = 7日上午, 7日下午 … 9日下午; people from row 5


@pytest.fixture(scope="module")
def year() -> Year:
    return bundled_year()


def enrolled(plan: Plan, class_id: str) -> Enrollment:
    sink = Sink()
    enrollment = load_enrollment(enrollment_path(plan, class_id), sink)
    assert enrollment is not None and not sink.items
    return enrollment


def small(plan: Plan, n: int = 4) -> tuple[TrainingClass, Enrollment]:
    """The 妇女干部班 with its first ``n`` people: quick to write and read."""
    cls = find_class(plan, "women-leaders")
    return cls, Enrollment(cls.id, enrolled(plan, cls.id).people[:n])


def fill(
    data: bytes, path: Path, marks: Mapping[str, object], default: object = "✓", sheet: str = ""
) -> Path:
    """Fill every signature box with ``default``, then the cells in ``marks`` (None: empty)."""
    wb = openpyxl.load_workbook(io.BytesIO(data))
    sheets: list[Any] = [wb[sheet]] if sheet else list(wb.worksheets)
    for ws in sheets:
        last = ws.max_column  # 备注
        for row in range(5, ws.max_row + 1):
            for col in range(4, last):
                ws.cell(row, col).value = default
        for ref, value in marks.items():
            ws[ref].value = value
    wb.save(path)
    return path


def read(
    year: Year, cls: TrainingClass, enrollment: Enrollment, files: list[Path]
) -> tuple[Attendance, list[Diagnostic]]:
    sink = Sink()
    att = read_attendance(year, cls, enrollment, files, sink)
    return att, sink.items


def codes(diags: list[Diagnostic]) -> list[str]:
    return [d.code for d in diags]


def test_round_trip_everyone_present(year: Year, tmp_path: Path) -> None:
    plan = year.plan
    cls = find_class(plan, "women-leaders")
    enrollment = enrolled(plan, cls.id)
    path = fill(signin_bytes(year, cls, enrollment), tmp_path / "filled.xlsx", {})
    att, diags = read(year, cls, enrollment, [path])
    assert diags == []
    assert len(att.people) == len(enrollment.people) > 0
    assert [p.person for p in att.people] == list(enrollment.people)
    assert all(
        (p.half_days, p.present, p.missed, p.not_recorded) == (6, 6, 0, 0) for p in att.people
    )
    assert att.rate() == 1 and att.flagged() == []
    assert len(att.sessions) == 1 and len(att.sessions[0].recorded) == 6


@pytest.mark.parametrize(
    ("value", "mark"),
    [
        ("✓", Mark.PRESENT),
        ("√", Mark.PRESENT),
        ("1", Mark.PRESENT),
        (1, Mark.PRESENT),
        ("１", Mark.PRESENT),  # full-width digit
        ("NAME", Mark.PRESENT),  # the person's own name
        ("迟到", Mark.LATE),
        ("请假", Mark.LEAVE),
        ("假", Mark.LEAVE),
        ("病假", Mark.LEAVE),
        ("缺勤", Mark.ABSENT),
        ("缺", Mark.ABSENT),
        ("旷课", Mark.ABSENT),
        ("×", Mark.ABSENT),
        (0, Mark.ABSENT),
        (None, Mark.ABSENT),  # empty, in a column others signed
        ("  ", Mark.ABSENT),
        ("出差", Mark.UNREAD),
        ("OTHER", Mark.UNREAD),  # someone else's name: signed for them?
        ("✓?", Mark.UNREAD),
        (2, Mark.UNREAD),
    ],
)
def test_each_mark_kind(year: Year, tmp_path: Path, value: object, mark: Mark) -> None:
    plan = year.plan
    cls, enrollment = small(plan)
    first, second = enrollment.people[0].name, enrollment.people[1].name
    value = {"NAME": first, "OTHER": second}.get(value, value) if isinstance(value, str) else value
    path = fill(signin_bytes(year, cls, enrollment), tmp_path / "f.xlsx", {"F5": value})
    att, diags = read(year, cls, enrollment, [path])
    person = att.people[0]
    assert list(person.marks.values()).count(mark) == (1 if mark is not Mark.PRESENT else 6)
    assert person.present == (6 if mark in (Mark.PRESENT, Mark.LATE) else 5)
    assert person.late == (mark is Mark.LATE)
    assert person.leave == (mark is Mark.LEAVE) and person.absent == (mark is Mark.ABSENT)
    assert codes(diags) == (["CT802"] if mark is Mark.UNREAD else [])
    assert all(p.present == 6 for p in att.people[1:])


def test_unreadable_mark_names_file_sheet_and_cell(year: Year, tmp_path: Path) -> None:
    plan = year.plan
    cls, enrollment = small(plan)
    path = fill(signin_bytes(year, cls, enrollment), tmp_path / "第一天.xlsx", {"G7": "出差"})
    att, diags = read(year, cls, enrollment, [path])
    (d,) = diags
    assert d.code == "CT802" and d.severity.zh == "错误"
    assert (d.pos.file, d.pos.line, d.pos.col) == (str(path), 7, 7)
    assert d.message.startswith("签到表!G7：") and "出差" in d.message and "5月8日下午" in d.message
    person = att.people[2]  # row 7
    assert (person.unread, person.present, person.missed) == (1, 5, 0)
    assert person.rate == 1  # 待核 is left out of the rate, not counted as present


def test_a_column_nobody_signed_is_not_recorded(year: Year, tmp_path: Path) -> None:
    plan = year.plan
    cls, enrollment = small(plan)
    empty = {f"I{r}": None for r in range(5, 9)}  # 5月9日下午
    empty["E6"] = None  # one person did not sign 5月7日下午: absent
    path = fill(signin_bytes(year, cls, enrollment), tmp_path / "f.xlsx", empty)
    att, diags = read(year, cls, enrollment, [path])
    assert codes(diags) == ["CT803"]
    assert diags[0].message.startswith("签到表!I4：5月9日（星期四）下午一栏全部为空")
    assert [p.not_recorded for p in att.people] == [1, 1, 1, 1]
    assert [p.absent for p in att.people] == [0, 1, 0, 0]
    assert att.people[0].rate == 1 and att.people[1].rate == Fraction(4, 5)
    assert att.rate() == Fraction(19, 20)


def test_art15_boundary() -> None:
    who = Enrollee(name="甲", unit="chengguan")

    def person(half_days: int, leave: int, absent: int = 0, unread: int = 0) -> PersonAttendance:
        kinds = [Mark.LEAVE] * leave + [Mark.ABSENT] * absent + [Mark.UNREAD] * unread
        marks: dict[Any, Mark] = {(i, "上午"): m for i, m in enumerate(kinds)}
        return PersonAttendance(who, 0, half_days, marks)

    assert not person(14, 2).over() and person(14, 3).over()  # exactly 1/7 is allowed
    assert not person(7, 1).over() and person(7, 2).over()
    assert person(14, 2, absent=1).over()  # leave and absence count together
    assert person(6, 1).over()  # a 3-day class: one half-day is already over 1/7
    assert not person(6, 0).over()
    assert not person(10, 2).over(Fraction(1, 5)) and person(10, 3).over(Fraction(1, 5))
    assert person(14, 2, unread=1).maybe_over() and not person(14, 1, unread=1).maybe_over()


def test_art15_flag_read_from_a_sheet(year: Year, tmp_path: Path) -> None:
    plan = year.plan
    cls, enrollment = small(plan)
    marks = {"F5": "请假", "G5": "请假", "D6": "迟到", "E6": "迟到"}
    path = fill(signin_bytes(year, cls, enrollment), tmp_path / "f.xlsx", marks)
    att, _ = read(year, cls, enrollment, [path])
    assert [p.person.name for p in att.flagged()] == [enrollment.people[0].name]
    assert att.people[1].late == 2 and not att.people[1].over()


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows([["姓名", "单位", "日期", "时段", "状态"], *rows])
    return path


def test_csv_records(year: Year, tmp_path: Path) -> None:
    plan = year.plan
    cls, enrollment = small(plan, 3)
    a, b, c = enrollment.people
    unit = {p.name: plan.units[p.unit].name for p in enrollment.people}
    rows = [[p.name, unit[p.name], f"2013-05-0{d}", h, "✓"] for p in (a, b) for d in (7, 8, 9)
            for h in ("上午", "下午")]  # fmt: skip
    rows[1][4] = "请假"  # a, 5月7日下午
    rows[7][4] = "迟到"  # b, 5月7日下午
    rows.append([c.name, unit[c.name], "2013/5/7", "上午", "√"])  # c has one row only
    rows.append(["查无此人", "城关镇", "2013-05-07", "上午", "✓"])
    rows.append([a.name, unit[a.name], "2013-05-10", "上午", "✓"])  # not a training day
    rows.append([b.name, unit[b.name], "2013-05-08", "晚上", "✓"])
    path = write_csv(tmp_path / "考勤.csv", rows)
    att, diags = read(year, cls, enrollment, [path])
    assert codes(diags) == ["CT804", "CT805", "CT805"]
    assert [(d.pos.line, d.pos.col) for d in diags] == [(15, 1), (16, 3), (17, 4)]
    assert "5月10日不是班次" in diags[1].message and "晚上" in diags[2].message
    first, second, third = att.people
    assert (first.present, first.leave, first.over()) == (5, 1, True)
    assert (second.present, second.late) == (6, 1)
    assert (third.present, third.absent) == (1, 5)  # no row for a recorded half-day: absent


def test_csv_without_the_columns(year: Year, tmp_path: Path) -> None:
    plan = year.plan
    cls, enrollment = small(plan)
    path = tmp_path / "x.csv"
    path.write_text("姓名,状态\n张三,✓\n", encoding="utf-8")
    att, diags = read(year, cls, enrollment, [path])
    assert codes(diags) == ["CT801", "CT807"]
    assert "单位" in diags[0].message and "日期" in diags[0].message
    assert all(p.not_recorded == 6 for p in att.people)


def test_names_and_dates_must_match(year: Year, tmp_path: Path) -> None:
    plan = year.plan
    cls, enrollment = small(plan)
    marks = {"B6": "别人", "D3": "5月7日（星期三）"}  # a stranger; a wrong weekday
    path = fill(signin_bytes(year, cls, enrollment), tmp_path / "f.xlsx", marks)
    att, diags = read(year, cls, enrollment, [path])
    # CT803: 5月7日 is in no sheet that could be dated
    assert codes(diags) == ["CT805", "CT804", "CT803", "CT807"]
    by_code = {d.code: d for d in diags}
    assert by_code["CT804"].message.startswith("签到表!B6：“别人”")
    assert by_code["CT805"].message.startswith("签到表!D3：") and "星期" in by_code["CT805"].message
    assert enrollment.people[1].name in by_code["CT807"].message
    assert att.people[1].not_recorded == 6
    assert att.people[0].not_recorded == 2  # 5月7日 could not be dated


def test_two_files_that_disagree(year: Year, tmp_path: Path) -> None:
    plan = year.plan
    cls, enrollment = small(plan)
    data = signin_bytes(year, cls, enrollment)
    one = fill(data, tmp_path / "a.xlsx", {})
    two = fill(data, tmp_path / "b.xlsx", {"E5": "请假"})
    same = fill(data, tmp_path / "c.xlsx", {})
    att, diags = read(year, cls, enrollment, [one, two, same])
    assert codes(diags) == ["CT806"]
    assert "a.xlsx 签到表!E5" in diags[0].message and "b.xlsx 签到表!E5" in diags[0].message
    assert att.people[0].unread == 1 and att.people[1].present == 6


def rotation(plan: Plan) -> tuple[TrainingClass, Enrollment]:
    cls = find_class(plan, "rotation-18th")
    everyone = enrolled(plan, cls.id).people
    people = [p for n in (1, 2, 3) for p in [p for p in everyone if p.session == n][:3]]
    return cls, Enrollment(cls.id, people)


def test_sessions_are_told_apart(year: Year, tmp_path: Path) -> None:
    plan = year.plan
    cls, enrollment = rotation(plan)  # 3 per session; 第3期 is not scheduled (CT301)
    data = signin_bytes(year, cls, enrollment)
    first = fill(data, tmp_path / "一.xlsx", {"D6": "请假"}, sheet="第1期")
    dated = {"D3": "3月21日（星期四）", "F3": "3月22日", "H3": "2013-03-25"}
    third = fill(data, tmp_path / "三.xlsx", {**dated, "E5": "缺"}, sheet="第3期")
    att, diags = read(year, cls, enrollment, [first, third])
    # both files carry every sheet; blank sheets are skipped, so nothing has 第2期
    assert codes(diags) == ["CT807"] and diags[0].message.startswith("第2期没有签到表")
    s1, s2, s3 = att.sessions
    assert (len(s1.half_days), len(s1.recorded), len(s2.recorded)) == (6, 6, 0)
    assert [h[0].isoformat() for h in s3.half_days[::2]] == [
        "2013-03-21",
        "2013-03-22",
        "2013-03-25",
    ]
    assert [p.missed for p in att.people] == [0, 1, 0, 0, 0, 0, 1, 0, 0]
    assert percent(att.rate(1)) == "94.4%" and percent(att.rate(2)) == "—"


def test_a_sheet_of_an_unknown_session(year: Year, tmp_path: Path) -> None:
    plan = year.plan
    cls, enrollment = rotation(plan)
    wb = openpyxl.load_workbook(io.BytesIO(signin_bytes(year, cls, enrollment)))
    for ws in wb.worksheets:
        ws.title = ws.title.replace("第", "Sheet").replace("期", "")
        ws["A1"].value = "签到表"
    path = tmp_path / "改名.xlsx"
    wb.save(path)
    _att, diags = read(year, cls, enrollment, [path])
    assert codes(diags).count("CT801") == 3 and codes(diags).count("CT807") == 3


def test_not_a_sign_in_sheet(year: Year, tmp_path: Path) -> None:
    plan = year.plan
    cls, enrollment = small(plan)
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["姓名", "3月13日", "3月14日"])
    wb.save(tmp_path / "x.xlsx")
    broken = tmp_path / "y.xlsx"
    broken.write_bytes(b"not a workbook")
    _att, diags = read(year, cls, enrollment, [tmp_path / "x.xlsx", broken, tmp_path / "no.xlsx"])
    assert codes(diags) == ["CT801", "CT801", "CT801", "CT807"]


def test_bundled_example_is_current_and_reads_as_documented(year: Year) -> None:
    plan = year.plan
    cls = find_class(plan, "妇女干部班")
    enrollment = enrolled(plan, cls.id)
    assert EXAMPLE.read_bytes() == filled_signin(year, cls, enrollment), (
        "run: python -m cadretrain.synth.attendance plans/2013-county.yaml women-leaders "
        "examples/attendance"
    )
    att, diags = read(year, cls, enrollment, [EXAMPLE.parent])
    assert [(d.code, d.message.split("：")[0]) for d in diags] == [
        ("CT802", "签到表!G65"),
        ("CT803", "签到表!I4"),
    ]
    assert (att.total("present"), att.total("late"), att.total("leave")) == (587, 3, 2)
    assert (att.total("absent"), att.total("unread"), att.total("not_recorded")) == (0, 1, 118)
    assert percent(att.rate()) == "99.7%"
    assert [(p.person.name, p.leave) for p in att.flagged()] == [("李敏凤", 2)]
    assert [p.person.name for p in att.people if p.maybe_over()] == ["吕洁丹"]


def test_run_attendance_writes_the_statistics(
    year: Year, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = year.plan
    monkeypatch.setenv("COLUMNS", "200")
    code = run_attendance(year, "妇女干部班", [EXAMPLE], tmp_path)
    out, err = capsys.readouterr()
    assert code == 1  # the unreadable 出差
    assert "CT802" in err and "签到表!G65" in err
    assert "李敏凤" in out and "应予退学" in out and "99.7%" in out
    target = tmp_path / "women-leaders-考勤统计.xlsx"
    ws = openpyxl.load_workbook(target)["考勤统计"]
    assert ws["A1"].value == "全县妇女领导干部培训班考勤统计"
    assert [c.value for c in ws[3]][:4] == ["序号", "姓名", "单位及职务", "期次"]
    assert ws.max_row == 3 + 118 + 1
    last = [c.value for c in ws[ws.max_row]]
    assert last[1] == "合计" and last[4:12] == [708, 587, 3, 2, 0, 118, 1, "99.7%"]
    flagged = [r for r in ws.iter_rows(min_row=4, values_only=True) if r[1] == "李敏凤"]
    assert flagged and str(flagged[0][12]).startswith("缺课超过 1/7")
    assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "landscape"
    assert ws.print_title_rows == "$3:$3"
    again = run_attendance(year, "妇女干部班", [EXAMPLE], tmp_path)
    capsys.readouterr()
    assert again == 1 and target.read_bytes() == attendance_bytes(
        plan,
        read(year, find_class(plan, "妇女干部班"), enrolled(plan, "women-leaders"), [EXAMPLE])[0],
    )


def test_run_attendance_exit_codes(
    year: Year, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = year.plan
    cls = find_class(plan, "women-leaders")
    clean = fill(signin_bytes(year, cls, enrolled(plan, cls.id)), tmp_path / "ok.xlsx", {})
    assert run_attendance(year, "妇女干部班", [clean], tmp_path / "out") == 0
    assert run_attendance(year, "没有这个班", [clean], tmp_path / "out") == 2
    assert run_attendance(year, "妇女干部班", [], tmp_path / "out") == 2
    assert run_attendance(year, "妇女干部班", [tmp_path / "missing.xlsx"], tmp_path / "out") == 1
    capsys.readouterr()


def test_ct802_examples_hold() -> None:
    def values(label: str) -> list[str]:
        return re.findall(rf"^{label}：(\S+)$", CODES["CT802"].doc, re.M)

    assert values("通过") and values("不通过")
    assert all(classify(v) not in (None, Mark.UNREAD) for v in values("通过"))
    assert all(classify(v) is Mark.UNREAD for v in values("不通过"))


def test_marks_classify_without_a_sheet() -> None:
    read_: Callable[[object], Mark | None] = classify
    assert read_(None) is None and read_("") is None and read_("　") is None
    assert read_(True) is Mark.UNREAD and read_(1.0) is Mark.PRESENT and read_(0.5) is Mark.UNREAD
    assert classify("张 三", "张三") is Mark.PRESENT and classify("张三", "李四") is Mark.UNREAD
    assert classify("请假。") is Mark.LEAVE


def test_statistics_need_something_recorded(year: Year, tmp_path: Path) -> None:
    plan = year.plan
    cls, enrollment = small(plan)
    blank = fill(signin_bytes(year, cls, enrollment), tmp_path / "blank.xlsx", {}, default=None)
    sink = Sink()
    with pytest.raises(CannotProceed) as exc:
        read_for_statistics(year, cls, enrollment, [blank], sink)
    assert exc.value.exit_code == 1 and exc.value.message.startswith("没有读到任何考勤记录")
    assert exc.value.diagnostics == sink.items and codes(sink.items) == ["CT807"]
    ok = fill(signin_bytes(year, cls, enrollment), tmp_path / "ok.xlsx", {})
    assert read_for_statistics(year, cls, enrollment, [ok], Sink()).rate() == 1
