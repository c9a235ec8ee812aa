"""The training notice as a Word document (``notice --format docx``), laid out to GB/T 9704-2012
like the HTML/PDF notice and from the same context (``notice_content`` + ``notice_layout``).

Word lays out its own pages, so what the PDF decides after a first layout is decided here by
Word's own rules: the 版记 is the footer of a last section that starts on an even page
(``evenPage``), its last rule on the bottom edge of the 版心 (footer distance 35 mm), and that
page carries no page number. The reply form (附件2) is a landscape section whose page number
stands where the upright pages have theirs (``files/docx_turned.py``, GB/T 9704-2012 8).

The blank page before the 版记 (7.5: no page number). When the attachments end on an even page,
Word and LibreOffice insert a blank odd page before the ``evenPage`` section. LibreOffice leaves
such a page empty, footers and all (tested). Word lays it out as the last page of the section
*before* the break, with that section's footers: with the attachments' page number, as this
module did until now (noted in ``docs/文书.md``). So a section of its own comes between the
attachments and the 版记: it starts ``continuous`` on the attachments' last page, holds one
paragraph a point high, and has empty footers; the blank page, when there is one, is its page.
The attachments' last page keeps its number because Word and LibreOffice take a page's footer
from the section in effect at the top of the page (a continuous section's own header and footer
start on the next page).

Residual risk, Word: neither rule is written in ECMA-376 or in Microsoft's documentation that we
found ([MS-OI29500] describes odd/even headers but not the inserted page); both are Word's
behaviour as its users describe it, not verified in Word: only LibreOffice 7.4 is tested
here. Should a Word version take a page's footer from the *last* section on it, the
attachments' last page would lose its number (the blank page and the 版记 page would still
carry none).

An office's own 版头 (``templates/letterhead.docx`` beside the plan, :mod:`docx_letterhead`)
replaces the built-in one: the notice starts from that document, its placeholders filled.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

from cadretrain.files.docx_kit import (
    FANGSONG,
    FANGSONG_4,
    GBT9704,
    HEITI,
    KAITI,
    TWIPS_PER_MM,
    XIAOBIAOSONG,
    Font,
    _child,
    add_run,
    border,
    new_document,
    paragraph,
    set_page,
    to_bytes,
)
from cadretrain.files.docx_parts import no_footers, page_number_footers, table

RED = "FF0000"
_LINE = GBT9704.line_twips


def width(text: str) -> float:
    """Characters as the grid counts them: a Chinese character 1, a digit or letter 1/2."""
    return sum(1 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)


def blank(doc: Any, lines: int = 1) -> None:
    for _ in range(lines):
        paragraph(doc)


def _head(doc: Any, notice: dict[str, Any]) -> None:
    """版头: the red 发文机关标志 35 mm under the top of the 版心, the 发文字号 two lines under
    it, and the red rule 4 mm under the 发文字号."""
    size_mm = float(str(notice["mark_size"]).removesuffix("mm"))
    mark = Font("方正小标宋简体", round(size_mm * 72 / 25.4, 1), color=RED)
    height = round(size_mm * 1.2 * TWIPS_PER_MM)
    before = round(35 * TWIPS_PER_MM) - (height - round(size_mm * TWIPS_PER_MM))
    p = paragraph(doc, notice["mark"], mark, align="center", line_twips=height)
    p.paragraph_format.space_before = _twips(before)
    blank(doc)
    paragraph(doc, notice["doc_number"] or "", FANGSONG, align="center")
    rule = paragraph(doc, "", FANGSONG, align="center", line_twips=round(4 * TWIPS_PER_MM))
    border(rule, "top", 0.75, RED)


def _twips(value: int) -> Any:
    from docx.shared import Twips

    return Twips(value)


def title_paragraph(doc: Any, lines: list[str], **kw: Any) -> None:
    p = paragraph(doc, "", XIAOBIAOSONG, align="center", **kw)
    for i, line in enumerate(lines):
        run = add_run(p, line, XIAOBIAOSONG)
        if i < len(lines) - 1:
            run.add_break()


def _body(doc: Any, context: dict[str, Any]) -> None:
    notice = context["notice"]
    paragraph(doc, notice["addressees"], FANGSONG, align="left")
    paragraph(doc, notice["opening"], FANGSONG, indent_chars=2)
    for section in notice["sections"]:
        paragraph(doc, section["heading"], HEITI, indent_chars=2, keep_with_next=True)
        for block in section["blocks"]:
            p = paragraph(doc, "", FANGSONG, indent_chars=2)
            if block["lead"]:
                add_run(p, block["lead"], KAITI)
            add_run(p, block["text"], FANGSONG)


def _annex(doc: Any, attachments: list[dict[str, Any]]) -> None:
    """附件说明: 附件：1.名称, wrapped names under their first character."""
    if not attachments:
        return
    blank(doc)
    numbered = len(attachments) > 1
    for i, a in enumerate(attachments, start=1):
        lead = ("附件：" if i == 1 else "") + (f"{i}." if numbered else "")
        left = 5 + (1 if numbered else 0)
        hanging = width(lead) if i == 1 else (1 if numbered else 0)
        p = paragraph(doc, "", FANGSONG, align="left", left_chars=left, hanging_chars=hanging)
        add_run(p, lead + a["name"], FANGSONG)


def signature(doc: Any, notice: dict[str, Any]) -> None:
    """署名 centred over the 成文日期, which ends four characters from the right."""
    blank(doc, 2)
    date = notice["date"]
    if notice["signature"]:
        inset = 4 + max(0.0, (width(date) - width(notice["signature"])) / 2)
        paragraph(doc, notice["signature"], FANGSONG, align="right", right_chars=inset)
    paragraph(doc, date, FANGSONG, align="right", right_chars=4)


def _attachment(doc: Any, a: dict[str, Any], landscape_before: bool) -> bool:
    """附件N at the top left, its title on the third line, its table; the reply form on a
    landscape section. Returns whether the attachment was landscape."""
    from docx.enum.section import WD_SECTION

    landscape: bool = a["kind"] == "form"
    if landscape != landscape_before:
        section = doc.add_section(WD_SECTION.NEW_PAGE)
        set_page(section, GBT9704.landscape() if landscape else GBT9704)
    paragraph(doc, a["label"], HEITI, align="left", page_break_before=landscape == landscape_before)
    blank(doc)
    title_paragraph(doc, a["title_lines"])
    blank(doc)
    text_mm = (GBT9704.landscape() if landscape else GBT9704).text_width_mm
    small = Font("仿宋_GB2312", 12 if landscape else 14)
    head = Font("黑体", small.size, latin="黑体")
    if a["kind"] == "quota":
        count = len(a["headers"])
        widths = [text_mm * w for w in _quota_widths(count)]
        rows = [*a["rows"], a["total"]]
        table(doc, a["headers"], rows, widths, small, head)
    else:
        paragraph(doc, a["unit_line"], FANGSONG, align="left")
        shares = [float(w.rstrip("%")) / 100 for w in a["widths"]]
        blank_rows = [[str(n)] + [""] * (len(a["headers"]) - 1) for n in range(1, a["rows"] + 1)]
        table(doc, a["headers"], blank_rows, [text_mm * s for s in shares], small, head, row_mm=6.5)
    return landscape


def _quota_widths(count: int) -> list[float]:
    base = [0.1, 0.4, 0.14]
    rest = count - len(base)
    if rest <= 0:
        return [w / sum(base[:count]) for w in base[:count]]
    each = (1 - sum(base)) / rest
    return base + [each] * rest


def _imprint(doc: Any, imprint: dict[str, Any]) -> None:
    """版记 as the footer of a last section that starts on an even page: 抄送, 印发机关 and
    印发日期 between 0.35 mm rules (0.25 mm between them), the last on the bottom of the 版心.
    Before it, a continuous section without page numbers, to own a blank page (module doc)."""
    from docx.enum.section import WD_SECTION

    _tiny(doc.paragraphs[-1])  # holds the attachments' section break
    tail = doc.add_section(WD_SECTION.CONTINUOUS)
    no_footers(tail)
    _tiny(doc.paragraphs[-1])
    section = doc.add_section(WD_SECTION.EVEN_PAGE)
    set_page(section, GBT9704)
    section.footer_distance = _twips(round(GBT9704.bottom_mm * TWIPS_PER_MM))
    no_footers(section)
    text_twips = round(GBT9704.text_width_mm * TWIPS_PER_MM)
    char = round(FANGSONG_4.size * 20)
    for footer in (section.footer, section.even_page_footer):
        for old in list(footer.paragraphs):
            old._p.getparent().remove(old._p)
        # rules are paragraphs of their own, without indents, so that they span the 版心
        _rule(footer, 0.35)
        if imprint["cc"]:
            paragraph(
                footer,
                imprint["cc"],
                FANGSONG_4,
                align="left",
                left_chars=1 + 3,
                hanging_chars=3,
                right_chars=1,
                line_twips=_LINE,
            )
            _rule(footer, 0.25)
        p = paragraph(footer, "", FANGSONG_4, align="left", line_twips=_LINE)
        stops = p.paragraph_format.tab_stops
        stops.add_tab_stop(_twips(char))
        stops.add_tab_stop(_twips(text_twips - char), _right_tab())
        add_run(p, "\t" + imprint["printed_by"], FANGSONG_4)
        add_run(p, "\t" + imprint["printed_on"], FANGSONG_4)
        _rule(footer, 0.35)
    paragraph(doc, "", FANGSONG)  # the 版记 page's (empty) body


def _tiny(p: Any) -> None:
    """Paragraph ``p`` (a section break's) one point high, so that it never takes a page."""
    _child(p._p.get_or_add_pPr(), "w:spacing", line="20", lineRule="exact")


def _rule(where: Any, width_mm: float) -> None:
    """A rule as wide as the 版心: an empty paragraph one point high with a bottom border."""
    p = paragraph(where, "", FANGSONG_4, align="left", line_twips=20)
    border(p, "bottom", width_mm)


def _right_tab() -> Any:
    from docx.enum.text import WD_TAB_ALIGNMENT

    return WD_TAB_ALIGNMENT.RIGHT


def notice_docx(context: dict[str, Any], letterhead: Path | None = None) -> bytes:
    """The notice as .docx bytes: 版头 (the office's letterhead when given), title, 主送,
    body, 附件说明, signature and date, the attachments with their tables, and the 版记."""
    notice = context["notice"]
    if letterhead is not None:
        from cadretrain.documents.docx_letterhead import fill_letterhead

        doc = new_document(template=fill_letterhead(letterhead, context))
    else:
        doc = new_document()
        _head(doc, notice)
    blank(doc)
    title_paragraph(doc, notice["title_lines"])
    blank(doc)
    _body(doc, context)
    _annex(doc, context["attachments"])
    signature(doc, notice)
    landscape = False
    for a in context["attachments"]:
        landscape = _attachment(doc, a, landscape)
    page_number_footers(doc)
    _imprint(doc, notice["imprint"])
    return to_bytes(doc)
