"""Page numbers of the Word notice where GB/T 9704-2012 puts them (7.5, 8): on the landscape
reply form where the upright pages have theirs, turned, odd pages near the sheet's right corner
and even pages near its left; none on the 版记 page or on a blank page before it.

Three notices, converted with LibreOffice headless (blank pages exported) and measured with
pdfplumber: the 2013 notice and the test plan's 县域经济研修班 end their attachments on an even
page (a blank page follows), the test plan's first class on an odd one (the 版记 page follows).
The reading back of the .docx itself runs without LibreOffice.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from cadretrain.documents.notice import render_notice
from tests.test_docx import notice_2013, to_pdf
from tests.test_notice import MM, write_year

docx = pytest.importorskip("docx")

A4_LONG, A4_SHORT = 297.0, 210.0
TEXT_LEFT, TEXT_RIGHT, TEXT_BOTTOM = 28.0, 26.0, 35.0  # the upright page's margins (mm)
CHAR_MM = 14 / MM  # one 4号 character
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def plan_notices(tmp_path: Path) -> dict[str, bytes]:
    year = write_year(tmp_path)
    out = {}
    for cls in year.plan.classes:
        data = render_notice(year, cls, "docx")
        assert isinstance(data, bytes)
        out[cls.id] = data
    assert set(out) == {"c1", "c2"}
    return out


@pytest.fixture(scope="module")
def notices(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return {**plan_notices(tmp_path_factory.mktemp("plan")), "2013": notice_2013()}


@pytest.fixture(scope="module")
def printed(
    notices: dict[str, bytes], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, list[Any]]:
    return {
        name: to_pdf(data, tmp_path_factory.mktemp(name), blank_pages=True)
        for name, data in notices.items()
    }


def landscape(page: Any) -> bool:
    return float(page.width) > float(page.height)


def folio(page: Any) -> list[dict[str, Any]]:
    """The page-number characters, in reading order: on an upright page the 4号 line under the
    text block; on a landscape page the turned characters by its left edge, top to bottom."""
    if landscape(page):
        chars = [c for c in page.chars if not c["upright"] and float(c["x0"]) / MM < 35]
        return sorted(chars, key=lambda c: float(c["top"]))
    chars = [
        c
        for c in page.chars
        if c["upright"] and float(c["top"]) / MM > A4_LONG - TEXT_BOTTOM and c["text"].strip()
    ]
    return sorted(chars, key=lambda c: float(c["x0"]))


def text(chars: list[dict[str, Any]]) -> str:
    return "".join(c["text"] for c in chars).replace(" ", "")


@pytest.mark.parametrize(("name", "parity"), [("c1", 1), ("c2", 0), ("2013", 0)])
def test_landscape_page_number_is_where_the_upright_pages_have_it(
    printed: dict[str, list[Any]], name: str, parity: int
) -> None:
    pages = printed[name]
    (number,) = [n for n, page in enumerate(pages, start=1) if landscape(page)]
    assert number % 2 == parity  # both cases: the reply form on an odd page and on an even one
    page = pages[number - 1]
    chars = folio(page)
    assert text(chars) == f"—{number}—"  # numbering runs on from the upright pages
    # turned a quarter clockwise: the text runs down the page, the glyphs' tops to the right
    for c in chars:
        a, b, c_, d = (float(v) for v in c["matrix"][:4])
        assert abs(a) < 0.01 and abs(d) < 0.01 and b < 0 < c_, c["matrix"]
    # held upright (the landscape page's top edge on the left), the sheet's bottom edge is the
    # landscape page's left edge; the number as far from it as on the first (upright) page
    first = folio(pages[0])
    assert text(first) == "—1—"
    tops = {round(A4_LONG - float(c["x1"]) / MM, 1) for c in chars}
    assert all(abs(t - float(first[0]["top"]) / MM) < 1.5 for t in tops), tops
    assert all(abs(t - (A4_LONG - TEXT_BOTTOM + 7)) < 3.5 for t in tops), tops  # 7 mm under
    # across the sheet: odd pages one character in from the right of the text block (near the
    # landscape page's bottom), even pages one character in from the left (near its top)
    if number % 2:
        end = float(chars[-1]["bottom"]) / MM
        assert abs(end - (A4_SHORT - TEXT_RIGHT - CHAR_MM)) < 1.5, end
    else:
        start = float(chars[0]["top"]) / MM
        assert abs(start - (TEXT_LEFT + CHAR_MM)) < 1.5, start
    # nothing at the landscape page's own foot
    assert not [c for c in page.chars if c["upright"] and c["text"] == "—"]


def test_turned_number_lands_on_the_upright_pages_spot(printed: dict[str, list[Any]]) -> None:
    """The turned number of the 2013 reply form (page 6) and the upright one of page 4, both
    even, on the same spot of the sheet (held upright) within 1.5 mm."""
    pages = printed["2013"]
    upright, turned = folio(pages[3]), folio(pages[5])
    assert text(upright) == "—4—" and text(turned) == "—6—"
    # held upright: x = the landscape page's y, y from the top = 297 − the landscape page's x
    assert abs(float(turned[0]["top"]) - float(upright[0]["x0"])) / MM < 1.5
    assert abs(float(turned[-1]["bottom"]) - float(upright[-1]["x1"])) / MM < 1.5
    assert abs((A4_LONG - float(turned[0]["x1"]) / MM) - float(upright[0]["top"]) / MM) < 1.5


@pytest.mark.parametrize(("name", "blank"), [("c1", False), ("c2", True), ("2013", True)])
def test_no_page_number_on_the_imprint_page_or_a_blank_page_before_it(
    printed: dict[str, list[Any]], name: str, blank: bool
) -> None:
    pages = printed[name]
    imprint = pages[-1]
    assert "印发" in "".join(c["text"] for c in imprint.chars)
    assert len(pages) % 2 == 0  # the 版记 on an even page
    assert not folio(imprint) and "—" not in "".join(c["text"] for c in imprint.chars)
    before = pages[-2]
    if blank:
        assert not before.chars and not before.rects and not before.lines  # nothing at all
        last = pages[-3]
    else:
        last = before
    number = pages.index(last) + 1
    assert text(folio(last)) == f"—{number}—"  # the attachments' last page keeps its number
    assert (number % 2 == 0) == blank  # a blank page exactly when they end on an even page


def test_docx_landscape_footers_hold_turned_text_boxes(notices: dict[str, bytes]) -> None:
    doc = docx.Document(io.BytesIO(notices["c2"]))
    # the reply form's section, then the one that owns a blank page (landscape like it)
    form, tail = [s for s in doc.sections if s.page_width > s.page_height]
    assert tail.start_type == docx.enum.section.WD_SECTION.CONTINUOUS
    section = form
    for footer, align in ((section.footer, "right"), (section.even_page_footer, "left")):
        root = footer._element
        (body,) = root.iter(
            "{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}bodyPr"
        )
        assert body.get("vert") == "vert"  # rotated 90° clockwise
        anchor = next(root.iter(docx.oxml.ns.qn("wp:anchor")))
        frames = [anchor.find(docx.oxml.ns.qn(f"wp:position{axis}")) for axis in "HV"]
        assert [f.get("relativeFrom") for f in frames] == ["page", "page"]
        boxes = list(root.iter(f"{W}txbxContent"))
        assert len(boxes) == 2  # DrawingML and its VML fallback
        for box in boxes:
            (p,) = box.findall(f"{W}p")
            assert p.find(f"{W}pPr/{W}jc").get(f"{W}val") == align
            instr = "".join(t.text or "" for t in p.iter(f"{W}instrText"))
            assert instr.strip() == "PAGE"
        # nothing else in the footer: the landscape page's own foot stays empty
        outside = [t.text for t in root.iter(f"{W}t") if not _in_box(t)]
        assert not any(outside), outside
    upright = [s for s in doc.sections if s.page_width < s.page_height]
    assert not list(upright[0].footer._element.iter(f"{W}txbxContent"))


def test_docx_blank_page_section_has_no_page_number(notices: dict[str, bytes]) -> None:
    doc = docx.Document(io.BytesIO(notices["2013"]))
    *_, attachments, tail, imprint = doc.sections
    start = docx.enum.section.WD_SECTION
    assert tail.start_type == start.CONTINUOUS and imprint.start_type == start.EVEN_PAGE
    assert tail.page_width == attachments.page_width  # a continuous section keeps the page
    for footer in (tail.footer, tail.even_page_footer, tail.first_page_footer):
        assert not footer.is_linked_to_previous
        assert not "".join(t.text or "" for t in footer._element.iter(f"{W}t"))
        assert not list(footer._element.iter(f"{W}instrText"))
    assert "PAGE" in "".join(
        t.text or "" for t in attachments.footer._element.iter(f"{W}instrText")
    )


def _in_box(el: Any) -> bool:
    return any(a.tag == f"{W}txbxContent" for a in el.iterancestors())
