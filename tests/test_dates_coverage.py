"""Properties of the ``when`` grammar: no text is lost. Every character of a ``when`` that
parses is either consumed (``DateSpan.consumed``) or named in a CT130 note; a text that names
no date raises ``DateParseError``. And the phrase classes combine: any date with any length,
remark or filler keeps the date."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from cadretrain.core.dates import DateParseError, DateSpan, WhenSettings, parse_when
from cadretrain.core.limits import MAX_DAYS, MAX_SESSIONS
from tests.test_dates_phrases import assert_covered

WORDS = [
    "5月13日",
    "—",
    "20日",
    "，",
    "。",
    "为期",
    "一周",
    "3天",
    "2天半",
    "或",
    "7天",
    "起",
    "开班",
    "10月",
    "中下旬",
    "上半年",
    "第三季度",
    "秋季学期",
    "底前",
    "年内",
    "3、6、9月",
    "（",
    "）",
    "春节前后除外",
    "周一",
    "另行通知",
    "待定",
    "地点",
    "党校",
    "分两期进行",
    "每期",
    "每期三天",
    "分3期",
    "共两期",
    "、",
    "4—6月",
    "全年",
    "第2期",
    "左右",
    " ",
    "安排在",
    "进行",
    "完成",
    "2013年",
    "12月",
    "至",
    "7、8月除外",
    "x",
    "半天",
    "历时",
]


@st.composite
def phrases(draw: st.DrawFn) -> str:
    return "".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8)))


def check(text: str, span: DateSpan) -> None:
    assert span.text == text
    assert_covered(text, span.consumed, span.notes)
    for note in span.notes:
        assert 0 <= note.start < note.end <= len(text), note
        assert note.code in {"CT130", "CT131", "CT132", "CT133", "CT134", "CT137"}
    if span.length_days is not None:
        assert span.length is not None and span.length_days >= span.length
        assert span.length == max(span.length_choices)
    stated = [n for n in span.notes if n.code == "CT137"]  # sessions: read once, and said so
    assert len(stated) == (span.session_count is not None)
    if span.session_count is None:
        assert span.session_days is None
    else:
        assert 1 <= span.session_count <= MAX_SESSIONS
        assert span.session_days is None or 1 <= span.session_days <= MAX_DAYS


@settings(max_examples=1500)
@given(phrases(), st.booleans())
def test_every_character_is_consumed_or_reported(text: str, training: bool) -> None:
    try:
        span = parse_when(text, 2013, WhenSettings(training_days=training))
    except DateParseError as exc:
        assert 0 <= exc.offset <= len(text)
        return
    check(text, span)


@settings(max_examples=500)
@given(st.text(max_size=40))
def test_any_text_is_consumed_reported_or_refused(text: str) -> None:
    try:
        span = parse_when(text, 2013)
    except DateParseError:
        return
    check(text, span)


DATES = ["5月13日", "2013年5月13日", "十月中下旬", "11月份", "第三季度", "下半年", "5月13日—20日"]
TAILS = [
    "，为期一周",
    "，地点待定",
    "（周一）",
    "（7、8月除外）",
    "，分两期进行",
    "，为期5天或7天",
    "",
]


@given(st.sampled_from(DATES), st.lists(st.sampled_from(TAILS), max_size=3))
def test_tails_never_change_the_window_a_date_names(head: str, tails: list[str]) -> None:
    bare = parse_when(head, 2013)
    span = parse_when(head + "".join(tails), 2013)
    assert span.start == bare.start
    if not bare.exact or bare.start != bare.end:  # a single day may be extended by a length
        assert span.end == bare.end
    check(head + "".join(tails), span)


@given(st.dates(date(2001, 1, 1), date(2098, 12, 1)), st.integers(1, 30), st.booleans())
def test_a_start_with_a_length_ends_after_that_many_days(d: date, n: int, training: bool) -> None:
    text = f"{d.year}年{d.month}月{d.day}日起，为期{n}天"
    span = parse_when(text, d.year, WhenSettings(training_days=training))
    assert span.start == d and span.exact and span.length_days == n
    days = (span.end - d).days + 1
    if training:  # the first day counts, then only weekdays
        later = [d.fromordinal(d.toordinal() + i) for i in range(1, days)]
        assert sum(x.weekday() < 5 for x in later) == n - 1
        assert n == 1 or span.end.weekday() < 5
    else:
        assert days == n
    assert any(note.code == "CT133" and "按" in note.message for note in span.notes)
