"""签到表 (sign-in sheet): one row per person, a 上午 / 下午 box for each training day.

Layout (REFERENCE "Rosters and sign-in sheets"): row 1 the merged title, row 2 培训时间 and
培训地点, rows 3–4 the header — 序号, 姓名, 单位及职务 and 备注 merged over both rows, each
training day's date (``3月13日（星期三）``) over 上午 and 下午 — repeated on every printed page;
rows 28 pt high; A4 landscape, one page wide. Never ID numbers or phones: the sheet lies on a
table for everyone to sign.

Decisions:

- Sheets: ``签到表`` for a one-session class, ``第1期`` … otherwise. Only training days are
  columns (weekends and holidays inside the dates are left out).
- Print: fewer days on a page instead of shrinking. A sheet holds at most five training days
  (a working week), split as evenly as possible (the two-month 中青年班's 44 days → 5, 5, … 4):
  ``第1期（一）``, ``第1期（二）`` … or ``签到表（一）`` …, titled ``…签到表（第1期·一）``. Each
  上午/下午 box is ``DAY_WIDTH`` wide (about 20 mm) and ``ROW_HEIGHT`` high (28 pt), 序号, 姓名,
  单位及职务 and 备注 are narrow enough (posts wrap onto two lines) that five days fit one A4
  landscape page at 100 %: fit-to-width stays on only as a safety net and does not shrink
  anything, so the date headers stay 11 pt and readable.
- A session without dates (the calendar could not fit it, CT301; or the class's dates are
  still vague) gets blank date boxes to fill in by hand, as many as the session's days.
- People of a multi-session class without a session are on no sheet (the roster lists them
  under 全部); ``cadretrain signin`` says how many.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from typing import Any

from cadretrain.core.wording import cn_number, span_text
from cadretrain.enroll.enrollment import Enrollee, Enrollment
from cadretrain.enroll.parts import Part, session_parts, unit_and_post
from cadretrain.files.sheet_styles import (
    BODY,
    HEAD,
    INFO,
    TITLE,
    WRAP,
    add_styles,
    merged,
    set_width,
    write,
)
from cadretrain.plan.model import Plan, TrainingClass
from cadretrain.year.model import Year

MAX_DAYS = 5  # training days per sheet: a working week, one A4 landscape page at 100 %
ROW_HEIGHT = 28  # points, room for a signature
# Widths in Excel units (the default font's digit, 7 px for Calibri 11): one 上午/下午 box 10.8
# (76 px ≈ 20.1 mm); 姓名 8 to 10, 单位及职务 at most 18 (wraps), 备注 5. With 6.35 mm side
# margins five days take at most 146 units: 273 mm in Excel, 283 mm where a unit is a little
# wider (LibreOffice: 7.33 px), both within the 284 mm between the margins.
DAY_WIDTH = 10.8
NAME_WIDTH, POST_WIDTH, NOTE_WIDTH = (8, 10), 18, 5
SIDE_MARGIN = 0.25  # inches, left and right
BLANK_DAY = "____月__日"
WEEKDAYS = "一二三四五六日"


def signin_file_name(cls: TrainingClass) -> str:
    """``rotation-18th-签到表.xlsx``: the sheet's name from ``signin`` and in ``build`` alike."""
    return f"{cls.id}-签到表.xlsx"


def day_heading(day: date) -> str:
    return f"{day.month}月{day.day}日（星期{WEEKDAYS[day.weekday()]}）"


def split_days(days: Sequence[date | None], most: int = MAX_DAYS) -> list[list[date | None]]:
    """Days in runs of at most ``most``, as even as possible, earliest first."""
    if not days:
        return [[]]
    count = math.ceil(len(days) / most)
    base, extra = divmod(len(days), count)
    out, at = [], 0
    for i in range(count):
        size = base + (1 if i < extra else 0)
        out.append(list(days[at : at + size]))
        at += size
    return out


def _columns(cls: TrainingClass, part: Part) -> list[date | None]:
    """The day columns of a session: its training days, or blanks when it has none."""
    if part.days:
        return list(part.days)
    stated = cls.when.length_days if cls.when is not None else None
    return [None] * max(cls.session_days or stated or 1, 1)


def _sheet(
    ws: Any,
    plan: Plan,
    title: str,
    when: str,
    venue: str,
    days: list[date | None],
    people: list[Enrollee],
) -> None:
    from cadretrain.files.xlsx import a4, column_width

    last = 3 + 2 * len(days) + 1
    merged(ws, (1, 1), (1, last), title, TITLE)
    ws.row_dimensions[1].height = 32
    merged(ws, (2, 2), (1, last), f"培训时间：{when}　　培训地点：{venue}", INFO)
    for c, head in ((1, "序号"), (2, "姓名"), (3, "单位及职务"), (last, "备注")):
        merged(ws, (3, 4), (c, c), head, HEAD)
    for i, day in enumerate(days):
        c = 4 + 2 * i
        merged(ws, (3, 3), (c, c + 1), day_heading(day) if day else BLANK_DAY, HEAD)
        write(ws, 4, c, "上午", HEAD)
        write(ws, 4, c + 1, "下午", HEAD)
        set_width(ws, c, DAY_WIDTH)
        set_width(ws, c + 1, DAY_WIDTH)
    ws.row_dimensions[3].height = 30
    posts = [unit_and_post(plan, p) for p in people]
    for r, (p, post) in enumerate(zip(people, posts, strict=True), start=5):
        write(ws, r, 1, r - 4, BODY)
        write(ws, r, 2, p.name, BODY)
        write(ws, r, 3, post, WRAP)
        for c in range(4, last + 1):  # empty boxes to sign in
            ws.cell(row=r, column=c).style = BODY
        ws.row_dimensions[r].height = ROW_HEIGHT
    low, high = NAME_WIDTH
    set_width(ws, 1, 5)
    set_width(ws, 2, column_width(["姓名", *(p.name for p in people)], minimum=low, maximum=high))
    set_width(ws, 3, column_width(["单位及职务", *posts], maximum=POST_WIDTH))
    set_width(ws, last, NOTE_WIDTH)
    ws.print_title_rows = "3:4"
    ws.freeze_panes = "A5"
    a4(ws, landscape=True)
    ws.page_margins.left = ws.page_margins.right = SIDE_MARGIN


def signin_bytes(year: Year, cls: TrainingClass, enrollment: Enrollment) -> bytes:
    """The class's 签到表 as xlsx bytes (byte-identical for the same input); the day columns
    are the class's schedule in ``year``."""
    from cadretrain.files.xlsx import new_workbook, to_bytes

    plan = year.plan
    parts, _unassigned = session_parts(plan, cls, enrollment, year.schedule(cls))
    wb = new_workbook()
    add_styles(wb)
    first = True
    for part in parts:
        chunks = split_days(_columns(cls, part))
        for k, days in enumerate(chunks, start=1):
            piece = cn_number(k) if len(chunks) > 1 else ""
            name = part.label or "签到表"
            if piece:
                name += f"（{piece}）"
            suffix = "·".join(x for x in (part.label, piece) if x)
            title = f"{cls.name}签到表" + (f"（{suffix}）" if suffix else "")
            ws = wb.active if first else wb.create_sheet()
            ws.title = name
            first = False
            dated = [d for d in days if d is not None]
            # a session over several sheets: each sheet states its own days
            when = span_text(dated) if len(chunks) > 1 and dated else span_text(part.days)
            _sheet(ws, plan, title, when, part.venue, days, part.people)
    return to_bytes(wb)
