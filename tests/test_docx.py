"""Word notices and plan documents: read back with python-docx (page set-up, grid, fonts, the
red 版头, footers, tables, the 版记), converted to PDF with LibreOffice headless and measured;
an office's letterhead; ``build --docx`` / ``--pdf``.

LibreOffice has none of the Windows fonts, so the conversion runs with a font-substitution
table (:data:`SUBSTITUTES`, a fontconfig file) and the tolerances stated at each measure.
The conversion tests skip without ``soffice`` (``.ci/run`` installs libreoffice-writer-nogui).
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from cadretrain.cli.build_step import run_build
from cadretrain.documents.notice import render_notice, render_plan_document
from cadretrain.plan.lookup import find_class
from tests.test_notice import MM, SMALL, run, write_year, year_2013

docx = pytest.importorskip("docx")

# What LibreOffice uses for the fonts GB/T 9704 names (none of them is free)
SUBSTITUTES = {
    "仿宋_GB2312": "Noto Serif CJK SC",
    "方正小标宋简体": "Noto Serif CJK SC",
    "黑体": "Noto Sans CJK SC",
    "楷体_GB2312": "AR PL UKai CN",
    "宋体": "Noto Serif CJK SC",
    "Times New Roman": "Noto Serif CJK SC",
}
LINE_MM = 225 / 22
EAST_ASIAN = {"仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312"}


def read(data: bytes) -> Any:
    return docx.Document(io.BytesIO(data))


def notice_2013() -> bytes:
    year = year_2013()
    data = render_notice(year, find_class(year.plan, "十八大轮训班"), "docx")
    assert isinstance(data, bytes)
    return data


def east_asian_fonts(doc: Any) -> set[str]:
    from docx.oxml.ns import qn

    root = doc.element.body
    names = {el.get(qn("w:eastAsia")) for el in root.iter(qn("w:rFonts"))}
    return {n for n in names if n}


def test_notice_docx_page_grid_and_fonts() -> None:
    from docx.oxml.ns import qn

    data = notice_2013()
    assert data == notice_2013()  # byte-identical from run to run
    doc = read(data)
    first = doc.sections[0]
    assert (round(first.page_width.mm), round(first.page_height.mm)) == (210, 297)
    margins = [first.top_margin, first.bottom_margin, first.left_margin, first.right_margin]
    assert [round(m.mm) for m in margins] == [37, 35, 28, 26]
    grid = first._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines"
    assert abs(int(grid.get(qn("w:linePitch"))) / 1440 * 25.4 - LINE_MM) < 0.02  # 22 lines
    assert east_asian_fonts(doc) >= EAST_ASIAN
    normal = doc.styles["Normal"].element.rPr
    assert normal.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert normal.sz.val.pt == 16  # 3号
    # the red 发文机关标志 and the red rule under the 发文字号
    mark = doc.paragraphs[0]
    assert mark.text == "中共县委组织部文件"
    assert str(mark.runs[0].font.color.rgb) == "FF0000"
    rules = [p for p in doc.paragraphs[:6] if p._p.find(".//" + qn("w:pBdr")) is not None]
    assert rules and rules[0]._p.find(".//" + qn("w:top")).get(qn("w:color")) == "FF0000"
    titles = [
        p for p in doc.paragraphs if p.runs and p.runs[0].font.size and p.runs[0].font.size.pt == 22
    ]
    assert titles[0].text == "关于举办全县乡科级领导干部\n学习十八大精神轮训班的通知"
    # odd and even footers with the page number
    assert doc.settings.odd_and_even_pages_header_footer
    odd, even = first.footer.paragraphs[0], first.even_page_footer.paragraphs[0]
    for footer, side in ((odd, "right"), (even, "left")):
        assert footer._p.pPr.find(qn("w:jc")).get(qn("w:val")) == side
        assert " PAGE " in "".join(t.text or "" for t in footer._p.iter(qn("w:instrText")))
        assert footer.text.startswith("— ") and footer.text.endswith(" —")


def test_notice_docx_attachments_and_imprint() -> None:
    from docx.oxml.ns import qn

    doc = read(notice_2013())
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "附件：1.全县乡科级领导干部学习十八大精神轮训班名额分配表" in text
    assert "2.全县乡科级领导干部学习十八大精神轮训班报名回执" in text
    quota, form = doc.tables
    assert [c.text for c in quota.rows[0].cells][:3] == ["序号", "单位", "名额"]
    assert quota.rows[-1].cells[1].text == "合计"
    assert [r.cells[0].text for r in form.rows[1:]] == [str(n) for n in range(1, len(form.rows))]
    assert form.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeated on each page
    orientations = [s.page_width > s.page_height for s in doc.sections]
    assert True in orientations  # the reply form on a landscape section
    last = doc.sections[-1]
    assert last.start_type == docx.enum.section.WD_SECTION.EVEN_PAGE
    assert last.page_width < last.page_height
    assert round(last.footer_distance.mm) == 35  # the 版记's last rule on the 版心's bottom edge
    imprint = [p for p in last.even_page_footer.paragraphs if p.text]
    assert imprint[-1].text == "\t中共县委组织部\t2013年2月19日印发"
    assert " PAGE " not in "".join(
        t.text or "" for t in last.even_page_footer._element.iter(qn("w:instrText"))
    )
    sizes = {r.font.size.pt for p in imprint for r in p.runs if r.font.size}
    assert sizes == {14}  # 4号仿宋


def test_plan_document_docx() -> None:
    data = render_plan_document(year_2013(), "docx")
    assert isinstance(data, bytes)
    doc = read(data)
    text = [p.text for p in doc.paragraphs]
    assert text[0] == "县2013年干部教育培训方案"
    assert "一、指导思想" in text and "四、组织领导" in text
    assert "中共县委组织部" in text and "2013年2月19日" in text


# ── letterheads ─────────────────────────────────────────────────────────────


def letterhead(folder: Path, *placeholders: str) -> Path:
    doc = docx.Document()
    p = doc.add_paragraph()
    run = p.add_run("{{发文")  # Word splits placeholders over runs
    p.add_run("机关标志}}")
    from docx.shared import RGBColor

    run.font.color.rgb = RGBColor(0xFF, 0, 0)
    for name in placeholders:
        doc.add_paragraph(f"字号：{{{{ {name} }}}}")
    path = folder / "templates" / "letterhead.docx"
    path.parent.mkdir(exist_ok=True)
    doc.save(path)
    return path


def test_office_letterhead_replaces_the_built_in_head(tmp_path: Path) -> None:
    year = write_year(tmp_path)
    letterhead(tmp_path, "发文字号")
    data = render_notice(year, year.plan.classes[0], "docx")
    assert isinstance(data, bytes)
    doc = read(data)
    assert doc.paragraphs[0].text == "中共测试县委组织部文件"
    assert str(doc.paragraphs[0].runs[0].font.color.rgb) == "FF0000"  # the first run's format
    assert doc.paragraphs[1].text == "字号：测组〔2013〕12号"
    assert "关于举办全县乡科级干部专题培训班的通知" in [p.text for p in doc.paragraphs]
    assert sum(p.text == "中共测试县委组织部文件" for p in doc.paragraphs) == 1  # no second head


def test_unknown_placeholder_names_itself_and_the_template(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    year = write_year(tmp_path)
    path = letterhead(tmp_path, "签发人")
    assert run(year, tmp_path / "out", "docx") == 1
    err = capsys.readouterr().err
    assert "未知的占位符“{{签发人}}”" in err and str(path) in err and "Traceback" not in err
    assert not (tmp_path / "out" / "c1-培训通知.docx").exists()


# ── LibreOffice: the document as printed ────────────────────────────────────


def to_pdf(data: bytes, folder: Path, blank_pages: bool = False) -> list[Any]:
    """``data`` converted by LibreOffice; ``blank_pages``: with the blank pages it inserts before
    a section that starts on an odd or even page (left out of its PDFs by default)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("needs LibreOffice headless (Debian: libreoffice-writer-nogui; .ci/run)")
    pdfplumber = pytest.importorskip("pdfplumber")
    conf = folder / "fonts.conf"
    aliases = "".join(
        f'<alias binding="same"><family>{k}</family><prefer><family>{v}</family></prefer></alias>'
        for k, v in SUBSTITUTES.items()
    )
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f'<include ignore_missing="yes">/etc/fonts/fonts.conf</include>{aliases}</fontconfig>',
        encoding="utf-8",
    )
    source = folder / "doc.docx"
    source.write_bytes(data)
    env = {**os.environ, "FONTCONFIG_FILE": str(conf), "HOME": str(folder)}
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(folder / 'lo').as_uri()}",
            "--headless",
            "--convert-to",
            'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}'
            if blank_pages
            else "pdf",
            "--outdir",
            str(folder),
            str(source),
        ],
        env=env,
        capture_output=True,
        timeout=240,
        check=False,
    )
    out = folder / "doc.pdf"
    if not out.is_file():
        pytest.skip("LibreOffice did not convert the document")
    return list(pdfplumber.open(out).pages)


def body_lines(page: Any, size: float = 16.0) -> list[list[Any]]:
    rows: dict[float, list[Any]] = {}
    for c in page.chars:
        if abs(float(c["size"]) - size) < 0.2 and c["upright"]:
            rows.setdefault(round(float(c["matrix"][5]) * 2) / 2, []).append(c)
    return [sorted(rows[k], key=lambda c: float(c["x0"])) for k in sorted(rows, reverse=True)]


LONG = SMALL.replace(
    "  doc_number: 测组〔2013〕12号\n",
    "  doc_number: 测组〔2013〕12号\n  notes: " + "培训干部教育" * 4 * 70 + "\n",
)


def test_libreoffice_pages_hold_22_lines_of_28_characters(tmp_path: Path) -> None:
    year = write_year(tmp_path, text=LONG)
    data = render_plan_document(year, "docx")
    assert isinstance(data, bytes)
    pages = to_pdf(data, tmp_path)
    full = pages[1]  # the long introduction fills page 2
    assert abs(full.width / MM - 210) < 1 and abs(full.height / MM - 297) < 1
    lines = body_lines(full)
    assert len(lines) == 22, [len(x) for x in lines]
    assert all(len(line) == 28 for line in lines), [len(x) for x in lines]
    tops = [float(line[0]["top"]) / MM for line in lines]
    pitch = (tops[-1] - tops[0]) / 21
    assert abs(pitch - LINE_MM) < 0.05, pitch  # exact line pitch: 225 mm / 22
    # LibreOffice sets a glyph low in an exact-height line: the first line's tops lie within
    # 37 mm and one line below (Word, WPS: about 37–40 mm)
    assert 37 - 1 < tops[0] < 37 + LINE_MM, tops[0]
    for line in lines:
        assert abs(float(line[0]["x0"]) / MM - 28) < 1  # 订口 28 mm
        assert abs(float(line[-1]["x1"]) / MM - (210 - 26)) < 1.2  # 28 characters fill 156 mm
    # page numbers: 4号, odd pages one character in from the right, even from the left
    for number, page in enumerate(pages[:2], start=1):
        (folio,) = [x for x in body_lines(page, 14.0) if "—" in "".join(c["text"] for c in x)]
        assert "".join(c["text"] for c in folio).replace(" ", "") == f"—{number}—"
        assert abs(float(folio[0]["top"]) / MM - (297 - 35 + 7)) < 3
        if number % 2:
            assert abs(float(folio[-1]["x1"]) / MM - (210 - 26 - 14 / MM)) < 1.5
        else:
            assert abs(float(folio[0]["x0"]) / MM - (28 + 14 / MM)) < 1.5


def test_libreoffice_notice_ends_with_the_imprint(tmp_path: Path) -> None:
    pages = to_pdf(notice_2013(), tmp_path)
    # that page is even in Word and WPS (the section starts on an even page, read back above);
    # LibreOffice 7.4 does not put the blank page before it into its PDF, so not counted here
    last = pages[-1]
    words = "".join(c["text"] for c in last.chars)
    assert "中共县委组织部" in words and "2013年2月19日印发" in words
    rules = sorted(
        float(r["bottom"]) / MM
        for r in [*last.rects, *last.lines]
        if abs((float(r["x1"]) - float(r["x0"])) / MM - 156) < 2
    )
    assert rules and abs(rules[-1] - (297 - 35)) < 1.5, rules  # on the 版心's bottom edge
    assert "—" not in words  # the 版记 page carries no page number


# ── build ───────────────────────────────────────────────────────────────────


def test_build_writes_word_and_pdf_notices_linked_from_the_index(tmp_path: Path) -> None:
    year = write_year(
        tmp_path / "p", text=SMALL.replace("plan:\n", "plan:\n  notice_formats: [docx]\n")
    )
    out = tmp_path / "out"
    assert run_build(Path(year.plan.file), out, progress=False, ignore_errors=True) in (0, 1)
    assert (out / "c1" / "培训通知.docx").is_file() and (out / "年度培训计划.docx").is_file()
    assert not (out / "c1" / "培训通知.pdf").exists()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="c1/培训通知.docx"' in index and 'href="年度培训计划.docx"' in index
    read((out / "c1" / "培训通知.docx").read_bytes())  # a real Word document


def test_build_without_the_pdf_engine_says_what_to_install(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import cadretrain.files.pdf as pdf

    year = write_year(tmp_path / "p")
    monkeypatch.setattr(pdf, "unavailable", lambda: pdf.INSTALL_HINT)
    code = run_build(Path(year.plan.file), tmp_path / "out", progress=False, formats=("pdf",))
    assert code == 3
    err = capsys.readouterr().err
    assert "pip install 'cadretrain[pdf]'" in err and "未生成任何文件" in err
    assert not (tmp_path / "out").exists()
