"""学时台账: hours per cadre per year from enrollments, checked against 条例 Art. 14."""

from __future__ import annotations

import io
import shutil
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from cadretrain.cli.records_folder_steps import run_hours
from cadretrain.core.diagnostics import Pos, Sink
from cadretrain.core.errors import CannotProceed
from cadretrain.enroll.enrollment import load_enrollments
from cadretrain.enroll.register import Cadre
from cadretrain.plan.model import Plan
from cadretrain.records.ledger import (
    BASIC,
    BY_ATTENDANCE,
    LEADER,
    Ledger,
    Thresholds,
    attended_key,
    ledger,
    num,
    person_key,
)
from cadretrain.records.ledger_check import Status, check, rank_group
from cadretrain.records.ledger_sheet import ledger_bytes
from cadretrain.records.outside import ledger_rows, read_outside
from cadretrain.records.plan_folder import find_unit, load_plans, plan_year, unit_label
from tests.conftest import ROOT

PLANS = ROOT / "plans"
RANKS = ["县处级正职", "县处级副职", "乡科级正职", "乡科级副职", "一级主任科员", "科员"]
ID_A = "11010519491231002X"  # valid GB 11643 examples (REFERENCE.md)
ID_B = "440524188001010014"


def bundled() -> tuple[list[Plan], Ledger]:
    folder = load_plans(PLANS)
    sink = Sink()
    book = ledger(folder.years, sink)
    assert not sink.items
    return folder.plans, book


# --- synthetic plans -----------------------------------------------------------------------


def write_plan(
    folder: Path,
    year: int,
    classes: list[dict[str, Any]],
    people: dict[str, list[dict[str, Any]]],
    hours_per_day: float | None = None,
) -> Path:
    """A plan of ``year`` with classes meeting every day (weekends: true, so holidays do not
    move the counts) and their enrollments in ``folder/enrollments``."""
    import yaml

    rate = f"  hours_per_day: {hours_per_day}\n" if hours_per_day is not None else ""
    lines = [
        f"plan:\n  title: {year}年测试计划\n  year: {year}\n",
        f"  organizer: 中共测试县委组织部\n{rate}",
        f"ranks: [{', '.join(RANKS)}]\n",
        "units:\n",
        "  - {id: chengguan, name: 城关镇, aliases: [城关]}\n",
        "  - {id: dongguan, name: 东关街道}\n",
        "classes:\n",
    ]
    for c in classes:
        lines.append(f"  - id: {c['id']}\n    name: {c.get('name', c['id'] + '班')}\n")
        lines.append(f"    when: {c['when']}\n    weekends: true\n")
        for key in ("fieldwork_days", "hours_per_day", "sessions"):
            if key in c:
                lines.append(f"    {key}: {c[key]}\n")
    path = folder / f"{year}.yaml"
    path.write_text("".join(lines), encoding="utf-8")
    (folder / "enrollments").mkdir(exist_ok=True)
    for class_id, rows in people.items():
        body = {"class": class_id, "people": rows}
        text = yaml.safe_dump(body, allow_unicode=True, sort_keys=False)
        (folder / "enrollments" / f"{class_id}.yaml").write_text(text, encoding="utf-8")
    return path


def span(year: int, month: int, first: int, days: int) -> str:
    """``{year}年{month}月{first}日—{last}日``: ``days`` calendar days (each a training day)."""
    return f"{year}年{month}月{first}日—{first + days - 1}日"


def person(name: str, ident: str = "", unit: str = "chengguan", rank: str = "乡科级副职") -> Any:
    row = {"name": name, "unit": unit, "rank": rank}
    if ident:
        row["id_number"] = ident
    return row


def statuses(folder: Path, year: int, **kw: Any) -> dict[str, Status]:
    years = load_plans(folder).years
    sink = Sink()
    book = ledger(years, sink, **kw)
    assert not sink.items
    return {s.person.name: s for s in check(book, year)}


def test_exactly_90_passes_and_89_9_is_short_with_class_rate_overriding_the_plan(
    tmp_path: Path,
) -> None:
    classes: list[dict[str, Any]] = [
        {"id": "twelve", "when": span(2013, 9, 2, 12)},  # 12 days × 7.5 = 90
        {"id": "ten", "when": span(2013, 10, 8, 10), "hours_per_day": 8.99},  # 89.9
    ]
    write_plan(tmp_path, 2013, classes, {"twelve": [person("甲")], "ten": [person("乙")]})
    got = statuses(tmp_path, 2013)
    a, b = got["甲"], got["乙"]
    assert a.this_year.hours == Decimal("90") and a.this_year.days == 12
    assert a.ok and a.status_text == "达标" and a.short_hours == 0
    assert b.this_year.hours == Decimal("89.9") and b.this_year.days == 10
    assert not b.ok
    assert b.short_hours == Decimal("0.1") and b.short_days == 2
    assert b.status_text == "未达标，差0.1学时（或2天）"
    assert b.person.entries[0].rate == Decimal("8.99")
    assert a.person.entries[0].rate == Decimal("7.5")


def test_plan_rate_applies_and_twelve_days_pass_even_below_90_hours(tmp_path: Path) -> None:
    classes: list[dict[str, Any]] = [
        {"id": "twelve", "when": span(2013, 9, 2, 12)},
        {"id": "eleven", "when": span(2013, 10, 8, 11), "hours_per_day": 8},
    ]
    people = {"twelve": [person("甲")], "eleven": [person("乙")]}
    write_plan(tmp_path, 2013, classes, people, hours_per_day=6)
    got = statuses(tmp_path, 2013)
    assert got["甲"].this_year.hours == 72 and got["甲"].ok  # 12 days: the days figure is met
    assert got["乙"].this_year.hours == 88 and not got["乙"].ok  # 11 days × 8 (class rate)
    assert got["乙"].short_hours == 2 and got["乙"].short_days == 1


def test_fieldwork_is_counted_at_the_same_rate_but_kept_apart(tmp_path: Path) -> None:
    classes = [{"id": "youth", "when": span(2013, 5, 1, 20), "fieldwork_days": 5}]
    write_plan(tmp_path, 2013, classes, {"youth": [person("甲")]})
    s = statuses(tmp_path, 2013)["甲"]
    entry = s.person.entries[0]
    assert [entry.days, entry.class_days, entry.fieldwork_days] == [20, 15, 5]
    assert entry.class_hours == Decimal("112.5") and entry.fieldwork_hours == Decimal("37.5")
    assert s.this_year.hours == 150 and s.this_year.online_hours == 0
    assert s.this_year.class_hours == Decimal("112.5")
    assert s.this_year.fieldwork_hours == Decimal("37.5")


def test_two_years_are_kept_apart_and_the_same_id_is_one_cadre(tmp_path: Path) -> None:
    write_plan(
        tmp_path,
        2012,
        [{"id": "a2012", "when": span(2012, 9, 3, 10)}],
        {"a2012": [person("甲", ID_A), person("乙", ID_B)]},
    )
    write_plan(
        tmp_path,
        2013,
        [{"id": "a2013", "when": span(2013, 9, 2, 4)}],
        # the same ID with the name written differently, now in another unit and rank
        {"a2013": [person(" 甲 ", ID_A.lower(), unit="dongguan", rank="乡科级正职")]},
    )
    years = load_plans(tmp_path).years
    assert [y.plan.year for y in years] == [2012, 2013]
    book = ledger(years, Sink())
    assert book.years == [2012, 2013] and len(book.people) == 2
    cadre = book.people[ID_A]
    assert cadre.totals(2012, 2012).hours == 75 and cadre.totals(2013, 2013).hours == 30
    assert cadre.totals(2012, 2013).hours == 105
    assert (cadre.unit_in(2012), cadre.rank_in(2012)) == ("城关镇", "乡科级副职")
    assert (cadre.unit_in(2013), cadre.rank_in(2013)) == ("东关街道", "乡科级正职")
    by_2013 = {s.person.key: s for s in check(book, 2013)}
    assert by_2013[ID_A].this_year.hours == 30 and not by_2013[ID_A].ok  # 2012 does not count
    assert by_2013[ID_B].this_year.hours == 0 and by_2013[ID_B].short_hours == 90
    assert by_2013[ID_A].unit == "东关街道"
    assert [s.person.key for s in check(book, 2013, unit="城关镇")] == [ID_B]
    assert {s.person.key: s.ok for s in check(book, 2012)} == {ID_A: False, ID_B: False}


def test_a_leader_is_checked_over_five_years(tmp_path: Path) -> None:
    leader = person("县长", ID_A, rank="县处级副职")
    write_plan(tmp_path, 2009, [{"id": "y2009", "when": span(2009, 9, 1, 30)}], {"y2009": [leader]})
    write_plan(tmp_path, 2011, [{"id": "y2011", "when": span(2011, 3, 1, 30)}], {"y2011": [leader]})
    write_plan(
        tmp_path,
        2013,
        [{"id": "y2013", "when": span(2013, 3, 1, 13)}],
        {"y2013": [leader, person("科长", ID_B)]},
    )
    got = statuses(tmp_path, 2013)
    s = got["县长"]
    assert s.group == LEADER and s.rule == "5年550学时或66天"
    assert s.this_year.hours == Decimal("97.5")
    assert s.window.days == 73 and s.window.hours == Decimal("547.5")  # 2009–2013
    assert s.ok  # 73 days ≥ 66 although 547.5 < 550 学时
    assert got["科长"].group == BASIC and got["科长"].ok  # 13 days in the year
    years = load_plans(tmp_path).years
    later = {x.person.name: x for x in check(ledger(years, Sink()), 2014)}
    assert later["县长"].window.days == 43 and not later["县长"].ok  # 2010–2014 only
    assert later["县长"].short_hours == Decimal("227.5") and later["县长"].short_days == 23
    strict = Thresholds(leader_days=Decimal(80), leader_hours=Decimal(600))
    again = {x.person.name: x for x in check(ledger(years, Sink()), 2013, thresholds=strict)}
    assert not again["县长"].ok and again["县长"].short_hours == Decimal("52.5")


def test_rank_groups() -> None:
    for rank in ("县处级正职", "县处级副职", "厅局级副职", "四级调研员", "一级巡视员", "副县级"):
        assert rank_group(rank, RANKS) == LEADER, rank
    for rank in ("乡科级正职", "乡科级副职", "一级主任科员", "科员", "", "办事员"):
        assert rank_group(rank, RANKS) == BASIC, rank
    ranks = ["局长", "县处级副职", "乡科级正职"]  # a rank listed above a 县处级 one leads too
    assert rank_group("局长", ranks) == LEADER
    assert rank_group("乡科级正职", ranks) == BASIC


def test_sessions_estimates_and_attended_half_days(tmp_path: Path) -> None:
    classes = [
        {"id": "multi", "when": span(2013, 9, 2, 6), "sessions": "{count: 3, days: 3}"},
        {"id": "vague", "when": "十月中下旬,为期5天"},
        {"id": "plain", "when": span(2013, 11, 4, 5)},
    ]
    people = {
        "multi": [
            {**person("一期", ID_A), "session": "1"},
            {**person("三期"), "session": "3"},  # the third session does not fit in 6 days
            person("未分期"),
        ],
        "vague": [person("一期", ID_A)],
        "plain": [person("一期", ID_A), person("请假", ID_B)],
    }
    path = write_plan(tmp_path, 2013, classes, people)
    years = load_plans(tmp_path).years
    [plan] = [y.plan for y in years]
    by_name = {p.name: p for p in load_enrollments(plan, Sink())["plain"].people}
    attended = {attended_key(plan, "plain", by_name["请假"]): 7}  # 7 half-days = 3.5 days
    assert attended_key(plan, "plain", by_name["请假"]) == (str(path), "plain", ID_B)
    book = ledger(years, Sink(), attended=attended)
    entries = {(e.class_id, p.name): e for p in book.people.values() for e in p.entries}
    assert entries["multi", "一期"].days == 3 and entries["multi", "一期"].note == ""
    assert entries["multi", "三期"].days == 3
    assert entries["multi", "三期"].note == "第3期日期未排定，按计划每期 3 天计"
    assert entries["multi", "未分期"].note == "未分期，按一期 3 天计"
    assert entries["vague", "一期"].days == 5
    assert entries["vague", "一期"].note == "日期未定，按计划 5 天计"
    assert entries["plain", "请假"].days == Decimal("3.5")
    assert entries["plain", "请假"].basis == BY_ATTENDANCE
    assert entries["plain", "请假"].hours == Decimal("26.25")
    assert entries["plain", "一期"].days == 5


def test_register_adds_cadres_and_overrides_unit_and_rank(tmp_path: Path) -> None:
    write_plan(
        tmp_path,
        2013,
        [{"id": "a", "when": span(2013, 9, 2, 5)}],
        {"a": [person("甲", ID_A), person("丙")]},
    )
    years = load_plans(tmp_path).years

    def cadre(name: str, ident: str, unit: str, rank: str) -> Cadre:
        return Cadre(name, "男", "汉族", "1970.01", None, unit, "", rank, "", "", ident,
                     frozenset(), Pos("名册.csv", 2))  # fmt: skip

    cadres = [cadre("甲", ID_A, "东关街道", "县处级副职"), cadre("乙", ID_B, "城关镇", "科员")]
    book = ledger(years, Sink(), cadres=cadres)
    got = {s.person.name: s for s in check(book, 2013)}
    assert set(got) == {"甲", "乙", "丙"}
    assert (got["甲"].unit, got["甲"].rank, got["甲"].group) == ("东关街道", "县处级副职", LEADER)
    assert got["乙"].this_year.hours == 0 and not got["乙"].ok  # in the register, never trained
    assert got["丙"].person.key == "丙|城关镇"  # no ID number: name and unit
    # enrolled cadres first, then those only in the register
    assert [s.person.name for s in check(book, 2013, unit="城关镇")] == ["丙", "乙"]


def test_load_plans_skips_files_that_are_not_plans(tmp_path: Path) -> None:
    write_plan(tmp_path, 2013, [{"id": "a", "when": span(2013, 9, 2, 5)}], {"a": [person("甲")]})
    (tmp_path / "notes.yaml").write_text("class: a\npeople: []\n", encoding="utf-8")
    (tmp_path / "plan.schema.json").write_text("{}", encoding="utf-8")
    folder = load_plans(tmp_path)
    assert [Path(p.file).name for p in folder.plans] == ["2013.yaml"]
    assert len(folder.skipped) == 1 and "notes.yaml" in folder.skipped[0]
    assert find_unit(folder.plans, "城关") == "城关镇"
    assert find_unit(folder.plans, "dongguan") == "东关街道"
    assert find_unit(folder.plans, "西关") is None


def test_a_subfolder_per_year_keeps_the_same_class_id_apart(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each year's plan in its own folder: ``youth`` in 2012 and 2013 are two classes."""
    for year, days in ((2012, 10), (2013, 4)):
        sub = tmp_path / str(year)
        sub.mkdir()
        when = span(year, 9, 3, days)
        write_plan(sub, year, [{"id": "youth", "when": when}], {"youth": [person("甲", ID_A)]})
    (tmp_path / "2013" / "enrollments" / "notes.yaml").write_text("x: 1\n", encoding="utf-8")
    (tmp_path / "_drafts").mkdir()
    (tmp_path / "_drafts" / "2014.yaml").write_text("plan: {}\n", encoding="utf-8")
    folder = load_plans(tmp_path)
    assert [Path(p.file).relative_to(tmp_path).as_posix() for p in folder.plans] == [
        "2012/2012.yaml",
        "2013/2013.yaml",
    ]
    assert folder.skipped == [] and folder.shared == []
    cadre = ledger(folder.years, Sink()).people[ID_A]
    assert [cadre.totals(y, y).hours for y in (2012, 2013)] == [75, 30]
    assert run_hours(tmp_path, None, 2013, None) == 0
    assert "错误" not in capsys.readouterr().err


def test_two_plans_in_one_folder_sharing_an_enrollment_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Flat layout, the same class id in two years: one ``enrollments/youth.yaml`` would be
    counted for both, so the folder is refused (exit 1) with the fix named."""
    write_plan(tmp_path, 2012, [{"id": "youth", "when": span(2012, 9, 3, 10)}], {})
    write_plan(
        tmp_path, 2013, [{"id": "youth", "when": span(2013, 9, 2, 4)}], {"youth": [person("甲")]}
    )
    folder = load_plans(tmp_path)
    assert len(folder.shared) == 1
    assert "2012.yaml 与 2013.yaml" in folder.shared[0] and "youth" in folder.shared[0]
    assert run_hours(tmp_path, None, 2013, None) == 1
    err = capsys.readouterr().err
    assert "错误：" in err and "子文件夹" in err
    from cadretrain.cli.records_folder_steps import run_archive, run_report

    assert run_report(tmp_path, 2013, tmp_path / "out") == 1
    assert run_archive(tmp_path, None, None, tmp_path / "out") == 1
    assert capsys.readouterr().err.count("共用报名名单") == 2
    (tmp_path / "enrollments" / "youth.yaml").unlink()  # nothing shared once it is gone
    assert load_plans(tmp_path).shared == []


# --- the bundled plans ---------------------------------------------------------------------


def test_bundled_enrollments_are_all_counted() -> None:
    plans, book = bundled()
    [plan] = plans
    enrollments = load_enrollments(plan, Sink())
    assert len(enrollments) == 5
    expected = Counter(
        (cid, person_key(plan, p)) for cid, e in enrollments.items() for p in e.people
    )
    got = Counter((e.class_id, p.key) for p in book.people.values() for e in p.entries)
    assert got == Counter(set(expected))  # each enrollee once per class
    assert (
        sum(got.values()) == len(set(expected)) == sum(len(e.people) for e in enrollments.values())
    )
    kong = book.people["999999197406142181"]  # 孔秀: 十八大 3 + 妇女 3 + 党政主职 3 + 进修 23 days
    assert sorted((e.class_id, int(e.days)) for e in kong.entries) == [
        ("principal-leaders", 3),
        ("rotation-18th", 3),
        ("township-advanced", 23),
        ("women-leaders", 3),
    ]
    assert kong.totals(2013, 2013).hours == 240
    third = [e for p in book.people.values() for e in p.entries if e.session == 3]
    # rotation-18th's third session does not fit (CT301): its people are estimated
    assert len(third) == sum(p.session == 3 for p in enrollments["rotation-18th"].people) > 0
    assert {e.note for e in third} == {"第3期日期未排定，按计划每期 3 天计"}
    assert {e.days for e in third} == {3}


def test_bundled_checks_for_one_unit() -> None:
    _plans, book = bundled()
    got = check(book, 2013, unit="城关镇")
    assert len(got) == 30 and all(s.unit == "城关镇" for s in got)
    assert sum(s.ok for s in got) == 3
    short = [s for s in got if not s.ok]
    assert all(s.group == BASIC and s.short_hours > 0 for s in short)
    assert all(s.this_year.hours + s.short_hours == 90 for s in short)
    leaders = [s for s in check(book, 2013) if s.group == LEADER]
    assert leaders and all(s.rank.startswith("县处级") for s in leaders)


def run(capsys: pytest.CaptureFixture[str], *args: Any, **kw: Any) -> tuple[int, str, str]:
    code = run_hours(*args, **kw)
    out, err = capsys.readouterr()
    return code, out, err


def test_run_hours_lists_the_short_and_writes_the_ledger(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, PLANS, "chengguan", 2013, tmp_path)
    assert code == 0
    assert "城关镇 2013 年学时未达标的干部" in out
    years = load_plans(PLANS).years  # the bundled 调训 and online records add to the plan's
    mine = check(ledger(years, Sink(), outside=ledger_rows(read_outside(years, Sink()))), 2013)
    mine = [s for s in mine if s.unit == "城关镇"]
    short = sum(not s.ok for s in mine)
    assert len(check(ledger(years, Sink()), 2013, unit="城关镇")) == 30 < len(mine)
    assert f"城关镇 2013 年：有培训记录的干部 {len(mine)} 人，达标 {len(mine) - short} 人" in out
    assert f"未达标 {short} 人" in out
    assert "要求：乡科级及以下每年90学时或12天，县处级及以上5年550学时或66天" in out
    assert "按计划估算" in err
    target = tmp_path / "城关镇-学时台账.xlsx"
    data = target.read_bytes()
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb["台账"]
    assert ws.cell(1, 1).value == "城关镇干部教育培训学时台账（2013年）"
    assert [c.value for c in ws[3]][:5] == ["序号", "姓名", "单位", "职级", "类别"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=4)]
    assert len(rows) == len(mine)
    assert rows[0][1:4] == ["孔秀", "城关镇", "乡科级正职"]
    assert rows[0][9] == 240 and rows[0][12] == "达标"
    assert sum(1 for r in rows if str(r[12]).startswith("未达标")) == short
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$3:$3"
    assert rows[0][13] == f"按学时（本年 {rows[0][9]:g} ≥ 90 学时）"  # 达标条件, added
    assert all(str(r[13]).startswith("学时、天数均未达到") for r in rows if r[12] != "达标")
    for sheet, last in ((ws, "N"), (wb["明细"], "O")):  # streamed rows, the same print layout
        assert {str(r) for r in sheet.merged_cells.ranges} == {f"A1:{last}1", f"A2:{last}2"}
        assert sheet.page_setup.paperSize == 9 and sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.freeze_panes == "A4" and sheet.oddFooter.center.text == "第 &P 页，共 &N 页"
        assert sheet["A1"].font.name == "黑体" and sheet["A2"].alignment.wrap_text
        assert sheet["B4"].border.left.style == "thin" and sheet["A3"].font.name == "黑体"
        assert sheet.column_dimensions["E"].width > 8 and sheet.row_dimensions[1].height == 32
    detail = [[c.value for c in row] for row in wb["明细"].iter_rows(min_row=4)]
    assert detail[0][1] == "孔秀" and detail[0][4] == "全县乡科级领导干部学习十八大精神轮训班"
    # no ID numbers anywhere in the workbook
    assert not any("999999" in str(v) for s in wb for row in s.iter_rows(values_only=True)
                   for v in row)  # fmt: skip
    # the same input gives the same bytes; an edited file is not overwritten
    assert run(capsys, PLANS, "城关镇", None, tmp_path)[0] == 0
    assert target.read_bytes() == data
    target.write_bytes(data + b"x")
    code, _out, err = run(capsys, PLANS, "城关镇", 2013, tmp_path)
    assert code == 1 and "--force" in err
    assert run(capsys, PLANS, "城关镇", 2013, tmp_path, force=True)[0] == 0


def test_run_hours_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, PLANS, "城关真", None, None)
    assert code == 2 and "计划中没有单位“城关真”" in err and "城关镇" in err
    code, _out, err = run(capsys, PLANS, None, 2014, None)
    assert code == 2 and "没有 2014 年的计划" in err and "2013" in err
    code, _out, err = run(capsys, tmp_path, None, None, None)
    assert code == 2 and "没有能读取的计划文件" in err
    code, _out, err = run(capsys, tmp_path / "nowhere", None, None, None)
    assert code == 2 and "找不到计划文件夹" in err


def test_run_hours_with_the_register(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(PLANS, tmp_path / "plans")
    register = ROOT / "examples" / "register-2013.csv"
    code, out, _err = run(capsys, tmp_path / "plans", "城关镇", None, None, register=register)
    assert code == 0
    assert "城关镇 2013 年：名册和报名名单中的干部" in out


def test_ledger_bytes_without_cadres_and_num() -> None:
    data = ledger_bytes("全部单位", 2013, [], "", Thresholds())
    ws = openpyxl.load_workbook(io.BytesIO(data))["台账"]
    assert ws.max_row == 3
    assert [num(Decimal(x)) for x in ("90", "89.90", "0.5", "22.50", "547.5")] == [
        "90",
        "89.9",
        "0.5",
        "22.5",
        "547.5",
    ]


def test_unit_and_year_lookups_raise_instead_of_printing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    plans = load_plans(PLANS).plans
    assert unit_label(plans, None, "全部单位") == "全部单位"
    assert unit_label(plans, "chengguan", "全部单位") == "城关镇"
    with pytest.raises(CannotProceed) as unit:
        unit_label(plans, "教育局", "全部单位")
    assert (
        unit.value.exit_code == 2
        and unit.value.message == "计划中没有单位“教育局”。是否应为“县教育局”？"
    )
    assert plan_year(plans, None, PLANS) == plan_year(plans, 2013, PLANS) == 2013
    with pytest.raises(CannotProceed) as year:
        plan_year(plans, 1999, Path("plans"))
    assert year.value.exit_code == 2
    assert year.value.message == "plans 中没有 1999 年的计划；有计划的年份：2013"
    assert capsys.readouterr() == ("", "")


def test_the_art14_check_says_which_criterion_decided_and_what_3_months_is() -> None:
    from decimal import Decimal

    from cadretrain.records.ledger import LEADER, Person, Thresholds, Totals
    from cadretrain.records.ledger_check import Status

    def status(days: int, hours: int, t: Thresholds) -> Status:
        window = Totals(days=Decimal(days), class_hours=Decimal(hours))
        return Status(
            person=Person("k", "甲"),
            year=2013,
            unit="县委办",
            rank="县处级正职",
            group=LEADER,
            this_year=window,
            window=window,
            required_hours=t.leader_hours,
            required_days=t.leader_days,
            rule=t.describe(LEADER),
        )

    default = Thresholds()
    assert status(70, 500, default).decision_text() == "按天数（近5年 70 ≥ 3个月按 66 天计）"
    assert status(70, 560, default).decided_by == "学时"
    longer = Thresholds(leader_days=Decimal(90))  # --three-months-days 90
    s = status(70, 500, longer)
    assert not s.ok and "3个月按 90 天计" in s.decision_text()
