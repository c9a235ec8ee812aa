"""The training calendar as iCalendar (RFC 5545)."""

from __future__ import annotations

from datetime import date, timedelta

from cadretrain.documents.ics import escape_text, fold, ics_text
from cadretrain.records.plan_folder import load_plans
from cadretrain.year.model import Year
from tests.conftest import ROOT

PLANS = ROOT / "plans"


def year_2013() -> Year:
    return next(y for y in load_plans(PLANS).years if y.plan.year == 2013)


def unfolded(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")[:-1]


def events(text: str) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    current: dict[str, str] | None = None
    for line in unfolded(text):
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            assert current is not None
            out.append(current)
            current = None
        elif current is not None:
            key, _, value = line.partition(":")
            current[key] = value
    return out


def day(text: str) -> date:
    return date(int(text[:4]), int(text[4:6]), int(text[6:]))


def test_every_session_with_exact_dates_is_an_event() -> None:
    year = year_2013()
    text = ics_text([year])
    found = events(text)
    slots = year.exact_slots
    assert len(found) == len(slots) > 10
    for slot, ev in zip(slots, found, strict=True):
        assert day(ev["DTSTART;VALUE=DATE"]) == slot.start
        assert day(ev["DTEND;VALUE=DATE"]) == slot.end + timedelta(days=1)  # exclusive
        assert ev["LOCATION"] == "县委党校"
    summaries = [e["SUMMARY"] for e in found]
    assert "全县乡科级领导干部学习十八大精神轮训班第1期" in summaries
    assert "全县乡科级领导干部学习十八大精神轮训班第2期" in summaries
    assert "团干部培训班" in summaries
    # the one-session 3-day class: 5月27日—29日, DTEND is the 30th
    youth = next(e for e in found if e["SUMMARY"] == "团干部培训班")
    assert (youth["DTSTART;VALUE=DATE"], youth["DTEND;VALUE=DATE"]) == ("20130527", "20130530")
    # vague classes are left out
    assert not any("赊店大讲坛" in s or "县域经济" in s for s in summaries)
    assert len({e["UID"] for e in found}) == len(found)


def test_crlf_folding_and_determinism() -> None:
    text = ics_text([year_2013()])
    assert text == ics_text([year_2013()])
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")
    lines = text.split("\r\n")[:-1]
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    assert "DTSTAMP:20130101T000000Z" in text
    assert "999999" not in text


def test_fold_never_splits_a_character() -> None:
    line = "SUMMARY:" + "培训班" * 40
    folded = fold(line)
    parts = folded.split("\r\n")
    assert len(parts) > 1
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert folded.replace("\r\n ", "") == line
    assert fold("X" * 75) == "X" * 75
    assert fold("X" * 76) == "X" * 75 + "\r\n X"


def test_text_escaping() -> None:
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    year = year_2013()
    cls = next(c for c in year.plan.classes if c.id == "youth-league")
    cls.name = "团干部培训班,第二轮;试点" + "（共青团县委、县委组织部联合举办）" * 2
    text = ics_text([year])
    assert f"SUMMARY:{escape_text(cls.name)}" in unfolded(text)
    assert "SUMMARY:团干部培训班\\,第二轮\\;试点（共青团县委" in "".join(unfolded(text))
    folded = [line for line in text.split("\r\n") if line.startswith(" ")]
    assert folded and all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
