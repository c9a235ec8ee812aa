"""Compare the ``holidays`` package (our runtime dependency) with ``chinesecalendar``.

For each year 2000–2030: does each library know the year (the published schedule with 调休
working weekends), and where both do, do they agree day by day on working days? Then the speed
of one lookup in each, and the import time of each (in a fresh interpreter).

Run:  .venv/bin/python bench/holiday_coverage.py
(``chinesecalendar`` is not a dependency: ``.venv/bin/pip install chinesecalendar`` first.)
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import timeit
from datetime import date, timedelta
from importlib.metadata import version

import chinese_calendar  # type: ignore[import-untyped]
import holidays

from cadretrain.core.workcal import WorkCalendar, known

YEARS = range(2000, 2031)
REPEATS = 5
IMPORT_REPEATS = 9


def year_days(year: int) -> list[date]:
    first = date(year, 1, 1)
    return [first + timedelta(days=i) for i in range((date(year, 12, 31) - first).days + 1)]


def cc_known(year: int) -> bool:
    """chinesecalendar knows a year when it has data for it (it raises otherwise) and lists
    调休 working days in it."""
    try:
        chinese_calendar.is_workday(date(year, 1, 1))
    except NotImplementedError:
        return False
    return any(d.year == year for d in chinese_calendar.workdays)


def cc_workday(day: date) -> bool | None:
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        return None


def describe(day: date) -> str:
    says = {True: "上班", False: "休息", None: "无数据"}
    return (
        f"{day.isoformat()}（holidays 说{says[WorkCalendar().is_workday(day)]}，"
        f"chinesecalendar 说{says[cc_workday(day)]}）"
    )


def coverage() -> None:
    cal = WorkCalendar()
    print("年份  holidays  chinesecalendar  逐日比较（工作日/休息日）")
    totals = {"h": 0, "c": 0, "both": 0, "agree": 0}
    for year in YEARS:
        h, c = known(year), cc_known(year)
        totals["h"] += h
        totals["c"] += c
        days = year_days(year)
        if h and c:
            diff = [d for d in days if cal.is_workday(d) != cc_workday(d)]
            totals["both"] += 1
            totals["agree"] += not diff
            verdict = "一致" if not diff else "不一致：" + "、".join(map(describe, diff))
        elif h or c:
            library = "holidays" if h else "chinesecalendar"
            verdict = f"只有 {library} 有"
        else:
            verdict = "都没有"
        print(f"{year}  {'有' if h else '—':^8}  {'有' if c else '—':^15}  {verdict}")
    print(
        f"\n{YEARS[0]}–{YEARS[-1]}：holidays 知道 {totals['h']} 年，chinesecalendar 知道 "
        f"{totals['c']} 年；两者都知道的 {totals['both']} 年中 {totals['agree']} 年逐日一致。"
    )
    raw = holidays.country_holidays("CN", years=2013)
    print(
        f"holidays 对未公布年份的“推定”：2000 年 {len(holidays.country_holidays('CN', years=2000))}"
        f" 个节日、0 个调休日；2013 年 {len(raw)} 个节日、"
        f"{sum(d.year == 2013 for d in raw.weekend_workdays)} 个调休日。"
    )


def per_lookup_ns(func: object, days: list[date]) -> float:
    timer = timeit.Timer("for d in days: f(d)", globals={"f": func, "days": days})
    loops, _ = timer.autorange()
    best = min(timer.repeat(REPEATS, loops))
    return best / (loops * len(days)) * 1e9


def speed() -> None:
    days = [d for y in range(2013, 2027) for d in year_days(y)]
    raw = holidays.country_holidays("CN", years=range(2013, 2027))
    cal = WorkCalendar()
    for d in days:
        cal.kind(d)  # load the years first, as a long run would
    rows = [
        ("holidays：HolidayBase.is_working_day(d)", raw.is_working_day),
        ("holidays：d in China(...)", raw.__contains__),
        ("chinesecalendar：is_workday(d)", chinese_calendar.is_workday),
        ("cadretrain：WorkCalendar.kind(d)", cal.kind),
        ("cadretrain：WorkCalendar.is_workday(d)", cal.is_workday),
    ]
    print(f"\n每次查询耗时（{len(days)} 天，2013–2026，{REPEATS} 次取最快）：")
    for name, func in rows:
        print(f"  {name:<44} {per_lookup_ns(func, days):8.0f} ns")


# Import plus the first query: the holidays package loads its country classes lazily, so
# `import holidays` alone hides the cost of the first China object.
IMPORTS = {
    "chinese_calendar：导入 + is_workday": (
        "import chinese_calendar, datetime; chinese_calendar.is_workday(datetime.date(2013, 5, 1))"
    ),
    "holidays：只 import holidays": "import holidays",
    "holidays：+ holidays.China(years=2013)": "import holidays; holidays.China(years=2013)",
    "holidays：from holidays.countries.china import China": (
        "from holidays.countries.china import China; China(years=2013)"
    ),
    "cadretrain.core.workcal：导入 + 首次 kind()": (
        "import datetime; from cadretrain.core.workcal import WorkCalendar; "
        "WorkCalendar().kind(datetime.date(2013, 5, 1))"
    ),
}


def import_ms(statement: str) -> float:
    code = (
        "import time; t = time.perf_counter(); "
        + statement
        + "; print((time.perf_counter() - t) * 1000)"
    )
    runs = [
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True).stdout)
        for _ in range(IMPORT_REPEATS)
    ]  # fmt: skip
    return statistics.median(runs)


def import_times() -> None:
    print(f"\n导入耗时（新解释器，{IMPORT_REPEATS} 次取中位数）：")
    for name, statement in IMPORTS.items():
        print(f"  {name:<52} {import_ms(statement):6.1f} ms")


def main() -> None:
    print(
        f"holidays {version('holidays')}，chinesecalendar {version('chinesecalendar')}，"
        f"Python {sys.version.split()[0]}\n"
    )
    coverage()
    speed()
    import_times()


if __name__ == "__main__":
    main()
