"""结业证书: who gets one and their 学时 agree with the 结业名单 and the archive; the PDF measured
with pdfplumber, the .docx read back with python-docx and converted with LibreOffice; numbers
stable, unique and free of ID numbers; the command's files and exit codes."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import openpyxl
import pytest

from cadretrain.cli.records_steps import run_scores
from cadretrain.core.diagnostics import Sink
from cadretrain.records.archive import archive_records
from cadretrain.records.certificates import (
    SIZES,
    Certificate,
    certificates_bytes,
    year_certificates,
)
from cadretrain.records.folder import attended_half_days, scores_path
from cadretrain.year.model import Year
from cadretrain.year.pipeline import load_year
from tests.conftest import BUNDLED_PLAN, ROOT, bundled_year

PLAN = BUNDLED_PLAN
CLASS = "women-leaders"
MM = 72 / 25.4
ID_LIKE = re.compile(r"\d{17}[\dXx]|\d{15}")
NUMBER = re.compile(r"^2013-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{6}$")


@pytest.fixture(scope="module")
def year() -> Year:
    return bundled_year()


@pytest.fixture(scope="module")
def certs(year: Year) -> list[Certificate]:
    found = year_certificates(year, Sink())
    assert [cls.id for cls, _ in found] == [CLASS]  # the one class with a score sheet
    return found[0][1]


def test_completers_are_those_of_the_completion_list(
    year: Year, certs: list[Certificate], tmp_path: Path
) -> None:
    run_scores(year, CLASS, scores_path(year.plan, CLASS), tmp_path)
    ws = openpyxl.load_workbook(tmp_path / f"{CLASS}-结业名单.xlsx").active
    heads = [ws.cell(3, c).value for c in range(1, ws.max_column + 1)]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=4)]
    done = [r[heads.index("姓名")] for r in rows if r[heads.index("结业")] == "结业"]
    left = [r[heads.index("姓名")] for r in rows if r[heads.index("结业")] != "结业"]
    assert done and left  # the bundled records have both
    assert Counter(c.name for c in certs) == Counter(done)
    assert not {c.name for c in certs} & (set(left) - set(done))
    assert {c.grade for c in certs} <= {"优秀", "合格"}


def test_hours_are_the_ledgers_as_in_the_archive(year: Year, certs: list[Certificate]) -> None:
    attended, notes = attended_half_days([year], Sink())
    records = archive_records([year], Sink(), attended=attended, notes=notes)
    hours = Counter(
        (r.name, line.hours) for r in records for line in r.lines if line.class_id == CLASS
    )
    got = Counter((c.name, c.hours) for c in certs)
    assert got <= hours
    assert all(c.hours > 0 for c in certs)


def test_numbers_are_stable_unique_and_not_from_id_numbers(
    year: Year, certs: list[Certificate]
) -> None:
    again = year_certificates(load_year(PLAN, checks=False) or year, Sink())[0][1]
    assert [c.number for c in again] == [c.number for c in certs]
    assert len({c.number for c in certs}) == len(certs)
    assert all(NUMBER.match(c.number) for c in certs)
    ids = [p.id_number for p in year.enrollments()[CLASS].people if p.id_number]
    assert ids
    joined = " ".join(c.number for c in certs)
    assert not any(i[-6:] in joined.replace("-", "") for i in ids)


def test_pdf_pages_measured(certs: list[Certificate]) -> None:
    pdfplumber = pytest.importorskip("pdfplumber")
    chosen = certs[:4]
    for size, (w, h) in (("A4", (297, 210)), ("A5", (210, 148))):
        try:
            data = certificates_bytes(chosen, size, "pdf")
        except Exception as exc:  # no WeasyPrint system libraries
            pytest.skip(f"PDF engine unavailable: {exc}")
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            assert len(pdf.pages) == len(chosen)  # one page each, nothing spills over
            for page, cert in zip(pdf.pages, chosen, strict=True):
                assert abs(page.width - w * MM) < 1 and abs(page.height - h * MM) < 1
                text = re.sub(r"\s", "", page.extract_text())
                assert f"{cert.name}同志：" in text and cert.number in text
                assert f"共计{cert.hours.normalize():f}学时" in text and "准予结业" in text
                assert cert.issuer in text and cert.issued in text
                assert not ID_LIKE.search(text)
                inset = SIZES[size].margin_mm / 2 * MM  # inside the frame
                chars = page.chars
                assert min(c["x0"] for c in chars) > inset
                assert max(c["x1"] for c in chars) < page.width - inset
                assert min(c["top"] for c in chars) > inset
                assert max(c["bottom"] for c in chars) < page.height - inset
                title = [c for c in chars if c["text"] in "结业证书"][:4]
                assert max(c["size"] for c in title) == pytest.approx(SIZES[size].title_pt, 0.05)
                body = [c for c in chars if c["text"] == "特"]
                assert body and body[0]["size"] == pytest.approx(SIZES[size].body_pt, 0.05)


def test_docx_read_back(certs: list[Certificate]) -> None:
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    from docx.shared import Mm

    data = certificates_bytes(certs, "A5", "docx")
    assert data == certificates_bytes(certs, "A5", "docx")  # byte-identical runs
    doc = docx.Document(io.BytesIO(data))
    (section,) = doc.sections
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert abs(section.page_width - Mm(210)) < Mm(0.1)
    assert abs(section.page_height - Mm(148)) < Mm(0.1)
    assert section._sectPr.find(qn("w:pgBorders")) is not None
    paras = doc.paragraphs
    titles = [p for p in paras if p.text == "结业证书"]
    assert len(titles) == len(certs)
    assert sum(1 for p in titles if p.paragraph_format.page_break_before) == len(certs) - 1
    text = "\n".join(p.text for p in paras)
    for cert in certs:
        assert f"{cert.name}同志：" in text and f"证书编号：{cert.number}" in text
    assert not ID_LIKE.search(text)
    fonts = {r._element.rPr.rFonts.get(qn("w:eastAsia")) for p in paras for r in p.runs if r.text}
    assert fonts == {"方正小标宋简体", "仿宋_GB2312"}
    # run properties in the schema's order (Word drops or refuses what is out of it): the
    # title's character spacing before its size
    order = ["rFonts", "b", "spacing", "sz", "szCs"]  # CT_RPr: … spacing … sz szCs
    for p in titles[:1]:
        tags = [el.tag.rsplit("}", 1)[-1] for el in p.runs[0]._element.rPr]
        assert "spacing" in tags
        assert tags == sorted(tags, key=order.index), tags


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_docx_converts_to_one_page_each(certs: list[Certificate], tmp_path: Path) -> None:
    pdfplumber = pytest.importorskip("pdfplumber")
    chosen = certs[:3]
    source = tmp_path / "c.docx"
    source.write_bytes(certificates_bytes(chosen, "A4", "docx"))
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [
            *("soffice", f"-env:UserInstallation={profile}", "--headless"),
            *("--convert-to", "pdf", "--outdir", str(tmp_path), str(source)),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    with pdfplumber.open(tmp_path / "c.pdf") as pdf:
        assert len(pdf.pages) == len(chosen)
        for page, cert in zip(pdf.pages, chosen, strict=True):
            assert abs(page.width - 297 * MM) < 1 and abs(page.height - 210 * MM) < 1
            assert cert.number in re.sub(r"\s", "", page.extract_text())


def _cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cadretrain", "certificates", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )


def test_command_writes_files_and_exit_codes(tmp_path: Path) -> None:
    out = tmp_path / "out"
    plan = str(PLAN)
    first = _cli(plan, "--format", "docx", "--size", "A5", "-o", str(out))
    assert first.returncode == 1, first.stderr  # CT902/CT903 in the bundled score sheet
    assert "CT902" in first.stdout + first.stderr and "结业 110 人" in first.stdout
    target = out / f"{CLASS}-结业证书-A5.docx"
    before = target.read_bytes()
    again = _cli(plan, "-c", "妇女干部班", "-f", "docx", "--size", "A5", "-o", str(out))
    assert again.returncode == 1 and target.read_bytes() == before
    missing = _cli(plan, "--class", "rotation-18th", "-f", "docx", "-o", str(out))
    assert missing.returncode == 1 and "records/scores/rotation-18th.xlsx" in missing.stderr
    assert _cli(plan, "--class", "没有这个班", "-o", str(out)).returncode == 2
    assert _cli(plan, "--size", "A3", "-o", str(out)).returncode == 2
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [target.name]


def test_collisions_are_resolved_in_a_stable_way() -> None:
    from cadretrain.records.certificate_numbers import code, unique_codes

    inputs = [f"2013|c|人{n}|单位" for n in range(200)]
    plain = [code(t, 2) for t in inputs]
    assert len(set(plain)) < len(plain)  # 200 inputs in 1,024 codes: collisions happen
    got = unique_codes(inputs, 2)
    assert len(set(got.values())) == len(inputs)
    assert unique_codes(reversed(inputs), 2) == got  # the order given does not matter
    first = sorted(inputs)[0]
    assert got[first] == code(first, 2)  # the first in sorted order keeps its own code
    with pytest.raises(ValueError):
        unique_codes([str(n) for n in range(33)], 1)


def test_same_name_and_unit_in_one_class_differ() -> None:
    from cadretrain.records.certificate_numbers import certificate_numbers

    people = [("张伟", "城关镇", "110105194912310021"), ("张伟", "城关镇", "110105194912310013")]
    a = certificate_numbers(2013, "c", "ABCD", people)
    b = certificate_numbers(2013, "c", "ABCD", people[::-1])
    assert len(set(a)) == 2 and a == b[::-1]
    moved = certificate_numbers(2014, "c", "ABCD", people[:1])  # another year, another number
    assert moved[0].startswith("2014-ABCD-")
    assert moved[0].split("-")[2] not in {n.split("-")[2] for n in a}
