"""Sessions stated inside ``when`` (``3月，每期三天，分两期进行``): read by the grammar (CT137 at
the words), the class's sessions as ``sessions: {count, days}`` would be — placed, counted for
``classes_declared`` and multiplying a per-session headcount the same way — and a ``sessions:``
the class writes wins, with CT312 when the two disagree."""

from __future__ import annotations

from datetime import date

import pytest

from cadretrain.core.dates import DateParseError, parse_when
from cadretrain.core.diagnostics import Diagnostic, Severity, Sink
from cadretrain.core.limits import MAX_SESSIONS
from cadretrain.plan.schedule import ScheduleState
from cadretrain.year.pipeline import parse_year
from cadretrain.year.validate import validate_text
from tests.conftest import HEADER

# ---------------------------------------------------------------- the grammar


@pytest.mark.parametrize(
    ("text", "window", "count", "days", "words"),
    [
        ("3月，每期三天，分两期进行", ((3, 1), (3, 31)), 2, 3, "分两期进行、每期三天"),
        ("4—6月，分3期，每期5天", ((4, 1), (6, 30)), 3, 5, "分3期、每期5天"),
        ("全年分四期举办，每期2天", ((1, 1), (12, 31)), 4, 2, "分四期举办、每期2天"),
        ("10月，分3期每期5天", ((10, 1), (10, 31)), 3, 5, "分3期、每期5天"),
        ("10月，每期5天共3期", ((10, 1), (10, 31)), 3, 5, "共3期、每期5天"),
        ("10月，分两期、每期三天", ((10, 1), (10, 31)), 2, 3, "分两期、每期三天"),
        ("下半年，共分3期，每期5天", ((7, 1), (12, 31)), 3, 5, "共分3期、每期5天"),
    ],
)
def test_sessions_in_a_when_are_read_and_told(
    text: str, window: tuple[tuple[int, int], ...], count: int, days: int, words: str
) -> None:
    span = parse_when(text, 2013)
    (lo_m, lo_d), (hi_m, hi_d) = window
    assert (span.start, span.end) == (date(2013, lo_m, lo_d), date(2013, hi_m, hi_d))
    assert (span.session_count, span.session_days) == (count, days)
    (note,) = [n for n in span.notes if n.code == "CT137"]
    assert note.message == f"按“{words}”排为 {count} 期，每期 {days} 天"
    assert f"sessions: {{count: {count}, days: {days}}}" in note.hint
    first = words.split("、")[0]
    assert text[note.start : note.end] == first  # the note is at the count as written
    assert not [n for n in span.notes if n.code == "CT130"]


def test_a_count_without_the_length_of_each_is_only_a_count() -> None:
    span = parse_when("10月，分两期，为期一周", 2013)  # 为期 is the class's length, not each one's
    assert (span.session_count, span.session_days) == (2, None)
    assert span.length_days == 7
    (note,) = [n for n in span.notes if n.code == "CT137"]
    assert "每期天数没有写明" in note.message


def test_a_week_each_is_five_training_days_and_a_month_each_is_not_a_number_of_days() -> None:
    week = parse_when("10月，分两期，每期一周", 2013)
    assert (week.session_count, week.session_days) == (2, 5)
    assert "一周按 5 个培训日计" in next(n.message for n in week.notes if n.code == "CT137")
    month = parse_when("10月，分两期，每期一个月", 2013)
    assert (month.session_count, month.session_days) == (2, None)


@pytest.mark.parametrize("words", ["第3期", "分0期", f"分{MAX_SESSIONS + 1}期"])
def test_a_session_number_or_a_count_out_of_bounds_is_not_read(words: str) -> None:
    span = parse_when(f"10月，{words}", 2013)
    assert span.session_count is None
    (dropped,) = [n for n in span.notes if n.code == "CT130"]
    assert words in dropped.message


def test_a_second_count_is_reported_not_read() -> None:
    span = parse_when("10月，分两期，共3期", 2013)
    assert span.session_count == 2
    assert any(n.code == "CT130" and "共3期" in n.message for n in span.notes)


def test_a_start_day_with_sessions_lasts_every_session() -> None:
    span = parse_when("2013年5月13日起，每期三天，分两期", 2013)
    # 6 training days from Monday 5/13: 13–17 and Monday 5/20
    assert (span.start, span.end, span.exact) == (date(2013, 5, 13), date(2013, 5, 20), True)
    assert any(n.code == "CT133" and "2 期共 6 个培训日" in n.message for n in span.notes)


def test_a_month_range_written_once() -> None:
    span = parse_when("2013年11—12月", 2013)
    assert (span.start, span.end, span.exact) == (date(2013, 11, 1), date(2013, 12, 31), False)
    with pytest.raises(DateParseError):
        parse_when("4—3日", 2013)  # a day range without a month stays unread


# ---------------------------------------------------------------- the class


def year_of(classes: str, plan: str = "plan: {title: 测试计划, year: 2013}\n"):  # type: ignore[no-untyped-def]
    sink = Sink()
    year = parse_year(plan + "classes:\n" + classes, "t.yaml", sink)
    assert year is not None, sink.items
    return year, sink.items


def found(diags: list[Diagnostic], code: str) -> list[Diagnostic]:
    return [d for d in diags if d.code == code]


def test_sessions_in_when_are_placed_as_sessions_written_would_be() -> None:
    first = (
        "  - {id: a, name: 甲班, when: 2013年5月13日—24日，每期三天，分两期进行,"
        " planned: 每期120人}\n"
    )
    year, diags = year_of(
        first + "  - {id: b, name: 乙班, when: 2013年5月13日—24日, planned: 每期120人,"
        " sessions: {count: 2, days: 3}}\n"
    )
    a, b = year.plan.classes
    assert (a.session_count, a.session_days, a.sessions_from_when) == (2, 3, True)
    assert (b.sessions_from_when, a.planned, b.planned) == (False, 240, 240)
    placed = [s.days for s in year.schedule(a).slots]
    assert placed == [s.days for s in year.schedule(b).slots]
    # unbroken runs: Monday–Wednesday twice, not Thursday–Monday
    assert [(d[0], d[-1]) for d in placed] == [
        (date(2013, 5, 13), date(2013, 5, 15)),
        (date(2013, 5, 20), date(2013, 5, 22)),
    ]
    assert [s.size for s in year.schedule(a).slots] == [120, 120]
    (note,) = found(diags, "CT137")
    assert note.severity is Severity.INFO and note.pos.line == 3
    assert note.pos.col == first.index("分两期进行") + 1  # at the words, as CT130 would be
    assert not found(diags, "CT130") and not found(diags, "CT312")


def test_sessions_in_a_vague_when_are_approximate_like_sessions_written() -> None:
    year, diags = year_of(
        "  - {id: a, name: 甲班, when: 3月，每期三天，分两期进行, planned: 120人/期}\n"
    )
    (a,) = year.plan.classes
    sched = year.schedule(a)
    assert (a.session_count, a.session_days, a.planned) == (2, 3, 240)
    assert sched.needed == 6 and sched.left_out == 2
    assert sched.state is ScheduleState.APPROXIMATE
    (vague,) = found(diags, "CT204")
    assert "分 2 期、每期 3 天" in vague.message and "为期" not in vague.message


def test_sessions_that_do_not_fit_are_reported_at_the_when() -> None:
    _, diags = year_of("  - {id: a, name: 甲班, when: 2013年5月13日—15日，每期三天，分两期进行}\n")
    (late,) = found(diags, "CT301")
    assert late.pos.line == 3 and "分 2 期、每期 3 天" in late.message


def test_sessions_written_win_and_a_disagreement_is_a_warning_at_the_when() -> None:
    text = (
        "  - {id: a, name: 甲班, when: 2013年5月13日—24日，每期三天，分两期进行,"
        " sessions: {count: 3, days: 3}}\n"
        "  - {id: b, name: 乙班, when: 2013年5月13日—24日，每期三天，分两期进行,"
        " sessions: {count: 2, days: 3}}\n"
        "  - id: c\n    name: 丙班\n    when: 2013年6月3日—21日，每期三天，分两期\n"
        "    sessions: [{when: 2013年6月3日—5日}, {when: 2013年6月17日—20日}]\n"
    )
    year, diags = year_of(text)
    a, _, c = year.plan.classes
    assert (a.session_count, a.sessions_from_when) == (3, False)
    assert len(year.schedule(a).slots) == 3
    warned = found(diags, "CT312")
    assert [d.pos.line for d in warned] == [3, 7]  # 乙班 agrees; 丙班's second session is 4 days
    assert all(d.severity is Severity.WARNING for d in warned)
    assert "写明 2 期、每期 3 天，sessions 写的是 3 期、每期 3 天：以 sessions 为准" in (
        warned[0].message
    )
    assert "逐期列出 2 期、每期 3、4 天" in warned[1].message
    assert len(c.sessions) == 2 and c.session_count is None


def test_declared_sessions_count_the_sessions_a_when_states() -> None:
    """``classes_declared: 共5期`` counts sessions (CT311), ``2`` counts classes (CT201): a
    class with 分三期 in its when is one class of three sessions."""
    classes = (
        "  - {id: a, name: 甲班, when: 2013年5月13日—31日，分三期，每期三天}\n"
        "  - {id: b, name: 乙班, when: 10月，培训两期，每期2天}\n"
    )
    for declared, silent in (("共5期", True), ("共2期", False), ("2", True), ("5", False)):
        plan = f"plan: {{title: 测试计划, year: 2013, classes_declared: {declared}}}\n"
        _, diags = year_of(classes, plan)
        told = found(diags, "CT311") + found(diags, "CT201")
        assert (not told) is silent, (declared, told)


def test_validate_reads_a_real_phrase_without_dropping_a_word() -> None:
    report = validate_text(
        HEADER + "classes:\n  - {id: a, name: 村书记班, planned: 257,"
        " when: 2013年5月13日---5月20日，每期三天，分两期进行}\n",
        "t.yaml",
    )
    assert "CT130" not in {d.code for d in report.diagnostics}
    assert report.count(Severity.ERROR) == 0


def test_the_notice_and_the_plan_document_say_the_sessions_once() -> None:
    """The dates as written already say 每期三天，分两期进行: the notice's 培训时间 and the plan
    document do not add the same words again; a class with ``sessions:`` still gets them."""
    from cadretrain.documents.notice_content import time_text
    from cadretrain.documents.notice_words import class_values

    year, _ = year_of(
        "  - {id: a, name: 甲班, when: 3月，每期三天，分两期进行, planned: 120人/期}\n"
        "  - {id: b, name: 乙班, when: 3月, planned: 120人/期, sessions: {count: 2, days: 3}}\n"
    )
    a, b = year.plan.classes
    assert time_text(a, year.schedule(a)) == "3月，每期三天，分两期进行，具体时间另行通知。"
    assert time_text(b, year.schedule(b)) == "3月，每期三天，分两期进行，具体时间另行通知。"
    assert class_values(year.plan, a)["sessions"] == ""
    assert class_values(year.plan, b)["sessions"] == "每期三天，分两期进行"
    exact, _ = year_of("  - {id: c, name: 丙班, when: 2013年5月13日—24日，每期三天，分两期进行}\n")
    (c,) = exact.plan.classes
    assert time_text(c, exact.schedule(c)).startswith(
        "培训每期三天，分两期进行。第一期：2013年5月13日—15日；第二期：2013年5月20日—22日。"
    )
