"""``ignore:`` in a plan: what it silences (plan vs class level), every bad entry reported at its
place, and what ``validate`` shows of silenced findings (summary, --show-ignored, JSON,
--strict)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from cadretrain.checks import RULES, run_checks
from cadretrain.checks.base import Context
from cadretrain.core.diagnostics import Diagnostic, Severity, Sink
from cadretrain.plan.ignores import read_ignores
from cadretrain.plan.schedule import calendar_for, schedule_plan
from cadretrain.plan.schema import json_schema
from cadretrain.year.pipeline import parse_year
from cadretrain.year.validate import FileReport, validate_text
from tests.conftest import ROOT, load
from tests.test_cli_contract import cli

HEAD = "plan: {title: 测试计划, year: 2013}\n"
# 5/11–12 is a weekend (one CT302 naming both days), 5/18 a Saturday (CT302 once)
TWO_WEEKEND_CLASSES = """\
classes:
  - id: a
    name: 甲班
    when: 2013年5月11日—12日
    planned: 10
    ignore: {CT302: 经县委同意，本班周末上课}
  - id: b
    name: 乙班
    when: 2013年5月18日
    planned: 10
"""


def where(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """1-based line and column of the ``nth`` occurrence of ``needle`` in ``text``."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(needle, at + 1)
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1


def report(text: str) -> FileReport:
    return validate_text(text, "p.yaml")


def of(rep: FileReport, code: str) -> list[Diagnostic]:
    return [d for d in rep.diagnostics if d.code == code]


def at(d: Diagnostic) -> tuple[int, int]:
    return d.pos.line, d.pos.col


# ---------------------------------------------------------------- what is silenced


def test_a_class_entry_silences_that_class_only() -> None:
    rep = report(HEAD + TWO_WEEKEND_CLASSES)
    weekend = of(rep, "CT302")
    silenced = [d for d in weekend if d.ignored]
    shown = [d for d in weekend if not d.ignored]
    assert [d.message for d in silenced] == [
        "班次“甲班”的开班日 2013年5月11日（周六）和结业日 5月12日（周日）都不是工作日",
    ]
    assert {d.reason for d in silenced} == {"经县委同意，本班周末上课"}
    assert [d.message for d in shown] == ["班次“乙班”的开班日 2013年5月18日 是周六"]
    assert silenced[0].severity is Severity.WARNING  # kept as found, only marked
    assert rep.count(Severity.WARNING) == 1
    assert of(rep, "CT119") == []


def test_a_plan_entry_silences_everywhere_and_a_class_entry_gives_its_own_reason() -> None:
    text = (
        "plan:\n  title: 测试计划\n  year: 2013\n  ignore: {CT302: 本年度周末班均经县委同意}\n"
        + TWO_WEEKEND_CLASSES
    )
    rep = report(text)
    reasons = {d.message[:5]: d.reason for d in of(rep, "CT302")}
    assert all(d.ignored for d in of(rep, "CT302"))
    assert reasons == {
        "班次“甲班": "经县委同意，本班周末上课",
        "班次“乙班": "本年度周末班均经县委同意",
    }
    assert rep.count(Severity.WARNING) == 0
    assert of(rep, "CT119") == []


def test_a_class_entry_silences_a_conflict_named_by_its_related_position() -> None:
    """CT305 is reported at the later class; an entry in the earlier one (the related
    position) silences it too, and an entry in an unrelated class does not."""
    body = """\
classes:
  - {id: a, name: 甲班, when: 2013年5月7日---5月9日, eligible: {tags: [中青年]},
     ignore: {CT305: 已错开选调}}
  - {id: b, name: 乙班, when: 2013年5月9日, eligible: {tags: [中青年]}}
  - {id: c, name: 丙班, when: 2013年6月3日, ignore: {CT305: 不相干}}
"""
    rep = report(HEAD + body)
    (shared,) = of(rep, "CT305")
    assert shared.ignored and shared.reason == "已错开选调"
    assert at(shared) == where(HEAD + body, "2013年5月9日,")
    (stale,) = of(rep, "CT119")
    assert at(stale) == where(HEAD + body, "CT305: 不相干")
    assert "班次“丙班”要忽略的 CT305" in stale.message


def test_findings_of_other_codes_and_errors_are_not_touched() -> None:
    text = HEAD + TWO_WEEKEND_CLASSES.replace("    planned: 10\n", "", 1)
    rep = report(text)
    assert [d.ignored for d in of(rep, "CT202")] == [False]
    assert [d.ignored for d in of(rep, "CT302")] == [True, False]


def test_what_the_plan_silences_with_only_some_rules_run() -> None:
    """An entry for a rule that did not run is not “matching nothing”."""
    year = parse_year(HEAD + TWO_WEEKEND_CLASSES, "t.yaml", checks=False)
    assert year is not None
    sink = Sink()
    run_checks(year.plan, sink, only=["CT202"], cal=year.calendar, schedules=year.schedules)
    assert [d.code for d in sink.items] == []


# ---------------------------------------------------------------- bad entries


BAD = """\
plan:
  title: 测试计划
  year: 2013
  ignore:
    CT999: 拼错了
    CT404: 名册的问题
    CT301: 错误
    CT204:
    ct106: ""
    CT205: 没有这个问题
    CT201: [一, 二]
classes:
  - id: a
    name: 甲班
    when: 2013年5月18日
    planned: 10
    ignore: CT302
  - id: b
    name: 乙班
    when: 2013年5月7日
    planned: 10
    ignore: {CT302: 本班不在周末}
"""


@pytest.mark.parametrize(
    ("code", "needle", "words"),
    [
        ("CT116", "CT999", "计划要忽略的代码“CT999”不存在"),
        ("CT116", "CT404", "CT404（身份证号与出生年月不符）不是检查计划内容时报告的问题"),
        ("CT118", "CT301", "CT301（分期排不进培训日期）是错误，错误不能忽略"),
        ("CT117", "CT204:", "计划忽略 CT204 没有写理由"),
        ("CT117", "ct106", "计划忽略 CT106 没有写理由"),
        ("CT119", "CT205", "计划要忽略的 CT205（节假日安排未知的年度）没有对应的问题"),
        ("CT103", "[一, 二]", "CT201 的理由应为一句话"),
        ("CT103", "CT302\n", "班次“甲班”的“ignore”应为“代码: 理由”形式的映射"),
        ("CT119", "CT302: 本班不在周末", "班次“乙班”要忽略的 CT302"),
    ],
    ids=[
        "unknown",
        "not-a-rule",
        "error",
        "no-reason",
        "empty-reason",
        "plan-matches-nothing",
        "reason-a-list",
        "not-a-mapping",
        "class-matches-nothing",
    ],
)
def test_each_bad_entry_is_reported_where_it_is(code: str, needle: str, words: str) -> None:
    rep = report(BAD)
    place = where(BAD, needle)
    here = [d for d in rep.diagnostics if at(d) == place and d.code == code]
    assert len(here) == 1, [d.line() for d in rep.diagnostics]
    assert words in here[0].message
    assert re.search(r"[\u4e00-\u9fff]", here[0].hint)


def test_bad_entries_silence_nothing() -> None:
    rep = report(BAD)
    assert not any(d.ignored for d in rep.diagnostics)
    # 5/18 is a Saturday: CT302 stays, since ``ignore: CT302`` is not a mapping
    assert [d.ignored for d in of(rep, "CT302")] == [False]
    assert of(rep, "CT301") == []  # nothing to silence there; the entry is still an error
    assert {d.severity for d in of(rep, "CT116") + of(rep, "CT117") + of(rep, "CT118")} == {
        Severity.ERROR
    }
    assert {d.severity for d in of(rep, "CT119")} == {Severity.WARNING}


def test_a_warning_reported_as_an_error_cannot_be_silenced() -> None:
    """Under calendar.weekend_days: error, CT302 findings are errors: the entry is CT118."""
    text = "calendar: {weekend_days: error}\n" + TWO_WEEKEND_CLASSES
    rep = report(HEAD + text)
    assert [(d.severity, d.ignored) for d in of(rep, "CT302")] == [(Severity.ERROR, False)] * 2
    (entry,) = of(rep, "CT118")
    assert at(entry) == where(HEAD + text, "CT302: 经县委同意")
    assert "在本计划中按错误报告" in entry.message
    assert of(rep, "CT119") == []


def test_read_ignores_gives_typed_entries_with_positions() -> None:
    text = HEAD.replace("}", ", ignore: {CT204: 待定}}") + TWO_WEEKEND_CLASSES
    plan, _ = load(text)
    assert plan is not None
    first, second = read_ignores(plan, Sink())
    assert (first.code, first.reason, first.class_id) == ("CT204", "待定", None)
    assert (first.pos.line, first.pos.col) == where(text, "CT204")
    assert (first.reason_pos.line, first.reason_pos.col) == where(text, "待定")
    assert (second.code, second.class_id) == ("CT302", "a")
    assert (second.pos.line, second.pos.col) == where(text, "CT302")


# ---------------------------------------------------------------- run_checks


def test_run_checks_uses_the_calendar_and_schedules_it_is_given() -> None:
    plan, _ = load(HEAD + TWO_WEEKEND_CLASSES)
    assert plan is not None
    cal = calendar_for(plan)
    schedules = schedule_plan(plan, cal)
    ctx = Context(plan, cal, schedules)
    assert ctx.cal is cal and ctx.schedules is schedules
    given = Sink()
    run_checks(plan, given, cal=cal, schedules=schedules)
    year = parse_year(HEAD + TWO_WEEKEND_CLASSES, "t.yaml")  # the pipeline builds its own
    assert year is not None
    rules = {r.CODE for r in RULES}
    piped = sorted(d.line() for d in year.diagnostics if d.code in rules)
    assert sorted(d.line() for d in given.items) == piped
    assert len(given.items) == 2
    with pytest.raises(ValueError):
        run_checks(plan, Sink())  # checks never compute a calendar or schedules of their own


# ---------------------------------------------------------------- validate


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    (tmp_path / "silenced.yaml").write_text(
        HEAD
        + TWO_WEEKEND_CLASSES.replace("ignore: {CT302", "ignore: {CT202: 无, CT302", 1)
        .replace("    planned: 10\n", "", 1)
        .replace("2013年5月18日", "2013年5月21日"),
        encoding="utf-8",
    )
    (tmp_path / "mixed.yaml").write_text(HEAD + TWO_WEEKEND_CLASSES, encoding="utf-8")
    return tmp_path


def test_summary_counts_silenced_findings_and_hides_them(plans: Path) -> None:
    result = cli("validate", "silenced.yaml", cwd=plans)
    assert result.returncode == 0
    assert "[CT302]" not in result.stdout and "[CT202]" not in result.stdout
    assert result.stdout.splitlines()[-1] == "检查了 1 个文件，没有发现问题（已忽略 2 条）。"
    mixed = cli("validate", "mixed.yaml", cwd=plans)
    assert mixed.stdout.splitlines()[-1] == (
        "检查了 1 个文件：错误 0 个，警告 1 个，提示 0 个，已忽略 1 条。"
    )


def test_show_ignored_lists_them_with_their_reason(plans: Path) -> None:
    result = cli("validate", "--show-ignored", "mixed.yaml", cwd=plans)
    lines = result.stdout.splitlines()
    marked = [line for line in lines if "（已忽略）" in line]
    assert len(marked) == 1
    assert all("警告 [CT302] （已忽略）班次“甲班”" in line for line in marked)
    assert lines.count("    忽略理由：经县委同意，本班周末上课") == 1
    assert "警告 [CT302] 班次“乙班”" in result.stdout


def test_json_lists_silenced_findings_with_their_reason(plans: Path) -> None:
    data = json.loads(cli("validate", "-f", "json", "mixed.yaml", cwd=plans).stdout)
    diags = data["files"][0]["diagnostics"]
    silenced = [d for d in diags if d["ignored"]]
    assert [d["code"] for d in silenced] == ["CT302"]
    assert {d["reason"] for d in silenced} == {"经县委同意，本班周末上课"}
    assert [d["reason"] for d in diags if not d["ignored"]] == [""]
    assert data["files"][0]["ignored"] == data["summary"]["ignored"] == 1
    assert data["summary"]["warnings"] == 1


def test_strict_passes_when_only_silenced_warnings_remain(plans: Path) -> None:
    assert cli("validate", "--strict", "silenced.yaml", cwd=plans).returncode == 0
    assert cli("validate", "--strict", "mixed.yaml", cwd=plans).returncode == 1
    data = json.loads(cli("validate", "--strict", "-f", "json", "silenced.yaml", cwd=plans).stdout)
    assert data["summary"]["exit_code"] == 0


def test_build_index_does_not_list_silenced_findings(plans: Path) -> None:
    out = plans / "out"
    result = cli("build", "mixed.yaml", "-o", str(out), cwd=plans)
    assert result.returncode == 0, result.stderr
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "乙班”的开班日" in index
    assert "甲班”的开班日" not in index


# ---------------------------------------------------------------- format and docs


def test_the_schema_declares_ignore_in_plan_and_class() -> None:
    defs = json_schema()["$defs"]
    for section in ("plan", "class"):
        prop = defs[section]["properties"]["ignore"]
        assert prop["type"] == "object"
        assert prop["additionalProperties"]["type"] == "string"
        assert re.fullmatch(prop["propertyNames"]["pattern"], "CT302")


def test_the_plan_format_page_names_the_codes_a_plan_can_silence() -> None:
    silenceable = sorted(r.CODE for r in RULES if r.SEVERITY is not Severity.ERROR)
    page = (ROOT / "docs" / "计划格式.md").read_text(encoding="utf-8")
    line = next(x for x in page.splitlines() if "只能忽略检查计划内容得出的警告和提示" in x)
    assert re.findall(r"CT\d{3}", line) == silenceable
