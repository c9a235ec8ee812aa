"""Completion follows one rule: a trainee over the class's leave limit (条例第十五条 by default)
is 退学、不予结业 in the 结业名单, the report and the archive, unless the plan records an
approved exception, whose reason is then printed with the result.

The bundled 妇女干部班 has such a trainee. Who is over the limit is taken from the attendance
figures; what the documents say is read back from the files written by the commands."""

from __future__ import annotations

import re
import shutil
from fractions import Fraction
from pathlib import Path

import openpyxl
import pytest

from cadretrain.cli.records_folder_steps import run_archive, run_report
from cadretrain.cli.records_steps import run_scores
from cadretrain.core.diagnostics import Sink
from cadretrain.enroll.enrollment import Enrollee
from cadretrain.records.attendance import ART15, NO_LIMIT, leave_share
from cadretrain.records.folder import class_attendance, scores_path
from cadretrain.year.model import Year
from cadretrain.year.pipeline import load_year, parse_year
from tests.conftest import ROOT, codes

PLANS = ROOT / "plans"
CLASS = "women-leaders"
REASON = "经县委组织部批准，因抗洪抢险请假"


def _year(folder: Path) -> Year:
    year = load_year(folder / "2013-county.yaml", Sink(), checks=False)
    assert year is not None
    return year


def _over(year: Year) -> list[Enrollee]:
    cls = next(c for c in year.plan.classes if c.id == CLASS)
    enrollment = year.enrollments()[CLASS]
    att = class_attendance(year, cls, enrollment, Sink())
    assert att is not None
    return [p.person for p in att.people if p.over(att.share)]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    out = tmp_path / "plans"
    shutil.copytree(PLANS, out)
    return out


def _completion_list(year: Year, out: Path) -> list[tuple[str, str, str, str]]:
    """(姓名, 等次, 结业, 备注) of every row of the 结业名单 that ``scores`` writes."""
    run_scores(year, CLASS, scores_path(year.plan, CLASS), out)
    ws = openpyxl.load_workbook(out / f"{CLASS}-结业名单.xlsx").active
    heads = [ws.cell(3, c).value for c in range(1, ws.max_column + 1)]
    cols = [heads.index(h) + 1 for h in ("姓名", "等次", "结业", "备注")]
    rows = [[str(ws.cell(r, c).value or "") for c in cols] for r in range(4, ws.max_row + 1)]
    return [(a, b, c, d) for a, b, c, d in rows]


def _report_rate(folder: Path, out: Path) -> str:
    assert run_report(folder, 2013, out) in (0, 1)
    text = (out / "2013年培训工作统计.md").read_text(encoding="utf-8")
    found = re.search(r"结业 (\d+) 人（结业率 ([\d.]+%)）", text)
    assert found, text
    return found.group(0)


def _unit(year: Year, person: Enrollee) -> str:
    return year.plan.units[person.unit].name


def test_over_the_limit_is_not_completed_in_any_document(folder: Path, tmp_path: Path) -> None:
    year = _year(folder)
    over = _over(year)
    assert over, "the bundled 妇女干部班 has a trainee over 1/7"
    listed = _completion_list(year, tmp_path / "scores")
    names = {p.name for p in over}
    withdrawn = [row for row in listed if row[1] == "退学"]
    assert sorted(row[0] for row in withdrawn) == sorted(names)
    for _name, _grade, done, note in withdrawn:
        assert done == "不予结业" and "缺课" in note and "1/7" in note
    completed = sum(1 for row in listed if row[2] == "结业")
    rate = Fraction(completed, len(listed))
    line = _report_rate(folder, tmp_path / "report")
    assert line.startswith(f"结业 {completed} 人")
    assert line.endswith(f"{float(rate * 100):.1f}%）")
    for p in over:
        out = tmp_path / "archive"
        run_archive(folder, _unit(year, p), p.name, out)
        html = next(out.glob("*.html")).read_text(encoding="utf-8")
        assert "退学、不予结业（缺课" in html


def test_an_approved_exception_completes_with_its_reason(folder: Path, tmp_path: Path) -> None:
    over = _over(_year(folder))
    plan_file = folder / "2013-county.yaml"
    text = plan_file.read_text(encoding="utf-8")
    items = ", ".join(f"{{name: {p.name}, reason: {REASON}}}" for p in over)
    anchor = "    short: 妇女干部班\n"
    assert anchor in text
    plan_file.write_text(
        text.replace(anchor, f"{anchor}    exceptions: [{items}]\n"), encoding="utf-8"
    )
    year = _year(folder)
    listed = _completion_list(year, tmp_path / "scores")
    assert not [row for row in listed if row[1] == "退学"]
    allowed = [row for row in listed if REASON in row[3]]
    assert sorted(row[0] for row in allowed) == sorted(p.name for p in over)
    for _name, grade, done, note in allowed:
        assert "经批准准予结业" in note
        assert done == ("结业" if grade in ("优秀", "合格") else "不予结业")
    completed = sum(1 for row in listed if row[2] == "结业")
    assert _report_rate(folder, tmp_path / "report").startswith(f"结业 {completed} 人")
    report = (tmp_path / "report" / "2013年培训工作统计.md").read_text(encoding="utf-8")
    assert "结业例外" in report and REASON in report
    p = over[0]
    out = tmp_path / "archive"
    run_archive(folder, _unit(year, p), p.name, out)
    assert REASON in next(out.glob("*.html")).read_text(encoding="utf-8")


def _plan(extra_plan: str = "", extra_class: str = "") -> Year:
    text = (
        f"plan: {{title: 测试计划, year: 2013{extra_plan}}}\n"
        "classes:\n"
        f"  - {{id: a, name: 甲班, when: 2013年5月7日---5月9日{extra_class}}}\n"
    )
    sink = Sink()
    year = parse_year(text, "t.yaml", sink, checks=False)
    assert year is not None, sink.items
    return year


def test_the_class_limit_follows_kind_plan_rule_and_override() -> None:
    y = _plan()
    assert leave_share(y.plan, y.plan.classes[0]) == ART15
    y = _plan(", leave_rule: {业余: 1/5}", ", kind: 业余")
    assert leave_share(y.plan, y.plan.classes[0]) == Fraction(1, 5)
    y = _plan(", leave_rule: {业余: 1/5}")  # a 脱产 class (the default kind) keeps 1/7
    assert leave_share(y.plan, y.plan.classes[0]) == ART15
    y = _plan(", leave_rule: {脱产: 1/5}", ", leave_limit: 不限")
    assert leave_share(y.plan, y.plan.classes[0]) == NO_LIMIT


def test_a_leave_rule_or_kind_not_in_the_choices_is_a_diagnostic() -> None:
    for extra_plan, extra_class, value in (
        ("", ", kind: 夜校", "夜校"),
        ("", ", leave_limit: 1/8", "1/8"),
        (", leave_rule: {脱产: 十分之一}", "", "十分之一"),
    ):
        text = (
            f"plan: {{title: 测试计划, year: 2013{extra_plan}}}\n"
            f"classes:\n  - {{id: a, name: 甲班, when: 2013年5月7日---5月9日{extra_class}}}\n"
        )
        sink = Sink()
        parse_year(text, "t.yaml", sink, checks=False)
        bad = [d for d in sink.items if d.code == "CT103"]
        assert bad and value in bad[0].message, codes(sink.items)
