"""Print polish of the sign-in sheet: fewer days on a page instead of shrinking. The workbook's
print settings are read back, and a ten-day sheet is printed through LibreOffice and measured.

LibreOffice measures column widths in the digit width of the workbook's default font, Calibri
11 (7 px in Excel). This machine has no Calibri and no metric twin (Carlito), and fontconfig
would hand LibreOffice DejaVu Sans, whose digits are 0.636 em instead of 0.507 em: every column
would come out 25 % wider than in Excel or WPS and the page would be shrunk. The conversion
therefore runs with a font-substitution table: Calibri → Noto Sans Mono CJK SC (digits 0.5 em,
7.33 px; ``fonts-noto-cjk``). Tolerances: the boxes at least 20 mm wide and 27.5 pt high, the
text at least 10.9 pt (11 pt as written).
"""

from __future__ import annotations

import io
import itertools
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from cadretrain.core.diagnostics import Sink
from cadretrain.documents.signin import DAY_WIDTH, MAX_DAYS, ROW_HEIGHT, signin_bytes
from cadretrain.enroll.enrollment import Enrollee, Enrollment
from cadretrain.year.model import Year
from cadretrain.year.pipeline import parse_year

MM = 72 / 25.4
A4_LANDSCAPE_MM = 297
PLAN = """plan: {title: 测试计划, year: 2013}
units:
  - {id: cg, name: 城关镇}
  - {id: hr, name: 县人力资源和社会保障局}
classes:
  - {id: ten, name: 全县乡镇党委书记履职能力提升专题培训班, when: 2013年3月11日—22日}
"""
POSTS = ["党委书记", "党委副书记、镇长", "党组书记、局长，县委组织部副部长（兼）"]
FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <match target="pattern">
    <test name="family"><string>Calibri</string></test>
    <edit name="family" mode="assign" binding="strong"><string>Noto Sans Mono CJK SC</string></edit>
  </match>
</fontconfig>
"""


@pytest.fixture(scope="module")
def ten_days() -> tuple[Year, bytes]:
    sink = Sink()
    year = parse_year(PLAN, "t.yaml", sink, checks=False)
    assert year is not None and not sink.items
    cls = year.plan.classes[0]
    assert len(year.schedule(cls).slots[0].days) == 10
    people = [
        Enrollee(name=n, unit="hr" if i % 3 == 2 else "cg", post=POSTS[i % 3])
        for i, n in enumerate(["张三", "欧阳明月", "李四", "王五", "赵六", "买买提·艾力"] * 2)
    ]
    return year, signin_bytes(year, cls, Enrollment(cls.id, people))


def excel_mm(width: float) -> float:
    """A column's printed width in Excel: whole pixels of a 7-px digit, at 96 px per inch."""
    return int(width * 7 + 0.5) * 25.4 / 96


def test_ten_days_are_two_pages_of_five_not_one_shrunk(ten_days: tuple[Year, bytes]) -> None:
    _year, data = ten_days
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["签到表（一）", "签到表（二）"]
    for ws in wb:
        last = ws.max_column
        days = [c.value for c in ws[3][3 : last - 1] if c.value]
        assert len(days) == MAX_DAYS == 5
        assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "landscape"
        assert ws.print_title_rows == "$3:$4"
        widths = [
            ws.column_dimensions[openpyxl.utils.get_column_letter(c)].width
            for c in range(1, last + 1)
        ]
        boxes = widths[3:-1]
        assert boxes == [DAY_WIDTH] * 10 and excel_mm(DAY_WIDTH) >= 20
        printable = A4_LANDSCAPE_MM - 25.4 * (ws.page_margins.left + ws.page_margins.right)
        assert sum(excel_mm(w) for w in widths) <= printable  # fits at 100 %: nothing shrinks
        assert sum(w * 7.33 * 25.4 / 96 for w in widths) <= printable  # LibreOffice's unit too
        assert all(
            ws.row_dimensions[r].height >= ROW_HEIGHT >= 28 for r in range(5, ws.max_row + 1)
        )
        heads = [c.value for c in ws[4][3 : last - 1]]
        assert heads == ["上午", "下午"] * 5
    # each sheet states its own days in its 培训时间 line, read from its own day headings
    for ws in wb:
        heads = [c.value for c in ws[3][3 : ws.max_column - 1] if c.value]
        first, final = (h.split("（")[0] for h in (heads[0], heads[-1]))
        line = str(ws["A2"].value)
        assert line.startswith("培训时间：") and first in line, line
        assert line.split("　")[0].endswith(final.split("月")[1]), line


def _edges(page: Any, orientation: str) -> list[float]:
    key = "x0" if orientation == "v" else "top"
    return sorted({round(e[key], 1) for e in page.edges if e["orientation"] == orientation})


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_printed_through_libreoffice(ten_days: tuple[Year, bytes], tmp_path: Path) -> None:
    pdfplumber = pytest.importorskip("pdfplumber")
    _year, data = ten_days
    source = tmp_path / "签到表.xlsx"
    source.write_bytes(data)
    conf = tmp_path / "fonts.conf"
    conf.write_text(FONTS_CONF, encoding="utf-8")
    env = {**os.environ, "FONTCONFIG_FILE": str(conf)}
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [
            *("soffice", f"-env:UserInstallation={profile}", "--headless"),
            *("--convert-to", "pdf", "--outdir", str(tmp_path), str(source)),
        ],
        check=True,
        capture_output=True,
        timeout=180,
        env=env,
    )
    with pdfplumber.open(tmp_path / "签到表.pdf") as pdf:
        assert len(pdf.pages) == 2  # one page per five days (12 people fit one page high)
        for page in pdf.pages:
            assert round(page.width / MM) == 297 and round(page.height / MM) == 210
            body = [c for c in page.chars if c["text"] in "上午下"]
            assert body and min(c["size"] for c in body) >= 10.9  # 11 pt as written: no shrinking
            text = page.extract_text()
            heads = re.findall(r"\d+月\d+日（星期.）", text)
            assert len(heads) == 5  # each date header whole, on one line
            xs = _edges(page, "v")
            gaps = [(b - a) / MM for a, b in itertools.pairwise(xs)]
            boxes = gaps[3:-1]
            assert len(boxes) == 10 and min(boxes) >= 20, gaps
            ys = _edges(page, "h")
            rows = [b - a for a, b in itertools.pairwise(ys)][3:]
            assert rows and min(rows) >= 27.5, rows
