"""The tables inside a Word document (.docx), as rows of cell texts.

The document's ``word/document.xml`` is taken out of the zip by the same checked reader as
workbooks (``xlsx_scan.zip_part``: stated size checked, bounded), and read with the standard
library's XML parser after refusing any DTD (no entities, so no entity expansion). Only the
body's tables are read: each ``w:tr`` a row, each ``w:tc`` a cell whose paragraphs and line
breaks become line breaks; a cell merged across columns (``gridSpan``) counts as that many
cells with the text in the first, and one merged down (``vMerge``) repeats the text above, as
a reader of the printed table would.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from cadretrain.core.diagnostics import Pos, Sink
from cadretrain.files.safe_read import TABLE_LIMIT, read_or_report
from cadretrain.files.tabular import Table
from cadretrain.files.xlsx_scan import zip_part

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DOCUMENT_LIMIT = 64 * 1024 * 1024  # the text of a very long plan is a few MB


def read_docx_tables(path: Path | str, sink: Sink, code: str) -> list[Table] | None:
    """Every table of a .docx (``表格1``, ``表格2`` …), or None after one diagnostic."""
    name = str(path)
    data = read_or_report(path, sink, code, TABLE_LIMIT, "Word 文件")
    if data is None:
        return None
    if not data.startswith(b"PK\x03\x04"):
        sink.add(
            code,
            Pos(name),
            f"文件 {name} 不是有效的 Word（.docx）文件（可能已损坏，或是改了扩展名的其他文件）",
            hint="请在 Word 或 WPS 中打开，另存为 .docx 后再试；旧版 .doc 需先另存为 .docx。",
        )
        return None
    xml = zip_part(data, "word/document.xml", DOCUMENT_LIMIT)
    if xml is None or b"<!DOCTYPE" in xml or b"<!ENTITY" in xml:
        sink.add(code, Pos(name), f"无法读取 Word 文件 {name}：文件已损坏或不是 .docx 格式")
        return None
    try:
        root = ET.fromstring(xml)
    except ET.ParseError as exc:
        sink.add(code, Pos(name), f"无法读取 Word 文件 {name}：文档内容已损坏（{exc}）")
        return None
    body = root.find(f"{_W}body")
    tables = [] if body is None else body.iter(f"{_W}tbl")
    return [_table(t, f"表格{i}") for i, t in enumerate(tables, start=1)]


def _table(tbl: ET.Element, name: str) -> Table:
    table = Table(name)
    above: dict[int, str] = {}
    for number, tr in enumerate(tbl.findall(f"{_W}tr"), start=1):
        row: list[str] = []
        for tc in tr.findall(f"{_W}tc"):
            props = tc.find(f"{_W}tcPr")
            span, merged = 1, False
            if props is not None:
                grid = props.find(f"{_W}gridSpan")
                if grid is not None:
                    span = max(1, min(64, int(grid.get(f"{_W}val", "1") or 1)))
                vmerge = props.find(f"{_W}vMerge")
                merged = vmerge is not None and vmerge.get(f"{_W}val", "continue") == "continue"
            col = len(row)
            text = above.get(col, "") if merged else _cell_text(tc)
            above[col] = text
            row += [text] + [""] * (span - 1)
        if any(c.strip() for c in row):
            table.rows.append((number, row))
    return table


def _cell_text(tc: ET.Element) -> str:
    lines: list[str] = []
    for p in tc.iter(f"{_W}p"):
        parts: list[str] = []
        for el in p.iter():
            if el.tag == f"{_W}t" and el.text:
                parts.append(el.text)
            elif el.tag in (f"{_W}br", f"{_W}cr"):
                parts.append("\n")
            elif el.tag == f"{_W}tab":
                parts.append(" ")
        lines.append("".join(parts))
    return "\n".join(lines).strip()
