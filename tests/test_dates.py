"""Tests of the date-expression parser: named examples, errors with offsets, properties."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cadretrain.core.dates import DateParseError, DateSpan, format_span, parse_date, parse_when

D = date


# --- named examples -----------------------------------------------------------------------

EXACT = [
    # text, start, end, length_days
    ("2013-05-13", D(2013, 5, 13), D(2013, 5, 13), None),
    ("2013-05-13 ~ 2013-07-13", D(2013, 5, 13), D(2013, 7, 13), None),
    ("2013/5/13-2013/7/13", D(2013, 5, 13), D(2013, 7, 13), None),
    ("2013.5.13", D(2013, 5, 13), D(2013, 5, 13), None),
    ("2013.5.13—2013.5.20", D(2013, 5, 13), D(2013, 5, 20), None),
    ("2013年3月13日---23日", D(2013, 3, 13), D(2013, 3, 23), None),
    ("5月13日--7月13日", D(2013, 5, 13), D(2013, 7, 13), None),
    ("5月11日—12日", D(2013, 5, 11), D(2013, 5, 12), None),
    ("2013年5月13日---5月20日", D(2013, 5, 13), D(2013, 5, 20), None),
    ("2013年6月18日—20日", D(2013, 6, 18), D(2013, 6, 20), None),
    ("2013年10月8日--12月8日", D(2013, 10, 8), D(2013, 12, 8), None),
    ("3月13日", D(2013, 3, 13), D(2013, 3, 13), None),
    ("３月１３日", D(2013, 3, 13), D(2013, 3, 13), None),
    ("２０１３年５月１３日", D(2013, 5, 13), D(2013, 5, 13), None),
    ("２０１３－０５－１３～２０１３－０７－１３", D(2013, 5, 13), D(2013, 7, 13), None),
    ("5月13日–20日", D(2013, 5, 13), D(2013, 5, 20), None),
    ("5月13日－20日", D(2013, 5, 13), D(2013, 5, 20), None),
    ("5月13日―20日", D(2013, 5, 13), D(2013, 5, 20), None),
    ("5月13日——20日", D(2013, 5, 13), D(2013, 5, 20), None),
    ("5月13日~20日", D(2013, 5, 13), D(2013, 5, 20), None),
    ("5月13日～20日", D(2013, 5, 13), D(2013, 5, 20), None),
    ("5月13日〜20日", D(2013, 5, 13), D(2013, 5, 20), None),
    ("5月13日至5月20日", D(2013, 5, 13), D(2013, 5, 20), None),
    ("5月13日到20日", D(2013, 5, 13), D(2013, 5, 20), None),
    ("5月13—20日", D(2013, 5, 13), D(2013, 5, 20), None),
    ("5月13号—20号", D(2013, 5, 13), D(2013, 5, 20), None),
    ("  2013 年 5 月 13 日 —— 5 月 20 日  ", D(2013, 5, 13), D(2013, 5, 20), None),
    ("\u30005月13日\u3000至\u30005月20日\u3000", D(2013, 5, 13), D(2013, 5, 20), None),
    ("5月13日—20日。", D(2013, 5, 13), D(2013, 5, 20), None),
    ("5月13日—20日，", D(2013, 5, 13), D(2013, 5, 20), None),
    ("5月13日—20日，为期一周", D(2013, 5, 13), D(2013, 5, 20), 7),
    ("5月13日—5月15日，为期3天", D(2013, 5, 13), D(2013, 5, 15), 3),
    ("5月13日—5月15日为期三天", D(2013, 5, 13), D(2013, 5, 15), 3),
    ("5月13日—26日，为期两周，地点待定", D(2013, 5, 13), D(2013, 5, 26), 14),
    ("5月13日（周一）至5月17日（周五）", D(2013, 5, 13), D(2013, 5, 17), None),
    ("三月十三日", D(2013, 3, 13), D(2013, 3, 13), None),
    ("十二月二十八日—三十一日", D(2013, 12, 28), D(2013, 12, 31), None),
    ("二〇一三年十月八日", D(2013, 10, 8), D(2013, 10, 8), None),
    ("2014年5月1日", D(2014, 5, 1), D(2014, 5, 1), None),  # an explicit year wins
    ("12月28日—1月3日", D(2013, 12, 28), D(2014, 1, 3), None),
    ("2013年12月30日—2014年1月3日", D(2013, 12, 30), D(2014, 1, 3), None),
    ("5月20日—5月13日", D(2013, 5, 20), D(2013, 5, 13), None),  # returned as written
    ("3月13日，为期一周", D(2013, 3, 13), D(2013, 3, 19), 7),  # the end follows from the length
    ("2012年2月29日", D(2012, 2, 29), D(2012, 2, 29), None),
]


@pytest.mark.parametrize(("text", "start", "end", "length"), EXACT)
def test_exact_forms(text: str, start: date, end: date, length: int | None) -> None:
    assert parse_when(text, 2013) == DateSpan(start, end, True, length, text)


VAGUE = [
    ("十月中下旬，为期一周", D(2013, 10, 11), D(2013, 10, 31), 7),
    ("10月中旬", D(2013, 10, 11), D(2013, 10, 20), None),
    ("10月上旬", D(2013, 10, 1), D(2013, 10, 10), None),
    ("2月下旬", D(2013, 2, 21), D(2013, 2, 28), None),
    ("2012年2月下旬", D(2012, 2, 21), D(2012, 2, 29), None),
    ("4月上中旬", D(2013, 4, 1), D(2013, 4, 20), None),
    ("4月中下旬", D(2013, 4, 11), D(2013, 4, 30), None),
    ("11月份", D(2013, 11, 1), D(2013, 11, 30), None),
    ("11月", D(2013, 11, 1), D(2013, 11, 30), None),
    ("十月", D(2013, 10, 1), D(2013, 10, 31), None),
    ("十一月", D(2013, 11, 1), D(2013, 11, 30), None),
    ("十二月", D(2013, 12, 1), D(2013, 12, 31), None),
    ("9月初", D(2013, 9, 1), D(2013, 9, 10), None),
    ("9月中", D(2013, 9, 11), D(2013, 9, 20), None),
    ("9月底", D(2013, 9, 21), D(2013, 9, 30), None),
    ("9月末", D(2013, 9, 21), D(2013, 9, 30), None),
    ("上半年", D(2013, 1, 1), D(2013, 6, 30), None),
    ("下半年", D(2013, 7, 1), D(2013, 12, 31), None),
    ("2013年下半年", D(2013, 7, 1), D(2013, 12, 31), None),
    ("第一季度", D(2013, 1, 1), D(2013, 3, 31), None),
    ("一季度", D(2013, 1, 1), D(2013, 3, 31), None),
    ("第1季度", D(2013, 1, 1), D(2013, 3, 31), None),
    ("第二季度", D(2013, 4, 1), D(2013, 6, 30), None),
    ("三季度", D(2013, 7, 1), D(2013, 9, 30), None),
    ("2013年第四季度", D(2013, 10, 1), D(2013, 12, 31), None),
    ("全年", D(2013, 1, 1), D(2013, 12, 31), None),
    ("2013年", D(2013, 1, 1), D(2013, 12, 31), None),
    ("10月—11月", D(2013, 10, 1), D(2013, 11, 30), None),
    ("10月中旬—11月上旬", D(2013, 10, 11), D(2013, 11, 10), None),
    ("10月上旬—中旬", D(2013, 10, 1), D(2013, 10, 20), None),
    ("10月中旬—月底", D(2013, 10, 11), D(2013, 10, 31), None),
    ("12月—1月", D(2013, 12, 1), D(2014, 1, 31), None),
    ("5月13日—6月", D(2013, 5, 13), D(2013, 6, 30), None),
    ("9月，为期三天", D(2013, 9, 1), D(2013, 9, 30), 3),
    ("9月为期10天", D(2013, 9, 1), D(2013, 9, 30), 10),
    ("下半年，为期一个月", D(2013, 7, 1), D(2013, 12, 31), 30),
    ("下半年，为期2个月", D(2013, 7, 1), D(2013, 12, 31), 60),
    ("下半年，为期一个星期", D(2013, 7, 1), D(2013, 12, 31), 7),
    ("3月13日，为期一个月", D(2013, 3, 13), D(2013, 4, 11), 30),  # months are approximate
    ("三月中旬左右", D(2013, 3, 11), D(2013, 3, 20), None),
]


@pytest.mark.parametrize(("text", "start", "end", "length"), VAGUE)
def test_vague_forms(text: str, start: date, end: date, length: int | None) -> None:
    assert parse_when(text, 2013) == DateSpan(start, end, False, length, text)


def test_year_parameter_is_used_without_a_year_in_the_text() -> None:
    assert parse_when("5月13日", 2020).start == D(2020, 5, 13)
    assert parse_when("2019年5月13日", 2020).start == D(2019, 5, 13)
    assert parse_when("2019年12月28日—1月3日", 2020).end == D(2020, 1, 3)


# --- errors --------------------------------------------------------------------------------

ERRORS = [
    # text, message, offset
    ("2013年2月30日", "日期不存在：2013年2月30日", 0),
    ("13月1日", "日期不存在：2013年13月1日", 0),
    ("１３月１日", "日期不存在：2013年13月1日", 0),
    ("2013-02-30", "日期不存在：2013年2月30日", 0),
    ("2013年2月29日", "日期不存在：2013年2月29日", 0),
    ("5月0日", "日期不存在：2013年5月0日", 0),
    ("13月中旬", "日期不存在：2013年13月", 0),
    ("  2013年2月30日", "日期不存在：2013年2月30日", 2),
    ("5月1日—5月32日", "日期不存在：2013年5月32日", 5),
    ("5月1日 — 6月31日", "日期不存在：2013年6月31日", 7),
    ("三月中旬某日", "无法识别的日期表达式：“三月中旬某日”", 4),
    ("下周一", "无法识别的日期表达式：“下周一”", 0),
    ("5月13日—", "无法识别的日期表达式：“5月13日—”", 6),
    ("5月13日 至 明天", "无法识别的日期表达式：“5月13日 至 明天”", 8),
    ("5月13日5月20日", "无法识别的日期表达式：“5月13日5月20日”", 5),
    ("2013", "无法识别的日期表达式：“2013”", 0),
    ("2013年5", "无法识别的日期表达式：“2013年5”", 5),
    ("为期一周", "无法识别的日期表达式：“为期一周”", 0),
    ("十十月", "无法识别的日期表达式：“十十月”", 0),
    ("中", "无法识别的日期表达式：“中”", 0),
    ("\x00", "无法识别的日期表达式：“\\x00”", 0),
    ("", "日期表达式为空", 0),
    ("   ", "日期表达式为空", 0),
    ("第5季度", "季度不存在：第5季度", 0),
    ("2013年第0季度", "季度不存在：第0季度", 5),
    ("12日", "缺少月份：“12日”", 0),
    ("中旬", "缺少月份：“中旬”", 0),
    ("0年1月1日", "年份超出范围：0年", 0),
    ("10000年1月1日", "年份超出范围：10000年", 0),
    ("9999年12月28日—1月3日", "年份超出范围：10000年", 12),
    ("9999年12月31日，为期3天", "日期超出范围：“9999年12月31日，为期3天”", 0),
]


@pytest.mark.parametrize(("text", "message", "offset"), ERRORS)
def test_errors(text: str, message: str, offset: int) -> None:
    with pytest.raises(DateParseError) as info:
        parse_when(text, 2013)
    assert info.value.message == message
    assert str(info.value) == message
    assert info.value.offset == offset
    assert isinstance(info.value, ValueError)


def test_long_texts_are_shortened_in_messages() -> None:
    with pytest.raises(DateParseError) as info:
        parse_when("x" * 1000, 2013)
    assert len(info.value.message) < 80


@pytest.mark.parametrize(
    "text", ["9" * 5000, "１" * 5000, "年" * 5000, "(" * 5000, "5月" + "1" * 400 + "日", "😀"]
)
def test_hostile_texts_raise_only_date_parse_error(text: str) -> None:
    with pytest.raises(DateParseError):
        parse_when(text, 2013)


def test_plan_year_out_of_range() -> None:
    with pytest.raises(DateParseError, match="年份超出范围"):
        parse_when("5月1日", 0)


# --- parse_date and format_span ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        ("2013-05-13", None, D(2013, 5, 13)),
        ("2013年5月13日", None, D(2013, 5, 13)),
        ("5月13日", 2013, D(2013, 5, 13)),
        ("2013/5/13", None, D(2013, 5, 13)),
        ("2013.5.13", None, D(2013, 5, 13)),
        (" ２０１３年５月１３号 ", None, D(2013, 5, 13)),
        ("2014-01-02", 2013, D(2014, 1, 2)),
    ],
)
def test_parse_date(text: str, year: int | None, expected: date) -> None:
    assert parse_date(text, year) == expected


@pytest.mark.parametrize(
    ("text", "year", "message", "offset"),
    [
        ("5月13日", None, "缺少年份：“5月13日”", 0),
        ("10月", 2013, "不是具体日期：“10月”", 0),
        ("2013-02-30", None, "日期不存在：2013年2月30日", 0),
        ("5月13日—20日", 2013, "无法识别的日期表达式：“5月13日—20日”", 5),
        ("", 2013, "日期表达式为空", 0),
    ],
)
def test_parse_date_errors(text: str, year: int | None, message: str, offset: int) -> None:
    with pytest.raises(DateParseError) as info:
        parse_date(text, year)
    assert (info.value.message, info.value.offset) == (message, offset)


@pytest.mark.parametrize(
    ("start", "end", "text"),
    [
        (D(2013, 3, 13), D(2013, 3, 23), "2013年3月13日—23日"),
        (D(2013, 5, 13), D(2013, 7, 13), "2013年5月13日—7月13日"),
        (D(2013, 5, 7), D(2013, 5, 7), "2013年5月7日"),
        (D(2013, 12, 30), D(2014, 1, 3), "2013年12月30日—2014年1月3日"),
        (D(2013, 7, 13), D(2013, 5, 13), "2013年7月13日—2013年5月13日"),
    ],
)
def test_format_span(start: date, end: date, text: str) -> None:
    assert format_span(start, end) == text


# --- properties ----------------------------------------------------------------------------

CN_DIGITS = "〇一二三四五六七八九"
SEPARATORS = ["-", "--", "---", "—", "——", "–", "－", "―", "~", "～", "〜", "至", "到"]
SPACES = ["", "", " ", "  ", "\u3000", "\t"]
SEP_CHARS = "-—–－―~～〜至到‐‑‒−﹣⁃∼"
days_2000s = st.dates(D(2000, 1, 1), D(2099, 12, 31))


def cn_number(n: int) -> str:
    if n < 10:
        return CN_DIGITS[n]
    tens, units = divmod(n, 10)
    return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[units] if units else "")


def full_width(s: str) -> str:
    return s.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})


@st.composite
def numbers(draw: st.DrawFn, n: int, chinese: bool = True) -> str:
    styles = ["arabic", "full", "chinese"] if chinese else ["arabic", "full"]
    style = draw(st.sampled_from(styles))
    if style == "chinese":
        return cn_number(n)
    text = str(n).zfill(draw(st.integers(1, 2)))
    return full_width(text) if style == "full" else text


@st.composite
def spans(draw: st.DrawFn) -> tuple[date, date]:
    d1 = draw(days_2000s)
    delta = draw(st.one_of(st.integers(0, 40), st.integers(0, 800)))
    return d1, min(d1 + timedelta(days=delta), D(2099, 12, 31))


@st.composite
def chinese_day(draw: st.DrawFn, d: date, parts: str) -> list[str]:
    """Tokens for ``d`` written with the parts named: y(ear), m(onth), d(ay)."""
    tokens: list[str] = []
    if "y" in parts:
        year = "".join(CN_DIGITS[int(c)] for c in str(d.year))
        tokens += [draw(st.sampled_from([str(d.year), full_width(str(d.year)), year])), "年"]
    if "m" in parts:
        tokens += [draw(numbers(d.month)), "月"]
    tokens += [draw(numbers(d.day)), draw(st.sampled_from(["日", "号"]))]
    return tokens


@st.composite
def rendered(draw: st.DrawFn) -> tuple[str, int, date, date, int | None]:
    """(text, plan year, start, end, length) for an exact span written in one of many styles."""
    d1, d2 = draw(spans())
    if draw(st.booleans()):
        c = draw(st.sampled_from(["-", "/", "."]))
        pad = draw(st.booleans())

        def iso(d: date) -> list[str]:
            m, day = (f"{d.month:02}", f"{d.day:02}") if pad else (str(d.month), str(d.day))
            return [str(d.year), c, m, c, day]

        start, end = iso(d1), iso(d2)
        if draw(st.booleans()):
            start, end = [full_width(t) for t in start], [full_width(t) for t in end]
    else:
        start = draw(chinese_day(d1, draw(st.sampled_from(["ymd", "md"]))))
        choices = ["ymd"]
        if d2.year == d1.year or (d2.year == d1.year + 1 and d2.month < d1.month):
            choices.append("md")
        if (d2.year, d2.month) == (d1.year, d1.month):
            choices.append("d")
        end = draw(chinese_day(d2, draw(st.sampled_from(choices))))
    tokens = start
    if d1 != d2 or draw(st.booleans()):
        tokens = [*start, draw(st.sampled_from(SEPARATORS)), *end]
    text = "".join(t + draw(st.sampled_from(SPACES)) for t in tokens)
    length = None
    days = (d2 - d1).days + 1
    tail = draw(st.sampled_from(["", "。", "，", "，为期N天", "，为期N天，地点另行通知"]))
    if "N" in tail:
        tail, length = tail.replace("N", draw(numbers(days, chinese=days < 100))), days
    text = draw(st.sampled_from(SPACES)) + text + tail
    return text, d1.year, d1, d2, length


@settings(max_examples=400)
@given(rendered())
def test_rendered_spans_parse_back(case: tuple[str, int, date, date, int | None]) -> None:
    text, year, start, end, length = case
    assert parse_when(text, year) == DateSpan(start, end, True, length, text)


@given(days_2000s, days_2000s, st.integers(2000, 2099))
def test_format_span_round_trips(d1: date, d2: date, year: int) -> None:
    text = format_span(d1, d2)
    assert parse_when(text, year) == DateSpan(d1, d2, True, None, text)
    if d1 == d2:
        assert parse_date(text) == d1


@given(days_2000s)
def test_parse_date_round_trips(d: date) -> None:
    assert parse_date(d.isoformat()) == d
    assert parse_date(f"{d.month}月{d.day}日", d.year) == d


MONTH_PARTS = {
    "": (1, 31),
    "份": (1, 31),
    "上旬": (1, 10),
    "中旬": (11, 20),
    "下旬": (21, 31),
    "上中旬": (1, 20),
    "中下旬": (11, 31),
    "初": (1, 10),
    "中": (11, 20),
    "底": (21, 31),
    "末": (21, 31),
}


@st.composite
def vague(draw: st.DrawFn) -> tuple[str, int, tuple[int, int], tuple[int, int]]:
    """(text, year, (first month, first day), (last month, last day or 31 for month end))."""
    year = draw(st.integers(2000, 2099))
    prefix = draw(st.sampled_from(["", f"{year}年", full_width(f"{year}年")]))
    kind = draw(st.sampled_from(["month", "half", "quarter", "year"]))
    if kind == "month":
        m = draw(st.integers(1, 12))
        part = draw(st.sampled_from(sorted(MONTH_PARTS)))
        d1, d2 = MONTH_PARTS[part]
        return f"{prefix}{draw(numbers(m))}月{part}", year, (m, d1), (m, d2)
    if kind == "half":
        first = draw(st.booleans())
        text = prefix + ("上半年" if first else "下半年")
        window = ((1, 1), (6, 30)) if first else ((7, 1), (12, 31))
        return text, year, *window
    if kind == "quarter":
        q = draw(st.integers(1, 4))
        text = prefix + draw(st.sampled_from(["第", ""])) + draw(numbers(q)) + "季度"
        return text, year, (3 * q - 2, 1), (3 * q, 31)
    return prefix + "全年", year, (1, 1), (12, 31)


@given(vague(), st.sampled_from(["", "，为期一周", "。"]))
def test_vague_windows_lie_inside_the_year(
    case: tuple[str, int, tuple[int, int], tuple[int, int]], tail: str
) -> None:
    text, year, (m1, d1), (m2, d2) = case
    span = parse_when(text + tail, year)
    assert not span.exact
    assert span.start == D(year, m1, d1)
    assert span.end == D(year, m2, min(d2, calendar.monthrange(year, m2)[1]))
    assert D(year, 1, 1) <= span.start <= span.end <= D(year, 12, 31)
    assert span.length_days == (7 if "一周" in tail else None)


def check_total(text: str) -> None:
    """parse_when on any text returns a span or raises DateParseError, nothing else."""
    try:
        span = parse_when(text, 2013)
    except DateParseError as exc:
        assert exc.message
        assert 0 <= exc.offset <= len(text)
        return
    assert span.text == text
    assert isinstance(span.start, date)
    assert isinstance(span.end, date)
    assert span.length_days is None or span.length_days >= 0
    if not span.exact and not any(c in text for c in SEP_CHARS):
        assert span.start <= span.end


@settings(max_examples=500)
@given(st.text())
def test_any_text_raises_only_date_parse_error(text: str) -> None:
    check_total(text)


DATE_ALPHABET = (
    "0123456789０１２年月日号旬上中下初底末份半全季度第为期天周个星-—~～至到，。 （）十一二两三〇"
)


@settings(max_examples=1000)
@given(st.text(alphabet=DATE_ALPHABET, max_size=30))
def test_date_like_text_raises_only_date_parse_error(text: str) -> None:
    check_total(text)


@given(st.integers(0, 5), st.sampled_from([" ", "\u3000", "\t"]))
def test_offsets_count_leading_whitespace(n: int, space: str) -> None:
    with pytest.raises(DateParseError) as info:
        parse_when(space * n + "２０１３年２月３０日", 2013)
    assert info.value.offset == n
