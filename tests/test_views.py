"""``show`` and ``calendar``: the rows they print, and the commands end to end."""

from __future__ import annotations

import subprocess
import sys

from cadretrain.documents.calendar_text import month_lines
from cadretrain.documents.class_table import class_rows
from cadretrain.year.model import Year
from cadretrain.year.pipeline import load_year
from tests.conftest import ROOT

PLAN = ROOT / "plans" / "2013-county.yaml"


def year_2013() -> Year:
    year = load_year(PLAN, checks=False)
    assert year is not None
    return year


def test_show_rows_carry_the_chosen_session_dates() -> None:
    rows = class_rows(year_2013())
    assert len(rows) == 12
    rotation = rows[0]
    assert rotation[1] == "十八大轮训班"
    assert rotation[3].splitlines() == [
        "第1期 2013年3月13日—15日",
        "第2期 2013年3月18日—20日",
        "另有 1 期排不下",
    ]
    assert rotation[4] == "900" and rotation[5] == "县委党校"
    village = rows[3]
    assert village[3].splitlines() == ["第1期 2013年5月13日—15日", "第2期 2013年5月16日—20日"]
    assert rows[10][3] == "待定"  # 十月中下旬


def test_calendar_month_marks_training_days_and_overlaps() -> None:
    year = year_2013()
    lines = dict(month_lines(year, 5))
    assert lines["妇女干部班"][6:9] == "███"  # 5/7–5/9
    assert lines["入党积极分子班"][10:12] == "██"  # 5/11–12, a weekend class
    assert lines["村社区书记班"][17:19] == "··"  # 5/18–19 weekend inside the class
    assert lines["当天班次数"][12] == "2"  # 5/13: 春期中青年班 and 村社区书记班
    assert lines["休息日(x)"][0] == "x"  # 5/1 劳动节
    assert month_lines(year, 1) == []  # nothing in January


def test_calendar_shows_vague_windows_as_question_marks() -> None:
    lines = dict(month_lines(year_2013(), 11))
    strip = lines["赊店大讲坛"]
    assert set(strip.strip()) == {"?", "·"}  # workdays maybe, weekends inside the window
    assert strip.count("?") == 21  # November 2013 has 21 workdays


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cadretrain", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"COLUMNS": "200", "PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8"},
        check=False,
    )


def test_show_and_calendar_commands_run() -> None:
    shown = run("show", str(PLAN))
    assert shown.returncode == 0, shown.stderr
    assert "十八大轮训班" in shown.stdout and "第2期 2013年3月18日—20日" in shown.stdout
    cal = run("calendar", str(PLAN))
    assert cal.returncode == 0, cal.stderr
    assert "2013年5月" in cal.stdout and "2013年1月" not in cal.stdout


def test_show_on_a_broken_file_prints_diagnostics_not_a_traceback(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.yaml"
    bad.write_text("plan: [\n", encoding="utf-8")
    result = run("show", str(bad))
    assert result.returncode == 1
    assert "CT005" in result.stderr and "Traceback" not in result.stderr


def test_explain_and_codes_commands() -> None:
    explained = run("explain", "CT301")
    assert explained.returncode == 0 and "不通过::" in explained.stdout
    assert run("explain", "CT999").returncode == 2
    listed = run("codes")
    assert listed.returncode == 0 and "CT305" in listed.stdout
