"""The real plans transcribed for the ``when`` and headcount grammars (``examples/``, each
citing its source): no error, no ``ignore:``, and the findings the plan-format page explains
for each, no more."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from cadretrain.core.diagnostics import Severity
from cadretrain.year.validate import validate_file
from tests.conftest import ROOT

EXPECTED = {  # code → count, as docs/计划格式.md explains them
    "2022-yunnan-key-points.yaml": {"CT136": 1, "CT133": 2, "CT204": 3},
    "2014-hangzhou-centre.yaml": {"CT133": 1, "CT131": 2, "CT134": 1, "CT202": 1, "CT204": 2},
    "2018-national-plan-excerpt.yaml": {"CT135": 5, "CT204": 5},
}
PAGE = (ROOT / "docs" / "计划格式.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_transcribed_plan_reads_without_errors(name: str) -> None:
    path = ROOT / "examples" / name
    text = path.read_text(encoding="utf-8")
    assert "ignore:" not in text
    assert "http" in text.split("\nplan:")[0]  # the source is cited at the top
    report = validate_file(path)
    assert report.count(Severity.ERROR) == 0
    assert dict(Counter(d.code for d in report.diagnostics)) == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_finding_on_a_transcribed_plan_is_explained(name: str) -> None:
    section = PAGE.split(f"`examples/{name}`", 1)[1].split("\n#", 1)[0]
    for code in EXPECTED[name]:
        assert code in section, (name, code)


def test_show_prints_every_character_of_a_long_when() -> None:
    """``cadretrain show`` folds a long ``培训时间`` onto more lines instead of cutting it."""
    import re
    import subprocess
    import sys

    path = ROOT / "examples" / "2014-hangzhou-centre.yaml"
    out = subprocess.run(
        [sys.executable, "-m", "cadretrain", "show", str(path)],
        capture_output=True,
        text=True,
        env={"COLUMNS": "80", "PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8"},
        check=True,
    ).stdout
    assert "…" not in out
    cells = re.sub(r"[\s│┃]", "", out)
    assert "全年（8月除" in cells and "外），每期10" in cells and "天或15天" in cells


def test_a_class_whose_date_is_to_be_announced(tmp_path: Path) -> None:
    """另行通知 is read as no dates (no error): validate says so once at its place, without a
    window over the whole year, and the notice says the time will be announced, once."""
    from cadretrain.documents.notice import render_notice
    from cadretrain.year.pipeline import load_year

    plan = tmp_path / "p.yaml"
    plan.write_text(
        "plan: {title: 测试计划, year: 2013}\n"
        "classes:\n  - {id: a, name: 甲班, when: 另行通知, planned: 30}\n",
        encoding="utf-8",
    )
    year = load_year(plan)
    assert year is not None
    found = [(d.code, d.severity.value, d.pos.line, d.pos.col) for d in year.diagnostics]
    assert found == [("CT204", "warning", 3, 29)]
    assert "尚未排期" in year.diagnostics[0].message
    assert "2013年1月1日" not in year.diagnostics[0].message
    md = render_notice(year, year.plan.classes[0], "md")
    text = md.decode("utf-8") if isinstance(md, bytes) else str(md)
    line = next(x for x in text.splitlines() if x.startswith("（一）培训时间。"))
    assert line == "（一）培训时间。具体时间另行通知。"


def test_an_exclusion_in_brackets_keeps_the_sessions_out(tmp_path: Path) -> None:
    """（7、8月除外）: CT134 says the days are not used, and the schedule keeps to it — five
    sessions of five days from 3 June go on in September, not in July or August."""
    from cadretrain.year.pipeline import load_year

    plan = tmp_path / "p.yaml"
    plan.write_text(
        "plan: {title: 测试计划, year: 2013}\nclasses:\n"
        "  - {id: a, name: 甲班, when: 2013年6月3日—9月30日（7、8月除外）, planned: 30,\n"
        "     sessions: {count: 5, days: 5}}\n",
        encoding="utf-8",
    )
    year = load_year(plan)
    assert year is not None
    days = [d for slot in year.schedule(year.plan.classes[0]).slots for d in slot.days]
    assert len(days) == 25 and not [d for d in days if d.month in (7, 8)]
    assert max(days).month == 9
    assert [d.code for d in year.diagnostics] == ["CT134"]
