"""Headcounts as written (``planned``): the grammar's properties, and what validate, show and
the notice say about them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cadretrain.core.headcount import Headcount, headcount_text, parse_headcount
from cadretrain.year.pipeline import parse_year
from cadretrain.year.validate import validate_text
from tests.conftest import HEADER

UNITS = ["", "人", "名", "位", "名学员"]


@given(st.integers(0, 99999), st.sampled_from(UNITS), st.sampled_from(["", "约", "大约"]))
def test_approximate_numbers_keep_their_number(n: int, unit: str, pre: str) -> None:
    found = parse_headcount(f"{pre}{n}{unit}")
    assert found is not None and found.number == n and found.low is None
    assert found.approximate is bool(pre) and not found.per_session
    assert found.plain is not bool(pre)


@given(st.integers(0, 99999), st.integers(0, 99999), st.sampled_from(["至", "到", "-", "～"]))
def test_ranges_use_the_larger_end(a: int, b: int, sep: str) -> None:
    found = parse_headcount(f"{a}{sep}{b}人")
    assert found is not None
    assert found.number == max(a, b)
    assert found.low == (None if a == b else min(a, b))


@given(st.integers(1, 9999), st.sampled_from(["每期{n}人", "{n}人/期", "每期约{n}人", "每班{n}名"]))
def test_per_session_counts_multiply_by_sessions(n: int, form: str) -> None:
    found = parse_headcount(form.format(n=n))
    assert found is not None and found.per_session
    assert found.total(3) == 3 * n and found.total(0) == n


@given(st.integers(1, 999), st.integers(0, 9))
def test_wan_scales_by_ten_thousand(whole: int, tenth: int) -> None:
    found = parse_headcount(f"{whole}.{tenth}万人次")
    assert found is not None and found.person_times
    assert found.number == whole * 10000 + tenth * 1000


@given(
    st.builds(
        Headcount,
        st.integers(1, 9999),
        st.just(""),
        approximate=st.booleans(),
        at_least=st.booleans(),
        per_session=st.booleans(),
        person_times=st.booleans(),
    )
)
def test_describe_parses_back(hc: Headcount) -> None:
    again = parse_headcount(hc.describe())
    assert again is not None
    assert again.number == hc.number
    for flag in ("approximate", "at_least", "per_session", "person_times"):
        assert getattr(again, flag) is getattr(hc, flag), flag


def test_refused_headcounts() -> None:
    for text in ["四十五", "若干", "45人以下（暂定）", "1.23456万", "0.5人"]:
        assert parse_headcount(text) is None, text


def test_plain_numbers_show_as_before() -> None:
    assert headcount_text(parse_headcount("900人"), 900) == "900"
    assert headcount_text(None, 45) == "45"
    assert headcount_text(parse_headcount("约80人"), 80) == "约80人"
    assert headcount_text(parse_headcount("约80人"), 40, expanded=True) == "40"


PLAN = HEADER + (
    "classes:\n"
    "  - {id: a, name: 甲班, when: 2013年5月7日—9日, planned: 约80人}\n"
    "  - {id: b, name: 乙班, when: 2013年5月13日—24日, planned: 120人/期,"
    " sessions: {count: 3, days: 3}}\n"
    "  - {id: c, name: 丙班, when: 2013年6月3日—5日, planned: 30至40人}\n"
)


def test_validate_reports_each_reading_at_its_place() -> None:
    found = {(d.code, d.pos.line): d for d in validate_text(PLAN).diagnostics}
    assert "按 80 人计" in found["CT135", 3].message
    assert found["CT135", 3].pos.col == PLAN.splitlines()[2].index("约80人") + 1
    assert "每期 120 人" in found["CT136", 4].message
    assert "按较大的 40 人计" in found["CT135", 5].message


def test_outputs_show_the_headcount_as_written() -> None:
    from cadretrain.core.diagnostics import Sink
    from cadretrain.documents.class_table import class_rows

    year = parse_year(PLAN, "t.yaml", Sink())
    assert year is not None
    a, b, c = year.plan.classes
    assert (a.planned, b.planned, c.planned) == (80, 360, 40)
    shown = [row[4] for row in class_rows(year)]
    assert shown == ["约80人", "每期120人（共360人）", "30—40人"]
    assert a.planned_words == "约80人"


def test_a_huge_number_is_read_and_left_to_the_limits_check() -> None:
    """A number beyond the limits is still a number: the loader reports it with the limit and
    its reason (CT120), not as an unreadable headcount (CT103)."""
    hc = parse_headcount("999999999")
    assert hc is not None and hc.number == 999_999_999 and hc.plain
