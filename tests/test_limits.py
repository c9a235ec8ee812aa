"""The documented limits (``core/limits.py``): the table in docs/计划格式.md, validate's CT120
exactly at each boundary, and the guards where the work happens, which a library caller
cannot bypass."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from cadretrain.core import limits
from cadretrain.core.diagnostics import Sink
from cadretrain.core.errors import CannotProceed
from cadretrain.plan.loader import parse_plan
from cadretrain.year.pipeline import parse_year
from cadretrain.year.validate import validate_text
from tests.conftest import HEADER, ROOT

UNITS = (
    "units:\n  - {id: a, name: 甲镇, counts: {科员: 50000}}\n"
    "  - {id: b, name: 乙镇, counts: {科员: 30}}\n"
)


def codes_of(text: str) -> list[tuple[str, int, int]]:
    return [(d.code, d.pos.line, d.pos.col) for d in validate_text(text).diagnostics]


def test_the_docs_table_lists_every_limit_with_its_value() -> None:
    page = (ROOT / "docs" / "计划格式.md").read_text(encoding="utf-8")
    section = page.split("### 上限", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| ([^|]+?) \| ([\d,]+) \| ([^|]+?) \| ([^|]+?) \|$", section, re.M)
    assert [(what, int(value.replace(",", ""))) for what, value, _, _ in rows] == [
        (limit.what, limit.value) for limit in limits.LIMITS
    ]
    for limit in limits.LIMITS:
        assert getattr(limits, limit.name) == limit.value
        assert limit.why and limit.where


def class_line(**extra: str) -> str:
    fields = ", ".join(f"{k}: {v}" for k, v in extra.items())
    return f"  - {{id: a, name: 甲班, when: 2013年3月1日---6月28日, {fields}}}\n"


@pytest.mark.parametrize(
    ("fields", "over"),
    [
        ({"planned": str(limits.MAX_SEATS)}, ""),
        ({"planned": str(limits.MAX_SEATS + 1)}, str(limits.MAX_SEATS + 1)),
        ({"sessions": f"{{count: {limits.MAX_SESSIONS}, days: 1}}"}, ""),
        ({"sessions": f"{{count: {limits.MAX_SESSIONS + 1}, days: 1}}"}, "101,"),
        ({"sessions": f"{{count: 1, days: {limits.MAX_DAYS}}}"}, ""),
        ({"sessions": f"{{count: 1, days: {limits.MAX_DAYS + 1}}}"}, "367}"),
    ],
)
def test_validate_reports_exactly_beyond_each_limit(fields: dict[str, str], over: str) -> None:
    line = class_line(**fields)
    found = [c for c in codes_of(HEADER + "classes:\n" + line) if c[0] == "CT120"]
    assert found == ([("CT120", 3, line.index(over) + 1)] if over else [])


def test_listed_sessions_beyond_the_limit_are_reported_at_the_first_one_over() -> None:
    sessions = "\n".join(
        f"      - {{when: 2013-03-{1 + i % 28:02d}}}" for i in range(limits.MAX_SESSIONS + 1)
    )
    text = (
        HEADER
        + f"classes:\n  - id: a\n    name: 甲班\n    when: 2013年\n    sessions:\n{sessions}\n"
    )
    found = [c for c in codes_of(text) if c[0] == "CT120"]
    assert found == [("CT120", 7 + limits.MAX_SESSIONS, 9)]


def test_units_beyond_the_limit_are_reported_at_the_first_one_over() -> None:
    units = "".join(f"  - {{id: u{i}, name: 单位{i}}}\n" for i in range(limits.MAX_UNITS + 1))
    text = HEADER + "units:\n" + units + "classes: []\n"
    found = [c for c in codes_of(text) if c[0] == "CT120"]
    assert found == [("CT120", 3 + limits.MAX_UNITS, 5)]
    fewer = HEADER + "units:\n" + units[: units.rindex("  - ")] + "classes: []\n"
    assert not [c for c in codes_of(fewer) if c[0] == "CT120"]


@pytest.mark.parametrize(("max_size", "expanded"), [(50, limits.MAX_PER_UNIT_CLASSES), (49, None)])
def test_per_unit_expands_up_to_the_limit_and_no_further(
    max_size: int, expanded: int | None
) -> None:
    # 49,950 + 30 cadres: 999 + 1 classes of at most 50, or 1,020 + 1 of at most 49
    text = (
        HEADER
        + UNITS.replace("50000", "49950")
        + "classes:\n  - {id: v, name: 两委班, when: 2013年, "
        + f"per_unit: {{max_size: {max_size}, days: 1}}}}\n"
    )
    sink = Sink()
    year = parse_year(text, "t.yaml", sink, checks=False)
    assert year is not None
    plan = year.plan
    over = [d for d in sink.items if d.code == "CT120"]
    if expanded is None:
        assert [c.id for c in plan.classes] == ["v"] and len(over) == 1
        assert "1021 个班" in over[0].message
    else:
        assert len(plan.classes) == expanded and not over


def plan_with(line: str) -> object:
    sink = Sink()
    plan = parse_plan(HEADER + UNITS + "classes:\n" + line, "t.yaml", sink)
    assert plan is not None
    return plan


def test_quota_table_refuses_what_validate_reports_whoever_calls_it() -> None:
    from cadretrain.enroll.quota_table import quota_table

    for line in (
        class_line(planned=str(limits.MAX_SEATS + 1)),
        class_line(planned="10", sessions=f"{{count: {limits.MAX_SESSIONS + 1}, days: 1}}"),
    ):
        plan = plan_with(line)
        with pytest.raises(CannotProceed) as caught:
            quota_table(plan, plan.classes[0], None, Sink())  # type: ignore[attr-defined]
        assert caught.value.exit_code == 1
        assert [d.code for d in caught.value.diagnostics] == ["CT120"]
        assert "超过上限" in caught.value.message
    plan = plan_with(class_line(planned=str(limits.MAX_SEATS)))
    table = quota_table(plan, plan.classes[0], None, Sink())  # type: ignore[attr-defined]
    assert table.allocation.requested == limits.MAX_SEATS  # apportioned, not refused


def test_form_bytes_refuses_a_form_beyond_the_row_limit(tmp_path: Path) -> None:
    from cadretrain.enroll.forms import form_bytes
    from cadretrain.enroll.quota_table import quota_table

    year = parse_year(HEADER + UNITS + "classes:\n" + class_line(planned="20"), "t.yaml")
    assert year is not None
    plan = year.plan
    year_sched = year.schedule(plan.classes[0])
    table = quota_table(plan, plan.classes[0], None, Sink())
    shares = tuple(
        replace(s, seats=limits.MAX_FORM_ROWS + 1 if s.unit == "a" else 3)
        for s in table.allocation.shares
    )
    table.allocation = replace(table.allocation, shares=shares)
    with pytest.raises(CannotProceed, match="超过上限"):
        form_bytes(table, "a", year_sched)
    assert form_bytes(table, "b", year_sched)  # the other unit's form is within the limit


def test_names_that_become_file_names_are_bounded(tmp_path: Path) -> None:
    """A 300-character unit name or class id used to crash forms and notice in the file system
    (OSError: file name too long); validate reports them, the reply form's name is cut, and a
    class whose id is too long stops with CT120."""
    from cadretrain.enroll.forms import file_names
    from cadretrain.enroll.quota_table import quota_table

    long_name = "城关镇" * 100
    text = (
        HEADER
        + f"units:\n  - {{id: a, name: {long_name}, counts: {{科员: 10}}}}\n"
        + "classes:\n  - {id: c, name: 甲班, when: 2013年5月7日—9日, planned: 5}\n"
        + f"  - {{id: {'c' * 61}, name: 乙班, when: 2013年5月7日—9日, planned: 5}}\n"
    )
    found = [c for c in codes_of(text) if c[0] == "CT120"]
    assert found == [("CT120", 3, 19), ("CT120", 6, 10)]
    sink = Sink()
    plan = parse_plan(text, "t.yaml", sink)
    assert plan is not None
    names = file_names(quota_table(plan, plan.classes[0], None, sink))
    assert names == {"a": "城关镇" * 20 + ".xlsx"}
    with pytest.raises(CannotProceed, match="代号有 61 个字"):
        quota_table(plan, plan.classes[1], None, sink)
