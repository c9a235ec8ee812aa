"""Workbooks: user text never becomes a formula or error; bytes are reproducible."""

from __future__ import annotations

import time
from pathlib import Path

import openpyxl

from cadretrain.files.xlsx import (
    a4,
    column_width,
    new_streaming_workbook,
    new_workbook,
    put,
    same_style,
    save,
    stream_cell,
    to_bytes,
)

NASTY = ['=HYPERLINK("http://x","点我")', "@SUM(1)", "#N/A", "+1", "-2", "=1+1"]


def test_formula_like_text_stays_text(tmp_path: Path) -> None:
    wb = new_workbook()
    ws = wb.active
    for i, text in enumerate(NASTY, start=1):
        put(ws, i, 1, text)
    path = tmp_path / "t.xlsx"
    save(wb, path)
    back = openpyxl.load_workbook(path).active
    for i, text in enumerate(NASTY, start=1):
        cell = back.cell(row=i, column=1)
        assert cell.value == text
        assert cell.data_type == "s", text
    assert back.cell(row=1, column=1).quotePrefix


def test_named_style_keeps_the_quote_prefix(tmp_path: Path) -> None:
    wb = new_workbook()
    put(wb.active, 1, 1, "=1+1", style="Normal")
    path = tmp_path / "s.xlsx"
    save(wb, path)
    cell = openpyxl.load_workbook(path).active.cell(row=1, column=1)  # type: ignore[union-attr]
    assert cell.data_type == "s" and cell.quotePrefix


def test_streamed_cells_keep_formula_like_text_as_text(tmp_path: Path) -> None:
    """The write-only path (the 学时台账) guards text the same way as :func:`put`."""
    from cadretrain.files.sheet_styles import BODY, add_styles

    wb = new_streaming_workbook()
    add_styles(wb)
    ws = wb.create_sheet("表")
    for text in NASTY:
        ws.append([stream_cell(ws, text, BODY), stream_cell(ws, 7.5, BODY)])
    path = tmp_path / "w.xlsx"
    path.write_bytes(to_bytes(wb))
    back = openpyxl.load_workbook(path)["表"]
    for i, text in enumerate(NASTY, start=1):
        cell = back.cell(row=i, column=1)
        assert (cell.value, cell.data_type) == (text, "s"), text
        assert cell.font.name == "宋体" and back.cell(row=i, column=2).value == 7.5
    assert back.cell(row=1, column=1).quotePrefix and back.cell(row=5, column=1).quotePrefix


def test_copied_style_keeps_the_quote_prefix_and_the_bytes(tmp_path: Path) -> None:
    """Copying a styled cell's style (big tables) gives the same file as styling each cell,
    and a value put after the copy keeps its quote prefix."""
    from openpyxl.styles import Border, Font, Side

    def build(copy: bool) -> bytes:
        wb = new_workbook()
        ws = wb.active
        thin = Side(style="thin")
        for r, text in enumerate(["甲", *NASTY], start=1):
            if copy and r > 1:
                same_style(ws.cell(1, 1), ws.cell(r, 1))
            else:
                ws.cell(r, 1).font = Font(name="宋体", size=11)
                ws.cell(r, 1).border = Border(left=thin, right=thin, top=thin, bottom=thin)
            put(ws, r, 1, text)
        return to_bytes(wb)

    plain, copied = build(False), build(True)
    path = tmp_path / "c.xlsx"
    path.write_bytes(copied)
    back = openpyxl.load_workbook(path).active
    assert back is not None
    first = back.cell(row=2, column=1)  # '=HYPERLINK(…)' in a copied row
    assert first.quotePrefix and first.data_type == "s" and first.font.name == "宋体"
    assert back.cell(row=3, column=1).border.left.style == "thin"
    assert plain == copied


def test_same_content_gives_identical_bytes() -> None:
    def build() -> bytes:
        wb = new_workbook()
        put(wb.active, 1, 1, "县委党校")
        return to_bytes(wb)

    first = build()
    time.sleep(1.1)  # a second later: zip and document times must not leak in
    assert build() == first


def test_a4_setup_and_cjk_widths(tmp_path: Path) -> None:
    wb = new_workbook()
    ws = wb.active
    a4(ws, landscape=True)
    path = tmp_path / "p.xlsx"
    save(wb, path)
    back = openpyxl.load_workbook(path).active
    assert back.page_setup.paperSize == 9  # A4
    assert back.page_setup.orientation == "landscape"
    assert back.page_setup.fitToWidth == 1
    assert "&P" in back.oddFooter.center.text
    assert column_width(["县委党校"]) == 10  # 4 wide characters × 2 + 2
    assert column_width(["ab"]) == 4
