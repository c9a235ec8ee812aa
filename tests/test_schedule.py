"""Fitting sessions onto training days, with the 2013 calendar."""

from __future__ import annotations

from datetime import date

from cadretrain.plan.schedule import calendar_for, schedule_class
from tests.conftest import HEADER, load


def schedule_of(class_yaml: str, extra: str = ""):  # type: ignore[no-untyped-def]
    plan, diags = load(HEADER + extra + "classes:\n  - " + class_yaml + "\n")
    assert plan is not None, diags
    return schedule_class(plan.classes[0], calendar_for(plan))


def test_rotation_class_fits_two_of_three_sessions_in_eight_workdays() -> None:
    sched = schedule_of(
        "{id: a, name: 轮训班, when: 2013年3月13日---23日, planned: 900,"
        " sessions: {count: 3, days: 3}}"
    )
    assert len(sched.training_days) == 8
    assert sched.needed == 9
    assert sched.unfitted == 1
    first, second = sched.slots
    assert first.days == (date(2013, 3, 13), date(2013, 3, 14), date(2013, 3, 15))
    assert second.days == (date(2013, 3, 18), date(2013, 3, 19), date(2013, 3, 20))
    assert first.size == 300


def test_sessions_fill_earliest_first_and_may_span_a_weekend() -> None:
    sched = schedule_of(
        "{id: a, name: 村书记班, when: 2013年5月13日---5月20日, planned: 257,"
        " sessions: {count: 2, days: 3}}"
    )
    assert sched.unfitted == 0
    assert [s.days for s in sched.slots] == [
        (date(2013, 5, 13), date(2013, 5, 14), date(2013, 5, 15)),
        (date(2013, 5, 16), date(2013, 5, 17), date(2013, 5, 20)),
    ]
    assert [s.size for s in sched.slots] == [129, 129]


def test_shifted_workday_counts_and_holiday_does_not() -> None:
    # 2013-09-22 (Sunday) was a working day; 2013-10-01..07 were National Day holidays
    sched = schedule_of("{id: a, name: 甲, when: 2013年9月22日---10月8日}")
    assert date(2013, 9, 22) in sched.training_days
    assert not any(date(2013, 10, 1) <= d <= date(2013, 10, 7) for d in sched.training_days)


def test_weekend_only_class_trains_on_its_days() -> None:
    sched = schedule_of("{id: a, name: 积极分子班, when: 2013年5月11日—12日, planned: 200}")
    assert sched.training_days == [date(2013, 5, 11), date(2013, 5, 12)]


def test_weekends_true_counts_every_day() -> None:
    sched = schedule_of(
        "{id: a, name: 甲, when: 2013年3月13日---23日, weekends: true,"
        " sessions: {count: 3, days: 3}}"
    )
    assert len(sched.training_days) == 11
    assert sched.unfitted == 0


def test_vague_class_gets_one_possible_slot_over_its_window() -> None:
    sched = schedule_of("{id: a, name: 甲, when: 十月中下旬，为期一周}")
    (slot,) = sched.slots
    assert slot.possible
    assert slot.start >= date(2013, 10, 11) and slot.end <= date(2013, 10, 31)


def test_listed_sessions_keep_their_own_dates() -> None:
    sched = schedule_of(
        "{id: a, name: 甲, when: 2013年5月13日---5月20日, planned: 100,"
        " sessions: [{when: 5月13日—15日}, {when: 5月16日—17日, planned: 40}]}"
    )
    assert [s.size for s in sched.slots] == [50, 40]
    assert sched.slots[1].days == (date(2013, 5, 16), date(2013, 5, 17))


def test_extra_holiday_removes_a_training_day() -> None:
    extra = "calendar: {extra_holidays: [2013-03-14]}\n"
    sched = schedule_of("{id: a, name: 甲, when: 2013年3月13日---15日}", extra)
    assert sched.training_days == [date(2013, 3, 13), date(2013, 3, 15)]
