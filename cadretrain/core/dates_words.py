"""The words around the dates in a ``when``: a length (``为期一周``, ``为期5天或7天``, ``2天半``),
sessions (``分两期进行``, ``共3期``, ``培训三期``, with ``每期三天`` the length of each),
``另行通知``, the fillers before and after a date (``安排在…进行``, ``…起``, ``…底前``), month
lists (``3、6、9、12月``) and the periods a bracketed exclusion names (``春节前后除外``)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, timedelta

from cadretrain.core.dates_base import CN_NUM, END, make_day, num_value
from cadretrain.core.limits import MAX_DAYS, MAX_SESSIONS

_N = rf"(?:[0-9]{{1,4}}(?:\.[0-9]{{1,2}})?|[{CN_NUM}]{{1,4}})"
_UNIT = r"(?:个半月|个月|个星期|星期|周|天|日|月)"
_ONE = rf"(?:半(?:天|日|个月)|{_N}\s*(?:{_UNIT})?\s*半?)"
LENGTH = re.compile(
    rf"(?P<pre>为期|历时|时间为|时长|学制|时间|共计|共|约|计划|每期|每班)?\s*"
    rf"(?P<a>{_ONE})"
    rf"(?:\s*(?P<sep>或|至|到|-|~|、)\s*(?P<b>{_ONE}))?"
    rf"\s*(?P<post>左右|以上|以内|上下|时间|的培训|培训)?$"
)
_UNIT_DAYS = {"月": 30.0, "个月": 30.0, "个半月": 45.0, "星期": 7.0, "个星期": 7.0, "周": 7.0}
_UNIT_DAYS |= {"天": 1.0, "日": 1.0}
# a week of training days: 一周 counts five when lengths count training days
_UNIT_TRAINING = {"星期": 5.0, "个星期": 5.0, "周": 5.0}

UNSCHEDULED = re.compile(
    r"(?:具体)?(?:时间|日期|开班时间|培训时间)?"
    r"(?:另行通知|另行确定|另行安排|另定|待定|未定|视情况而定|根据工作需要确定)$"
)
# words a date may carry before and after it: 安排在11月份进行, 3月8日起, 4月10日开班
PREFIXES = (
    "计划于",
    "安排在",
    "拟定于",
    "拟于",
    "定于",
    "预计",
    "计划",
    "拟在",
    "于",
    "在",
    "从",
    "自",
)
STARTS = ("开始报到", "报到", "开学", "开班", "开课", "开训", "开始", "起")
DEADLINES = ("底以前", "底之前", "底前", "以前", "之前", "前", "以内", "内")
DONE = ("完成", "结束", "结业")
HELD = (
    "举办",
    "举行",
    "进行",
    "开展",
    "实施",
    "期间",
    "左右",
    "前后",
    "上午",
    "下午",
    "晚上",
    "全天",
)
MONTH_LIST = re.compile(rf"((?:{_N}\s*月?\s*、\s*)+{_N})\s*月份?")


@dataclass(frozen=True)
class Length:
    days: float  # the number that is used: the longer of alternatives
    choices: tuple[float, ...]  # every length written (one when there is no alternative)
    exact: bool  # False for months (30 days each) and approximate lengths (左右)
    words: str  # as written, for messages
    each: bool = False  # 每期三天, 每班5天: the length of each session, not of the class


def _one(s: str, training: bool) -> tuple[float, bool] | None:
    """``5天`` → (5, True); ``2天半`` → (2.5, True); ``一个月`` → (30, False)."""
    s = s.replace(" ", "")
    if s.startswith("半"):
        return (15.0, False) if "月" in s else (0.5, True)
    m = re.fullmatch(rf"({_N})({_UNIT})?(半)?", s)
    if m is None:
        return None
    number = m[1]
    value = float(number) if "." in number else num_value(number)
    if value is None:
        return None
    unit = m[2] or ""
    scale = (_UNIT_TRAINING if training else {}).get(unit) or _UNIT_DAYS.get(unit, 0.0)
    days = float(value) * scale
    if m[3]:
        days += scale / 2 if "月" in unit else 0.5
    return days, "月" not in unit


def length(clause: str, training: bool) -> Length | None:
    """The length a clause states (``为期一周``, ``5天或7天``, ``3-5天``, ``4天半``), or None."""
    m = LENGTH.match(clause)
    if m is None:
        return None
    a, b = m["a"], m["b"]
    if b is not None and not re.search(_UNIT, a):  # 3-5天: the unit is written once
        unit = re.search(rf"{_UNIT}半?$", b)
        a = a + (unit[0].removesuffix("半") if unit else "")
    if not re.search(rf"{_UNIT}|半", (b or a)):
        return None  # a bare number is not a length
    first = _one(a, training)
    second = _one(b, training) if b is not None else None
    if first is None or (b is not None and second is None):
        return None
    choices = (first[0],) if second is None else (first[0], second[0])
    exact = first[1] and (second is None or second[1]) and m["post"] not in ("左右", "上下")
    each = m["pre"] in ("每期", "每班")
    return Length(max(choices), choices, exact, clause, each)


# sessions stated in a when: 分两期进行, 共3期, 培训三期, 全年分四期举办, 分两批
_COUNT = re.compile(
    r"(?:计划|拟|每年)?(?:分成|分为|分|共分|共计|共|培训|轮训|举办|开办|办)?"
    rf"(?P<n>[0-9]{{1,3}}|[{CN_NUM}]{{1,3}})个?(?:期|批)"
    r"(?:进行|举办|举行|培训|轮训|实施|开展|完成)?"
)
_JOIN = ("、", "和", "及")  # 分两期、每期三天


@dataclass(frozen=True)
class Sessions:
    """Sessions a ``when`` states: how many, and where in the clause (compact indexes)."""

    count: int
    words: str  # as written
    start: int
    end: int


def _count_at(clause: str, start: int, end: int) -> Sessions | None:
    m = _COUNT.fullmatch(clause, start, end)
    value = num_value(m["n"]) if m else None
    if value is None or not 1 <= value <= MAX_SESSIONS:  # 0期 or beyond the limit: not read
        return None
    return Sessions(value, clause[start:end], start, end)


def session_count(clause: str, start: int = 0) -> Sessions | None:
    """The sessions ``clause[start:]`` states when that is all it states (``分两期进行``)."""
    return _count_at(clause, start, len(clause))


def count_and_length(
    clause: str, start: int, training: bool
) -> tuple[Sessions, Length, tuple[int, int]] | None:
    """Sessions and the length of each in one clause (``分3期每期5天``, ``每期三天、分两期``):
    the sessions, the length and where the length is (compact indexes); None when the clause
    is not that."""
    k = clause.find("每期", start)
    if k < 0:
        k = clause.find("每班", start)
    if k < 0:
        return None
    if k > start:  # the count first: 分3期、每期5天
        cut = k - 1 if clause[k - 1] in _JOIN else k
        found = _count_at(clause, start, cut)
        size = length(clause[k:], training)
        return (found, size, (k, len(clause))) if found and size and size.each else None
    for m in _COUNT.finditer(clause, k):  # the length first: 每期5天共3期, 每期三天、分两期
        if m.end() != len(clause):
            continue
        cut = m.start() - 1 if clause[m.start() - 1] in _JOIN else m.start()
        found = _count_at(clause, m.start(), len(clause))
        size = length(clause[k:cut], training) if found else None
        if found and size and size.each:
            return found, size, (k, cut)
    return None


def days_of_each(size: Length) -> int | None:
    """The training days of each session a length states (``每期三天`` → 3, ``每期一周`` → 5):
    a week is five training days, as in ``sessions: {days}``; None for months (how many
    training days is not said) or beyond the limit."""
    if "月" in size.words.removeprefix("每期").removeprefix("每班"):
        return None
    counted = length(size.words, training=True)
    days = math.ceil(counted.days) if counted else None
    return days if days is not None and 0 < days <= MAX_DAYS else None


def month_list(clause: str) -> list[int] | None:
    """``3、6、9、12月`` → [3, 6, 9, 12]; None when the clause is not a month list."""
    m = MONTH_LIST.fullmatch(clause)
    if m is None:
        return None
    months = []
    for part in re.split(r"月?、", m[1]):
        value = num_value(part.strip()) if "." not in part else None
        if value is None or not 1 <= value <= 12:
            return None
        months.append(value)
    return months


def lunar_new_year(year: int) -> date | None:
    try:
        from holidays.calendars.chinese import _ChineseLunisolar
    except ImportError:  # pragma: no cover - holidays is a runtime dependency
        return None
    found = _ChineseLunisolar().lunar_new_year_date(year)
    day = found[0] if isinstance(found, tuple) else found
    return day if isinstance(day, date) else None


_NAMED = {  # period name → (month, day, month, day) in the plan year
    "国庆节前后": (9, 24, 10, 10),
    "国庆前后": (9, 24, 10, 10),
    "国庆节期间": (10, 1, 10, 7),
    "国庆期间": (10, 1, 10, 7),
    "国庆节": (10, 1, 10, 7),
    "国庆": (10, 1, 10, 7),
    "暑期": (7, 1, 8, 31),
    "暑假": (7, 1, 8, 31),
    "元旦": (1, 1, 1, 3),
}
NO_TRAINING_ANYWAY = ("法定节假日", "节假日", "双休日", "周末", "节假日和周末", "周六日")


def period(words: str, year: int) -> list[tuple[date, date]] | None:
    """The days an exclusion names (``春节前后``, ``7、8月``, ``国庆节期间``), or None."""
    words = words.replace(" ", "")
    if words in _NAMED:
        m1, d1, m2, d2 = _NAMED[words]
        return [(date(year, m1, d1), date(year, m2, d2))]
    if words.startswith("春节"):
        new_year = lunar_new_year(year)
        rest = words.removeprefix("春节")
        if new_year is None or rest not in ("", "期间", "前后", "假期"):
            return None
        before, after = (7, 7) if rest == "前后" else (1, 5)
        return [(new_year - timedelta(days=before), new_year + timedelta(days=after))]
    months = month_list(words) or month_list(words + "月")
    single = re.fullmatch(rf"({_N})月份?", words)
    if months is None and single is not None and (one := num_value(single[1])) is not None:
        months = [one] if 1 <= one <= 12 else None
    if months is None:
        m = re.fullmatch(rf"({_N})月?(?:-|至|到)({_N})月份?", words)
        first = num_value(m[1]) if m else None
        last = num_value(m[2]) if m else None
        if first is None or last is None or not 1 <= first <= last <= 12:
            return None
        months = list(range(first, last + 1))
    return [(date(year, m, 1), make_day(year, m, END, 0, False)) for m in months]
