"""Every writer survives odd text: C0 control characters (a YAML escape such as "\\x01" puts
them into a plan), DEL, lone surrogates and U+FFFE. Nothing crashes, and nothing written
contains them (openpyxl refuses them in cells; a lone surrogate cannot even be encoded)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from cadretrain.core.diagnostics import Sink
from cadretrain.core.text import encoded, md_escape, printable
from cadretrain.enroll.enrollment import Enrollee, Enrollment, dump_enrollment, load_enrollment
from cadretrain.files.sheet_styles import BODY, add_styles
from cadretrain.files.xlsx import new_streaming_workbook, new_workbook, put, to_bytes
from cadretrain.plan.loader import load_plan
from tests.conftest import ROOT

CONTROLS = "".join(chr(i) for i in range(32)) + "\x7f"
ODD = f"甲{CONTROLS}乙\ud800丙\udfff丁\ufffe戊"
BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
YAML_ODD = '"' + "".join(f"\\x{i:02x}" for i in range(32)) + '\\x7f\\ufffe"'  # YAML: no surrogates


def test_printable() -> None:
    assert printable(ODD) == "甲\t\n\r乙\ufffd丙\ufffd丁\ufffd戊"
    plain = "县2013年干部教育培训方案\t（一）\n"
    assert printable(plain) is plain  # nothing to do: the same object
    assert encoded(ODD).decode("utf-8") == printable(ODD)
    assert not BAD.search(md_escape(ODD))


def test_cells_sheet_names_and_properties(tmp_path: Path) -> None:
    wb = new_workbook()
    ws = wb.active
    ws.title = f"表{CONTROLS[:5]}\ud800"
    wb.properties.title = ODD
    put(ws, 1, 1, ODD)
    put(ws, 2, 1, "=" + ODD)  # still text, still guarded
    streaming = new_streaming_workbook()
    add_styles(streaming)
    sheet = streaming.create_sheet(f"流{CONTROLS[:3]}")
    from cadretrain.files.xlsx import stream_cell

    sheet.append([stream_cell(sheet, ODD, BODY)])
    for name, book in (("put", wb), ("stream", streaming)):
        path = tmp_path / f"{name}.xlsx"
        path.write_bytes(to_bytes(book))
        back = openpyxl.load_workbook(path)
        for each in back.worksheets:
            assert not BAD.search(each.title)
            for row in each.iter_rows(values_only=True):
                for value in row:
                    assert not (isinstance(value, str) and BAD.search(value)), value
        # XML reads a carriage return back as a line feed
        assert back.worksheets[0]["A1"].value == printable(ODD).replace("\r", "\n")
        assert not BAD.search(back.properties.title or "")


def test_the_enrollment_yaml(tmp_path: Path) -> None:
    plan = load_plan(ROOT / "plans" / "2013-county.yaml", Sink())
    assert plan is not None
    plan.title = f"标题\n第二行{CONTROLS}"
    people = [Enrollee(name=ODD, unit="chengguan", post=f"职务{CONTROLS}", session=1)]
    text = dump_enrollment(Enrollment("rotation-18th", people, ""), plan)
    path = tmp_path / "rotation-18th.yaml"
    path.write_bytes(encoded(text))
    assert text.splitlines()[0].startswith("# 标题 第二行")  # one comment line
    sink = Sink()
    back = load_enrollment(path, sink)
    assert sink.items == [] and back is not None
    assert back.people[0].name == printable(ODD)
    assert not BAD.search(path.read_text(encoding="utf-8"))


def test_ics_and_markdown() -> None:
    from cadretrain.documents.ics import escape_text, fold

    line = fold(f"SUMMARY:{escape_text(ODD)}")
    assert not BAD.search(line) and line.encode("utf-8")


@pytest.fixture(scope="module")
def odd_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled plan with control characters in its title, organizer and a class name."""
    root = tmp_path_factory.mktemp("odd")
    shutil.copytree(ROOT / "plans", root / "plans")
    shutil.copytree(ROOT / "examples", root / "examples")
    plan = root / "plans" / "2013-county.yaml"
    text = plan.read_text(encoding="utf-8")
    for old, new in (
        (
            "  title: 县2013年干部教育培训方案",
            f"  title: {YAML_ODD.replace(chr(34), chr(34) + '县', 1)}",
        ),
        ("  organizer: 中共县委组织部", f"  organizer: {YAML_ODD}"),
        (
            "    name: 全县乡科级领导干部学习十八大精神轮训班",
            f"    name: {YAML_ODD.replace(chr(34), chr(34) + '十八大', 1)}",
        ),
    ):
        assert old in text
        text = text.replace(old, new, 1)
    plan.write_text(text, encoding="utf-8")
    return plan


def test_build_writes_every_file_of_an_odd_plan(odd_plan: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run = subprocess.run(
        [sys.executable, "-m", "cadretrain", "build", odd_plan, "-o", out, "--ignore-errors"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    checked = 0
    for path in sorted(out.rglob("*")):
        if path.suffix in (".html", ".md"):
            assert not BAD.search(path.read_text(encoding="utf-8")), path
            checked += 1
        elif path.suffix == ".xlsx":
            book = openpyxl.load_workbook(path, read_only=True)
            for ws in book.worksheets:
                assert not BAD.search(ws.title), path
                for row in ws.iter_rows(values_only=True):
                    assert not any(isinstance(v, str) and BAD.search(v) for v in row), path
            book.close()
            checked += 1
    assert checked > 300


def test_notice_ics_and_pdf_of_an_odd_plan(odd_plan: Path, tmp_path: Path) -> None:
    from cadretrain.documents.ics import ics_text
    from cadretrain.documents.notice import render_notice
    from cadretrain.plan.lookup import find_class
    from cadretrain.year.pipeline import load_year

    year = load_year(odd_plan, Sink(), checks=False)
    assert year is not None
    cls = find_class(year.plan, "rotation-18th")
    for fmt in ("html", "md"):
        text = render_notice(year, cls, fmt)
        assert isinstance(text, str) and not BAD.search(encoded(text).decode("utf-8"))
    assert not BAD.search(encoded(ics_text([year])).decode("utf-8"))
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as exc:
        pytest.skip(f"PDF needs WeasyPrint and Pango: {exc}")
    from cadretrain.files.pdf import html_to_pdf

    pdf = html_to_pdf(f"<html><body><p>{ODD}</p></body></html>")
    assert pdf.startswith(b"%PDF")
