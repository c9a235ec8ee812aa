"""Mainland China's working days: statutory holidays and 调休 weekends, plus a plan's overrides.

The State Council's schedule comes from the ``holidays`` package (class ``China``), loaded lazily
on the first query and turned into one plain ``dict`` per year, so :meth:`WorkCalendar.kind` is a
single dictionary lookup. A year whose schedule the library does not hold (see :func:`known`) is
treated as weekends only; the validate command warns about it (CT205).

``extra_holidays`` and ``extra_workdays`` override the library: an extra holiday is a day off
even on a 调休 working weekend, an extra workday is a working day even on a statutory holiday.
A date given in both lists is a working day.

A plan's ``closed`` periods (``calendar.closed``: the party school's summer break, a month
the venue is under repair) are not days off: the dates a plan writes are kept as written, but
the tool places no session it fits itself on a closed day (``plan.placement``), and the checks
report a class written into one (CT309). :meth:`WorkCalendar.closed` names the period of a day.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable
from datetime import date, timedelta
from enum import Enum
from pathlib import Path
from typing import Any

from cadretrain.core.holiday_cache import Cache, LibraryYear


class DayKind(Enum):
    WORKDAY = "workday"  # ordinary Mon–Fri
    WEEKEND = "weekend"  # Sat/Sun that is not a 调休 workday
    HOLIDAY = "holiday"  # statutory holiday (incl. days off in lieu) or a plan's extra_holidays
    SHIFTED_WORKDAY = "shifted"  # 调休: a weekend day made a working day (or extra_workdays)


_PLAIN = (DayKind.WORKDAY,) * 5 + (DayKind.WEEKEND,) * 2  # indexed by date.weekday()
_WORKDAY, _SHIFTED = DayKind.WORKDAY, DayKind.SHIFTED_WORKDAY  # fast identity tests
_WEEKDAY_LABELS = ("工作日",) * 5 + ("周六", "周日")
_SHIFTED_LABEL = "调休上班日"
_EXTRA_HOLIDAY_LABEL = "放假日"
_OBSERVED_SUFFIX = "（补假）"  # China.observed_label in zh_CN, the library's source language

# Library data, shared by all calendars: the China class, the published years, and per year
# the holidays (date → raw Chinese name), the 调休 working weekend days, and the days off in lieu
# of them (named "休息日（由 2013-09-29 调休）" by the library).
_china: Any = None
_cache: Cache | None = None
_labels: dict[int, dict[date, str]] = {}


def _cached() -> Cache:
    global _cache
    if _cache is None:
        _cache = Cache()
    return _cache


def _china_class() -> Any:
    """The ``holidays`` China class, imported the cheapest way.

    ``import holidays`` costs about 30 ms, but ``holidays.China`` or ``from
    holidays.countries.china import China`` first runs ``holidays/countries/__init__.py``, which
    imports all ~250 countries (another ~40 ms). The module ``china.py`` itself needs only the
    core of the package, so it is executed on its own; the normal import is the fallback.
    """
    global _china
    if _china is None:
        import holidays

        path = Path(holidays.__file__).parent / "countries" / "china.py"
        spec = importlib.util.spec_from_file_location("_cadretrain_holidays_china", path)
        if spec is not None and spec.loader is not None:
            module = importlib.util.module_from_spec(spec)
            try:
                spec.loader.exec_module(module)
                _china = module.China
            except Exception:  # the package's layout changed: use the regular import
                _china = None
        if _china is None:
            from holidays.countries.china import China

            _china = China
    return _china


def _entries(value: Any) -> tuple[tuple[Any, ...], ...]:
    """A year's ``special_public_holidays`` value: one entry or a tuple of entries."""
    if not value:
        return ()
    return (value,) if isinstance(value[0], int) else tuple(value)


def published_years() -> frozenset[int]:
    """Years for which ``holidays`` holds the State Council's published schedule.

    Rule: the year has at least one substituted holiday — a ``(month, day, from_month,
    from_day[, from_year])`` entry in ``China.special_public_holidays`` (the per-year table the
    library maintainers copy from each year's State Council notice) — and lies within
    ``China.start_year``..``China.end_year``. For any other year the library silently
    extrapolates: fixed and lunar festivals with weekend "observed" days, but no 调休, so such
    a year is not known. Every notice since 2001 moves at least one working day to a weekend.
    """
    cache = _cached()
    if cache.published is None:
        china = _china_class()
        table = china(years=()).special_public_holidays  # static tables merged per instance
        cache.published = frozenset(
            year
            for year, value in table.items()
            if china.start_year <= year <= china.end_year
            and any(len(entry) >= 4 for entry in _entries(value))
        )
        cache.dirty = True
        cache.save()
    return cache.published


def known(year: int) -> bool:
    """True when the library holds the published schedule (with 调休) for ``year``."""
    return year in published_years()


def _library_year(year: int) -> LibraryYear:
    """The library's data for ``year``: empty for a year that is not :func:`known`."""
    years = _cached().years
    if year not in years:
        if known(year):
            china = _china_class()
            lang = "zh_CN" if "zh_CN" in china.supported_languages else None
            lib = china(years=year, language=lang)
            shifted = frozenset(d for d in lib.weekend_workdays if d.year == year)
            entries = _entries(lib.special_public_holidays.get(year))
            in_lieu = frozenset(date(year, e[0], e[1]) for e in entries if len(e) >= 4)
            years[year] = (dict(lib.items()), shifted, in_lieu)
            _cached().dirty = True
            _cached().save()
        else:
            years[year] = ({}, frozenset(), frozenset())
    return years[year]


def _name(raw: str) -> str:
    """'中秋节; 国庆节' → '中秋节、国庆节'; '国庆节（补假）' → '国庆节'; '农历除夕（补假）' → '春节'
    (a day off in lieu of New Year's Eve falls in the Spring Festival holiday)."""
    names = (
        "春节" if name == "农历除夕" + _OBSERVED_SUFFIX else name.removesuffix(_OBSERVED_SUFFIX)
        for name in raw.split("; ")
    )
    return "、".join(dict.fromkeys(names))


def _festival(day: date) -> str | None:
    """The festival a day off in lieu belongs to: the nearest named holiday in its run of days
    off (holidays and plain weekends), looking back first, across the year end if needed."""
    found: list[tuple[int, str]] = []
    for step in (-1, 1):
        d = day
        for distance in range(1, 15):
            d += timedelta(days=step)
            names, shifted, in_lieu = _library_year(d.year)
            if d in names and d not in in_lieu:
                found.append((distance, _name(names[d])))
                break
            if d not in names and (d.weekday() < 5 or d in shifted):
                break
    return min(found)[1] if found else None


def _year_labels(year: int) -> dict[date, str]:
    """Chinese names of the year's statutory days off, the festival's name also for days off in
    lieu ("国庆节", not "国庆节（补假）" or "休息日（由 2013-09-29 调休）")."""
    if year not in _labels:
        names, _, in_lieu = _library_year(year)
        _labels[year] = {
            day: (_festival(day) if day in in_lieu else None) or _name(raw)
            for day, raw in names.items()
        }
    return _labels[year]


def _as_date(day: date) -> date:
    return date(day.year, day.month, day.day)  # also turns a datetime into its date


class WorkCalendar:
    """Working days in mainland China, with a plan's own overrides."""

    def __init__(
        self,
        extra_holidays: Iterable[date] = (),
        extra_workdays: Iterable[date] = (),
        closed: Iterable[tuple[date, date, str]] = (),
    ) -> None:
        self._extra_workdays = frozenset(_as_date(d) for d in extra_workdays)
        self._extra_holidays = frozenset(_as_date(d) for d in extra_holidays) - self._extra_workdays
        self._kinds: dict[date, DayKind] = {}  # every day of each loaded year
        self._closed: dict[date, str] = {}  # day -> the closed period's text (first one wins)
        for first, last, name in closed:
            span = (_as_date(last) - _as_date(first)).days
            for i in range(min(span, 366) + 1):  # a longer period is not a plan year's
                self._closed.setdefault(_as_date(first) + timedelta(days=i), name)

    def _load(self, year: int) -> None:
        names, shifted, _ = _library_year(year)
        first = date(year, 1, 1)
        kinds = self._kinds
        for offset in range((date(year, 12, 31) - first).days + 1):
            day = first + timedelta(days=offset)
            if day in names:
                kinds[day] = DayKind.HOLIDAY
            elif day in shifted:
                kinds[day] = DayKind.SHIFTED_WORKDAY
            else:
                kinds[day] = _PLAIN[day.weekday()]
        for day in self._extra_holidays:
            if day.year == year:
                kinds[day] = DayKind.HOLIDAY
        for day in self._extra_workdays:
            if day.year == year and kinds[day] is not DayKind.WORKDAY:
                kinds[day] = DayKind.SHIFTED_WORKDAY

    def kind(self, day: date) -> DayKind:
        try:
            return self._kinds[day]
        except KeyError:
            day = _as_date(day)
            if day not in self._kinds:
                self._load(day.year)
            return self._kinds[day]

    def is_workday(self, day: date) -> bool:
        kind = self._kinds.get(day) or self.kind(day)
        return kind is _WORKDAY or kind is _SHIFTED

    def label(self, day: date) -> str:
        """Chinese: '工作日', '周六', '周日', the holiday's name ('劳动节'), '调休上班日'."""
        kind = self.kind(day)
        if kind is DayKind.WORKDAY or kind is DayKind.WEEKEND:
            return _WEEKDAY_LABELS[day.weekday()]
        if kind is DayKind.SHIFTED_WORKDAY:
            return _SHIFTED_LABEL
        return _year_labels(day.year).get(_as_date(day), _EXTRA_HOLIDAY_LABEL)

    def workdays(self, start: date, end: date) -> list[date]:
        """Working days from ``start`` to ``end`` inclusive, in order."""
        start, end = _as_date(start), _as_date(end)
        days = (start + timedelta(days=i) for i in range((end - start).days + 1))
        return [d for d in days if self.is_workday(d)]

    def closed(self, day: date) -> str | None:
        """The plan's closed period ``day`` falls in (its text as written), else None."""
        return self._closed.get(day) if self._closed else None

    @property
    def has_closed(self) -> bool:
        """True when the plan names any closed period."""
        return bool(self._closed)

    def known(self, year: int) -> bool:
        """True when the library holds the published schedule (with 调休) for ``year``; see
        :func:`published_years` for the rule."""
        return known(year)

    def last_known_year(self) -> int:
        """The last year :meth:`known` (0 if the library holds no schedule at all)."""
        return max(published_years(), default=0)
