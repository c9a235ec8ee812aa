"""Reply forms (报名回执): one xlsx per unit with seats, to be filled in and returned — the
library behind ``cadretrain forms``.

The layout is ``form_layout``'s (shared with the reader). Each form has drop-down lists
(性别, 民族, 职级, 政治面貌, 参加期次), an 18-character check on 身份证号, an input hint on every
data cell, text format where Excel would otherwise eat digits, a protected sheet whose data
cells alone are editable (title, header and 序号 stay locked; columns and rows may still be
widened, since a long unit name or post needs room), and the hidden ``_cadretrain`` sheet that
identifies the form when it comes back under another file name. ``说明.txt`` states the same
deadline as the class's notice (:mod:`cadretrain.enroll.deadline`).

A form has a row per seat and a drop-down choice per session: beyond ``MAX_FORM_ROWS`` rows or
``MAX_SESSIONS`` sessions (``core/limits.py``) :func:`form_bytes` raises :class:`CannotProceed`
instead of writing it.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from cadretrain.core.dates import format_span
from cadretrain.core.errors import CannotProceed
from cadretrain.core.limits import MAX_FORM_ROWS, MAX_NAME_CHARS, MAX_SESSIONS
from cadretrain.core.workcal import WorkCalendar
from cadretrain.enroll.deadline import deadline_text
from cadretrain.enroll.form_layout import (
    ETHNICITIES,
    FIRST_DATA_ROW,
    FORM_SHEET,
    FORM_VERSION,
    HEADER_ROW,
    INFO_ROW,
    LISTS_SHEET,
    META_SHEET,
    POLITICS,
    TITLE_ROW,
    columns_for,
    session_label,
)
from cadretrain.enroll.quota_table import QuotaTable
from cadretrain.plan.schedule import Schedule

FOLDER_SUFFIX = "-报名回执"
INSTRUCTIONS = "说明.txt"
INLINE_LIMIT = 255  # Excel's limit on an inline drop-down list
TEXT_FIELDS = ("birth", "phone", "id_number")  # cells formatted as text (@)
_GAP = "    "
_HEADER_FILL = "DDEBF7"
_LIST_ERRORS = {
    "sex": "请从下拉列表选择：男 或 女",
    "ethnicity": "请从下拉列表选择民族，如 汉族",
    "rank": "请从下拉列表选择职级",
    "politics": "请从下拉列表选择政治面貌",
    "session": "请从下拉列表选择参加第几期",
}
_ID_ERROR = "身份证号应为 18 位（最后一位可以是 X），请检查是否多输或少输；不要使用科学计数法"
_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{p}{i}" for p in ("COM", "LPT") for i in range(1, 10)}


def unit_seats(table: QuotaTable) -> dict[str, int]:
    """Seats per unit id, in the plan's unit order, only units that have seats."""
    return {s.unit: s.seats for s in table.allocation.shares if s.seats > 0}


def _short_span(start: date, end: date, year: int) -> str:
    text = format_span(start, end)
    prefix = f"{year}年"
    return text[len(prefix) :] if start.year == year and text.startswith(prefix) else text


def dates_text(table: QuotaTable, sched: Schedule) -> str:
    """The class's dates (``sched``: its schedule, from the year model); with several sessions
    each session's: 第1期 3月13日—15日；…"""
    cls, year = table.cls, table.plan.year
    numbered = {s.number: s for s in sched.slots if s.number}
    if table.sessions > 1 and numbered:
        parts = []
        for n in range(1, table.sessions + 1):
            slot = numbered.get(n)
            if slot is None or not slot.days:
                parts.append(f"{session_label(n)} 日期另行通知")
            elif slot.possible and n <= len(cls.sessions):
                parts.append(
                    f"{session_label(n)} {cls.sessions[n - 1].when.text}（具体日期另行通知）"
                )
            else:
                parts.append(f"{session_label(n)} {_short_span(slot.start, slot.end, year)}")
        return "；".join(parts)
    when = cls.sessions[0].when if len(cls.sessions) == 1 else cls.when
    if when is None or when.end < when.start:
        return "另行通知"
    if not when.exact:
        return f"{when.text}（具体日期另行通知）"
    return format_span(when.start, when.end)


def venue_text(table: QuotaTable) -> str:
    venues = table.plan.venues
    ids = [s.venue or table.cls.venue for s in table.cls.sessions] or [table.cls.venue]
    names: list[str] = []
    for vid in ids:
        name = venues[vid].name if vid in venues else (vid or "")
        if name and name not in names:
            names.append(name)
    return "、".join(names) or "另行通知"


def seats_text(table: QuotaTable, unit_id: str) -> str:
    """``45 人``, with the split over sessions when there are several."""
    seats = unit_seats(table).get(unit_id, 0)
    per = table.per_session.get(unit_id, [])
    if table.sessions > 1 and per:
        split = "、".join(f"{session_label(i)} {n} 人" for i, n in enumerate(per, start=1))
        return f"{seats} 人（{split}）"
    return f"{seats} 人"


def info_text(table: QuotaTable, unit_id: str, sched: Schedule) -> str:
    unit, seats = table.unit_name(unit_id), seats_text(table, unit_id)
    place, when = venue_text(table), dates_text(table, sched)
    return _GAP.join((f"单位：{unit}", f"名额：{seats}", f"培训时间：{when}", f"培训地点：{place}"))


def form_bytes(table: QuotaTable, unit_id: str, sched: Schedule) -> bytes:
    """One unit's reply form as xlsx bytes (identical for identical input); ``sched`` is the
    class's schedule (the dates it states)."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side

    from cadretrain.files.xlsx import a4, new_workbook, put, same_style, text_width, to_bytes

    seats = unit_seats(table).get(unit_id, 0)
    if seats <= 0:
        raise ValueError(f"unit {unit_id!r} has no seats in class {table.cls.id!r}")
    if seats > MAX_FORM_ROWS or table.sessions > MAX_SESSIONS:
        raise CannotProceed(
            f"“{table.unit_name(unit_id)}”的报名回执要写 {seats} 行、{table.sessions} 期，"
            f"超过上限（{MAX_FORM_ROWS} 行、{MAX_SESSIONS} 期），未生成",
            hint="上限及其理由见 docs/计划格式.md 的“上限”。",
        )
    cols = columns_for(table.sessions)
    wb = new_workbook()
    wb.properties.title = f"{table.cls.name}报名回执（{table.unit_name(unit_id)}）"
    ws = wb.active
    assert ws is not None
    ws.title = FORM_SHEET
    last_col, last_row = len(cols), FIRST_DATA_ROW + seats - 1
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)

    title = put(ws, TITLE_ROW, 1, f"{table.cls.name}报名回执")
    title.font = Font(name="黑体", size=16)
    title.alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[TITLE_ROW].height = 32
    info = info_text(table, unit_id, sched)
    cell = put(ws, INFO_ROW, 1, info)
    cell.font = Font(name="宋体", size=11)
    cell.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
    total_width = sum(c[3] for c in cols)
    lines = max(1, math.ceil(text_width(info) / (total_width * 0.9)))
    ws.row_dimensions[INFO_ROW].height = 18 * lines + 6
    for row in (TITLE_ROW, INFO_ROW):
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_col)

    for c, (_field, header, _hint, width) in enumerate(cols, start=1):
        cell = put(ws, HEADER_ROW, c, header)
        cell.font = Font(name="宋体", size=11, bold=True)
        cell.fill = PatternFill(fill_type="solid", start_color=_HEADER_FILL, end_color=_HEADER_FILL)
        cell.border = border
        cell.alignment = centre
        ws.column_dimensions[cell.column_letter].width = width
    ws.row_dimensions[HEADER_ROW].height = 24

    unlocked, locked = Protection(locked=False), Protection(locked=True)
    for r in range(FIRST_DATA_ROW, last_row + 1):
        ws.row_dimensions[r].height = 22
        for c, (field, *_rest) in enumerate(cols, start=1):
            value = r - FIRST_DATA_ROW + 1 if field == "seq" else None
            if r > FIRST_DATA_ROW:  # the first data row's style, copied (style before value)
                same_style(ws.cell(FIRST_DATA_ROW, c), ws.cell(r, c))
                put(ws, r, c, value)
                continue
            cell = put(ws, r, c, value)
            cell.font = Font(name="宋体", size=11)
            cell.border = border
            cell.alignment = centre
            cell.protection = locked if field == "seq" else unlocked
            if field in TEXT_FIELDS:
                cell.number_format = "@"

    lists = wb.create_sheet(LISTS_SHEET)
    _validations(ws, lists, table, last_row)
    lists.sheet_state = "hidden"
    lists.protection.sheet = True
    _meta(wb, table, unit_id, seats)

    ws.protection.sheet = True
    ws.protection.formatColumns = False  # False = allowed: widen a column for a long post
    ws.protection.formatRows = False
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.freeze_panes = ws.cell(FIRST_DATA_ROW, 1).coordinate
    a4(ws, landscape=True)
    return to_bytes(wb)


def _list_formula(values: list[str], lists: Any, inline: bool = True) -> str:
    """An inline list ``"a,b"`` when Excel allows it, else a range on the hidden lists sheet."""
    from openpyxl.utils import get_column_letter

    from cadretrain.files.xlsx import put

    joined = ",".join(values)
    if inline and len(joined) <= INLINE_LIMIT and not any("," in v or '"' in v for v in values):
        return f'"{joined}"'
    col = 1 if lists.max_row == 1 and lists.cell(1, 1).value is None else lists.max_column + 1
    for r, value in enumerate(values, start=1):
        put(lists, r, col, value)
    letter = get_column_letter(col)
    return f"'{LISTS_SHEET}'!${letter}$1:${letter}${len(values)}"


def _validations(ws: Any, lists: Any, table: QuotaTable, last_row: int) -> None:
    """Drop-down lists, the ID length check and the input hints, one validation per column."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    choices: dict[str, list[str]] = {
        "ethnicity": list(ETHNICITIES),
        "sex": ["男", "女"],
        "rank": list(table.plan.ranks),
        "politics": list(POLITICS),
    }
    if table.sessions > 1:
        choices["session"] = [session_label(n) for n in range(1, table.sessions + 1)]
    for c, (field, header, hint, _width) in enumerate(columns_for(table.sessions), start=1):
        values = choices.get(field, [])
        dv: Any
        if values:
            formula = _list_formula(values, lists, inline=field != "ethnicity")
            dv = DataValidation(type="list", formula1=formula, error=_LIST_ERRORS[field])
        elif field == "id_number":
            dv = DataValidation(type="textLength", operator="equal", formula1="18", error=_ID_ERROR)
        elif hint:
            dv = DataValidation()  # any value: carries the input hint only
        else:
            continue
        dv.showDropDown = False  # in OOXML, True would *hide* the in-cell arrow
        dv.allow_blank = True
        if dv.type is not None:
            dv.showErrorMessage = True
            dv.errorTitle = f"{header}填写有误"
            dv.errorStyle = "stop"
        if hint:
            dv.showInputMessage = True
            dv.promptTitle = header
            dv.prompt = hint
        letter = get_column_letter(c)
        dv.add(f"{letter}{FIRST_DATA_ROW}:{letter}{last_row}")
        ws.add_data_validation(dv)


def _meta(wb: Any, table: QuotaTable, unit_id: str, seats: int) -> None:
    from cadretrain.files.xlsx import put

    ws = wb.create_sheet(META_SHEET)
    rows: list[tuple[str, object]] = [
        ("plan", table.plan.title),
        ("class", table.cls.id),
        ("class_name", table.cls.name),
        ("unit", unit_id),
        ("unit_name", table.unit_name(unit_id)),
        ("seats", seats),
        ("sessions", table.sessions),
        ("version", FORM_VERSION),
    ]
    for r, (key, value) in enumerate(rows, start=1):
        put(ws, r, 1, key)
        put(ws, r, 2, value)
    ws.sheet_state = "hidden"
    ws.protection.sheet = True


def file_names(table: QuotaTable) -> dict[str, str]:
    """unit id -> the form's file name: the unit's name made safe, unique ignoring case."""
    from cadretrain.files.output_folder import safe_name

    names: dict[str, str] = {}
    taken: set[str] = set()
    for uid in unit_seats(table):
        stem = safe_name(table.unit_name(uid)[:MAX_NAME_CHARS])  # a file name holds 255 bytes
        if stem.split(".")[0].upper() in _RESERVED:
            stem = f"{stem}_"
        if stem.casefold() in taken or stem == safe_name(INSTRUCTIONS[:-4]):
            stem = safe_name(f"{stem}（{uid[:MAX_NAME_CHARS]}）")
        taken.add(stem.casefold())
        names[uid] = f"{stem}.xlsx"
    return names


def instructions_bytes(table: QuotaTable, sched: Schedule, cal: WorkCalendar) -> bytes:
    """说明.txt as bytes: UTF-8 with a BOM (with its CRLF ends, Notepad reads it)."""
    from cadretrain.core.text import encoded

    return encoded("\ufeff" + instructions(table, sched, cal))


def instructions(table: QuotaTable, sched: Schedule, cal: WorkCalendar) -> str:
    """说明.txt: how to fill in and return the forms, and every unit's seats; the deadline is
    the notice's (``cal``: the plan's work calendar)."""
    seats = unit_seats(table)
    organizer = table.plan.receiver_of(table.cls) or "组织部门"
    choose = "性别、民族、职级、政治面貌" + ("、参加期次" if table.sessions > 1 else "")
    lines = [
        f"{table.cls.name}报名回执填写说明",
        "",
        f"一、本文件夹中每个分到名额的单位一份报名回执（共 {len(seats)} 份），文件名为单位名称。"
        "请将回执发给对应单位，由单位填写后报回。",
        f"二、培训时间：{dates_text(table, sched)}；培训地点：{venue_text(table)}。",
        "三、填写要求：",
        "  1. 每位参训人员填一行，表中行数即本单位名额；请勿增删行、改动表头或工作表名称"
        "（工作表已保护，只能在表格内填写，可以调整列宽和行高）。",
        f"  2. {choose}请从下拉列表中选择。",
        "  3. 身份证号填 18 位，最后一位可以是 X；出生年月按“1975.03”的格式填写；",
        "     联系电话填 11 位手机号码或带区号的固定电话。",
        "  4. 人员不足或有其他情况，请在“备注”栏说明，不要另加行。",
        "  5. 请勿删除文件中的隐藏工作表，汇总时据此识别回执；文件改名不影响汇总。",
        f"四、请于{deadline_text(table.plan, sched, cal)}将填好的回执"
        f"（xlsx 文件，不要转成 PDF 或图片）报送{organizer}。",
        "    联系人：________    联系电话：________",
        "",
        "附：各单位名额",
    ]
    lines += [f"  {table.unit_name(uid)}：{seats_text(table, uid)}" for uid in seats]
    lines.append(f"  合计：{sum(seats.values())} 人")
    return "\r\n".join(lines) + "\r\n"  # CRLF and a BOM: Notepad on older Windows reads it
