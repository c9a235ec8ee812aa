"""Every code is explained with a passing and a failing example, and the examples are true:
the passing one does not raise the code, the failing one does. Rules declare theirs beside
the check (``checks/rules/``); the codes raised while reading have theirs in ``core/codes*.py``."""

from __future__ import annotations

import inspect
import re
import subprocess
import sys
from pathlib import Path

import pytest

from cadretrain.checks import RULES, Rule, run_checks
from cadretrain.checks.base import Prose
from cadretrain.checks.catalog import CATALOG
from cadretrain.checks.explain import code_doc, code_table, explain_code
from cadretrain.core.codes import CODES
from cadretrain.core.diagnostics import Severity, Sink
from cadretrain.enroll.quota_table import quota_table
from cadretrain.year.pipeline import parse_year
from cadretrain.year.validate import validate_file, validate_text
from tests.conftest import HEADER, ROOT

# codes about the file itself (bytes, size, nesting) cannot be shown as a YAML fragment
FILE_LEVEL = {"CT001", "CT002", "CT003", "CT004", "CT008", "CT009"}
RULE_CODES = [r.CODE for r in RULES]


def examples(doc: str) -> tuple[str, str]:
    def block(title: str) -> str:
        m = re.search(rf"^{title}::\n\n((?:    .*\n|\n)+)", doc + "\n", re.M)
        assert m, f"no {title} example"
        return inspect.cleandoc(m.group(1)) + "\n"

    return block("通过"), block("不通过")


def as_plan(fragment: str) -> str:
    return fragment if fragment.startswith("plan:") else HEADER + fragment


def found_codes(fragment: str) -> list[str]:
    return [d.code for d in validate_text(as_plan(fragment)).diagnostics]


# codes raised while reading registers and returned forms: their examples are cell values,
# written as plain "通过：… / 不通过：…" lines and exercised in those modules' own tests
def has_plan_examples(code: str) -> bool:
    return "通过::" in code_doc(code)


def rule(code: str) -> Rule:
    return next(r for r in RULES if code == r.CODE)


def test_every_code_has_examples() -> None:
    for code in sorted(set(CATALOG) - FILE_LEVEL):
        doc = code_doc(code)
        plan_examples = "通过::" in doc and "不通过::" in doc
        value_examples = "通过：" in doc and "不通过：" in doc
        assert plan_examples or value_examples, code


READ_CODES = sorted(c for c in set(CODES) - FILE_LEVEL if has_plan_examples(c))


@pytest.mark.parametrize("code", READ_CODES)
def test_examples_of_codes_raised_while_reading_hold(code: str) -> None:
    good, bad = examples(code_doc(code))
    assert code not in found_codes(good)
    assert code in found_codes(bad)


@pytest.mark.parametrize("code", [c for c in RULE_CODES if not isinstance(rule(c).PASSING, Prose)])
def test_examples_of_each_rule_hold(code: str) -> None:
    r = rule(code)
    assert code not in found_codes(r.PASSING)
    assert code in found_codes(r.FAILING)


@pytest.mark.parametrize("code", [c for c in RULE_CODES if not isinstance(rule(c).PASSING, Prose)])
def test_each_rule_runs_alone_on_its_own_example(code: str) -> None:
    """``run_checks(only=…)`` runs just that rule: its failing example gives only its code."""
    loading_sink = Sink()
    year = parse_year(as_plan(rule(code).FAILING), "t.yaml", loading_sink, checks=False)
    assert year is not None
    loading = loading_sink.items
    sink = Sink()
    run_checks(year.plan, sink, only=[code], cal=year.calendar, schedules=year.schedules)
    raised = {d.code for d in sink.items}
    assert raised == {code}, raised
    assert all(d.code != code for d in loading)


def test_every_rule_declares_its_metadata() -> None:
    seen = set()
    for r in RULES:
        assert re.fullmatch(r"CT[1234]\d\d", r.CODE), r
        assert r.CODE not in seen, f"two rules for {r.CODE}"
        assert r.CODE not in CODES, f"{r.CODE} is also in core/codes*.py"
        seen.add(r.CODE)
        assert isinstance(r.SEVERITY, Severity)
        assert r.TITLE and re.search(r"[\u4e00-\u9fff]", r.TITLE)
        assert r.EXPLANATION.strip() and re.search(r"[\u4e00-\u9fff]", r.EXPLANATION)
        assert r.PASSING.strip() and r.FAILING.strip() and r.PASSING != r.FAILING
        assert CATALOG[r.CODE].severity is r.SEVERITY and CATALOG[r.CODE].title == r.TITLE


def test_rules_are_the_modules_of_checks_rules() -> None:
    """Each module in checks/rules/ is registered, once; the registry lists nothing else."""
    modules = {p.stem for p in (ROOT / "cadretrain" / "checks" / "rules").glob("*.py")}
    modules.discard("__init__")
    names = [r.__name__.rsplit(".", 1)[-1] for r in RULES]
    assert sorted(names) == sorted(modules)


def test_the_catalogue_is_core_codes_and_rule_codes() -> None:
    assert set(CATALOG) == set(CODES) | set(RULE_CODES)
    assert list(CATALOG) == sorted(CATALOG)


def test_explain_shows_title_and_examples() -> None:
    text = explain_code("ct301")
    assert text is not None
    assert text.startswith("CT301（错误）分期排不进培训日期")
    assert "不通过::" in text
    assert rule("CT301").FAILING.splitlines()[0] in text
    assert explain_code("CT999") is None


def test_explain_of_a_rule_reading_other_files_shows_prose_examples() -> None:
    text = explain_code("CT307")
    assert text is not None
    assert f"通过：{rule('CT307').PASSING}\n不通过：{rule('CT307').FAILING}" in text


def test_codes_lists_every_code_of_the_catalogue() -> None:
    lines = code_table().splitlines()[1:]
    assert [line.split()[0] for line in lines] == list(CATALOG)
    assert "CT302   警告  开班或结业日在周末或节假日" in lines


def test_explain_and_codes_commands() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "cadretrain", "explain", "CT119"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        check=True,
    ).stdout
    assert out.startswith("CT119（警告）ignore 没有对应的问题")
    listed = subprocess.run(
        [sys.executable, "-m", "cadretrain", "codes"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        check=True,
    ).stdout
    assert "CT116   错误  ignore 中的代码未知或不能忽略" in listed
    assert "CT305   警告  学员可能同时在两个班" in listed


def corpus() -> list[Path]:
    return [
        ROOT / "plans" / "2013-county.yaml",
        *sorted((ROOT / "examples").glob("*.yaml")),
        *sorted((ROOT / "tests" / "broken").glob("*.yaml")),
    ]


def test_findings_have_the_severity_their_code_declares() -> None:
    """Every diagnostic on the bundled, example and broken plans has its catalogue severity
    (one level softer when only possible); CT302's comes from calendar.weekend_days."""
    seen = set()
    for path in corpus():
        for d in validate_file(path).diagnostics:
            seen.add(d.code)
            declared = CATALOG[d.code].severity
            if d.code == "CT302":
                continue
            expected = declared.softer() if d.possible else declared
            assert d.severity is expected, (path.name, d.line())
    assert len(seen & set(RULE_CODES)) >= 15, sorted(seen)


def test_rule_codes_raised_below_checks_have_the_rules_severity() -> None:
    """plan/expand.py (CT301) and enroll/quota_table.py (CT202) state the severity themselves:
    core does not know the rules' codes."""
    text = HEADER + (
        "units:\n"
        "  - {id: a, name: 甲镇, kind: 镇, counts: {两委成员: 250}}\n"
        "  - {id: b, name: 乙镇, kind: 镇, counts: {两委成员: 90}}\n"
        "classes:\n"
        "  - {id: v, name: 两委培训班, when: 2013年3月4日---8日,\n"
        "     per_unit: {max_size: 100, days: 2}}\n"
        "  - {id: w, name: 无人数班, when: 2013年5月7日}\n"
    )
    report = validate_text(text)
    (expanded,) = [d for d in report.diagnostics if d.code == "CT301"]
    assert expanded.severity is rule("CT301").SEVERITY
    plan = report.plan
    assert plan is not None
    sink = Sink()
    quota_table(plan, plan.classes[-1], None, sink)
    (unplanned,) = [d for d in sink.items if d.code == "CT202"]
    assert unplanned.severity is rule("CT202").SEVERITY
