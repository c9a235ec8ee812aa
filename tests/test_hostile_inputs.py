"""Whatever a user points cadretrain at is read safely: regular files only, counted bytes,
paths from plans checked, absurd workbooks never handed to calamine, infinite numbers in
score and rating sheets reported. Commands run in subprocesses with a timeout, so a reader
that hangs or aborts the process fails the test instead of stopping the run."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from cadretrain.core.diagnostics import Severity, Sink
from cadretrain.files import workbook_read, xlsx_scan
from cadretrain.files.paths import check_user_path
from cadretrain.files.safe_read import SPECIAL, TOO_BIG, Unreadable, read_limited
from cadretrain.files.tabular import cell_text, read_tables
from cadretrain.plan.loader import load_plan
from cadretrain.plan.model import Plan
from tests.conftest import ROOT, codes

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
needs_dev_zero = pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")

PLAN = """\
plan: {{title: 测试计划, year: 2013, register: {register}}}
units_file: {units_file}
units:
  - {{id: a, name: 甲单位}}
classes:
  - {{id: c1, name: 测试班, planned: 10, when: 2013年3月4日—8日}}
"""


def cli(
    *args: object, cwd: Path = ROOT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cadretrain", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
        env={**os.environ, **(env or {})},
    )


def fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


# ---- the safe reader -------------------------------------------------------------------


def test_read_limited_counts_bytes_and_refuses_special_files(tmp_path: Path) -> None:
    small = tmp_path / "a.txt"
    small.write_bytes(b"x" * 100)
    assert read_limited(small, 100) == b"x" * 100
    with pytest.raises(Unreadable) as big:
        read_limited(small, 99)
    assert big.value.kind == TOO_BIG and str(small) in big.value.message
    with pytest.raises(Unreadable) as folder:
        read_limited(tmp_path, 10, "计划文件")
    assert "是文件夹" in folder.value.message


@needs_fifo
def test_a_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    pipe = fifo(tmp_path / "p.xlsx")
    with pytest.raises(Unreadable) as err:  # opened non-blocking: no writer needed to return
        read_limited(pipe, 10)
    assert err.value.kind == SPECIAL and "命名管道" in err.value.message


@needs_dev_zero
def test_a_device_is_refused_not_read_without_end() -> None:
    sink = Sink()
    assert read_tables("/dev/zero", sink, "CT401") is None
    assert codes(sink.items) == ["CT401"]
    assert "/dev/zero" in sink.items[0].message and "设备文件" in sink.items[0].message


def test_check_user_path() -> None:
    assert check_user_path("../examples/register-2013.csv") is None
    assert check_user_path("名册.xlsx") is None
    assert "空字符" in (check_user_path("名册\0.xlsx") or "")
    assert "空的" in (check_user_path("  ") or "")
    assert "控制字符" in (check_user_path("名\n册.xlsx") or "")
    assert "太长" in (check_user_path("a" * 2000) or "")
    assert "太长" in (check_user_path("名" * 100 + ".xlsx") or "")  # 300 bytes in one name
    assert check_user_path("\ud800.xlsx") is not None


# ---- the plan and the files it names ---------------------------------------------------


@needs_fifo
def test_a_plan_that_is_a_pipe_is_refused_with_its_path(tmp_path: Path) -> None:
    pipe = fifo(tmp_path / "plan.yaml")
    run = cli("validate", pipe)
    assert run.returncode == 2, run.stderr
    assert f"{pipe}: 错误 [CT001] " in run.stdout and "命名管道" in run.stdout


@needs_dev_zero
def test_a_plan_that_is_a_device_is_refused() -> None:
    run = cli("validate", "/dev/zero")
    assert run.returncode == 2 and "[CT001]" in run.stdout and "设备文件" in run.stdout


def test_nul_in_plan_paths_is_a_diagnostic_at_its_place(tmp_path: Path) -> None:
    plan = tmp_path / "p.yaml"
    plan.write_text(
        PLAN.format(register='"名册\\0.xlsx"', units_file='"单位\\0.yaml"'), encoding="utf-8"
    )
    run = cli("validate", plan)
    assert run.returncode == 2, run.stderr  # CT001: the units file cannot be read
    # the escape is reported where it is written (CT122) and read as U+FFFD, so the path names
    # no file: never a ValueError from a NUL in a path
    for line, col, text in ((1, 46, "名册"), (2, 16, "单位")):
        assert f"{plan}:{line}:{col}: 错误 [CT122] 文字“{text}\\x00" in run.stdout, run.stdout
    assert re.search(r"错误 \[CT001\] 找不到文件 \S*单位\ufffd\.yaml", run.stdout), run.stdout
    quota = cli("quota", plan, "-c", "c1")
    assert "Traceback" not in quota.stderr
    assert re.search(r"错误 \[CT401\] 找不到文件 \S*名册\ufffd\.xlsx", quota.stdout + quota.stderr)


@needs_dev_zero
def test_a_device_as_units_file_or_register_is_refused(tmp_path: Path) -> None:
    plan = tmp_path / "p.yaml"
    plan.write_text(PLAN.format(register="/dev/zero", units_file="/dev/zero"), encoding="utf-8")
    run = cli("validate", plan)
    assert run.returncode == 2 and "/dev/zero: 错误 [CT001] /dev/zero 是设备文件" in run.stdout
    run = cli("quota", plan, "-c", "c1")
    out = run.stdout + run.stderr
    assert run.returncode == 1 and "Traceback" not in out
    assert "/dev/zero: 错误 [CT401] /dev/zero 是设备文件" in out


@needs_fifo
def test_a_pipe_named_on_the_command_line_is_refused_before_any_work(tmp_path: Path) -> None:
    pipe = fifo(tmp_path / "名册.xlsx")
    run = cli("quota", "plans/2013-county.yaml", "-c", "rotation-18th", "--register", pipe)
    assert run.returncode == 2
    assert f"错误：{pipe} 是命名管道（FIFO），不是普通文件，未读取" in run.stderr
    run = cli("collect", "plans/2013-county.yaml", "-c", "rotation-18th", pipe)
    assert run.returncode == 2 and str(pipe) in run.stderr


@pytest.fixture
def copied(tmp_path: Path) -> Plan:
    """The bundled plans folder copied, records and all."""
    shutil.copytree(ROOT / "plans", tmp_path / "plans")
    plan = load_plan(tmp_path / "plans" / "2013-county.yaml", Sink())
    assert plan is not None
    return plan


@needs_fifo
def test_a_pipe_inside_a_records_folder_is_a_diagnostic_and_the_rest_is_read(
    copied: Plan,
) -> None:
    from cadretrain.records.folder import attendance_dir, ratings_dir, satisfaction_rates

    pipe = fifo(ratings_dir(copied) / "管道.xlsx")
    sink = Sink()
    assert set(satisfaction_rates(copied, sink)) == {"women-leaders", "youth-league"}
    assert codes(sink.items) == ["CT901"] and str(pipe) in sink.items[0].message
    fifo(attendance_dir(copied, "women-leaders") / "管道.xlsx")
    run = cli(
        "report",
        Path(copied.file).parent,
        "-y",
        2013,
        "-o",
        Path(copied.file).parent.parent / "out",
    )
    assert "Traceback" not in run.stderr and "管道.xlsx" in run.stdout + run.stderr
    assert (Path(copied.file).parent.parent / "out" / "2013年培训工作统计.html").is_file()


# ---- workbooks: calamine only where it is safe, both readers alike ---------------------


def sheet_xml(cells: str) -> bytes:
    return (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="A1:B2"/><sheetData>{cells}</sheetData></worksheet>'
    ).encode()


def test_dense_cells_reads_the_real_references_not_the_dimension() -> None:
    small = sheet_xml('<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row>')
    assert xlsx_scan.dense_cells(small) == 104 * 9_999  # no cell beyond CZ9999: one pass
    assert xlsx_scan.dense_cells(sheet_xml("")) == 0
    wide = sheet_xml('<row r="1"><c r="A1"><v>1</v></c><c r="DA20000"><v>2</v></c></row>')
    assert xlsx_scan.dense_cells(wide) == 105 * 20_000  # counted exactly
    far = sheet_xml(
        '<row r="1"><c r="A1"><v>1</v></c></row>'
        '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    )
    assert xlsx_scan.dense_cells(far) == 1_048_576 * 16_384
    unnamed = sheet_xml('<row r="1"><c><v>1</v></c><c><v>2</v></c></row>')
    assert xlsx_scan.dense_cells(unnamed) is None  # positions counted: not vouched for
    prefixed = sheet_xml('<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row>')
    assert xlsx_scan.dense_cells(prefixed) is None


def patch_zip(source: Path, target: Path, part: str, edit: object) -> Path:
    """Copy an xlsx, rewriting one part with ``edit`` (bytes -> bytes)."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == part:
                data = edit(data)  # type: ignore[operator]
            dst.writestr(info.filename, data)
    return target


def absurd_workbook(tmp_path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "名册"
    ws.append(["姓名", "单位"])
    ws.append(["张三", "甲单位"])
    ws["XFD1048576"] = "远处"
    path = tmp_path / "absurd.xlsx"
    wb.save(path)
    return path


READ = """
import sys
from cadretrain.core.diagnostics import Sink
from cadretrain.files.tabular import cell_text, read_tables
sink = Sink()
tables = read_tables(sys.argv[1], sink, "CT401")
for t in tables or []:
    for line, row in t.rows:
        print(t.name, line, len(row), [cell_text(c) for c in row[:3]])
for d in sink.items:
    print(d.code, d.message)
"""


@pytest.mark.parametrize("reader", ["", "openpyxl"])
def test_an_absurd_used_range_is_read_by_its_real_cells(tmp_path: Path, reader: str) -> None:
    path = absurd_workbook(tmp_path)
    assert not xlsx_scan.calamine_safe(path.read_bytes())
    run = subprocess.run(
        [sys.executable, "-c", READ, str(path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
        cwd=ROOT,
        env={**os.environ, workbook_read.READER_ENV: reader},
    )
    assert run.returncode == 0, run.stderr[-2000:]  # calamine would abort the process
    assert run.stdout.splitlines() == [
        "名册 1 2 ['姓名', '单位']",
        "名册 2 2 ['张三', '甲单位']",
        "名册 1048576 16384 ['', '', '']",
    ]


def test_a_lying_dimension_does_not_matter(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["姓名", "单位"])
    ws.append(["张三", "甲单位"])
    plain = tmp_path / "plain.xlsx"
    wb.save(plain)
    lying = patch_zip(
        plain,
        tmp_path / "lying.xlsx",
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', xml),
    )
    assert xlsx_scan.calamine_safe(lying.read_bytes())  # the cells are few: calamine reads
    tables = read_tables(lying, Sink(), "CT401")
    assert tables is not None
    assert [[cell_text(c) for c in row] for _, row in tables[0].rows] == [
        ["姓名", "单位"],
        ["张三", "甲单位"],
    ]


def workbook_of_every_kind(path: Path) -> Path:
    from datetime import date, datetime

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "数据"
    ws["C3"] = "从第3行C列开始"
    ws.append([None, None, "文字", 42, 3.5, 1975.10, True, date(2013, 3, 4)])
    ws.append([None, None, "  前后空格  ", -7, 0.1 + 0.2, 1e20, False, datetime(2013, 3, 4, 8, 30)])
    ws.append([])
    ws.append([None, None, "=1+1", "", None, "末列"])  # a formula (no cached value)
    ws.merge_cells("C8:E8")
    ws["C8"] = "合并"
    second = wb.create_sheet("第二张")
    second.append(["只有一格"])
    wb.create_sheet("空表")
    wb.save(path)
    return path


def texts(tables: list[object] | None) -> list[tuple[str, list[tuple[int, list[str]]]]]:
    out = []
    for t in tables or []:
        rows = []
        for line, row in t.rows:  # type: ignore[attr-defined]
            shown = [cell_text(c) for c in row]
            while shown and not shown[-1]:
                shown.pop()
            rows.append((line, shown))
        out.append((t.name, rows))  # type: ignore[attr-defined]
    return out


def test_calamine_and_the_openpyxl_fallback_read_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = workbook_of_every_kind(tmp_path / "k.xlsx")
    assert workbook_read.calamine() is not None, "python-calamine is a runtime dependency"
    assert xlsx_scan.calamine_safe(path.read_bytes())
    by_calamine = texts(read_tables(path, Sink(), "CT401"))
    monkeypatch.setenv(workbook_read.READER_ENV, "openpyxl")
    assert workbook_read.calamine() is None
    by_openpyxl = texts(read_tables(path, Sink(), "CT401"))
    assert by_calamine == by_openpyxl
    assert by_calamine[0][1][0] == (3, ["", "", "从第3行C列开始"])
    assert [name for name, _ in by_calamine] == ["数据", "第二张", "空表"]


def test_a_sheet_with_an_error_cell_is_read_by_openpyxl(tmp_path: Path) -> None:
    """calamine reads an error cell (#N/A) as blank, openpyxl as its text: such a workbook
    goes to openpyxl, so that a score of #DIV/0! is reported, whichever reader is installed."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["姓名", "#N/A", "#DIV/0!"])  # openpyxl writes these as error cells (t="e")
    path = tmp_path / "e.xlsx"
    wb.save(path)
    assert not xlsx_scan.calamine_safe(path.read_bytes())
    assert texts(read_tables(path, Sink(), "CT401")) == [
        ("Sheet", [(1, ["姓名", "#N/A", "#DIV/0!"])])
    ]


# ---- infinite and NaN numbers in score and rating sheets -------------------------------


def with_values(source: Path, target: Path, values: dict[str, bytes]) -> Path:
    """An xlsx whose numeric cells holding the keys (as written by openpyxl) hold raw values
    instead, such as ``1e999`` (read as infinity) or ``NaN``."""

    def edit(xml: bytes) -> bytes:
        for old, new in values.items():
            xml = xml.replace(f"<v>{old}</v>".encode(), b"<v>" + new + b"</v>")
        return xml

    with zipfile.ZipFile(source) as zf:
        sheet = next(n for n in zf.namelist() if n.startswith("xl/worksheets/sheet"))
    return patch_zip(source, target, sheet, edit)


@pytest.mark.parametrize("reader", ["", "openpyxl"])
def test_infinite_and_nan_scores_are_diagnostics_naming_the_cell(
    copied: Plan, reader: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from cadretrain.enroll.enrollment import enrollment_path, load_enrollment
    from cadretrain.plan.lookup import find_class
    from cadretrain.records.assessment_read import read_scores
    from cadretrain.records.folder import scores_path

    monkeypatch.setenv(workbook_read.READER_ENV, reader)
    path = scores_path(copied, "women-leaders")
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    assert ws.cell(row=3, column=4).value == "学习态度"  # the header row, the first score
    first = ws.cell(row=4, column=4)
    ws.cell(row=first.row, column=first.column, value=12345.678)
    ws.cell(row=first.row + 1, column=first.column, value=23456.789)
    plain = tmp_path / "plain.xlsx"
    wb.save(plain)
    with_values(plain, path, {"12345.678": b"1e999", "23456.789": b"-1e999"})
    cls = find_class(copied, "women-leaders")
    enrollment = load_enrollment(enrollment_path(copied, cls.id), Sink())
    assert enrollment is not None
    sink = Sink()
    read_scores(copied, cls, enrollment, path, sink)
    bad = [d for d in sink.items if d.code == "CT902" and d.pos.col == first.column]
    assert [d.pos.line for d in bad] == [first.row, first.row + 1]
    assert "D4" in bad[0].message and "“inf”" in bad[0].message
    assert "D5" in bad[1].message and "“-inf”" in bad[1].message
    run = cli("report", Path(copied.file).parent, "-y", 2013, "-o", tmp_path / "out")
    assert "Traceback" not in run.stderr and "CT902" in run.stdout + run.stderr


def test_infinite_rating_counts_are_diagnostics(copied: Plan, tmp_path: Path) -> None:
    from cadretrain.records.folder import ratings_dir
    from cadretrain.records.satisfaction_read import _count, read_ratings

    assert _count(float("inf")) is None and _count(float("nan")) is None
    assert _count(-3.0) is None and _count("9" * 5000) is None and _count(35.0) == 35
    form = next(ratings_dir(copied).glob("youth-league*.xlsx"))
    wb = openpyxl.load_workbook(form)
    ws = next(w for w in wb.worksheets if w.title != "_cadretrain")
    assert ws.cell(row=3, column=4).value == "很满意"  # the header row, the first count
    first = ws.cell(row=4, column=4)
    ws.cell(row=first.row, column=first.column, value=12345.678)
    plain = tmp_path / "plain.xlsx"
    wb.save(plain)
    broken = with_values(plain, tmp_path / "broken.xlsx", {"12345.678": b"-1e999"})
    sink = Sink()
    assert read_ratings(copied, broken, sink) is not None
    bad = [d for d in sink.items if d.code == "CT902"]
    assert len(bad) == 1 and (bad[0].pos.line, bad[0].pos.col) == (first.row, first.column)
    assert bad[0].severity is Severity.ERROR


def test_score_text_with_a_huge_exponent_is_not_expanded() -> None:
    from cadretrain.records.assessment_read import parse_score

    assert parse_score("1e999999999") == "1e999999999"  # would take ages as a Fraction
    assert parse_score("８５分") == 85 and parse_score("85.5") == parse_score(85.5)
    assert parse_score(float("-inf")) == "-inf" and parse_score(float("nan")) == "nan"


def test_an_oversized_template_is_a_template_problem_not_a_read_without_end(
    copied: Plan, tmp_path: Path
) -> None:
    folder = Path(copied.file).parent / "templates"
    folder.mkdir()
    (folder / "notice.md.j2").write_bytes(b"{# big #}" + b" " * (5 * 1024 * 1024))
    run = cli("notice", copied.file, "-c", "rotation-18th", "-f", "md", "-o", tmp_path / "out")
    assert run.returncode == 1, run.stderr
    assert f"错误：文件 {folder / 'notice.md.j2'} 有 5.0 MB，超过模板文件的上限 5 MB" in run.stderr
    assert "Traceback" not in run.stderr and not (tmp_path / "out").exists()


@needs_fifo
def test_an_enrollment_that_is_a_pipe_is_ct601(copied: Plan) -> None:
    from cadretrain.enroll.enrollment import enrollment_path, load_enrollment

    path = enrollment_path(copied, "rotation-18th")
    path.unlink()
    fifo(path)
    sink = Sink()
    assert load_enrollment(path, sink) is None
    assert codes(sink.items) == ["CT601"] and "命名管道" in sink.items[0].message
    run = cli("roster", copied.file, "-c", "rotation-18th", "-o", Path(copied.file).parent / "o")
    assert run.returncode == 1 and "命名管道" in run.stderr
