"""Reading a workbook's sheets as rows, by python-calamine when that is safe, else openpyxl.

python-calamine (a runtime dependency) reads xlsx many times faster than openpyxl and also
reads the old ``.xls``; :mod:`cadretrain.files.tabular` uses it whenever it can. A zip
workbook goes to calamine only when :func:`cadretrain.files.xlsx_scan.calamine_safe` vouches
for it (calamine would otherwise abort the process on a sheet with one cell at
``XFD1048576``); any other is read by openpyxl's streaming (read-only) reader, which reads the
real cells only, never the ``<dimension>`` a sheet states, and never more than ``MAX_ROWS``
rows and ``MAX_COLS`` columns. Both readers give the same rows.

``CADRETRAIN_XLSX_READER=openpyxl`` forces openpyxl (to compare the two, or where calamine
misbehaves); when python-calamine is not installed openpyxl is used and ``.xls`` is refused.
"""

from __future__ import annotations

import importlib
import io
import os
from collections.abc import Iterable, Sequence
from typing import Any

from cadretrain.files.xlsx_scan import calamine_safe

MAX_ROWS = 1_048_576  # Excel's own limits: nothing a real sheet holds is cut off
MAX_COLS = 16_384
READER_ENV = "CADRETRAIN_XLSX_READER"

# the hidden sheet of drop-down lists that cadretrain's own forms carry: never data
SKIPPED_SHEETS = frozenset({"_lists"})

__all__ = ["MAX_COLS", "MAX_ROWS", "READER_ENV", "Rows", "calamine", "calamine_safe", "filled"]


class Rows:
    """One sheet's non-blank rows with their 1-based numbers, and whether anything beyond
    ``MAX_ROWS`` × ``MAX_COLS`` was left unread."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.rows: list[tuple[int, Sequence[object]]] = []
        self.cut = False


def filled(row: Iterable[object]) -> bool:
    return any(c is not None and (not isinstance(c, str) or c.strip()) for c in row)


def calamine() -> Any:
    """The python_calamine module, or None when it is not installed or not wanted."""
    if os.environ.get(READER_ENV, "").strip().lower() == "openpyxl":
        return None
    try:
        return importlib.import_module("python_calamine")
    except ImportError:
        return None


def by_calamine(module: Any, data: bytes) -> list[Rows]:
    wb = module.CalamineWorkbook.from_filelike(io.BytesIO(data))
    tables = []
    for sheet_name in wb.sheet_names:
        if sheet_name in SKIPPED_SHEETS:
            continue
        sheet = wb.get_sheet_by_name(sheet_name)
        table = Rows(str(sheet_name))
        start = sheet.start
        lead: list[object] = [None] * (start[1] if start else 0)  # rows start at column A
        for line, row in enumerate(sheet.iter_rows(), start=1):
            if filled(row):
                table.rows.append((line, lead + list(row) if lead else row))
        tables.append(table)
    return tables


def by_openpyxl(data: bytes) -> list[Rows]:
    """Every sheet through openpyxl's read-only reader: the cells the XML holds, never its
    stated ``<dimension>``, at most ``MAX_ROWS`` rows and ``MAX_COLS`` columns."""
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        tables = []
        for ws in wb.worksheets:
            if ws.title in SKIPPED_SHEETS:
                continue
            table = Rows(ws.title)
            if hasattr(ws, "reset_dimensions"):
                ws.reset_dimensions()  # some programs write a wrong <dimension>; read every row
            for line, row in enumerate(ws.iter_rows(values_only=True), start=1):
                if line > MAX_ROWS:
                    table.cut = True
                    break
                if len(row) > MAX_COLS:
                    table.cut = table.cut or filled(row[MAX_COLS:])
                    row = row[:MAX_COLS]
                if filled(row):
                    table.rows.append((line, row))
            tables.append(table)
        return tables
    finally:
        wb.close()
