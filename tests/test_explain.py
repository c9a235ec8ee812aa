"""Every code is explained with a passing and a failing example, and the examples are true:
the passing one does not raise the code, the failing one does."""

from __future__ import annotations

import inspect
import re

import pytest

from cadretrain.checks import RULES
from cadretrain.checks.explain import code_doc, explain_code
from cadretrain.core.codes import CODES
from cadretrain.year.validate import validate_text
from tests.conftest import HEADER

# codes about the file itself (bytes, size, nesting) cannot be shown as a YAML fragment
FILE_LEVEL = {"CT001", "CT002", "CT003", "CT004", "CT008", "CT009"}


def examples(doc: str) -> tuple[str, str]:
    def block(title: str) -> str:
        m = re.search(rf"^{title}::\n\n((?:    .*\n|\n)+)", doc + "\n", re.M)
        assert m, f"no {title} example"
        return inspect.cleandoc(m.group(1)) + "\n"

    return block("通过"), block("不通过")


def as_plan(fragment: str) -> str:
    return fragment if fragment.startswith("plan:") else HEADER + fragment


# codes raised while reading registers and returned forms: their examples are cell values,
# written as plain "通过：… / 不通过：…" lines and exercised in those modules' own tests
def has_plan_examples(code: str) -> bool:
    return "通过::" in code_doc(code)


def test_every_code_has_examples() -> None:
    for code in sorted(set(CODES) - FILE_LEVEL):
        doc = code_doc(code)
        plan_examples = "通过::" in doc and "不通过::" in doc
        value_examples = "通过：" in doc and "不通过：" in doc
        assert plan_examples or value_examples, code


@pytest.mark.parametrize("code", sorted(c for c in set(CODES) - FILE_LEVEL if has_plan_examples(c)))
def test_examples_hold(code: str) -> None:
    good, bad = examples(code_doc(code))
    good_codes = [d.code for d in validate_text(as_plan(good)).diagnostics]
    bad_codes = [d.code for d in validate_text(as_plan(bad)).diagnostics]
    assert code not in good_codes, good_codes
    assert code in bad_codes, bad_codes


def test_every_rule_has_a_registered_code_and_docstring() -> None:
    seen = set()
    for check in RULES:
        assert check.code in CODES, check.__name__
        assert check.code not in seen, f"two checks for {check.code}"
        seen.add(check.code)
        doc = check.__doc__ or ""
        assert ("通过::" in doc and "不通过::" in doc) or ("通过：" in doc and "不通过：" in doc)


def test_explain_shows_title_and_examples() -> None:
    text = explain_code("ct301")
    assert text is not None
    assert text.startswith("CT301（错误）分期排不进培训日期")
    assert "不通过::" in text
    assert explain_code("CT999") is None
