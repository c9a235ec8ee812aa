"""Reading spreadsheets as rows of cells: xlsx (and xls with python-calamine), or CSV.

Offices send registers as Excel files or as CSV saved by Excel or WPS, in UTF-8 (with or
without BOM), UTF-16 ("Unicode 文本") or GBK. Every failure is one diagnostic with the
caller's code; nothing raises. python-calamine, when installed, reads xlsx several times
faster than openpyxl and also reads the old .xls format; it is optional.
"""

from __future__ import annotations

import csv
import importlib
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from cadretrain.core.diagnostics import Pos, Sink
from cadretrain.files.source import sniff

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and also a password-protected .xlsx
EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".et")  # .et: WPS 表格
TABLE_SUFFIXES = (*EXCEL_SUFFIXES, ".csv")  # every table a user may hand in
_SAVE_AS = "请在 Excel 或 WPS 中打开，另存为 .xlsx 或 CSV（UTF-8）后再试。"


def is_table_file(path: Path) -> bool:
    """A spreadsheet or CSV by its name, not Excel's ``~$`` lock file nor a hidden file."""
    return path.suffix.lower() in TABLE_SUFFIXES and not path.name.startswith(("~$", "."))


@dataclass
class Table:
    """One sheet (or the CSV file): its non-blank rows, each with its 1-based row number."""

    name: str  # sheet name; "" for a CSV file
    rows: list[tuple[int, Sequence[object]]] = field(default_factory=list)

    def where(self, line: int) -> str:
        """``工作表“名册”第 12 行`` (or ``第 12 行`` for CSV), for messages."""
        sheet = f"工作表“{self.name}”" if self.name else ""
        return f"{sheet}第 {line} 行"


def cell_text(cell: object) -> str:
    """A cell as the user sees it: numbers without ``.0``, dates as ``1975-03-01``."""
    if cell is None:
        return ""
    if isinstance(cell, str):
        return cell.strip()
    if isinstance(cell, bool):
        return "是" if cell else "否"
    if isinstance(cell, float):
        return str(int(cell)) if cell.is_integer() else repr(cell)
    if isinstance(cell, datetime):
        return cell.date().isoformat()
    if isinstance(cell, date):
        return cell.isoformat()
    return str(cell).strip()


def is_number(cell: object) -> bool:
    return isinstance(cell, int | float) and not isinstance(cell, bool)


def _filled(row: Iterable[object]) -> bool:
    return any(c is not None and (not isinstance(c, str) or c.strip()) for c in row)


# the hidden sheet of drop-down lists that cadretrain's own forms carry: never data
SKIPPED_SHEETS = frozenset({"_lists"})


def read_tables(path: Path | str, sink: Sink, code: str) -> list[Table] | None:
    """All sheets of a workbook, or the one table of a CSV file; None after a diagnostic."""
    name = str(path)
    p = Path(path)
    try:
        if p.is_dir():
            sink.add(code, Pos(name), f"{name} 是文件夹，不是表格文件")
            return None
        with p.open("rb") as fh:
            head = fh.read(8)
    except FileNotFoundError:
        sink.add(code, Pos(name), f"找不到文件 {name}")
        return None
    except OSError as exc:
        sink.add(code, Pos(name), f"无法读取文件 {name}：{exc.strerror or exc}")
        return None
    if not head:
        sink.add(code, Pos(name), f"文件 {name} 是空的")
        return None
    if head.startswith(_ZIP):
        return _read_workbook(p, name, sink, code, xls=False)
    if head.startswith(_OLE):
        return _read_workbook(p, name, sink, code, xls=True)
    if p.suffix.lower() in EXCEL_SUFFIXES:
        sink.add(
            code,
            Pos(name),
            f"文件 {name} 不是有效的 Excel 文件（可能已损坏，或是改了扩展名的其他文件）",
            hint=_SAVE_AS,
        )
        return None
    return _read_csv(p, name, sink, code)


def _calamine() -> Any:
    try:
        return importlib.import_module("python_calamine")
    except ImportError:
        return None


def _read_workbook(p: Path, name: str, sink: Sink, code: str, *, xls: bool) -> list[Table] | None:
    calamine = _calamine()
    if calamine is not None:
        try:
            return _calamine_tables(calamine, p)
        except Exception:  # any failure of the optional reader: try openpyxl
            pass
    if xls:
        sink.add(
            code,
            Pos(name),
            f"文件 {name} 是旧版 Excel（.xls）文件或加了密码，无法读取",
            hint=_SAVE_AS + "如设有打开密码，请先取消密码。",
        )
        return None
    try:
        return _openpyxl_tables(p)
    except Exception as exc:  # openpyxl raises many kinds on broken files
        sink.add(
            code,
            Pos(name),
            f"无法读取 Excel 文件 {name}：文件已损坏或不是 xlsx 格式（{type(exc).__name__}）",
            hint=_SAVE_AS,
        )
        return None


def _openpyxl_tables(p: Path) -> list[Table]:
    import openpyxl

    wb = openpyxl.load_workbook(p, read_only=True, data_only=True)
    try:
        tables = []
        for ws in wb.worksheets:
            if ws.title in SKIPPED_SHEETS:
                continue
            table = Table(ws.title)
            if hasattr(ws, "reset_dimensions"):
                ws.reset_dimensions()  # some programs write a wrong <dimension>; read every row
            for line, row in enumerate(ws.iter_rows(values_only=True), start=1):
                if _filled(row):
                    table.rows.append((line, row))
            tables.append(table)
        return tables
    finally:
        wb.close()


def _calamine_tables(calamine: Any, p: Path) -> list[Table]:
    wb = calamine.CalamineWorkbook.from_path(str(p))
    tables = []
    for sheet_name in wb.sheet_names:
        if sheet_name in SKIPPED_SHEETS:
            continue
        sheet = wb.get_sheet_by_name(sheet_name)
        table = Table(str(sheet_name))
        start = sheet.start
        lead: list[object] = [None] * (start[1] if start else 0)  # rows start at column A
        for line, row in enumerate(sheet.iter_rows(), start=1):
            if _filled(row):
                table.rows.append((line, lead + list(row) if lead else row))
        tables.append(table)
    return tables


def _read_csv(p: Path, name: str, sink: Sink, code: str) -> list[Table] | None:
    try:
        data = p.read_bytes()
    except OSError as exc:
        sink.add(code, Pos(name), f"无法读取文件 {name}：{exc.strerror or exc}")
        return None
    text, _ = sniff(data)
    if text is None:
        sink.add(
            code,
            Pos(name),
            f"文件 {name} 不是 CSV 文本文件，或编码既不是 UTF-8 也不是 GBK",
            hint=_SAVE_AS,
        )
        return None
    table = Table("")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    end = 0
    try:
        for row in reader:
            start, end = end + 1, reader.line_num
            if row and _filled(row):
                table.rows.append((start, row))
    except csv.Error as exc:
        sink.add(code, Pos(name, end + 1, 1), f"CSV 文件 {name} 格式有误：{exc}")
        return None
    return [table]


def _delimiter(text: str) -> str:
    """Comma, or tab (Excel's “Unicode 文本”), or semicolon: whichever the top lines use most."""
    top = text[:20000].splitlines()[:10]
    counts = {d: sum(line.count(d) for line in top) for d in (",", "\t", ";")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","
