"""Sessions the tool places fit the calendar's shape: unbroken runs of training days, across
no long holiday and no closed period while every session still fits; a warning only when a
short or closed-door session must cross one.

Named boundary cases on the 2013 calendar (State Council notice for 2013): 春节 2/9–2/15
(2/16, 2/17 working weekend), 清明 4/4–4/6 (4/7 Sunday working), 劳动节 4/29–5/1 (4/27,
4/28 working weekend), 端午 6/10–6/12 (6/8, 6/9 working weekend), 中秋 9/19–9/21 (9/22
Sunday working), 国庆 10/1–10/7 (9/29 Sunday, 10/12 Saturday working). Breaks are whole
days, a block's days inclusive at both ends: a session ending the day before a holiday, or
starting the day after it, does not cross it.
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from cadretrain.core.diagnostics import Severity
from cadretrain.core.workcal import WorkCalendar
from cadretrain.plan.placement import breaks_in, place
from cadretrain.plan.schedule import Schedule, calendar_for, schedule_class
from cadretrain.year.validate import validate_text
from tests.conftest import HEADER, load


def schedule_of(class_yaml: str, extra: str = "") -> Schedule:
    plan, diags = load(HEADER + extra + "classes:\n  - " + class_yaml + "\n")
    assert plan is not None, diags
    return schedule_class(plan.classes[0], calendar_for(plan))


def blocks(sched: Schedule) -> list[tuple[date, date]]:
    return [(s.start, s.end) for s in sched.slots]


def d(month: int, day: int) -> date:
    return date(2013, month, day)


def findings(text: str, code: str) -> list[tuple[Severity, str, int]]:
    report = validate_text(HEADER + text)
    return [(x.severity, x.message, x.pos.line) for x in report.diagnostics if x.code == code]


# --- 清明 ---------------------------------------------------------------------------------


def test_qingming_session_ending_the_day_before_does_not_cross_it() -> None:
    sched = schedule_of("{id: a, name: 甲, when: 2013年4月1日—12日, sessions: {count: 2, days: 3}}")
    assert blocks(sched) == [(d(4, 1), d(4, 3)), (d(4, 7), d(4, 9))]  # 4/3 ends, 4/4 is off
    assert sched.crossings == []


def test_qingming_session_that_would_straddle_the_holiday_moves_after_it() -> None:
    # back to back would be 4/2, 4/3, 4/7 across 清明; two unbroken runs fit after it
    sched = schedule_of("{id: a, name: 甲, when: 2013年4月2日—12日, sessions: {count: 2, days: 3}}")
    assert blocks(sched) == [(d(4, 7), d(4, 9)), (d(4, 10), d(4, 12))]
    assert sched.crossings == [] and sched.unfitted == 0


# --- 劳动节 -------------------------------------------------------------------------------


def test_labour_day_working_weekend_makes_an_unbroken_run_and_the_holiday_is_skipped() -> None:
    sched = schedule_of(
        "{id: a, name: 甲, when: 2013年4月24日—5月10日, sessions: {count: 2, days: 5}}"
    )
    # 4/24–4/28 (Saturday and Sunday were working days) runs straight; 5/2–5/8 would cross
    # the weekend 5/4–5/5, so the second session is Monday–Friday 5/6–5/10
    assert blocks(sched) == [(d(4, 24), d(4, 28)), (d(5, 6), d(5, 10))]


# --- 端午 ---------------------------------------------------------------------------------


def test_dragon_boat_holiday_is_not_crossed_when_both_sessions_fit_around_it() -> None:
    sched = schedule_of("{id: a, name: 甲, when: 2013年6月3日—21日, sessions: {count: 2, days: 5}}")
    assert blocks(sched) == [(d(6, 3), d(6, 7)), (d(6, 17), d(6, 21))]
    assert not any(d(6, 10) <= day <= d(6, 12) for s in sched.slots for day in s.days)


# --- 春节 ---------------------------------------------------------------------------------


def test_spring_festival_is_not_crossed_and_the_working_weekend_after_it_is_used() -> None:
    sched = schedule_of("{id: a, name: 甲, when: 2013年2月4日—22日, sessions: {count: 2, days: 4}}")
    # back to back would be 2/8, 2/16, 2/17, 2/18 across 春节
    assert blocks(sched) == [(d(2, 4), d(2, 7)), (d(2, 16), d(2, 19))]


# --- 中秋 and 国庆: when crossing cannot be avoided -----------------------------------------

ROTATION = "{id: a, name: 轮训班, when: 2013年9月23日—%s, sessions: {count: 3, days: 5}}"


def test_short_session_forced_across_national_day_is_warned_once() -> None:
    cls = "classes:\n  - " + ROTATION % "10月16日" + "\n"
    (warning,) = findings(cls, "CT308")
    assert warning[0] is Severity.WARNING
    assert "第 2 期" in warning[1] and "国庆节" in warning[1] and "只有 5 个培训日" in warning[1]
    assert warning[2] == 3  # at the class's sessions
    assert findings(cls, "CT301") == []  # it fits; only the holiday is in the way


def test_short_sessions_that_fit_around_national_day_are_not_warned() -> None:
    cls = "classes:\n  - " + ROTATION % "10月18日" + "\n"
    assert findings(cls, "CT308") == []
    sched = schedule_of(
        "{id: a, name: 轮训班, when: 2013年9月23日—10月18日, sessions: {count: 3, days: 5}}"
    )
    assert blocks(sched) == [(d(9, 23), d(9, 27)), (d(10, 8), d(10, 12)), (d(10, 14), d(10, 18))]


def test_long_session_may_cross_mid_autumn_and_national_day_but_a_closed_door_one_warns() -> None:
    base = "{id: a, name: 进修班, when: 2013年9月16日—10月18日, sessions: {count: 2, days: 10}%s}"
    sched = schedule_of(base % "")
    assert [c.breaks for c in sched.crossings] == [("中秋节",), ("国庆节",)]
    assert findings("classes:\n  - " + base % "" + "\n", "CT308") == []  # 10 days: not short
    closed = findings("classes:\n  - " + base % ", closed_door: true" + "\n", "CT308")
    assert [m for _, m, _ in closed] == [m for _, m, _ in closed if "封闭式培训" in m] and len(
        closed
    ) == 2


# --- the plan's closed periods -------------------------------------------------------------

CLOSED = "calendar: {closed: [7月15日—8月31日]}\n"


def test_closed_period_is_skipped_the_session_before_ends_the_friday_before() -> None:
    sched = schedule_of(
        "{id: a, name: 甲, when: 2013年7月1日—9月30日, sessions: {count: 3, days: 5}}", CLOSED
    )
    assert blocks(sched) == [(d(7, 1), d(7, 5)), (d(7, 8), d(7, 12)), (d(9, 2), d(9, 6))]


def test_closed_days_are_never_used_even_when_sessions_do_not_fit() -> None:
    sched = schedule_of(
        "{id: a, name: 甲, when: 2013年7月8日—9月6日, sessions: {count: 3, days: 5}}", CLOSED
    )
    assert sched.unfitted == 1
    assert not any(d(7, 15) <= day <= d(8, 31) for s in sched.slots for day in s.days)
    assert len(sched.training_days) == 10  # CT301 counts the usable days


def test_a_class_written_into_a_closed_period_is_warned_with_the_days() -> None:
    (found,) = findings(
        CLOSED + "classes:\n  - {id: a, name: 甲班, when: 2013年8月26日—9月6日}\n", "CT309"
    )
    assert found[0] is Severity.WARNING
    assert "2013年8月26日—31日" in found[1] and "7月15日—8月31日" in found[1]
    assert (
        findings(CLOSED + "classes:\n  - {id: a, name: 甲班, when: 2013年9月2日—6日}\n", "CT309")
        == []
    )


def test_per_unit_classes_avoid_the_holiday_and_closed_period_too() -> None:
    text = (
        CLOSED
        + "units: [{id: u1, name: 一镇, counts: {x: 10}}, {id: u2, name: 二镇, counts: {x: 10}}]\n"
        "classes:\n"
        "  - {id: v, name: 村干部班, when: 2013年7月10日—9月30日, per_unit: {days: 3}}\n"
    )
    report = validate_text(HEADER + text)
    whens = [(c.when.start, c.when.end) for c in report.year.plan.classes if c.when]  # type: ignore[union-attr]
    assert whens == [(d(7, 10), d(7, 12)), (d(9, 2), d(9, 4))]
    assert not [x for x in report.diagnostics if x.code in ("CT301", "CT308", "CT309")]


# --- windows, clipping and possible conflicts -------------------------------------------


def test_a_session_window_vaguer_than_its_class_is_clipped_with_a_note() -> None:
    text = (
        "classes:\n"
        "  - id: a\n    name: 轮训班\n    when: 2013年9月2日—11月29日\n"
        "    sessions: [{when: 下半年}, {when: 2013年11月4日—8日}]\n"
    )
    sched = schedule_of(
        "{id: a, name: 轮训班, when: 2013年9月2日—11月29日, sessions: [{when: 下半年}]}"
    )
    (slot,) = sched.slots
    assert slot.possible and slot.start == d(9, 2) and slot.end == d(11, 29)
    assert sched.clipped == [1]
    (note,) = findings(text, "CT310")
    assert note[0] is Severity.INFO and "下半年" in note[1] and note[2] == 6
    assert findings(text, "CT306") == []


def test_a_session_window_that_misses_its_class_entirely_is_still_an_error() -> None:
    text = (
        "classes:\n  - {id: a, name: 甲, when: 2013年9月2日—11月29日, sessions: [{when: 上半年}]}\n"
    )
    assert [s for s, _, _ in findings(text, "CT306")] == [Severity.ERROR]
    assert findings(text, "CT310") == []


def test_windows_of_two_sessions_may_overlap_without_an_error() -> None:
    text = "classes:\n  - {id: a, name: 甲, when: 全年, sessions: [{when: 上半年}, {when: 二季度}]}"
    assert findings(text, "CT306") == []


def test_window_session_conflicts_with_another_class_only_as_possible() -> None:
    text = (
        "teachers: [{id: tian, name: 田瑞娟}]\n"
        "classes:\n"
        "  - {id: a, name: 甲班, when: 2013年10月14日—18日, teachers: [tian]}\n"
        "  - {id: b, name: 乙班, when: 2013年9月2日—12月27日, teachers: [tian],"
        " sessions: [{when: 10月份}, {when: 2013年12月2日—6日}]}\n"
    )
    (booked,) = findings(text, "CT304")
    assert booked[0] is Severity.WARNING and "期间" in booked[1]  # an error when both are exact


def test_an_undated_session_is_possible_over_its_class_dates() -> None:
    """The ``when`` grammar marks 另行通知 ``unscheduled``; such a session may meet on any
    training day of its class."""
    from dataclasses import dataclass, replace

    from cadretrain.core.dates import DateSpan

    @dataclass(frozen=True)
    class Unscheduled(DateSpan):
        unscheduled: bool = True

    plan, _ = load(
        HEADER
        + "classes:\n  - {id: a, name: 甲, when: 2013年5月6日—10日, sessions: [{when: 5月6日}]}\n"
    )
    assert plan is not None
    cls = plan.classes[0]
    spec = cls.sessions[0]
    later = Unscheduled(d(1, 1), d(12, 31), False, None, "另行通知")
    cls.sessions = [replace(spec, when=later)]
    sched = schedule_class(cls, calendar_for(plan))
    (slot,) = sched.slots
    assert slot.possible and (slot.start, slot.end) == (d(5, 6), d(5, 10))
    assert sched.state.value == "unscheduled" and sched.clipped == []


def test_a_long_class_given_by_its_start_window_is_drawn_to_its_latest_end() -> None:
    sched = schedule_of("{id: a, name: 青干班, when: 9月中旬，为期两个月}")
    (slot,) = sched.slots
    assert slot.possible and slot.start == d(9, 11)
    assert slot.end >= d(11, 8) and slot.end <= d(9, 20) + timedelta(days=59)
    short = schedule_of("{id: a, name: 研修班, when: 十月中下旬，为期一周}")
    assert short.slots[0].end <= d(10, 31)  # a week fits inside its window: held within it


# --- one finding per fact ------------------------------------------------------------------


def test_a_weekend_start_is_told_for_the_class_not_again_for_its_first_session() -> None:
    text = (
        "classes:\n  - {id: a, name: 甲, when: 2013年6月1日—14日,"
        " sessions: [{when: 6月1日—5日}, {when: 6月13日—14日}]}\n"
    )
    (weekend,) = findings(text, "CT302")
    assert "班次“甲”的开班日" in weekend[1]


def test_a_session_starting_on_its_own_weekend_day_is_still_told() -> None:
    text = (
        "classes:\n  - {id: a, name: 甲, when: 2013年6月3日—16日,"
        " sessions: [{when: 6月3日—5日}, {when: 6月15日—16日}]}\n"
    )
    got = [m for _, m, _ in findings(text, "CT302")]
    # the class ends on Sunday 6/16 (told for the class); session 2 starts on Saturday 6/15
    # (told for the session); its end is the class's end, not told twice
    assert got == [
        "班次“甲”的结业日 2013年6月16日 是周日",
        "班次“甲”第 2 期的开班日 2013年6月15日 是周六",
    ]


def test_a_class_enclosing_a_closed_period_with_sessions_around_it_is_not_warned() -> None:
    text = CLOSED + (
        "classes:\n"
        "  - {id: a, name: 甲, when: 2013年7月1日—9月30日, sessions: {count: 3, days: 5}}\n"
        "  - {id: b, name: 乙, when: 2013年7月1日—9月30日,"
        " sessions: [{when: 2013年7月1日—5日}, {when: 2013年8月5日—9日}]}\n"
    )
    (found,) = findings(text, "CT309")
    assert "乙”第 2 期" in found[1] and found[2] == 5


# --- properties of placement ---------------------------------------------------------------


@settings(max_examples=80, deadline=None)
@given(
    start=st.dates(date(2013, 1, 1), date(2013, 11, 30)),
    length=st.integers(1, 70),
    per=st.integers(1, 8),
    count=st.integers(1, 6),
)
def test_placed_blocks_are_runs_of_training_days_and_cross_a_break_only_when_needed(
    start: date, length: int, per: int, count: int
) -> None:
    cal = WorkCalendar(closed=[(d(7, 15), d(8, 31), "暑假")])
    end = min(start + timedelta(days=length - 1), d(12, 31))
    days = [x for x in cal.workdays(start, end) if cal.closed(x) is None]
    placed = place(days, per, count, cal)
    assert len(placed) == min(count, len(days) // per)
    index = {x: i for i, x in enumerate(days)}
    for block in placed:  # per training days in a row, never a closed day
        assert len(block) == per and all(x in index for x in block)
        assert [index[x] for x in block] == list(range(index[block[0]], index[block[0]] + per))
    for a, b in itertools.pairwise(placed):
        assert a[-1] < b[0]

    def clear(i: int) -> bool:
        return not breaks_in(days[i], days[i + per - 1], cal)

    best = [0] * (len(days) + per + 1)  # most clear blocks from index i on, by recurrence
    for i in range(len(days) - per, -1, -1):
        best[i] = max(best[i + 1], 1 + best[i + per] if clear(i) else 0)
    crossing = any(breaks_in(b[0], b[-1], cal) for b in placed)
    assert crossing == (best[0] < len(placed))  # a break only when no clear way places them
