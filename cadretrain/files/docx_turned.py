"""The page number of a landscape page where the upright pages have theirs (GB/T 9704-2012 8).

A wide table lies on an A4 page turned a quarter: held upright like the other pages, its head
is on the left edge (the binding side of an odd page, the outer side of an even one), so the
landscape page's top edge is the sheet's left edge and its left edge the sheet's bottom. The
number therefore stands along the landscape page's left edge, 7 mm from the text block, read
from top to bottom: a text box anchored to the page in the section's odd and even footers, its
text turned 90° clockwise (DrawingML ``vert="vert"``, Word's “将所有文字旋转 90°”; VML
``layout-flow:vertical`` for readers without DrawingML shapes), holding the same ``— N —``
paragraph as the upright footers (a PAGE field, so the numbering runs on).

The box is the upright footer's line turned: as long as the text block is wide and one grid line
(the footer's line) deep, at the footer distance from the edge, so that its number lands on the
same spot of the sheet as on the upright pages: one character in from the right on odd pages
and from the left on even ones. ``cadretrain/templates/gbt9704.css`` does the same in HTML.
"""

from __future__ import annotations

from typing import Any

from cadretrain.files.docx_kit import Page

EMU_PER_MM = 36000
_NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
}

_BOX = """\
<w:r {ns}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>\
<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="{z}" \
behindDoc="0" locked="1" layoutInCell="0" allowOverlap="1">\
<wp:simplePos x="0" y="0"/>\
<wp:positionH relativeFrom="page"><wp:posOffset>{x}</wp:posOffset></wp:positionH>\
<wp:positionV relativeFrom="page"><wp:posOffset>{y}</wp:posOffset></wp:positionV>\
<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>\
<wp:docPr id="{id}" name="页码 {id}"/><wp:cNvGraphicFramePr/>\
<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">\
<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr>\
<a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>\
<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>\
<wps:txbx><w:txbxContent/></wps:txbx>\
<wps:bodyPr rot="0" vert="vert" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" \
anchor="t" anchorCtr="0"><a:noAutofit/></wps:bodyPr>\
</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>\
<mc:Fallback><w:pict><v:rect style="position:absolute;margin-left:{left_mm}mm;\
margin-top:{top_mm}mm;width:{w_mm}mm;height:{h_mm}mm;z-index:1;\
mso-position-horizontal-relative:page;mso-position-vertical-relative:page;\
layout-flow:vertical" filled="f" stroked="f"><v:textbox style="layout-flow:vertical" \
inset="0,0,0,0"><w:txbxContent/></v:textbox></v:rect></w:pict></mc:Fallback>\
</mc:AlternateContent></w:r>"""


def turned_box(footer: Any, upright: Page, line_mm: float, shape_id: int) -> list[Any]:
    """A text box in ``footer``'s (empty) paragraph along the left edge of a landscape page
    that is ``upright`` turned; returns its two ``w:txbxContent`` elements (the DrawingML one
    and the VML fallback's), each to be given the page-number paragraph."""
    from docx.oxml import parse_xml

    # upright coordinates: the footer's line ends ``footer_mm`` above the bottom edge and is
    # ``line_mm`` deep; across, it spans the text block. Turned, the bottom edge is the left.
    left = upright.footer_mm
    top = upright.left_mm
    width, height = line_mm, upright.text_width_mm
    ns = " ".join(f'xmlns:{k}="{v}"' for k, v in _NS.items())
    xml = _BOX.format(
        ns=ns,
        z=str(251659264 + shape_id),
        id=str(shape_id),
        x=str(round(left * EMU_PER_MM)),
        y=str(round(top * EMU_PER_MM)),
        cx=str(round(width * EMU_PER_MM)),
        cy=str(round(height * EMU_PER_MM)),
        left_mm=_mm(left),
        top_mm=_mm(top),
        w_mm=_mm(width),
        h_mm=_mm(height),
    )
    run = parse_xml(xml)
    paragraphs = footer.paragraphs
    p = paragraphs[0] if paragraphs else footer.add_paragraph()
    p._p.append(run)
    return list(run.iter(f"{{{_NS['w']}}}txbxContent"))


def _mm(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")
