"""The problem list of ``cadretrain collect`` (问题清单): every diagnostic met while reading
and checking the returned forms, one row each (file, sheet, row, person, code, message, hint),
as an A4 workbook written beside the enrollment and as JSON (``--format json``)."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from cadretrain.core.diagnostics import Diagnostic

HEADS = ("文件", "工作表", "行", "人员", "代码", "级别", "问题", "提示")
_SHEET = re.compile(r"工作表“([^”]+)”")


def problem_rows(
    diags: Sequence[Diagnostic], people: Mapping[tuple[str, int], str]
) -> list[dict[str, object]]:
    """One record per diagnostic; ``people`` names the person read at (file, row)."""
    out: list[dict[str, object]] = []
    for d in diags:
        sheet = _SHEET.search(d.message)
        line = d.pos.line or 0
        out.append(
            {
                "file": Path(d.pos.file).name if d.pos.file else "",
                "sheet": sheet.group(1) if sheet else "",
                "row": line or None,
                "person": people.get((d.pos.file, line), ""),
                "code": d.code,
                "severity": d.severity.zh,
                "message": d.message,
                "hint": d.hint,
            }
        )
    return out


def problems_json(rows: list[dict[str, object]]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=2)


def problems_xlsx(title: str, rows: list[dict[str, object]]) -> bytes:
    """A4 landscape 问题清单: a title, the header repeated on every page, a row per problem."""
    from openpyxl.styles import Alignment, Font

    from cadretrain.files.xlsx import a4, new_workbook, put, to_bytes

    wb = new_workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "问题清单"
    put(ws, 1, 1, title)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADS))
    ws.cell(1, 1).font = Font(name="黑体", size=14, bold=True)
    ws.cell(1, 1).alignment = Alignment(horizontal="center")
    for c, head in enumerate(HEADS, start=1):
        put(ws, 2, c, head).font = Font(bold=True)
    keys = ("file", "sheet", "row", "person", "code", "severity", "message", "hint")
    for r, row in enumerate(rows, start=3):
        for c, key in enumerate(keys, start=1):
            value = row[key]
            cell = put(ws, r, c, "" if value is None else value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDEFGH", (18, 10, 5, 8, 7, 5, 60, 40), strict=True):
        ws.column_dimensions[letter].width = width
    ws.print_title_rows = "2:2"
    ws.freeze_panes = "A3"
    a4(ws, landscape=True)
    return to_bytes(wb)
