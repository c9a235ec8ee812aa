"""``cadretrain new``: next year's plan from this year's, and the starter plan."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from cadretrain.core.workcal import known
from cadretrain.plan.next_year import next_year_plan, replace_year, same_week
from cadretrain.plan.starter import starter_plan
from cadretrain.year.validate import validate_file, validate_text
from tests.conftest import ROOT, load


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cadretrain", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def test_same_week_and_weekday() -> None:
    moved, shifted = same_week(date(2013, 3, 13), 2013, 2014)  # a Wednesday of week 11
    assert moved == date(2014, 3, 12) and moved.weekday() == 2 and not shifted
    assert moved.isocalendar()[1] == date(2013, 3, 13).isocalendar()[1]


def test_a_date_that_would_leave_the_year_moves_a_week() -> None:
    # 2013-01-01 is the Tuesday of ISO week 1 of 2013; that Tuesday in 2014 is 2013-12-31
    moved, shifted = same_week(date(2013, 1, 1), 2013, 2014)
    assert (moved, shifted) == (date(2014, 1, 7), True)
    # late December: the Monday 2013-12-30 belongs to ISO week 1 of 2014, yet stays December
    moved, shifted = same_week(date(2013, 12, 30), 2013, 2014)
    assert moved.year == 2014 and moved.month == 12 and moved.weekday() == 0


def test_the_year_in_names_arabic_and_chinese() -> None:
    assert replace_year("县2013年培训方案", 2013, 2014) == "县2014年培训方案"
    assert replace_year("二〇一三年计划", 2013, 2014) == "二〇一四年计划"
    assert replace_year("二○一三年", 2013, 2014) == "二○一四年"
    assert replace_year("12013号", 2013, 2014) == "12013号"


PLAN = """\
# yaml-language-server: $schema=./plan.schema.json
# 注释保留
plan:
  title: 县2013年干部教育培训计划
  year: 2013
  issued: 2013-02-19
  doc_number: 县组〔2013〕12号
  notes: 2013年的总结
calendar:
  extra_holidays:
    - 2013-05-02
classes:
  - id: winter
    name: 2013年冬训班 # 年末跨年的班
    when: 2013年12月30日—2014年1月3日
    planned: 40
  - id: new-year
    name: 新年班
    when: 2013年1月1日—4日
    planned: 30
  - id: spring
    name: 春训班
    when: 三月中旬
    planned: 20
  - id: split
    name: 分期班
    planned: 60
    when: 2013年4月8日—16日
    sessions:
      - {when: 2013年4月8日—9日}
      - {when: {start: 2013-04-15, end: 2013-04-16}}
    ignore: {CT302: 经县委同意}
"""


def test_next_year_moves_dates_and_years_and_lists_what_to_review() -> None:
    result = next_year_plan(PLAN, "p.yaml", 2014)
    text = result.text
    assert text.startswith("# yaml-language-server: $schema=./plan.schema.json\n# 注释保留\n")
    plan, diags = load(text)
    assert plan is not None and [d for d in diags if d.severity.name == "ERROR"] == []
    assert plan.year == 2014 and plan.title == "县2014年干部教育培训计划"
    assert plan.doc_number == "县组〔2014〕12号"
    assert plan.issued == date(2014, 2, 18) and plan.issued.weekday() == date(2013, 2, 19).weekday()
    assert plan.calendar.extra_holidays == []
    assert plan.notes == "2013年的总结"  # texts are listed, not rewritten
    winter, new_year, spring, split = plan.classes
    assert winter.name == "2014年冬训班" and "# 年末跨年的班" in text
    assert winter.when is not None and winter.when.start == date(2014, 12, 29)
    assert winter.when.end == date(2015, 1, 2)  # the length and weekdays kept across the new year
    assert new_year.when is not None and new_year.when.start == date(2014, 1, 7)  # not 2013-12-31
    assert new_year.when.end == date(2014, 1, 10)
    assert spring.when is not None and spring.when.text == "三月中旬"  # vague: left, listed
    assert [s.when.start for s in split.sessions] == [date(2014, 4, 7), date(2014, 4, 14)]
    assert split.sessions[1].when.end == date(2014, 4, 15)
    assert (winter.planned, new_year.planned, spring.planned) == (40, 30, 20)  # headcounts kept
    review = "\n".join(f"{r.where}：{r.what}" for r in result.review)
    assert "发文字号的序号" in review and "印发日期" in review and "备注中提到 2013 年" in review
    assert "补充放假日期已清空" in review
    assert "班次“新年班”：培训时间由" in review and "跨年，已再移一周" in review
    assert "班次“春训班”：培训时间“三月中旬”尚未确定" in review
    assert "班次“分期班”：忽略（ignore）" in review


def test_new_from_the_bundled_plan_end_to_end(tmp_path: Path) -> None:
    shutil_copy = (ROOT / "plans" / "2013-county.yaml").read_text(encoding="utf-8")
    (tmp_path / "2013-county.yaml").write_text(shutil_copy, encoding="utf-8")
    (tmp_path / "enrollments").mkdir()  # never copied: the new plan is one file
    done = run("new", "2014", "--from", "2013-county.yaml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    new = tmp_path / "2014-county.yaml"
    text = new.read_text(encoding="utf-8")
    assert "需要人工核对" in done.stdout and "检查了 1 个文件" in done.stdout
    assert "新的开班日 2014-10-07 是国庆节" in done.stdout  # re-checked against 2014's holidays
    assert text.count("# 原文") == shutil_copy.count("# 原文")  # comments kept
    report = validate_file(new)
    assert report.year is not None and report.year.plan.year == 2014
    assert len(report.year.plan.classes) == 12
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "2013-county.yaml",
        "2014-county.yaml",
        "enrollments",
    ]
    again = run("new", "2014", "--from", "2013-county.yaml", cwd=tmp_path)
    assert again.returncode == 1 and "已存在" in again.stderr
    assert new.read_text(encoding="utf-8") == text
    assert run("new", "2014", "--from", "2013-county.yaml", "--force", cwd=tmp_path).returncode == 0


def test_a_year_whose_holidays_are_not_published_warns(tmp_path: Path) -> None:
    future = 2040
    assert not known(future)
    plan = tmp_path / "p.yaml"
    plan.write_text(PLAN.replace("2013", str(future - 1)).replace("2014", str(future)), "utf-8")
    done = run("new", str(future), "--from", "p.yaml", "-o", "q.yaml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert f"节假日库中还没有 {future} 年的放假安排" in done.stdout
    assert "CT205" in done.stdout  # and the validation of the new plan says it too


def test_new_refuses_a_year_not_after_the_plan(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(PLAN, "utf-8")
    done = run("new", "2013", "--from", "p.yaml", cwd=tmp_path)
    assert done.returncode == 2 and "应晚于" in done.stderr


@pytest.mark.parametrize("year", [2014, 2024, 2026, 2035])
def test_the_starter_plan_validates_cleanly(year: int) -> None:
    report = validate_text(starter_plan(year), "starter.yaml")
    found = [d for d in report.diagnostics if d.code != "CT205" or known(year)]
    assert found == [], [d.line() for d in found]
    assert report.plan is not None and report.plan.year == year
    assert "班次名称" in starter_plan(year) and "name:" not in starter_plan(year)


def test_new_without_from_writes_the_starter(tmp_path: Path) -> None:
    done = run("new", "2015", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    written = (tmp_path / "2015-plan.yaml").read_text(encoding="utf-8")
    assert written == starter_plan(2015) and "没有发现问题" in done.stdout
