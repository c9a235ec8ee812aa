"""The training calendar as iCalendar (RFC 5545): one all-day VEVENT per session with exact dates.

Decisions:

- Sessions come from the year model (``Year.exact_slots``); a slot is exported only when
  its dates are exact (``possible`` slots — vague dates such as 十月中下旬 — are left out, and
  so are sessions that could not be placed, CT301). ``Schedule.left_out`` counts them for the
  report.
- An event runs from the session's first to its last training day: ``DTSTART;VALUE=DATE`` is
  the first day, ``DTEND;VALUE=DATE`` the day after the last (DTEND is exclusive).
- ``SUMMARY`` is the class name (+ 第N期), ``LOCATION`` the venue's name.
- ``UID`` is a hash of plan year, plan file name, class id and session number: stable between
  runs and machines, unchanged when the dates move (a calendar app then updates the event).
- ``DTSTAMP`` is fixed (1 January of the earliest plan year, UTC) so the output is
  byte-for-byte deterministic.
- Lines end in CRLF and are folded at 75 octets without splitting a UTF-8 character; TEXT
  values escape backslash, semicolon, comma and line breaks.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

from cadretrain.core.text import printable
from cadretrain.plan.model import Plan, TrainingClass
from cadretrain.plan.schedule import Slot
from cadretrain.year.model import Year

CRLF = "\r\n"
MAX_OCTETS = 75


def escape_text(value: str) -> str:
    """RFC 5545 §3.3.11 TEXT: ``\\`` ``;`` ``,`` escaped, line breaks as ``\\n`` (and control
    characters dropped, :func:`~cadretrain.core.text.printable`)."""
    out = printable(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return out.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold one content line at 75 octets (RFC 5545 §3.1), never inside a UTF-8 character."""
    parts: list[str] = []
    current, size = "", 0
    limit = MAX_OCTETS
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            parts.append(current)
            current, size = " ", 1  # a continuation line starts with one space
        current += ch
        size += n
    parts.append(current)
    return CRLF.join(parts)


def _day(d: date) -> str:
    return d.strftime("%Y%m%d")


def uid_for(plan: Plan, cls: TrainingClass, number: int) -> str:
    key = f"{plan.year}|{Path(plan.file).name}|{cls.id}|{number}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32] + "@cadretrain"


def summary_of(slot: Slot) -> str:
    return f"{slot.cls.name}第{slot.number}期" if slot.number else slot.cls.name


def _event(plan: Plan, slot: Slot, stamp: str) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{uid_for(plan, slot.cls, slot.number)}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{_day(slot.start)}",
        f"DTEND;VALUE=DATE:{_day(slot.end + timedelta(days=1))}",
        f"SUMMARY:{escape_text(summary_of(slot))}",
    ]
    venue = plan.venues.get(slot.venue or "")
    where = venue.name if venue is not None else (slot.venue or "")
    if where:
        lines.append(f"LOCATION:{escape_text(where)}")
    if slot.size is not None:
        lines.append(f"DESCRIPTION:{escape_text(f'{plan.title}；规划 {slot.size} 人')}")
    else:
        lines.append(f"DESCRIPTION:{escape_text(plan.title)}")
    lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]
    return lines


def ics_text(years: Sequence[Year]) -> str:
    """An iCalendar of every session with exact dates in the plans of ``years`` (in the order
    given)."""
    plans = [y.plan for y in years]
    first = min((p.year for p in plans), default=2000)
    stamp = f"{first:04d}0101T000000Z"
    name = "、".join(dict.fromkeys(f"{p.year}年培训日历" for p in plans)) or "培训日历"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//cadretrain//cadretrain report//ZH",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for year in years:
        for slot in year.exact_slots:
            lines.extend(_event(year.plan, slot, stamp))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)
