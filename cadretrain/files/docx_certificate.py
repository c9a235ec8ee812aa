"""Certificates (结业证书) as a Word file with python-docx, byte-identical from run to run.

One landscape page per certificate (A4 297 × 210 mm or A5 210 × 148 mm), a double-ruled page
border, the title in 方正小标宋简体, the text in 仿宋_GB2312: the Windows font names offices have
sit in the East Asian font slots (``w:eastAsia``) and, for the digits, the Latin ones, so Word
and WPS use the office's fonts and LibreOffice substitutes its own. No ID number is ever given
to this module. The content comes from :mod:`cadretrain.records.certificates`; this module knows
only pages of text.

python-docx is imported inside the functions (``cadretrain validate`` never pays for it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cadretrain.core.text import printable
from cadretrain.files.docx_kit import Font, _child, set_font, to_bytes

TITLE_FONT, BODY_FONT = "方正小标宋简体", "仿宋_GB2312"
FIXED_TIME = datetime(2000, 1, 1)


@dataclass(frozen=True)
class CertificatePage:
    """What one certificate page says, top to bottom."""

    title: str  # 结业证书
    number: str  # 证书编号：2013-7KQ2-4M9X8Q
    salutation: str  # 张三同志：
    paragraphs: tuple[str, ...]  # the body, then 特发此证。
    issuer: str
    date: str


@dataclass(frozen=True)
class PageSize:
    """Landscape paper and the type sizes that suit it."""

    width_mm: float
    height_mm: float
    margin_mm: float
    title_pt: float
    body_pt: float
    small_pt: float
    border_space_pt: int  # the page border's distance from the paper's edge (≤ 31 pt)


def _font(name: str, size: float) -> Font:
    """``name`` in every slot (the digits too, and no East Asian hint), ``size`` points."""
    return Font(name, size, latin=name, complex_script=name, hint=False)


def _text(paragraph: Any, text: str, font: str, size: float, spacing_pt: float = 0) -> None:
    run = paragraph.add_run(printable(text))
    set_font(run, _font(font, size))
    if spacing_pt:  # character spacing (w:spacing in twentieths of a point), before w:sz
        _child(run._element.get_or_add_rPr(), "w:spacing", val=str(round(spacing_pt * 20)))


def _page_border(section: Any, space_pt: int) -> None:
    """A thick-thin double rule all round, measured from the paper's edge."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:pgBorders")
    borders.set(qn("w:offsetFrom"), "page")
    for side in ("top", "left", "bottom", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "thinThickSmallGap")
        edge.set(qn("w:sz"), "24")  # eighths of a point: 3 pt
        edge.set(qn("w:space"), str(space_pt))
        edge.set(qn("w:color"), "000000")
        borders.append(edge)
    sect = section._sectPr
    anchor = sect.find(qn("w:pgMar"))  # schema order: pgSz, pgMar, …, pgBorders
    anchor.addnext(borders)


def _setup(document: Any, size: PageSize) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(size.width_mm), Mm(size.height_mm)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(size.margin_mm))
    section.header_distance = section.footer_distance = Mm(size.margin_mm / 2)
    _page_border(section, size.border_space_pt)
    props = document.core_properties
    props.author = props.last_modified_by = "cadretrain"
    props.created = props.modified = FIXED_TIME
    props.revision = 1


def _page(document: Any, page: CertificatePage, size: PageSize, first: bool) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt

    title = document.add_paragraph()
    fmt = title.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fmt.page_break_before = not first
    fmt.space_before, fmt.space_after = Pt(size.body_pt), Pt(size.body_pt * 1.2)
    _text(title, page.title, TITLE_FONT, size.title_pt, spacing_pt=size.title_pt / 2)

    number = document.add_paragraph()
    number.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    number.paragraph_format.space_after = Pt(size.body_pt / 2)
    _text(number, page.number, BODY_FONT, size.small_pt)

    line = Pt(size.body_pt * 1.9)
    for n, text in enumerate((page.salutation, *page.paragraphs)):
        p = document.add_paragraph()
        f = p.paragraph_format
        f.line_spacing_rule, f.line_spacing = WD_LINE_SPACING.EXACTLY, line
        f.space_before = f.space_after = Pt(0)
        if n:  # the body: first line indented two characters
            f.first_line_indent = Pt(size.body_pt * 2)
        _text(p, text, BODY_FONT, size.body_pt)

    for n, text in enumerate((page.issuer, page.date)):
        p = document.add_paragraph()
        f = p.paragraph_format
        f.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        f.right_indent = Pt(size.body_pt * 2)
        f.space_before = Pt(size.body_pt * 1.5) if n == 0 else Pt(0)
        f.line_spacing_rule, f.line_spacing = WD_LINE_SPACING.EXACTLY, line
        _text(p, text, BODY_FONT, size.body_pt)


def certificates_docx(pages: Sequence[CertificatePage], size: PageSize) -> bytes:
    """Every page in one .docx, one certificate per page; the same bytes for the same pages."""
    from docx import Document

    document = Document()
    _setup(document, size)
    body = document.element.body
    for old in list(body.iterchildren()):  # the template's empty paragraph
        if old.tag.endswith("}p"):
            body.remove(old)
    for n, page in enumerate(pages):
        _page(document, page, size, first=n == 0)
    return to_bytes(document)  # the kit's byte-identical saving
