"""Word documents (.docx) that offices open in WPS or Word: page set-up, fonts, paragraphs,
rules, tables and page-number footers, with python-docx; byte-identical from run to run.

A :class:`Page` says the paper, margins and document grid (GB/T 9704-2012 by default: A4,
37/35/28/26 mm, 22 lines of 28 characters); a :class:`Font` names the Windows font for the
East Asian slot (仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312) and a Latin font, with the
size in points. Paragraphs keep an exact line pitch (the grid's), so a page holds the same
number of lines in Word, WPS and LibreOffice even where a font's own line height differs.

Nothing here knows what a notice is: ``documents/notice_docx.py`` and the certificates use it.
python-docx is imported inside the functions (``cadretrain validate`` never pays for it).
Text passes through :func:`cadretrain.core.text.printable` (XML cannot hold control characters).
"""

from __future__ import annotations

import io
import math
import zipfile
from dataclasses import dataclass
from typing import Any

from cadretrain.core.text import printable

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_FIXED = "2000-01-01T00:00:00Z"
TWIPS_PER_PT = 20
TWIPS_PER_MM = 1440 / 25.4


@dataclass(frozen=True)
class Font:
    east_asian: str  # the Windows name offices have: 仿宋_GB2312, 黑体 …
    size: float  # points: 3号 16, 2号 22, 4号 14
    latin: str = "Times New Roman"
    color: str | None = None  # RRGGBB
    bold: bool = False
    complex_script: str | None = None  # the w:cs slot, when a document names one
    # w:hint="eastAsia": characters both scripts share (“”、—) take the East Asian font
    hint: bool = True


FANGSONG = Font("仿宋_GB2312", 16)  # 3号仿宋: the body
HEITI = Font("黑体", 16, latin="黑体")  # 一、 headings, 附件1
KAITI = Font("楷体_GB2312", 16)  # （一） headings
XIAOBIAOSONG = Font("方正小标宋简体", 22)  # 2号小标宋: titles
SONGTI_PAGE = Font("宋体", 14, latin="宋体")  # 4号 page numbers
FANGSONG_4 = Font("仿宋_GB2312", 14)  # 4号仿宋: the 版记


@dataclass(frozen=True)
class Page:
    width_mm: float = 210
    height_mm: float = 297
    top_mm: float = 37
    bottom_mm: float = 35
    left_mm: float = 28
    right_mm: float = 26
    lines: int = 22  # document grid: lines per page …
    chars: int = 28  # … and characters per line
    font_pt: float = 16  # the grid's character size
    footer_mm: float = 23  # page edge to the foot of the page number's line

    @property
    def text_width_mm(self) -> float:
        return self.width_mm - self.left_mm - self.right_mm

    @property
    def text_height_mm(self) -> float:
        return self.height_mm - self.top_mm - self.bottom_mm

    @property
    def line_twips(self) -> int:
        # rounded down: 22 lines of 580 twips are 0.1 mm more than 225 mm, and the last drops
        return math.floor(self.text_height_mm / self.lines * TWIPS_PER_MM)

    @property
    def char_pt(self) -> float:
        return self.text_width_mm / self.chars * 72 / 25.4

    def landscape(self) -> Page:
        """The same paper turned (a wide table); the grid's lines follow the longer side."""
        return Page(
            self.height_mm,
            self.width_mm,
            self.left_mm,
            self.right_mm,
            self.bottom_mm,
            self.top_mm,
            self.lines,
            self.chars,
            self.font_pt,
            self.footer_mm,
        )


GBT9704 = Page()


def _qn(tag: str) -> Any:
    from docx.oxml.ns import qn

    return qn(tag)


def _el(tag: str, **attrs: str) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    el = OxmlElement(tag)
    for k, v in attrs.items():
        el.set(qn(f"w:{k}"), v)
    return el


# Word refuses a document whose property elements are out of the schema's order (ECMA-376
# CT_PPr, CT_RPr, CT_SectPr, CT_TblPr, CT_TrPr, CT_TcPr); _child inserts in that order.
_ORDER = {
    "w:pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr "
    "suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct "
    "topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind "
    "contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
    "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange",
    "w:rPr": "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss "
    "imprint noProof snapToGrid vanish webHidden color spacing w kern position sz szCs "
    "highlight u effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath",
    "w:sectPr": "headerReference footerReference footnotePr endnotePr type pgSz pgMar "
    "paperSrc pgBorders lnNumType pgNumType cols formProt vAlign noEndnote titlePg "
    "textDirection bidi rtlGutter docGrid printerSettings sectPrChange",
    "w:tblPr": "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize "
    "tblStyleColBandSize tblW jc tblCellSpacing tblInd tblBorders shd tblLayout "
    "tblCellMar tblLook tblCaption tblDescription",
    "w:trPr": "cnfStyle divId gridBefore gridAfter wBefore wAfter cantSplit trHeight "
    "tblHeader tblCellSpacing jc hidden",
    "w:tcPr": "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar "
    "textDirection tcFitText vAlign hideMark",
    "w:pBdr": "top left bottom right between bar",
    "w:tblBorders": "top left start bottom right end insideH insideV",
}
_RANK = {
    parent: {f"w:{name}": i for i, name in enumerate(names.split())}
    for parent, names in _ORDER.items()
}


def _child(parent: Any, tag: str, **attrs: str) -> Any:
    """``parent``'s ``tag`` child (made when missing, in the schema's order), ``attrs`` set."""
    from docx.oxml.ns import qn

    el = parent.find(qn(tag))
    if el is None:
        el = _el(tag)
        rank = _RANK.get(_prefixed(parent.tag), {})
        mine = rank.get(tag)
        later = None
        if mine is not None:
            for sibling in parent:
                theirs = rank.get(_prefixed(sibling.tag))
                if theirs is not None and theirs > mine:
                    later = sibling
                    break
        if later is not None:
            later.addprevious(el)
        else:
            parent.append(el)
    for k, v in attrs.items():
        el.set(qn(f"w:{k}"), v)
    return el


def _prefixed(tag: str) -> str:
    """``{namespace}pPr`` → ``w:pPr``."""
    return "w:" + tag.rsplit("}", 1)[-1]


def set_font(rpr_owner: Any, font: Font) -> None:
    """Apply ``font`` to a run or style (``.font`` and its ``rPr``), the East Asian slot too:
    the one place that names a document's fonts (notices, plan documents, certificates)."""
    rfont = rpr_owner.font
    rfont.name = font.latin
    rfont.size = _pt(font.size)
    rfont.bold = font.bold
    if font.color:
        from docx.shared import RGBColor

        rfont.color.rgb = RGBColor.from_string(font.color)
    rpr = rpr_owner.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    from docx.oxml.ns import qn

    for slot in ("ascii", "hAnsi"):
        fonts.set(qn(f"w:{slot}"), font.latin)
    fonts.set(qn("w:eastAsia"), font.east_asian)
    if font.complex_script:
        fonts.set(qn("w:cs"), font.complex_script)
    if font.hint:
        fonts.set(qn("w:hint"), "eastAsia")


def _pt(size: float) -> Any:
    from docx.shared import Pt

    return Pt(size)


def new_document(page: Page = GBT9704, body: Font = FANGSONG, template: Any = None) -> Any:
    """A document with ``page``'s set-up and grid, ``body`` as the Normal style, odd and even
    footers apart; ``template`` (bytes or a path of a .docx) starts it instead of the blank one."""
    import docx

    doc = docx.Document(io.BytesIO(template) if isinstance(template, bytes) else template)
    normal = doc.styles["Normal"]
    set_font(normal, body)
    pf = normal.paragraph_format
    pf.space_before = pf.space_after = 0
    from docx.enum.text import WD_LINE_SPACING

    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = _twips(page.line_twips)
    pf.widow_control = False
    # Text is not snapped to the character grid: LibreOffice gives a character wider than a
    # grid cell two cells (14 a line). Runs are condensed instead, by what 28 characters
    # need to fit the line; justified lines then fill it, in Word, WPS and LibreOffice alike.
    normal_ppr = normal.element.get_or_add_pPr()
    _child(normal_ppr, "w:snapToGrid", val="0")
    # no extra space between Chinese and Latin text or digits (2013年, not 2013 年)
    _child(normal_ppr, "w:autoSpaceDE", val="0")
    _child(normal_ppr, "w:autoSpaceDN", val="0")
    condense = math.floor((page.char_pt - body.size) * TWIPS_PER_PT - 0.5)
    _child(normal.element.get_or_add_rPr(), "w:spacing", val=str(condense))
    _defaults(doc, body, page)
    for section in doc.sections:
        set_page(section, page)
    doc.settings.odd_and_even_pages_header_footer = True
    return doc


def _defaults(doc: Any, body: Font, page: Page) -> None:
    """The document defaults (``w:docDefaults``) in the body font at the grid's size: Word,
    WPS and LibreOffice take the grid's character pitch from them."""
    from docx.oxml.ns import qn

    styles = doc.styles.element
    defaults = _child(styles, "w:docDefaults")
    rpr = _child(_child(defaults, "w:rPrDefault"), "w:rPr")
    _child(rpr, "w:rFonts", ascii=body.latin, hAnsi=body.latin, eastAsia=body.east_asian)
    half_points = str(round(page.font_pt * 2))
    _child(rpr, "w:sz", val=half_points)
    _child(rpr, "w:szCs", val=half_points)
    _child(rpr, "w:lang", eastAsia="zh-CN")
    if styles.find(qn("w:docDefaults")) is not styles[0]:
        styles.remove(defaults)
        styles.insert(0, defaults)


def _twips(value: float) -> Any:
    from docx.shared import Twips

    return Twips(round(value))


def set_page(section: Any, page: Page) -> None:
    """Paper, margins, footer distance and the document grid: ``lines`` lines a page.

    The grid is a line grid (Word: 只指定行网格). A character grid (``linesAndChars``) is not
    used: LibreOffice lays a 16 pt character on a 15.8 pt grid cell over two cells (14 a
    line), or 27 a line when the paragraph does not snap; the 28 characters of a line come from
    the runs' condensed spacing (``new_document``) instead, the same in Word, WPS and
    LibreOffice. ``charSpace`` still records the character pitch for Word's dialog."""
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    section.page_width, section.page_height = Mm(page.width_mm), Mm(page.height_mm)
    landscape = page.width_mm > page.height_mm
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.top_margin, section.bottom_margin = Mm(page.top_mm), Mm(page.bottom_mm)
    section.left_margin, section.right_margin = Mm(page.left_mm), Mm(page.right_mm)
    section.header_distance = Mm(15)
    section.footer_distance = Mm(page.footer_mm)
    # Word's grid: a character pitch of font size + charSpace/4096 pt
    char_space = round((page.char_pt - page.font_pt) * 4096)
    _child(
        section._sectPr,
        "w:docGrid",
        type="lines",
        linePitch=str(page.line_twips),
        charSpace=str(char_space),
    )


def paragraph(
    where: Any,
    text: str = "",
    font: Font | None = None,
    *,
    align: str = "both",
    indent_chars: float = 0,
    hanging_chars: float = 0,
    left_chars: float = 0,
    right_chars: float = 0,
    line_twips: int | None = None,
    before_twips: int = 0,
    keep_with_next: bool = False,
    page_break_before: bool = False,
) -> Any:
    """A paragraph of ``text`` in ``font`` added to ``where`` (document, cell, header,
    footer): ``align`` left | center | right | both (justified); indents in characters of the
    grid (``w:firstLineChars`` …, which Word and WPS measure on the grid)."""
    p = where.add_paragraph()
    if text:
        add_run(p, text, font)
    ppr = p._p.get_or_add_pPr()
    _child(ppr, "w:jc", val=align)
    # in characters (Word and WPS), and in twips for readers that ignore *Chars (LibreOffice)
    size = (font or FANGSONG).size * TWIPS_PER_PT
    ind = {}
    for name, chars in (
        ("firstLine", indent_chars),
        ("hanging", hanging_chars),
        ("left", left_chars),
        ("right", right_chars),
    ):
        if chars:
            ind[f"{name}Chars"] = str(round(chars * 100))
            ind[name] = str(round(chars * size))
    if ind:
        _child(ppr, "w:ind", **ind)
    if line_twips is not None:
        _child(ppr, "w:spacing", line=str(line_twips), lineRule="exact")
    if before_twips:
        _child(ppr, "w:spacing", before=str(before_twips))
    if keep_with_next:
        p.paragraph_format.keep_with_next = True
    if page_break_before:
        p.paragraph_format.page_break_before = True
    return p


def add_run(p: Any, text: str, font: Font | None = None) -> Any:
    run = p.add_run(printable(text))
    if font is not None:
        set_font(run, font)
    return run


def border(p: Any, side: str, width_mm: float, color: str = "000000", space_pt: int = 0) -> None:
    """A rule on one ``side`` (top, bottom) of paragraph ``p``, as wide as its indents allow."""
    eighths = max(2, min(96, round(width_mm * 72 / 25.4 * 8)))
    ppr = p._p.get_or_add_pPr()
    bdr = _child(ppr, "w:pBdr")
    _child(bdr, f"w:{side}", val="single", sz=str(eighths), space=str(space_pt), color=color)


def to_bytes(doc: Any) -> bytes:
    """The document as .docx bytes, identical for identical content (fixed zip and core times)."""
    import re

    props = doc.core_properties
    props.author = props.last_modified_by = "cadretrain"
    props.revision = 1
    raw = io.BytesIO()
    doc.save(raw)
    raw.seek(0)
    out = io.BytesIO()
    stamp = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:\w+>)")
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "docProps/core.xml":
                data = stamp.sub(rb"\g<1>" + _FIXED.encode() + rb"\g<2>", data)
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            dst.writestr(fixed, data)
    return out.getvalue()
