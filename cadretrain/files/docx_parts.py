"""Word tables and page-number footers (``files/docx_kit.py`` has the page, fonts and
paragraphs): a table with a repeated header row and fixed column widths; ``— 1 —`` footers,
odd pages on the right and even pages on the left; sections without page numbers."""

from __future__ import annotations

from typing import Any

from cadretrain.files.docx_kit import (
    GBT9704,
    SONGTI_PAGE,
    TWIPS_PER_MM,
    TWIPS_PER_PT,
    Font,
    Page,
    _child,
    _el,
    _qn,
    add_run,
    paragraph,
)
from cadretrain.files.docx_turned import turned_box


def page_number_footers(
    doc: Any, font: Font = SONGTI_PAGE, inset_chars: float = 1, upright: Page = GBT9704
) -> None:
    """``— 1 —`` in every section: odd pages right-aligned, even pages left-aligned, each
    ``inset_chars`` characters in from the edge of the text (GB/T 9704-2012 7.5). A landscape
    section (``upright`` turned) has it in a turned text box where the upright pages have it
    (:mod:`docx_turned`, GB/T 9704-2012 8)."""
    shapes = 0
    for section in doc.sections:
        turned = section.page_width > section.page_height
        for footer, align in ((section.footer, "right"), (section.even_page_footer, "left")):
            footer.is_linked_to_previous = False
            for old in list(footer.paragraphs):
                old._p.getparent().remove(old._p)
            left, right = (inset_chars, 0.0) if align == "left" else (0.0, inset_chars)
            p = paragraph(footer, "", font, align=align, left_chars=left, right_chars=right)
            add_run(p, "— ", font)
            page_field(p, font)
            add_run(p, " —", font)
            if turned:
                shapes += 1
                _turn(footer, p, upright, shapes)


def _turn(footer: Any, number: Any, upright: Page, shape_id: int) -> None:
    """Move paragraph ``number`` into a turned text box in ``footer`` (an empty paragraph)."""
    import copy

    line_mm = upright.line_twips / TWIPS_PER_MM
    number._p.getparent().remove(number._p)
    footer.add_paragraph()
    drawing, fallback = turned_box(footer, upright, line_mm, shape_id)
    fallback.append(copy.deepcopy(number._p))
    drawing.append(number._p)


def no_footers(section: Any) -> None:
    """A section whose pages carry no page number (the 版记 page after a blank page)."""
    for footer in (section.footer, section.even_page_footer, section.first_page_footer):
        footer.is_linked_to_previous = False
        for old in list(footer.paragraphs):
            old._p.getparent().remove(old._p)
        footer.add_paragraph()


def page_field(p: Any, font: Font) -> None:
    """A PAGE field (the page number) in paragraph ``p``."""
    from docx.oxml.ns import qn

    add_run(p, "", font)._r.append(_el("w:fldChar", fldCharType="begin"))
    instr = _el("w:instrText")
    instr.text = " PAGE "
    instr.set(qn("xml:space"), "preserve")
    add_run(p, "", font)._r.append(instr)
    add_run(p, "", font)._r.append(_el("w:fldChar", fldCharType="separate"))
    add_run(p, "1", font)
    add_run(p, "", font)._r.append(_el("w:fldChar", fldCharType="end"))


def table(
    where: Any,
    headers: list[str],
    rows: list[list[str]],
    widths_mm: list[float],
    font: Font,
    head_font: Font | None = None,
    row_mm: float | None = None,
) -> Any:
    """A table with a repeated header row, single black borders, centred cells."""
    from docx.enum.table import WD_TABLE_ALIGNMENT, WD_TABLE_DIRECTION
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    t = where.add_table(rows=1 + len(rows), cols=len(headers))
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.table_direction = WD_TABLE_DIRECTION.LTR
    tblpr = t._tbl.tblPr
    borders = _child(tblpr, "w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        _child(borders, f"w:{side}", val="single", sz="4", space="0", color="000000")
    _child(tblpr, "w:tblLayout", type="fixed")
    for col, w in zip(t._tbl.tblGrid.findall(_qn("w:gridCol")), widths_mm, strict=True):
        col.set(_qn("w:w"), str(round(w * TWIPS_PER_MM)))
    for i, row in enumerate([headers, *rows]):
        tr = t.rows[i]
        if i == 0:
            _child(tr._tr.get_or_add_trPr(), "w:tblHeader")
        if row_mm:
            from docx.enum.table import WD_ROW_HEIGHT_RULE

            tr.height, tr.height_rule = Mm(row_mm), WD_ROW_HEIGHT_RULE.AT_LEAST
        _child(tr._tr.get_or_add_trPr(), "w:cantSplit")
        for j, value in enumerate(row):
            cell = tr.cells[j]
            cell.width = Mm(widths_mm[j])
            p = cell.paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            ppr = p._p.get_or_add_pPr()
            pitch = str(round(font.size * 1.3 * TWIPS_PER_PT))
            _child(ppr, "w:spacing", line=pitch, lineRule="exact")
            _child(ppr, "w:snapToGrid", val="0")
            if value:
                add_run(p, value, head_font if i == 0 and head_font else font)
            _child(cell._tc.get_or_add_tcPr(), "w:vAlign", val="center")
    return t
