"""``cadretrain import``: a plan from the class table an office keeps (xlsx, csv, docx).

The bundled example table ``examples/import/县2013年培训班次表.xlsx`` and the plan imported from
it are regenerated with ``python -m tests.test_import --update``.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl

from cadretrain.core.diagnostics import Sink
from cadretrain.files.docx_table import read_docx_tables
from cadretrain.files.tabular import read_tables
from cadretrain.plan.table_import import header_field, import_table
from cadretrain.year.validate import validate_file
from tests.conftest import ROOT

EXAMPLE = ROOT / "examples" / "import" / "县2013年培训班次表.xlsx"
EXAMPLE_PLAN = EXAMPLE.with_suffix(".yaml")

HEADER = ["序号", "培训班名称", "参训人员", "规模", "举办时间", "时长", "培训地点", "承办单位"]
HEADER += ["经费（万元）", "备注"]
ROWS: list[list[object]] = [
    ["县2013年干部教育培训班次安排表"],
    ["中共县委组织部"],
    ["2013年2月19日"],
    HEADER,
    ["上半年"],
    [
        1,
        "全县乡科级领导干部\n学习十八大精神轮训班",
        "全县乡科级领导干部",
        "900人，分三期",
        "2013年3月13日---23日",
        "每期3天",
        "县委党校",
        "县委组织部",
        6,
        "",
    ],
    [
        2,
        "春期中青年干部理论培训班",
        "全县优秀中青年干部",
        45,
        "2013年5月13日--7月13日",
        "2个月",
        "县委党校",
        "县委党校",
        4.5,
        "其中安排10天时间调研",
    ],
    [
        3,
        "全县妇女领导干部培训班",
        "全县副科级以上女干部",
        "118人",
        "2013年5月7日---5月9日",
        "3天",
        "县委党校",
        "县妇联",
        1.2,
        "",
    ],
    ["下半年"],
    [
        4,
        "县直机关党务干部培训班",
        "县直机关党务干部",
        "",
        "2013年8月18日—20日",
        "3天",
        "县委党校",
        "县直工委",
        "",
        "人数待定",
    ],
    [5, "“赊店大讲坛”培训班", "全县副科级以上干部", "", "11月份", "", "县委党校", "", "", ""],
    ["合计", "", "", "1063人", "", "", "", "", 11.7, ""],
    ["注：各班次具体时间以开班通知为准。"],
]


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "班次表"
    for row in rows:
        ws.append(row)
    ws.merge_cells("A1:J1")
    wb.save(path)
    return path


def write_csv(path: Path, rows: list[list[object]], encoding: str) -> Path:
    import csv
    import io

    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def write_docx(path: Path, rows: list[list[object]], *, merge_title: bool = True) -> Path:
    """A minimal .docx: a title paragraph, then the rows as a table (the first row merged
    across, multi-line cells as line breaks)."""
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

    def cell(value: object, span: int = 1) -> str:
        runs = "<w:br/>".join(f"<w:t>{escape(part)}</w:t>" for part in str(value).split("\n"))
        props = f'<w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>' if span > 1 else ""
        return f"<w:tc>{props}<w:p><w:r>{runs}</w:r></w:p></w:tc>"

    trs = []
    for row in rows:
        if len(row) == 1 and merge_title:
            trs.append(f"<w:tr>{cell(row[0], 10)}</w:tr>")
        else:
            trs.append("<w:tr>" + "".join(cell("" if v is None else v) for v in row) + "</w:tr>")
    body = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document {w}><w:body>'
        "<w:p><w:r><w:t>关于印发培训计划的通知</w:t></w:r></w:p>"
        f"<w:tbl>{''.join(trs)}</w:tbl></w:body></w:document>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", body)
    return path


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cadretrain", "import", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def imported(path: Path) -> tuple[str, Sink]:
    sink = Sink()
    reader = read_docx_tables if path.suffix == ".docx" else read_tables
    tables = reader(path, sink, "CT151")
    assert tables is not None, [d.message for d in sink.items]
    result = import_table(tables, path.name, sink)
    assert result is not None, [d.message for d in sink.items]
    return result.text, sink


def check_plan(path: Path) -> None:
    """What every layout of the example table must give."""
    report = validate_file(path)
    plan = report.plan
    assert plan is not None
    shape = [d.line() for d in report.diagnostics if d.code.startswith(("CT0", "CT1"))]
    assert shape == []
    assert plan.title == "县2013年干部教育培训班次安排表" and plan.year == 2013
    assert plan.organizer == "中共县委组织部" and str(plan.issued) == "2013-02-19"
    names = [c.name for c in plan.classes]
    assert names[0] == "全县乡科级领导干部学习十八大精神轮训班"  # the wrapped cell rejoined
    assert len(names) == 5 and names[4] == "“赊店大讲坛”培训班"
    rotation, spring, women, party, forum = plan.classes
    assert (rotation.planned, rotation.session_count, rotation.session_days) == (900, 3, 3)
    assert rotation.half == "上半年" and party.half == "下半年"
    assert spring.planned == 45 and women.planned == 118 and women.session_days == 3
    assert rotation.when is not None and rotation.when.text == "2013年3月13日---23日"
    assert [v.name for v in plan.venues.values()] == ["县委党校"]
    assert rotation.venue == "venue-1"
    assert (
        rotation.notes == "承办单位：县委组织部" and party.notes == "承办单位：县直工委；人数待定"
    )
    assert forum.when is not None and forum.when.text == "11月份"
    text = path.read_text(encoding="utf-8")
    assert "未能放入（工作表" in text or "未能放入（" in text
    assert "“经费（万元）”栏）：6" in text and "“时长”栏）：2个月" in text
    assert "（合计行））：合计 | 1063人 | 11.7" in text
    assert "行）：注：各班次具体时间以开班通知为准。" in text
    assert "班次名称:" in text and "name:" not in text


def test_header_variants() -> None:
    assert header_field("培训班名称") == "name" and header_field("项 目") == "name"
    assert header_field("参训人员") == "audience" and header_field("对象") == "audience"
    assert header_field("规模（人）") == "planned" and header_field("期数") == "count"
    assert header_field("举办\n时间") == "when" and header_field("时长") == "days"
    assert header_field("培训机构") == "venue" and header_field("主办/承办单位") == "organizer"
    assert header_field("经费（万元）") is None


def test_the_bundled_example_imports_to_the_bundled_plan() -> None:
    text, sink = imported(EXAMPLE)
    assert EXAMPLE_PLAN.read_text(encoding="utf-8") == text, "python -m tests.test_import --update"
    assert {d.code for d in sink.items} == {"CT153"}
    check_plan(EXAMPLE_PLAN)


def test_xlsx_end_to_end(tmp_path: Path) -> None:
    table = write_xlsx(tmp_path / "班次表.xlsx", ROWS)
    done = run(table.name, "-o", "计划.yaml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "导入 5 个班次" in done.stdout and "CT153" in done.stdout
    assert "检查了 1 个文件" in done.stdout  # validated and the findings printed
    check_plan(tmp_path / "计划.yaml")
    again = run(table.name, "-o", "计划.yaml", cwd=tmp_path)
    assert again.returncode == 1 and "已存在" in again.stderr


def test_csv_in_utf8_bom_and_gbk(tmp_path: Path) -> None:
    for encoding in ("utf-8", "utf-8-sig", "gbk"):
        folder = tmp_path / encoding
        folder.mkdir()
        write_csv(folder / "班次表.csv", ROWS, encoding)
        done = run("班次表.csv", cwd=folder)
        assert done.returncode == 0, (encoding, done.stderr)
        check_plan(folder / "班次表.yaml")


def test_a_table_in_a_word_document(tmp_path: Path) -> None:
    write_docx(tmp_path / "计划.docx", ROWS)
    done = run("计划.docx", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    check_plan(tmp_path / "计划.yaml")


def test_a_vertically_merged_word_cell_repeats_its_text(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "t.docx", [["班次", "地点"], ["甲班", "党校"], ["乙班", ""]])
    xml = zipfile.ZipFile(path).read("word/document.xml").decode()
    xml = xml.replace(
        "<w:tc><w:p><w:r><w:t>党校",
        '<w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>党校',
        1,
    )
    xml = xml.replace(
        "<w:tc><w:p><w:r><w:t></w:t>", "<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p><w:r><w:t></w:t>", 1
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", xml)
    tables = read_docx_tables(path, Sink(), "CT151")
    assert tables is not None
    assert [list(r) for _, r in tables[0].rows] == [
        ["班次", "地点"],
        ["甲班", "党校"],
        ["乙班", "党校"],
    ]


# ---------------------------------------------------------------- broken tables


def test_a_text_file_named_xlsx(tmp_path: Path) -> None:
    (tmp_path / "班次表.xlsx").write_text("班次,对象\n甲班,科员\n", encoding="utf-8")
    done = run("班次表.xlsx", cwd=tmp_path)
    assert done.returncode == 2 and "CT151" in done.stderr and "班次表.xlsx" in done.stderr
    assert not (tmp_path / "班次表.yaml").exists()


def test_a_file_named_docx_that_is_not_one(tmp_path: Path) -> None:
    (tmp_path / "计划.docx").write_bytes(b"not a zip at all")
    done = run("计划.docx", cwd=tmp_path)
    assert done.returncode == 2 and "计划.docx" in done.stderr and "不是有效的 Word" in done.stderr


def test_a_word_document_without_a_table(tmp_path: Path) -> None:
    path = tmp_path / "通知.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(
            "word/document.xml",
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            "<w:body><w:p><w:r><w:t>只有文字</w:t></w:r></w:p></w:body></w:document>",
        )
    done = run(path.name, cwd=tmp_path)
    assert done.returncode == 2 and "没有表格" in done.stderr and "通知.docx" in done.stderr


def test_a_word_document_with_entities_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "炸弹.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(
            "word/document.xml",
            '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">]><d>&a;</d>',
        )
    done = run(path.name, cwd=tmp_path)
    assert done.returncode == 2 and "炸弹.docx" in done.stderr


def test_a_table_without_a_recognisable_header(tmp_path: Path) -> None:
    rows: list[list[object]] = [["全县乡科级领导干部学习十八大精神轮训班", 900, "3月"]] * 3
    write_xlsx(tmp_path / "无表头.xlsx", rows)
    done = run("无表头.xlsx", cwd=tmp_path)
    assert done.returncode == 2 and "CT152" in done.stderr and "无表头.xlsx" in done.stderr
    assert "培训班名称" in done.stderr  # the hint lists the names a class column may have


def test_a_folder_and_a_missing_file(tmp_path: Path) -> None:
    (tmp_path / "表.csv").mkdir()
    assert run("表.csv", cwd=tmp_path).returncode == 2
    missing = run("没有.xlsx", cwd=tmp_path)
    assert missing.returncode == 2 and "没有.xlsx" in missing.stderr


if __name__ == "__main__":  # pragma: no cover - the maintainer's update step
    if sys.argv[1:] != ["--update"]:
        sys.exit(__doc__)
    EXAMPLE.parent.mkdir(parents=True, exist_ok=True)
    write_xlsx(EXAMPLE, ROWS)
    EXAMPLE_PLAN.write_text(imported(EXAMPLE)[0], encoding="utf-8")
    print(f"{EXAMPLE.relative_to(ROOT)} and {EXAMPLE_PLAN.name} written")
