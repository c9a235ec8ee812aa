"""The sheet kit every printable workbook shares: named styles (one style record per kind of
cell, not one per cell), writing a cell after its style, merged blocks and column widths.

openpyxl is imported inside the functions: ``cadretrain validate`` never pays for it.
"""

from __future__ import annotations

from typing import Any

TITLE, INFO, INFO_RIGHT = "ct-title", "ct-info", "ct-right"
HEAD, BODY, WRAP = "ct-head", "ct-body", "ct-wrap"


def add_styles(wb: Any) -> None:
    """Named styles (one style record per kind, not per cell): title, info, header, body."""
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, Side

    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    specs = [
        (TITLE, Font(name="黑体", size=16, bold=True), Border(), center),
        (INFO, Font(name="宋体", size=11), Border(), Alignment(vertical="center")),
        (INFO_RIGHT, Font(name="宋体", size=11), Border(), Alignment(horizontal="right")),
        (HEAD, Font(name="黑体", size=11), box, center),
        (BODY, Font(name="宋体", size=11), box, center),
        (WRAP, Font(name="宋体", size=11), box, Alignment(vertical="center", wrap_text=True)),
    ]
    for name, font, border, alignment in specs:
        wb.add_named_style(NamedStyle(name=name, font=font, border=border, alignment=alignment))


def write(ws: Any, row: int, col: int, value: object, style: str) -> None:
    """Style first, then :func:`cadretrain.files.xlsx.put`: setting a named style afterwards would
    drop the quote prefix that keeps ``=…`` text from turning into a formula when edited."""
    from cadretrain.files.xlsx import put

    ws.cell(row=row, column=col).style = style
    put(ws, row, col, value)


def merged(ws: Any, rows: tuple[int, int], cols: tuple[int, int], value: str, style: str) -> None:
    """A merged block; every cell in it gets the style, so borders print all round."""
    for r in range(rows[0], rows[1] + 1):
        for c in range(cols[0], cols[1] + 1):
            ws.cell(row=r, column=c).style = style
    write(ws, rows[0], cols[0], value, style)
    if rows != (rows[0], rows[0]) or cols != (cols[0], cols[0]):
        ws.merge_cells(start_row=rows[0], start_column=cols[0], end_row=rows[1], end_column=cols[1])


def set_width(ws: Any, col: int, width: float) -> None:
    from openpyxl.utils import get_column_letter

    ws.column_dimensions[get_column_letter(col)].width = width
