"""WorkCalendar against the State Council's published schedules (the facts below are from the
notices for 2013, 2025 and 2026, not from the library)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest

from cadretrain.core import workcal
from cadretrain.core.workcal import DayKind, WorkCalendar

H, W, E, S = DayKind.HOLIDAY, DayKind.WORKDAY, DayKind.WEEKEND, DayKind.SHIFTED_WORKDAY


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return WorkCalendar()


def span(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def test_day_kind_values() -> None:
    assert [k.value for k in DayKind] == ["workday", "weekend", "holiday", "shifted"]


# --- 2013 -------------------------------------------------------------------------------------


def test_2013_ordinary_days(cal: WorkCalendar) -> None:
    assert cal.kind(date(2013, 3, 13)) is W  # Wednesday
    assert cal.is_workday(date(2013, 3, 13))
    assert cal.kind(date(2013, 5, 11)) is E  # Saturday
    assert not cal.is_workday(date(2013, 5, 11))
    assert cal.kind(date(2013, 5, 12)) is E  # Sunday


def test_2013_march_13_to_23_holds_8_workdays(cal: WorkCalendar) -> None:
    days = cal.workdays(date(2013, 3, 13), date(2013, 3, 23))
    assert len(days) == 8
    assert days == [date(2013, 3, d) for d in (13, 14, 15, 18, 19, 20, 21, 22)]


def test_2013_labour_day(cal: WorkCalendar) -> None:
    # 4月29日至5月1日放假调休，共3天。4月27日（星期六）、28日（星期日）上班。
    assert [cal.kind(date(2013, 4, d)) for d in (27, 28, 29, 30)] == [S, S, H, H]
    assert cal.kind(date(2013, 5, 1)) is H
    assert cal.label(date(2013, 5, 1)) == "劳动节"
    assert cal.label(date(2013, 4, 29)) == "劳动节"  # day off in lieu of 4月27日
    assert cal.is_workday(date(2013, 4, 27)) and cal.is_workday(date(2013, 4, 28))
    assert cal.kind(date(2013, 5, 2)) is W


def test_2013_mid_autumn_and_national_day(cal: WorkCalendar) -> None:
    # 中秋节：9月19日至21日放假调休，9月22日（星期日）上班。
    # 国庆节：10月1日至7日放假调休，9月29日（星期日）、10月12日（星期六）上班。
    kinds = [cal.kind(d) for d in span(date(2013, 9, 19), date(2013, 9, 22))]
    assert kinds == [H, H, E, S]
    assert cal.label(date(2013, 9, 20)) == "中秋节"
    assert cal.kind(date(2013, 9, 29)) is S
    assert cal.kind(date(2013, 10, 12)) is S
    week = span(date(2013, 10, 1), date(2013, 10, 7))
    assert [cal.kind(d) for d in week] == [H, H, H, H, E, E, H]
    assert not any(cal.is_workday(d) for d in week)
    assert {cal.label(d) for d in week} == {"国庆节", "周六", "周日"}
    assert cal.label(date(2013, 10, 7)) == "国庆节"  # in lieu of 10月12日, after a weekend
    assert cal.kind(date(2013, 10, 8)) is W
    assert cal.workdays(date(2013, 9, 16), date(2013, 9, 22)) == [
        date(2013, 9, 16),
        date(2013, 9, 17),
        date(2013, 9, 18),
        date(2013, 9, 22),
    ]


def test_2013_spring_festival(cal: WorkCalendar) -> None:
    # 2月9日至15日放假调休，共7天。2月16日（星期六）、17日（星期日）上班。
    off = span(date(2013, 2, 9), date(2013, 2, 15))
    assert not any(cal.is_workday(d) for d in off)
    assert cal.kind(date(2013, 2, 16)) is S and cal.kind(date(2013, 2, 17)) is S
    assert cal.label(date(2013, 2, 10)) == "春节"
    assert cal.label(date(2013, 2, 12)) == "春节"  # library: 农历除夕（补假）
    assert cal.label(date(2013, 2, 14)) == "春节"  # library: 休息日（由 2013-02-16 调休）


# --- 2025 and 2026 ----------------------------------------------------------------------------


def test_2025(cal: WorkCalendar) -> None:
    # 春节：1月28日至2月4日放假调休，共8天。1月26日（周日）、2月8日（周六）上班。
    assert not any(cal.is_workday(d) for d in span(date(2025, 1, 28), date(2025, 2, 4)))
    assert cal.kind(date(2025, 1, 26)) is S and cal.kind(date(2025, 2, 8)) is S
    assert cal.label(date(2025, 1, 28)) == "农历除夕"
    # 劳动节：5月1日至5日放假调休，4月27日（周日）上班。
    assert not any(cal.is_workday(d) for d in span(date(2025, 5, 1), date(2025, 5, 5)))
    assert cal.kind(date(2025, 4, 27)) is S
    # 国庆节、中秋节：10月1日至8日放假调休，9月28日（周日）、10月11日（周六）上班。
    assert not any(cal.is_workday(d) for d in span(date(2025, 10, 1), date(2025, 10, 8)))
    assert cal.kind(date(2025, 9, 28)) is S and cal.kind(date(2025, 10, 11)) is S
    assert cal.label(date(2025, 10, 6)) == "中秋节"
    assert cal.kind(date(2025, 10, 9)) is W
    # 261 weekdays − 18 of them off + 5 调休 weekends
    assert len(cal.workdays(date(2025, 1, 1), date(2025, 12, 31))) == 248


def test_2026(cal: WorkCalendar) -> None:
    # 元旦：1月1日至3日放假调休，1月4日（周日）上班。
    assert [cal.kind(d) for d in span(date(2026, 1, 1), date(2026, 1, 5))] == [H, H, E, S, W]
    assert cal.label(date(2026, 1, 2)) == "元旦"
    # 春节：2月15日至23日放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
    assert not any(cal.is_workday(d) for d in span(date(2026, 2, 15), date(2026, 2, 23)))
    assert cal.kind(date(2026, 2, 14)) is S and cal.kind(date(2026, 2, 28)) is S
    # 清明节：4月4日至6日放假（4月6日补假）。
    assert cal.kind(date(2026, 4, 6)) is H and cal.label(date(2026, 4, 6)) == "清明节"
    # 劳动节：5月1日至5日放假调休，5月9日（周六）上班。
    assert not any(cal.is_workday(d) for d in span(date(2026, 5, 1), date(2026, 5, 5)))
    assert cal.kind(date(2026, 5, 9)) is S
    # 国庆节：10月1日至7日放假调休，9月20日（周日）、10月10日（周六）上班。
    assert cal.kind(date(2026, 9, 20)) is S and cal.kind(date(2026, 10, 10)) is S
    assert not any(cal.is_workday(d) for d in span(date(2026, 10, 1), date(2026, 10, 7)))


def test_2005_12_31_was_a_working_saturday(cal: WorkCalendar) -> None:
    # 2006 年通知：“将12月31日（星期六）、1月1日（星期日）两个公休日调至1月2日（星期一）、
    # 3日（星期二），12月31日（星期六）上班。” (chinesecalendar 1.11.0 has it as a day off.)
    assert cal.kind(date(2005, 12, 31)) is S
    assert [cal.kind(date(2006, 1, d)) for d in (1, 2, 3, 4)] == [H, H, H, W]  # 1日 is a Sunday
    assert cal.label(date(2006, 1, 3)) == "元旦"


def test_labels(cal: WorkCalendar) -> None:
    assert cal.label(date(2013, 3, 13)) == "工作日"
    assert cal.label(date(2013, 5, 11)) == "周六"
    assert cal.label(date(2013, 5, 12)) == "周日"
    assert cal.label(date(2013, 9, 22)) == "调休上班日"
    assert cal.label(date(2013, 10, 1)) == "国庆节"
    assert cal.label(date(2020, 10, 1)) == "中秋节、国庆节"
    assert cal.label(date(2018, 12, 31)) == "元旦"  # in lieu of 12月29日, festival next year
    assert cal.label(date(2020, 1, 31)) == "春节延长假期"


def test_datetime_is_taken_as_its_date(cal: WorkCalendar) -> None:
    assert cal.kind(datetime(2013, 5, 1, 9, 30)) is H
    assert cal.label(datetime(2013, 5, 1, 9, 30)) == "劳动节"


def test_workdays_edges(cal: WorkCalendar) -> None:
    assert cal.workdays(date(2013, 3, 14), date(2013, 3, 13)) == []
    assert cal.workdays(date(2013, 3, 16), date(2013, 3, 16)) == []
    assert cal.workdays(date(2013, 3, 15), date(2013, 3, 15)) == [date(2013, 3, 15)]
    # across a year end: 2001-12-29/30 (Sat/Sun) were working days for 2002's 元旦
    days = cal.workdays(date(2001, 12, 28), date(2002, 1, 4))
    assert days == [date(2001, 12, d) for d in (28, 29, 30, 31)] + [date(2002, 1, 4)]


# --- known years ------------------------------------------------------------------------------


def test_known_years(cal: WorkCalendar) -> None:
    assert cal.known(2013)
    assert cal.known(2001)
    assert cal.known(2026)
    assert not cal.known(2099)
    assert not cal.known(1990)
    assert not cal.known(2000)  # the library estimates 2000, without 调休
    assert cal.last_known_year() >= 2026
    assert all(cal.known(y) for y in range(2001, cal.last_known_year() + 1))
    assert not cal.known(cal.last_known_year() + 1)


def test_every_known_year_has_shifted_workdays(cal: WorkCalendar) -> None:
    for year in range(2001, cal.last_known_year() + 1):
        kinds = {cal.kind(d) for d in span(date(year, 1, 1), date(year, 12, 31))}
        assert S in kinds and H in kinds, year


def test_unknown_year_is_weekends_only(cal: WorkCalendar) -> None:
    # 2000-10-02 (Mon) was a day off, but the library only estimates 2000: weekends only
    assert cal.kind(date(2000, 10, 2)) is W
    assert cal.kind(date(2099, 10, 1)) is W  # Thursday
    assert cal.kind(date(2099, 10, 3)) is E  # Saturday
    assert cal.kind(date(1990, 5, 1)) is W  # Tuesday
    assert len(cal.workdays(date(2099, 1, 1), date(2099, 12, 31))) == 261


# --- overrides --------------------------------------------------------------------------------


def test_extra_holiday() -> None:
    cal = WorkCalendar(extra_holidays=[date(2013, 3, 13), date(2013, 9, 22), date(2013, 5, 1)])
    assert cal.kind(date(2013, 3, 13)) is H
    assert cal.label(date(2013, 3, 13)) == "放假日"
    assert cal.kind(date(2013, 9, 22)) is H  # a 调休 working Sunday made a day off
    assert cal.label(date(2013, 5, 1)) == "劳动节"  # the statutory name stays
    assert cal.workdays(date(2013, 3, 13), date(2013, 3, 23))[0] == date(2013, 3, 14)


def test_extra_workday() -> None:
    cal = WorkCalendar(extra_workdays=[date(2013, 5, 11), date(2013, 5, 1), date(2013, 3, 13)])
    assert cal.kind(date(2013, 5, 11)) is S
    assert cal.label(date(2013, 5, 11)) == "调休上班日"
    assert cal.kind(date(2013, 5, 1)) is S  # a statutory holiday made a working day
    assert cal.is_workday(date(2013, 5, 1))
    assert cal.kind(date(2013, 3, 13)) is W  # already a workday: unchanged
    assert len(cal.workdays(date(2013, 3, 13), date(2013, 3, 23))) == 8


def test_date_in_both_lists_is_a_workday() -> None:
    cal = WorkCalendar([date(2013, 5, 11)], [date(2013, 5, 11)])
    assert cal.kind(date(2013, 5, 11)) is S


def test_overrides_in_unknown_year() -> None:
    cal = WorkCalendar([date(2099, 10, 1)], [date(2099, 10, 3)])
    assert cal.kind(date(2099, 10, 1)) is H
    assert cal.kind(date(2099, 10, 3)) is S


def test_overrides_do_not_leak_between_calendars() -> None:
    WorkCalendar([date(2013, 3, 13)], [date(2013, 5, 11)]).kind(date(2013, 3, 13))
    other = WorkCalendar()
    assert other.kind(date(2013, 3, 13)) is W
    assert other.kind(date(2013, 5, 11)) is E


# --- caching ----------------------------------------------------------------------------------


def test_one_library_object_per_year(monkeypatch: pytest.MonkeyPatch) -> None:
    real = workcal._china_class()
    created: list[Any] = []

    class Counting(real):  # type: ignore[misc,valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            created.append(kwargs.get("years"))
            super().__init__(*args, **kwargs)

    monkeypatch.setenv("CADRETRAIN_NO_CACHE", "1")
    monkeypatch.setattr(workcal, "_china", Counting)
    monkeypatch.setattr(workcal, "_cache", None)
    monkeypatch.setattr(workcal, "_labels", {})
    cal = WorkCalendar()
    for _ in range(3):
        for day in span(date(2013, 1, 1), date(2013, 12, 31)):
            cal.kind(day)
            cal.label(day)
    WorkCalendar().kind(date(2013, 6, 1))
    assert created.count(2013) == 1
    assert cal.known(2014) and 2014 not in created


def test_published_years_need_a_substituted_holiday(monkeypatch: pytest.MonkeyPatch) -> None:
    real = workcal._china_class()

    class Extended(real):  # type: ignore[misc,valid-type]
        special_public_holidays: dict[int, Any]

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.special_public_holidays = {
                **self.special_public_holidays,
                2097: ((10, 8, 10, 10),),  # 10月8日 off, 10月10日 (Saturday) worked
                2098: (10, 8, "特别假日"),  # a one-off holiday, no 调休: still an estimate
            }

    monkeypatch.setenv("CADRETRAIN_NO_CACHE", "1")
    monkeypatch.setattr(workcal, "_china", Extended)
    monkeypatch.setattr(workcal, "_cache", None)
    assert workcal.known(2097)
    assert not workcal.known(2098)
    assert workcal.known(2013)


def test_disk_cache_gives_the_same_calendar_without_the_library(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    monkeypatch.setenv("CADRETRAIN_CACHE", str(tmp_path))
    monkeypatch.delenv("CADRETRAIN_NO_CACHE", raising=False)
    monkeypatch.setattr(workcal, "_cache", None)
    monkeypatch.setattr(workcal, "_labels", {})
    days = list(span(date(2013, 1, 1), date(2013, 12, 31)))
    first = WorkCalendar()
    expected = [(first.kind(d), first.label(d)) for d in days]
    assert list((tmp_path / "cadretrain").glob("holidays-*.json"))

    class NoLibrary:
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            raise AssertionError("the library was consulted despite the cache")

    monkeypatch.setattr(workcal, "_china", NoLibrary)
    monkeypatch.setattr(workcal, "_cache", None)
    monkeypatch.setattr(workcal, "_labels", {})
    second = WorkCalendar()
    assert [(second.kind(d), second.label(d)) for d in days] == expected
    assert second.known(2013) and not second.known(2099)


def test_damaged_cache_file_is_ignored(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    from cadretrain.core.holiday_cache import cache_file

    monkeypatch.setenv("CADRETRAIN_CACHE", str(tmp_path))
    monkeypatch.delenv("CADRETRAIN_NO_CACHE", raising=False)
    path = cache_file()
    assert path is not None
    path.parent.mkdir(parents=True)
    path.write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(workcal, "_cache", None)
    monkeypatch.setattr(workcal, "_labels", {})
    assert WorkCalendar().kind(date(2013, 10, 1)) is DayKind.HOLIDAY
