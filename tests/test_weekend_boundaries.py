"""CT302, one finding per fact: a class (or session) whose opening and closing days are both off
gets one finding naming both; when only one of them is off, that one; a session's day that its
class already told is not told again."""

from __future__ import annotations

from cadretrain.core.diagnostics import Diagnostic, Severity
from cadretrain.year.validate import validate_text
from tests.conftest import HEADER


def weekend(classes: str, header: str = HEADER) -> list[Diagnostic]:
    report = validate_text(header + "classes:\n" + classes, "t.yaml")
    return [d for d in report.diagnostics if d.code == "CT302"]


def test_a_class_on_one_weekend_is_one_finding_naming_both_days() -> None:
    (found,) = weekend("  - {id: a, name: 甲班, when: 2013-03-16 ~ 2013-03-17, planned: 10}\n")
    assert found.message == (
        "班次“甲班”的开班日 2013年3月16日（周六）和结业日 3月17日（周日）都不是工作日"
    )
    assert (found.pos.line, found.severity) == (3, Severity.WARNING)


def test_a_holiday_and_a_weekend_day_are_one_finding_too() -> None:
    (found,) = weekend("  - {id: a, name: 甲班, when: 2013年5月1日—4日, planned: 10}\n")
    assert "开班日 2013年5月1日（劳动节）和结业日 5月4日（周六）都不是工作日" in found.message


def test_only_the_day_that_is_off_is_told_when_the_other_is_a_workday() -> None:
    found = weekend(
        "  - {id: a, name: 甲班, when: 2013年5月11日—14日, planned: 10}\n"  # Sat–Tue
        "  - {id: b, name: 乙班, when: 2013年5月6日—11日, planned: 10}\n"  # Mon–Sat
        "  - {id: c, name: 丙班, when: 2013年5月18日, planned: 10}\n"  # one Saturday
    )
    assert [d.message for d in found] == [
        "班次“甲班”的开班日 2013年5月11日 是周六",
        "班次“乙班”的结业日 2013年5月11日 是周六",
        "班次“丙班”的开班日 2013年5月18日 是周六",
    ]


def test_a_session_does_not_repeat_what_its_class_told() -> None:
    found = weekend(
        "  - id: a\n    name: 甲班\n    when: 2013年3月16日—24日\n    planned: 10\n"
        "    sessions: [{when: 2013年3月16日—17日}, {when: 2013年3月23日—24日}]\n"
        "  - id: b\n    name: 乙班\n    when: 2013年3月11日—29日\n    planned: 10\n"
        "    sessions: [{when: 2013年3月16日—17日}, {when: 2013年3月25日—29日}]\n"
    )
    assert [d.message for d in found] == [
        "班次“甲班”的开班日 2013年3月16日（周六）和结业日 3月24日（周日）都不是工作日",
        "班次“甲班”第 1 期的结业日 2013年3月17日 是周日",
        "班次“甲班”第 2 期的开班日 2013年3月23日 是周六",
        "班次“乙班”第 1 期的开班日 2013年3月16日（周六）和结业日 3月17日（周日）都不是工作日",
    ]


def test_the_one_finding_takes_the_plans_severity() -> None:
    header = "plan: {title: 测试计划, year: 2013}\ncalendar: {weekend_days: error}\n"
    (found,) = weekend("  - {id: a, name: 甲班, when: 2013年5月11日—12日}\n", header)
    assert found.severity is Severity.ERROR
    allow = header.replace("error", "allow")
    assert weekend("  - {id: a, name: 甲班, when: 2013年5月11日—12日}\n", allow) == []
