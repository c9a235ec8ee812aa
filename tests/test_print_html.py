"""Print polish of the build's HTML pages, printed to PDF by Chromium headless (WeasyPrint when
there is no Chromium) and measured with pdfplumber: the year calendar prints six whole months
to an A4 landscape page and tells classes apart by letters, not colour; ``index.html`` prints
on A4 and shows the dates the year model scheduled, not the plan's raw ``when``."""

from __future__ import annotations

import calendar as stdcal
import re
import shutil
import subprocess
import unicodedata
from collections import Counter
from html import escape
from pathlib import Path
from typing import Any

import pytest

from cadretrain.core.diagnostics import Sink
from cadretrain.documents.build import build_plan
from cadretrain.documents.calendar_text import schedule_text
from cadretrain.documents.year_html import HALVES, class_key
from cadretrain.year.model import Year
from cadretrain.year.pipeline import load_year
from tests.conftest import ROOT

PLAN = ROOT / "plans" / "2013-county.yaml"
MM = 72 / 25.4
pdfplumber = pytest.importorskip("pdfplumber")


@pytest.fixture(scope="module")
def year() -> Year:
    loaded = load_year(PLAN, Sink(), checks=False)
    assert loaded is not None
    return loaded


@pytest.fixture(scope="module")
def built(year: Year, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build")
    assert not build_plan(year, out).failed
    return out


def print_pdf(page: Path, tmp: Path) -> Path:
    """``page`` printed to PDF as a browser prints it."""
    pdf = tmp / (page.stem + ".pdf")
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser:
        subprocess.run(
            [
                *(browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer"),
                f"--user-data-dir={tmp / 'chromium-profile'}",
                f"--print-to-pdf={pdf}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        return pdf
    try:
        from cadretrain.files.pdf import html_to_pdf

        pdf.write_bytes(html_to_pdf(page.read_text(encoding="utf-8")))
    except Exception as exc:  # neither Chromium nor WeasyPrint's system libraries
        pytest.skip(f"no way to print HTML here: {exc}")
    return pdf


def words(page: Any) -> list[str]:
    """The page's words, CJK radicals folded back (fonts map 月 to ⽉)."""
    return [unicodedata.normalize("NFKC", w["text"]) for w in page.extract_words(x_tolerance=1)]


def test_calendar_prints_whole_months_per_a4_page(year: Year, built: Path, tmp_path: Path) -> None:
    pdf_path = print_pdf(built / "日历.html", tmp_path)
    with pdfplumber.open(pdf_path) as pdf:
        assert len(pdf.pages) >= len(HALVES) + 1  # the legend follows the months
        for page in pdf.pages:
            assert round(page.width / MM) == 297 and round(page.height / MM) == 210
        for page, months in zip(pdf.pages, HALVES, strict=False):
            got = words(page)
            text = unicodedata.normalize("NFKC", page.extract_text())
            captions = [int(m) for m in re.findall(r"(?<![\d年])(\d{1,2})月", text)]
            assert captions == list(months)  # each month of this half, none of another
            days = [w for w in got if w.isdigit() and 1 <= int(w) <= 31]
            # every day of these months on this page, so no month is split over two pages
            assert len(days) == sum(stdcal.monthrange(year.plan.year, m)[1] for m in months)
        legend = unicodedata.normalize("NFKC", "".join(p.extract_text() for p in pdf.pages[2:]))
        assert "图例" in legend


def test_calendar_tells_classes_apart_by_letters(year: Year, built: Path, tmp_path: Path) -> None:
    pdf_path = print_pdf(built / "日历.html", tmp_path)
    with pdfplumber.open(pdf_path) as pdf:
        marks = Counter(w for page in pdf.pages[: len(HALVES)] for w in words(page))
        legend = Counter(w for page in pdf.pages[len(HALVES) :] for w in words(page))
    html = (built / "日历.html").read_text(encoding="utf-8")
    for i, cls in enumerate(year.plan.classes):
        key = class_key(i)
        slots = year.schedule(cls).slots
        exact = sum(len(s.days) for s in slots if not s.possible)
        maybe = sum(len(s.days) for s in slots if s.possible)
        assert marks[key] == exact, (key, cls.label)
        assert marks[f"{key}?"] == maybe, (key, cls.label)
        assert legend[key] == 1  # the legend names each letter once …
        row = (
            f">{key}</span></td><td>{escape(cls.label)}</td><td>{escape(schedule_text(year, cls))}<"
        )
        assert row in html  # … with its class and the scheduled dates
    assert [class_key(n) for n in (0, 25, 26, 27)] == ["A", "Z", "AA", "AB"]


def test_index_prints_on_a4_with_the_scheduled_dates(
    year: Year, built: Path, tmp_path: Path
) -> None:
    html = (built / "index.html").read_text(encoding="utf-8")
    assert "@page{size:A4" in html
    pdf_path = print_pdf(built / "index.html", tmp_path)
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            assert round(page.width / MM) == 210 and round(page.height / MM) == 297
        text = unicodedata.normalize("NFKC", "".join(p.extract_text() for p in pdf.pages))
    assert "培训日期(排定)" in text.replace(" ", "")
    for cls in year.plan.classes:  # each class's row: its dates as the year model scheduled them
        row = f"<td>{escape(cls.name)}</td><td>{escape(schedule_text(year, cls))}</td>"
        assert row in html, cls.label
    raw = [c.when.text for c in year.plan.classes if c.when and "---" in c.when.text]
    assert raw and not any(escape(r) in html for r in raw)  # not the plan's own words
