"""The sign-in sheet's vocabulary and layout for reading attendance: marks, header rows,
half-day columns, cell references. Used by ``attendance_read`` (and the other readers for
:func:`cell_ref`); it needs nothing of theirs."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from cadretrain.core.wording import day_text
from cadretrain.enroll.parts import Part
from cadretrain.enroll.register_layout import squeeze
from cadretrain.files.tabular import Table, cell_text, is_table_file
from cadretrain.plan.model import Plan
from cadretrain.records.attendance import HALVES, HalfDay, Mark

PRESENT_MARKS = frozenset({"✓", "√", "✔", "☑", "1"})
LATE_MARKS = frozenset({"迟到", "迟"})
LEAVE_MARKS = frozenset({"请假", "假", "病假", "事假"})
ABSENT_MARKS = frozenset({"缺勤", "缺", "旷课", "旷", "×", "✗", "✘", "x", "X", "0"})
MARKS_HELP = (
    "可用的标记：✓ √ 1 或本人姓名（出勤），迟到，请假 假 病假 事假（请假），"
    "缺勤 缺 旷课 × 0 或空白（缺勤）。"
    "其他情况（如出差、早退、他人姓名）请由工作人员核实后改为以上标记之一。"
)
DATE_PATTERN = re.compile(r"(?:(\d{4})\s*[年./-]\s*)?(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?")
WEEKDAY_PATTERN = re.compile(r"星期([一二三四五六日天])")
SESSION_PATTERN = re.compile(r"第\s*(\d+)\s*期")
CSV_HEADS = {"姓名": "name", "单位": "unit", "日期": "day", "时段": "half", "状态": "mark"}


def classify(value: object, name: str = "") -> Mark | None:
    """The mark of one cell: None when empty; :attr:`Mark.UNREAD` when it cannot be read."""
    if value is None or isinstance(value, bool):
        return None if value is None else Mark.UNREAD
    if isinstance(value, int | float):
        return Mark.PRESENT if value == 1 else Mark.ABSENT if value == 0 else Mark.UNREAD
    if not isinstance(value, str):
        return Mark.UNREAD  # a date, a time …
    text = squeeze(value).rstrip("。.，,")
    if not text:
        return None
    for marks, mark in (
        (PRESENT_MARKS, Mark.PRESENT),
        (LATE_MARKS, Mark.LATE),
        (LEAVE_MARKS, Mark.LEAVE),
        (ABSENT_MARKS, Mark.ABSENT),
    ):
        if text in marks:
            return mark
    if name and text == squeeze(name):
        return Mark.PRESENT
    return Mark.UNREAD


def cell_ref(sheet: str, line: int, col: int) -> str:
    """``第1期!F7`` (Excel's way); ``第 7 行`` for a CSV file."""
    from openpyxl.utils import get_column_letter

    return f"{sheet}!{get_column_letter(col)}{line}" if sheet else f"第 {line} 行"


@dataclass
class HalfColumn:
    col: int  # 1-based
    heading: str  # the date cell's text
    at: int  # the date cell's column (merged over 上午 and 下午)
    half: str
    day: date | None = None


def half_text(half: HalfDay) -> str:
    return f"{day_label(half[0])}{half[1]}"


def day_label(day: date) -> str:
    return day_text(day, year=False)


def head_text(cell: object) -> str:
    return squeeze(cell_text(cell))


def cell_at(row: Sequence[object], col: int) -> object:
    """The cell in 1-based column ``col``; None past the end of the row."""
    return row[col - 1] if 0 < col <= len(row) else None


def half_columns(rows: dict[int, Sequence[object]], head_at: int) -> list[HalfColumn]:
    """The 上午 / 下午 columns under the header, each with its date cell's text (not read yet)."""
    top, under = rows[head_at], rows.get(head_at + 1, ())
    out: list[HalfColumn] = []
    heading, at = "", 0
    for c in range(len(under)):
        above = cell_text(cell_at(top, c + 1))
        if above:
            heading, at = above, c + 1
        half = squeeze(cell_text(under[c]))
        if half in HALVES:
            out.append(HalfColumn(c + 1, heading, at, half))
    return out


def header_row(table: Table) -> tuple[int, dict[str, int]] | None:
    """The line of the 序号/姓名 header row (with 上午/下午 under it) and its named columns."""
    lines = dict(table.rows)
    for line, row in table.rows[:20]:
        heads = [head_text(c) for c in row]
        if "姓名" not in heads or "序号" not in heads:
            continue
        under = {head_text(c) for c in lines.get(line + 1, ())}
        if not set(HALVES) <= under:
            continue
        cols = {
            h: i + 1 for i, h in enumerate(heads) if h in ("序号", "姓名", "单位及职务", "备注")
        }
        return line, cols
    return None


def session_number(table: Table, parts: list[Part]) -> int | None:
    """The session a sheet belongs to: ``第2期`` in its name or title; the only session."""
    if len(parts) == 1:
        return parts[0].number
    title = cell_text(table.rows[0][1][0]) if table.rows and table.rows[0][1] else ""
    for text in (table.name, title):
        m = SESSION_PATTERN.search(unicodedata.normalize("NFKC", text))
        if m:
            return int(m.group(1))
    return None


def unit_names(plan: Plan) -> dict[str, set[str]]:
    return {
        uid: {squeeze(uid), squeeze(u.name), *(squeeze(a) for a in u.aliases)}
        for uid, u in plan.units.items()
    }


def expand_files(files: Sequence[Path]) -> list[Path]:
    """Files as given; a folder stands for its spreadsheets and CSV files (by name)."""
    out: list[Path] = []
    for f in files:
        if f.is_dir():
            out += sorted(p for p in f.iterdir() if is_table_file(p))
        else:
            out.append(f)
    return out
