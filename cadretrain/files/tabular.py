"""Reading spreadsheets as rows of cells: xlsx (and xls with python-calamine), or CSV.

Offices send registers as Excel files or as CSV saved by Excel or WPS, in UTF-8 (with or
without BOM), UTF-16 ("Unicode 文本") or GBK. Every failure is one diagnostic with the
caller's code; nothing raises. Only regular files are read, up to a size limit
(:mod:`cadretrain.files.safe_read`). Workbooks are read by python-calamine where that is safe
and by openpyxl's streaming reader otherwise (:mod:`cadretrain.files.workbook_read`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from cadretrain.core.diagnostics import Pos, Severity, Sink
from cadretrain.files import workbook_read
from cadretrain.files.safe_read import TABLE_LIMIT, read_or_report
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


_filled = workbook_read.filled


# the hidden sheet of drop-down lists that cadretrain's own forms carry: never data
SKIPPED_SHEETS = workbook_read.SKIPPED_SHEETS


def _calamine() -> Any:
    """python-calamine, unless it is missing or ``CADRETRAIN_XLSX_READER=openpyxl``."""
    return workbook_read.calamine()


def read_tables(path: Path | str, sink: Sink, code: str) -> list[Table] | None:
    """All sheets of a workbook, or the one table of a CSV file; None after a diagnostic.

    Only a regular file is read, and at most ``TABLE_LIMIT`` bytes of it
    (:mod:`cadretrain.files.safe_read`): a pipe, a device or a folder is one diagnostic."""
    name = str(path)
    data = read_or_report(path, sink, code, TABLE_LIMIT, "表格文件")
    if data is None:
        return None
    if not data:
        sink.add(code, Pos(name), f"文件 {name} 是空的")
        return None
    if data.startswith(_ZIP):
        return _read_workbook(data, name, sink, code, xls=False)
    if data.startswith(_OLE):
        return _read_workbook(data, name, sink, code, xls=True)
    if Path(path).suffix.lower() in EXCEL_SUFFIXES:
        sink.add(
            code,
            Pos(name),
            f"文件 {name} 不是有效的 Excel 文件（可能已损坏，或是改了扩展名的其他文件）",
            hint=_SAVE_AS,
        )
        return None
    return _read_csv(data, name, sink, code)


def _read_workbook(
    data: bytes, name: str, sink: Sink, code: str, *, xls: bool
) -> list[Table] | None:
    calamine = _calamine()
    if calamine is not None and (xls or workbook_read.calamine_safe(data)):
        try:
            return _tables(workbook_read.by_calamine(calamine, data), name, sink, code)
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException:  # any failure of calamine (a Rust panic is a BaseException)
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
        return _tables(workbook_read.by_openpyxl(data), name, sink, code)
    except Exception as exc:  # openpyxl raises many kinds on broken files
        sink.add(
            code,
            Pos(name),
            f"无法读取 Excel 文件 {name}：文件已损坏或不是 xlsx 格式（{type(exc).__name__}）",
            hint=_SAVE_AS,
        )
        return None


def _tables(sheets: list[workbook_read.Rows], name: str, sink: Sink, code: str) -> list[Table]:
    for sheet in sheets:
        if sheet.cut:
            sink.add(
                code,
                Pos(name),
                f"文件 {name} 的工作表“{sheet.name}”超出 {workbook_read.MAX_ROWS} 行或 "
                f"{workbook_read.MAX_COLS} 列的内容未读取",
                severity=Severity.WARNING,
            )
    return [Table(s.name, s.rows) for s in sheets]


def _read_csv(data: bytes, name: str, sink: Sink, code: str) -> list[Table] | None:
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
