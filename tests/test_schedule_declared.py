"""``plan.classes_declared`` as classes, sessions or both, checked against what is listed
(CT201 classes, CT311 sessions)."""

from __future__ import annotations

import pytest

from cadretrain.plan.declared_total import DeclaredTotal, parse_total
from cadretrain.year.validate import validate_text
from tests.conftest import load


@pytest.mark.parametrize(
    ("text", "classes", "sessions"),
    [
        ("12", 12, None),
        ("12个", 12, None),
        ("共12个班次", 12, None),
        ("全年共举办培训班12个", 12, None),  # a prefecture plan's wording
        ("十二个班次", 12, None),
        ("共15期", None, 15),
        ("１５期", None, 15),  # full-width digits
        ("12个班次、45期", 12, 45),
        ("共举办12个班次，45期", 12, 45),
        ("二十期", None, 20),
    ],
)
def test_phrases_read_as_classes_or_sessions(
    text: str, classes: int | None, sessions: int | None
) -> None:
    assert parse_total(text) == DeclaredTotal(classes, sessions, text)


@pytest.mark.parametrize("text", ["", "若干", "12个班次、13个班次", "15期20期", "12人"])
def test_phrases_that_are_not_counts_are_refused(text: str) -> None:
    assert parse_total(text) is None


def codes(declared: str) -> list[str]:
    text = (
        f"plan: {{title: 测试计划, year: 2013, classes_declared: {declared}}}\n"
        "classes:\n"
        "  - {id: a, name: 甲班, when: 2013年5月6日—17日, sessions: {count: 3, days: 3}}\n"
        "  - {id: b, name: 乙班, when: 2013-05-21}\n"
        "  - {id: c, name: 丙班, when: 2013年6月3日—7日,"
        " sessions: [{when: 6月3日—4日}, {when: 6月6日—7日}]}\n"
    )
    report = validate_text(text)
    return [d.code for d in report.diagnostics if d.code in ("CT201", "CT311", "CT103")]


def test_classes_are_counted_as_classes_and_sessions_as_sessions() -> None:
    # 3 classes; 3 + 1 + 2 = 6 sessions
    assert codes("3") == []
    assert codes("共6期") == []
    assert codes("{classes: 3, sessions: 6}") == []
    assert codes("3个班次、6期") == []
    assert codes("6") == ["CT201"]  # a count of 期 written as a bare number is a class count
    assert codes("共3期") == ["CT311"]
    assert codes("4个班次、7期") == ["CT201", "CT311"]
    assert codes("若干") == ["CT103"]
    assert codes("{classes: 3, periods: 6}") == ["CT103"]


def test_the_message_names_both_numbers_and_the_place() -> None:
    head = "plan: {title: 测试计划, year: 2013, classes_declared: 共5期}\n"
    report = validate_text(head + "classes:\n  - {id: a, name: 甲班, when: 2013-05-21}\n")
    (found,) = [d for d in report.diagnostics if d.code == "CT311"]
    assert "共 5 期" in found.message and "合计 1 期" in found.message
    assert (found.pos.line, found.pos.col) == (1, head.index("共5期") + 1)


def test_the_model_keeps_what_was_written() -> None:
    plan, _ = load("plan: {title: 测试计划, year: 2013, classes_declared: 共15期}\nclasses: []\n")
    assert plan is not None and plan.classes_declared == DeclaredTotal(None, 15, "共15期")
