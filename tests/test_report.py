"""``cadretrain report``: the year's figures, checked against the enrollment files directly."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from decimal import Decimal
from fractions import Fraction
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from cadretrain.cli.records_folder_steps import run_report
from cadretrain.core.diagnostics import Sink
from cadretrain.core.wording import percent
from cadretrain.core.workcal import WorkCalendar
from cadretrain.records.plan_folder import load_plans
from cadretrain.records.report import (
    CLASS_HEAD,
    YearReport,
    report_markdown,
    summary_text,
    year_report,
)
from cadretrain.records.report_charts import report_html
from cadretrain.year.model import Year
from tests.conftest import ROOT

PLANS = ROOT / "plans"


def years_2013() -> list[Year]:
    return [y for y in load_plans(PLANS).years if y.plan.year == 2013]


def report_2013() -> YearReport:
    return year_report(years_2013(), 2013, Sink())


def expected_from_files() -> dict[str, tuple[int, Decimal]]:
    """class id → (人次, 人天), read straight from the YAML files and the work calendar."""
    plan = years_2013()[0].plan
    cal = WorkCalendar(plan.calendar.extra_holidays, plan.calendar.extra_workdays)
    out: dict[str, tuple[int, Decimal]] = {}
    for path in sorted((PLANS / "enrollments").glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
        people = {str(p["id_number"]).upper() or p["name"] + p["unit"] for p in data["people"]}
        cls = next(c for c in plan.classes if c.id == path.stem)
        assert cls.when is not None and cls.when.exact
        # a multi-session class: each person trains one session of session_days days
        days = cls.session_days or len(cal.workdays(cls.when.start, cls.when.end))
        out[path.stem] = (len(people), Decimal(days) * len(people))
    return out


def test_figures_equal_an_independent_count() -> None:
    report = report_2013()
    expected = expected_from_files()
    assert len(expected) == 5
    by_id = {c.class_id: c for c in report.classes}
    for class_id, (count, person_days) in expected.items():
        c = by_id[class_id]
        assert c.held and c.enrolled == count, class_id
        assert c.person_days == person_days, class_id
        assert c.hours == person_days * Decimal("7.5"), class_id
    assert [c.class_id for c in report.classes if c.held] == [
        c.class_id for c in report.classes if c.class_id in expected
    ]
    assert report.total.held == 5
    assert report.total.classes == len(years_2013()[0].plan.classes) == 12
    assert report.total.enrolled == sum(n for n, _ in expected.values())
    assert report.total.person_days == sum((d for _, d in expected.values()), Decimal(0))
    assert report.total.planned == sum(c.planned or 0 for c in years_2013()[0].plan.classes)


def test_halves_add_up_to_the_year() -> None:
    report = report_2013()
    halves = {h.label: h for h in report.halves}
    assert set(halves) == {"上半年", "下半年"}
    assert halves["上半年"].held == 4 and halves["下半年"].held == 1  # 进修班 is 下半年
    assert sum(h.enrolled for h in report.halves) == report.total.enrolled
    assert sum(h.hours for h in report.halves) == report.total.hours
    assert sum(h.classes for h in report.halves) == report.total.classes


def test_summary_paragraph() -> None:
    report = report_2013()
    text = summary_text(report)
    t = report.total
    assert text.startswith(f"2013年全年计划举办培训班次 {t.classes} 个")
    assert f"已举办 {t.held} 个" in text and f"实际培训 {t.enrolled} 人次" in text
    assert "人天" in text and "学时" in text
    assert "未列入培训日历" in text  # 十月中下旬, 11月份, and the unplaced 3rd 轮训班 session
    assert "出勤率" not in text and "满意度" not in text  # no data given


def test_attendance_and_satisfaction_when_given() -> None:
    report = year_report(
        years_2013(),
        2013,
        Sink(),
        attendance={"youth-league": Fraction(19, 20)},
        satisfaction={"youth-league": Fraction(49, 50)},
    )
    md = report_markdown(report)
    row = next(line for line in md.splitlines() if "| 团干部培训班 |" in line)
    assert "95.0%" in row and "98.0%" in row
    other = next(line for line in md.splitlines() if "| 党政主职培训班 |" in line)
    assert other.count("—") >= 2
    assert "平均出勤率 95.0%" in summary_text(report)
    assert "平均满意度 98.0%" in summary_text(report)


def test_markdown_tables() -> None:
    md = report_markdown(report_2013())
    assert "## 分班次情况（计划与实际）" in md and "## 分半年情况" in md
    rows = [line for line in md.splitlines() if line.startswith("| ")]
    widths = {line.count(" | ") for line in rows}
    assert len(widths) == 2  # each table's rows have as many cells as its header
    assert "999999" not in md  # no ID numbers


VOID = frozenset({"meta", "br", "img", "hr", "link", "rect", "line", "input"})


class Balanced(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, (tag, self.stack[-5:])
        self.stack.pop()


def test_html_parses_and_has_the_chart() -> None:
    page = report_html(report_2013())
    parser = Balanced()
    parser.feed(page)
    parser.close()
    assert parser.stack == []
    assert "script" not in parser.tags
    svg = re.search(r"<svg.*?</svg>", page, re.S)
    assert svg is not None
    root = ET.fromstring(svg.group(0))  # well-formed XML
    bars = root.findall("{http://www.w3.org/2000/svg}rect")
    assert len(bars) >= 2 + 5 * 2  # legend + planned and actual bars of the held classes
    report = report_2013()
    assert all(c.label in svg.group(0) for c in report.classes)
    assert "999999" not in page


def test_script_in_a_class_name_stays_escaped(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    shutil.copytree(PLANS, folder)
    plan_file = folder / "2013-county.yaml"
    text = plan_file.read_text(encoding="utf-8")
    evil = "<script>alert(1)</script>团干部培训班"
    plan_file.write_text(text.replace("name: 团干部培训班", f"name: '{evil}'"), encoding="utf-8")
    years = [y for y in load_plans(folder).years if y.plan.year == 2013]
    next(c for c in years[0].plan.classes if c.id == "youth-league").short = evil  # the chart label
    report = year_report(years, 2013, Sink())
    assert any(c.name == evil and c.held for c in report.classes)
    page = report_html(report)
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    svg = re.search(r"<svg.*?</svg>", page, re.S)
    assert svg is not None and "&lt;script&gt;" in svg.group(0)
    ET.fromstring(svg.group(0))
    assert "<script>" not in report_markdown(report)


def test_run_report_writes_three_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert run_report(PLANS, 2013, out) == 0
    names = ["2013年培训工作统计.md", "2013年培训工作统计.html", "2013年培训日历.ics"]
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == sorted(names)
    first = {n: (out / n).read_bytes() for n in names}
    assert "2013年全年计划举办培训班次" in capsys.readouterr().out
    assert run_report(PLANS, 2013, out) == 0  # unchanged, byte for byte
    assert {n: (out / n).read_bytes() for n in names} == first
    (out / names[0]).write_text("手工修改", encoding="utf-8")
    assert run_report(PLANS, 2013, out) == 1
    assert run_report(PLANS, 2013, out, force=True) == 0


def test_run_report_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_report(PLANS, 2014, tmp_path / "out") == 2
    assert "没有 2014 年的计划" in capsys.readouterr().err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run_report(empty, 2013, tmp_path / "out") == 2
    assert run_report(tmp_path / "missing", 2013, tmp_path / "out") == 2
    assert not (tmp_path / "out").exists()


def _row(md: str, name: str) -> list[str]:
    line = next(line for line in md.splitlines() if f"| {name} |" in line)
    return [cell.strip() for cell in line.strip("|").split("|")]


def test_bundled_report_shows_the_records(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert run_report(PLANS, 2013, out) == 0  # the example's 出差 mark is reported, not fatal
    stdout, err = capsys.readouterr()
    assert "平均出勤率 99.7%" in stdout and "平均满意度" in stdout
    assert "CT802" in err and "records" in err
    md = (out / "2013年培训工作统计.md").read_text(encoding="utf-8")
    women = _row(md, "全县妇女领导干部培训班")
    youth = _row(md, "团干部培训班")
    at, sat = CLASS_HEAD.index("出勤率"), CLASS_HEAD.index("满意度")
    assert (women[at], women[sat]) == ("99.7%", "92.4%")
    assert (youth[at], youth[sat]) == ("—", "71.9%")  # rated, but no sign-in sheet bundled
    other = _row(md, "党政主职培训班")
    assert (other[at], other[sat]) == ("—", "—")
    html = (out / "2013年培训工作统计.html").read_text(encoding="utf-8")
    assert "99.7%" in html and "92.4%" in html and "71.9%" in html
    # 结业 from records/scores/women-leaders.xlsx: 19 优秀 + 92 合格 of 118 (4 不合格, 3 待评),
    # less the one trainee over Art. 15's 1/7 in records/attendance (tests/test_completion.py)
    grad, best = CLASS_HEAD.index("结业率"), CLASS_HEAD.index("优秀")
    assert (women[grad], women[best]) == (percent(Fraction(110, 118)), "19")
    assert women[CLASS_HEAD.index("情况")] == "已举办；退学 1 人"
    assert (youth[grad], youth[best]) == ("—", "—")
    assert "有考核成绩的班次 1 个，参训 118 人，结业 110 人（结业率 93.2%），其中优秀 19 人" in (
        stdout
    )


def test_empty_records_give_dashes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "plans"
    shutil.copytree(PLANS, folder)
    shutil.rmtree(folder / "records")
    (folder / "records" / "attendance").mkdir(parents=True)
    (folder / "records" / "ratings").mkdir()
    (folder / "records" / "scores").mkdir()
    out = tmp_path / "out"
    assert run_report(folder, 2013, out) == 0
    stdout, err = capsys.readouterr()
    assert "出勤率" not in stdout and "满意度" not in stdout and err == ""
    assert "结业" not in stdout
    md = (out / "2013年培训工作统计.md").read_text(encoding="utf-8")
    at, sat = CLASS_HEAD.index("出勤率"), CLASS_HEAD.index("满意度")
    grad = CLASS_HEAD.index("结业率")
    for name in ("全县妇女领导干部培训班", "团干部培训班"):
        row = _row(md, name)
        assert (row[at], row[sat], row[grad]) == ("—", "—", "—"), name


def test_an_unreadable_records_file_fails_the_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "plans"
    shutil.copytree(PLANS, folder)
    (folder / "records" / "ratings" / "坏文件.xlsx").write_bytes(b"not a workbook")
    out = tmp_path / "out"
    assert run_report(folder, 2013, out) == 1
    assert "CT901" in capsys.readouterr().err
    md = (out / "2013年培训工作统计.md").read_text(encoding="utf-8")
    assert "92.4%" in md  # the readable records are still used
