"""Writing workbooks that are safe, printable and byte-identical from run to run.

- Text stays text: openpyxl writes a string starting with ``=`` as a formula and ``#N/A`` as
  an error value; :func:`put` forces every string to a text cell, and a leading ``= + - @``
  also gets Excel's quote prefix so editing the cell in Excel or WPS keeps it text.
- Never a crash on odd text: control characters, lone surrogates and U+FFFE/U+FFFF (which
  openpyxl refuses or cannot encode) are removed or replaced by
  :func:`cadretrain.core.text.printable` in every cell, sheet name and document property.
- Deterministic bytes: fixed document times and author, and zip entries rewritten with a fixed
  timestamp, so a plan kept in git gives reviewable output.
- A4 page set-up helpers shared by every workbook the tool writes.

openpyxl is imported inside the functions: ``cadretrain validate`` never pays for it.
"""

from __future__ import annotations

import io
import re
import shutil
import unicodedata
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

from cadretrain.core.text import printable

FIXED_TIME = datetime(2000, 1, 1)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_RISKY_START = ("=", "+", "-", "@", "\t", "\r")
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def put(ws: Any, row: int, col: int, value: object, style: str | None = None) -> Any:
    """Write one cell; strings are always text, never formulas or error values."""
    cell = ws.cell(row=row, column=col)
    if style:  # first: assigning a style afterwards would reset the quote prefix
        cell.style = style
    if isinstance(value, str):
        value = printable(value)
        cell.value = value
        cell.data_type = "s"
        if value.startswith(_RISKY_START):
            cell.quotePrefix = True
    else:
        cell.value = value
    return cell


def text_width(text: str) -> int:
    """Display width: 2 for a wide (CJK) character, 1 otherwise."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def column_width(values: list[str], minimum: int = 4, maximum: int = 40) -> float:
    """A column width that fits Chinese text: widest line in display units, plus 2."""
    widest = max((text_width(line) for v in values for line in str(v).splitlines()), default=0)
    return float(min(max(widest + 2, minimum), maximum))


def a4(ws: Any, landscape: bool = False, fit_width: bool = True) -> None:
    """A4 paper, fitted to one page wide, centred, with 第 &P 页，共 &N 页 in the footer."""
    ws.page_setup.paperSize = "9"  # PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    if fit_width:
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"


def new_workbook() -> Any:
    from openpyxl import Workbook

    wb = Workbook()
    wb.properties.creator = "cadretrain"
    wb.properties.lastModifiedBy = "cadretrain"
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    return wb


def same_style(source: Any, target: Any) -> None:
    """Give ``target`` the style of ``source`` (font, border, fill, alignment, protection,
    number format) without building and hashing style objects again: for the thousands of
    identical cells of a large table. The workbook's style records are unchanged, so the file
    is byte-identical to styling each cell."""
    from copy import copy

    target._style = copy(source._style)


def new_streaming_workbook() -> Any:
    """A write-only workbook (rows streamed, memory flat however many rows), same properties."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    wb.properties.creator = "cadretrain"
    wb.properties.lastModifiedBy = "cadretrain"
    return wb


def stream_cell(ws: Any, value: object, style: str) -> Any:
    """A write-only cell with a named style; strings stay text as with :func:`put`."""
    from openpyxl.cell import WriteOnlyCell

    cell: Any = WriteOnlyCell(ws)
    cell.style = style
    if isinstance(value, str):
        value = printable(value)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if value.startswith(_RISKY_START):
            cell.quotePrefix = True
    return cell


def _clean_names(wb: Any) -> None:
    """Sheet names and document properties made from plan text, safe to write."""
    for ws in wb.worksheets:
        if printable(ws.title) != ws.title:
            ws.title = printable(ws.title) or "Sheet"
    props = wb.properties
    for name in ("title", "subject", "creator", "keywords", "description", "category"):
        value = getattr(props, name, None)
        if isinstance(value, str) and printable(value) != value:
            setattr(props, name, printable(value))


def to_bytes(wb: Any) -> bytes:
    """The workbook as xlsx bytes, identical for identical content."""
    _clean_names(wb)
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    raw = io.BytesIO()
    wb.save(raw)
    raw.seek(0)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(raw) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                data = _MODIFIED.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", src.read(info))
                dst.writestr(fixed, data)
                continue
            with src.open(info) as fin, dst.open(fixed, "w") as fout:  # streamed: big sheets
                shutil.copyfileobj(fin, fout, 1 << 20)
    return out.getvalue()


def save(wb: Any, path: Path | str) -> None:
    """Write the workbook atomically (temporary file, then rename)."""
    from cadretrain.core.atomic import write_bytes

    write_bytes(path, to_bytes(wb))
