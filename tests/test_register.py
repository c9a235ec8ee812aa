"""Reading cadre registers from real xlsx and CSV files, and every problem code with its place."""

from __future__ import annotations

import csv
import re
import time
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from cadretrain.core.codes import CODES
from cadretrain.core.diagnostics import Diagnostic, Sink
from cadretrain.core.idcard import check_char, validate_id
from cadretrain.enroll.register import Cadre, read_register
from cadretrain.enroll.register_layout import phone_ok
from cadretrain.files import tabular
from cadretrain.plan.model import Plan
from tests.conftest import load

PLAN_TEXT = """\
plan: {title: 测试计划, year: 2013}
ranks: [县处级正职, 县处级副职, 乡科级正职, 乡科级副职, 科员]
tags: [中青年, 主要领导]
units:
  - {id: chengguan, name: 城关镇, kind: 乡镇, aliases: [城关镇人民政府]}
  - {id: xw, name: 县委, kind: 县直单位}
  - {id: zzb, name: 县委组织部, kind: 县直单位}
  - {id: czj, name: 县财政局, kind: 县直单位}
classes: []
"""
TODAY = date(2013, 2, 19)
HEADER = [
    "序号",
    "姓名",
    "性别",
    "民族",
    "出生年月",
    "单位",
    "职务",
    "职级",
    "联系电话",
    "身份证号",
]
HEADER += ["中青年"]
COL = {name: i + 1 for i, name in enumerate(HEADER)}  # 1-based, as diagnostics give them


def plan(text: str = PLAN_TEXT) -> Plan:
    result, diags = load(text)
    assert result is not None, diags
    return result


def make_id(birth: str = "19750312", male: bool = True, seq: int = 0) -> str:
    first17 = f"999999{birth}{seq % 50:02d}{1 if male else 2}"
    return first17 + check_char(first17)


WRONG_CHECK = make_id(seq=7)[:17] + ("0" if make_id(seq=7)[17] != "0" else "1")


def person(
    name: str = "张三",
    sex: str = "男",
    birth: str = "1975.03",
    unit: str = "城关镇",
    post: str = "党委书记",
    rank: str = "乡科级正职",
    phone: str = "13837712345",
    id_number: str | None = None,
    young: str = "",
    seq: int = 0,
) -> list[object]:
    if id_number is None:
        id_number = make_id(birth.replace(".", "") + "12", sex == "男", seq)
    return [seq + 1, name, sex, "汉族", birth, unit, post, rank, phone, id_number, young]


def write_xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def write_csv(
    path: Path, rows: list[list[object]], encoding: str = "utf-8", sep: str = ","
) -> Path:
    with path.open("w", encoding=encoding, newline="") as fh:
        csv.writer(fh, delimiter=sep).writerows(rows)
    return path


def read(path: Path, p: Plan | None = None) -> tuple[list[Cadre], list[Diagnostic]]:
    sink = Sink()
    cadres = read_register(path, p or plan(), sink, today=TODAY)
    return cadres, sink.items


def only(diags: list[Diagnostic], code: str) -> Diagnostic:
    found = [d for d in diags if d.code == code]
    assert len(found) == 1, [d.line() for d in diags]
    return found[0]


# ── reading ──────────────────────────────────────────────────────────────────


def test_xlsx_with_merged_title_rows(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "干部名册"
    ws.append(["××县干部名册"])
    ws.merge_cells("A1:K1")
    ws.append(["填报单位：县委组织部", None, None, None, None, None, None, None, "2013年2月"])
    ws.append(HEADER)
    ws.append(person("张　三", young="是"))
    ws.append(person("李四", "女", "1980.11", "县财政局", "副局长", "乡科级副职", seq=1))
    wb.save(tmp_path / "r.xlsx")
    cadres, diags = read(tmp_path / "r.xlsx")
    assert diags == []
    zhang, li = cadres
    assert zhang.name == "张三"
    assert (zhang.unit_id, zhang.unit_name, zhang.post, zhang.rank) == (
        "chengguan",
        "城关镇",
        "党委书记",
        "乡科级正职",
    )
    assert zhang.birth == "1975.03" and zhang.sex == "男" and zhang.ethnicity == "汉族"
    assert zhang.tags == frozenset({"中青年"}) and li.tags == frozenset()
    assert zhang.source.file == str(tmp_path / "r.xlsx")
    assert (zhang.source.line, zhang.source.col) == (4, 0)
    assert (li.unit_id, li.sex, li.birth, li.source.line) == ("czj", "女", "1980.11", 5)


def test_header_variants_in_csv(tmp_path: Path) -> None:
    header = ["姓 名", "性别", "出生\n日期", "工作单位", "现任职务", "级别", "手机号码"]
    header += ["公民身份号码", "学历", "政治面貌", "*民族", "是否主要领导", "任现职时间"]
    row = ["王五", "男", "1975年3月", "城关镇人民政府", "镇长", "正科级", "138 3771 2345"]
    row += [make_id(), "大学", "中共党员", "回族", "√", "2011.09"]
    cadres, diags = read(write_csv(tmp_path / "r.csv", [header, row]))
    assert diags == []
    (wang,) = cadres
    assert (wang.unit_id, wang.unit_name, wang.post) == ("chengguan", "城关镇", "镇长")
    assert wang.rank == "乡科级正职"  # 正科级 read as the plan's name
    assert (wang.birth, wang.education, wang.politics, wang.ethnicity) == (
        "1975.03",
        "大学",
        "中共党员",
        "回族",
    )
    assert wang.tags == frozenset({"主要领导"})  # 任现职时间 is no tag column
    assert wang.phone == "138 3771 2345"


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig", "utf-8", "utf-16"])
def test_csv_encodings(tmp_path: Path, encoding: str) -> None:
    rows: list[list[object]] = [HEADER, person("欧阳锋", unit="县委组织部", post="副部长")]
    sep = "\t" if encoding == "utf-16" else ","  # Excel's “Unicode 文本” is tab-separated
    cadres, diags = read(write_csv(tmp_path / "r.csv", rows, encoding, sep))
    assert diags == []
    assert [(c.name, c.unit_name, c.post) for c in cadres] == [("欧阳锋", "县委组织部", "副部长")]


def test_blank_rows_are_skipped_and_rows_after_them_read(tmp_path: Path) -> None:
    rows: list[list[object]] = [["××县干部名册"], HEADER, person(seq=0)]
    rows += [[]] * 500 + [["", "", ""]] * 10 + [[7]]  # a 序号 alone is a blank row
    rows += [person("赵六", seq=1), ["合计", "2人"], ["填表人：王五"]]
    for path in (
        write_xlsx(tmp_path / "r.xlsx", {"名册": rows}),
        write_csv(tmp_path / "r.csv", rows),
    ):
        cadres, diags = read(path)
        assert diags == [], [d.line() for d in diags]
        assert [(c.name, c.source.line) for c in cadres] == [("张三", 3), ("赵六", 515)]


def test_unit_and_post_in_one_column_split_by_longest_unit_name(tmp_path: Path) -> None:
    header = ["姓名", "性别", "出生年月", "工作单位及职务", "职级"]
    rows: list[list[object]] = [header]
    rows.append(["甲", "男", "1970.01", "县委组织部副部长", "乡科级副职"])
    rows.append(["乙", "女", "1971.02", "县委 副书记", "县处级副职"])
    rows.append(["丙", "男", "1972.03", "城关镇人民政府、镇长", "乡科级正职"])
    rows.append(["丁", "男", "1973.04", "城郊乡副乡长", "乡科级副职"])
    cadres, diags = read(write_xlsx(tmp_path / "r.xlsx", {"Sheet1": rows}))
    got = [(c.unit_id, c.unit_name, c.post) for c in cadres]
    assert got == [
        ("zzb", "县委组织部", "副部长"),
        ("xw", "县委", "副书记"),
        ("chengguan", "城关镇", "镇长"),
        (None, "城郊乡副乡长", ""),
    ]
    d = only(diags, "CT407")
    assert (d.pos.line, d.pos.col) == (5, 4)
    assert "工作单位及职务" in d.message


def test_several_sheets_and_duplicate_ids_across_them(tmp_path: Path) -> None:
    same = make_id(seq=3)
    path = write_xlsx(
        tmp_path / "r.xlsx",
        {
            "填表说明": [["请按表头填写"], ["身份证号须为 18 位"]],
            "乡镇": [HEADER, person(id_number=same)],
            "县直": [HEADER, person(seq=1), person("张三丰", unit="县财政局", id_number=same)],
        },
    )
    cadres, diags = read(path)
    assert [c.name for c in cadres] == ["张三", "张三", "张三丰"]
    d = only(diags, "CT409")
    assert (d.pos.line, d.pos.col) == (3, COL["身份证号"])
    assert "工作表“县直”第 3 行" in d.message and "工作表“乡镇”第 2 行（张三）" in d.message
    assert [(r.pos.line, r.pos.col) for r in d.related] == [(2, COL["身份证号"])]


def test_excel_cell_types(tmp_path: Path) -> None:
    """Dates, numbers and full-width text as Excel keeps them."""
    row = person(phone="１３８３７７１２３４５")
    row[COL["出生年月"] - 1] = datetime(1975, 3, 1)
    numeric = person("李四", seq=1)
    numeric[COL["身份证号"] - 1] = 1.1010519491231e17  # typed into a number-formatted cell
    numeric[COL["联系电话"] - 1] = 13837712345
    cadres, diags = read(write_xlsx(tmp_path / "r.xlsx", {"名册": [HEADER, row, numeric]}))
    assert cadres[0].birth == "1975.03" and cadres[0].phone == "13837712345"
    assert cadres[1].phone == "13837712345"
    d = only(diags, "CT403")
    assert (d.pos.line, d.pos.col) == (3, COL["身份证号"])
    assert "数字" in d.hint and "文本" in d.hint


def test_birth_typed_as_a_number_loses_its_trailing_zero(tmp_path: Path) -> None:
    october = person(birth="1975.10")  # the ID number says 1975-10-12
    october[COL["出生年月"] - 1] = 1975.10  # Excel shows 1975.1
    january = person("李四", birth="1975.01", seq=1)
    january[COL["出生年月"] - 1] = 1975.01
    cadres, diags = read(write_xlsx(tmp_path / "r.xlsx", {"名册": [HEADER, october, january]}))
    assert diags == []
    assert [c.birth for c in cadres] == ["1975.10", "1975.01"]


def test_openpyxl_and_calamine_agree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows: list[list[object]] = [["××县干部名册"], [], HEADER, person(), [], person("李四", seq=1)]
    path = write_xlsx(tmp_path / "r.xlsx", {"名册": rows})
    monkeypatch.setattr(tabular, "_calamine", lambda: None)
    by_openpyxl = read(path)
    assert [c.source.line for c in by_openpyxl[0]] == [4, 6]
    monkeypatch.undo()
    if tabular._calamine() is None:
        pytest.skip("python-calamine is not installed")
    assert read(path) == by_openpyxl


def test_a_plan_without_units_takes_units_as_written(tmp_path: Path) -> None:
    bare = plan("plan: {title: 测试计划, year: 2013}\nclasses: []\n")
    cadres, diags = read(write_csv(tmp_path / "r.csv", [HEADER, person(rank="副科")]), bare)
    assert diags == []
    assert (cadres[0].unit_id, cadres[0].unit_name, cadres[0].rank) == (None, "城关镇", "副科")


# ── problems: each code at its row and column ────────────────────────────────


@pytest.mark.parametrize(
    ("code", "change", "col", "words"),
    [
        ("CT403", {"身份证号": WRONG_CHECK}, "身份证号", "校验码不对"),
        ("CT403", {"身份证号": "99999919750312001"}, "身份证号", "17 位"),
        ("CT403", {"身份证号": make_id("20140101")}, "身份证号", "晚于今天"),
        ("CT404", {"出生年月": "1976.03"}, "出生年月", "1975-03-12"),
        ("CT405", {"性别": "女"}, "性别", "表示男性"),
        ("CT406", {"联系电话": "1383771234"}, "联系电话", "1383771234"),
        ("CT406", {"联系电话": "1234567"}, "联系电话", "格式不对"),
        ("CT407", {"单位": "城关乡"}, "单位", "城关乡"),
        ("CT408", {"职级": "乡科级付职"}, "职级", "乡科级付职"),
        ("CT410", {"单位": ""}, "单位", "单位为空"),
        ("CT410", {"姓名": " "}, "姓名", "姓名为空"),
        ("CT411", {"出生年月": "1975年13月"}, "出生年月", "无法识别"),
        ("CT412", {"性别": "M"}, "性别", "应为“男”或“女”"),
    ],
)
def test_problem_codes(
    tmp_path: Path, code: str, change: dict[str, str], col: str, words: str
) -> None:
    bad = person("王五", seq=1)
    for name, value in change.items():
        bad[COL[name] - 1] = value
    rows = [["××县干部名册"], HEADER, person(), bad, person("赵六", seq=2)]
    path = write_xlsx(tmp_path / "r.xlsx", {"名册": rows})
    cadres, diags = read(path)
    d = only(diags, code)
    assert (d.pos.file, d.pos.line, d.pos.col) == (str(path), 4, COL[col])
    assert d.message.startswith(f"工作表“名册”第 4 行“{col}”列：")
    assert words in d.message + d.hint
    assert d.severity is CODES[code].severity
    names = [c.name for c in cadres]
    assert names == (["张三", "赵六"] if col == "姓名" else ["张三", "王五", "赵六"])


def test_did_you_mean_for_units_and_ranks(tmp_path: Path) -> None:
    bad = person("王五", unit="县财正局", rank="乡科级付职")
    _cadres, diags = read(write_csv(tmp_path / "r.csv", [HEADER, bad]))
    assert "县财政局" in only(diags, "CT407").hint
    assert "乡科级副职" in only(diags, "CT408").hint


def test_csv_positions_are_file_lines(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "r.csv", [HEADER, [], person(phone="12345")])
    _cadres, diags = read(path)
    d = only(diags, "CT406")
    assert (d.pos.line, d.pos.col) == (3, COL["联系电话"])
    assert d.message.startswith("第 3 行“联系电话”列：")


def test_missing_required_column(tmp_path: Path) -> None:
    rows = [["××县干部名册"], ["姓名", "性别", "职务", "职级"], ["张三", "男", "书记", "科员"]]
    cadres, diags = read(write_xlsx(tmp_path / "r.xlsx", {"名册": rows}))
    assert cadres == []
    d = only(diags, "CT402")
    assert (d.pos.line, d.pos.col) == (2, 1) and "“单位”" in d.message


def test_no_header_row(tmp_path: Path) -> None:
    rows: list[list[object]] = [["说明"]] * 10 + [HEADER, person()]
    cadres, diags = read(write_csv(tmp_path / "r.csv", rows))
    assert cadres == []
    assert "没有找到表头" in only(diags, "CT401").message


def _xls(path: Path) -> Path:
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)  # OLE: old .xls
    return path


def _empty(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def _png(path: Path) -> Path:
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    return path


def _broken_zip(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<not really>")
    return path


def _truncated(path: Path) -> Path:
    write_xlsx(path, {"名册": [HEADER, person()]})
    path.write_bytes(path.read_bytes()[:300])
    return path


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: _png(p / "名册.xlsx"), "不是有效的 Excel 文件"),
        (lambda p: _broken_zip(p / "名册.xlsx"), "已损坏"),
        (lambda p: _truncated(p / "名册.xlsx"), "已损坏"),
        (lambda p: _xls(p / "名册.xls"), "旧版"),
        (lambda p: _empty(p / "名册.csv"), "是空的"),
        (lambda p: _png(p / "名册.csv"), "不是 CSV"),
        (lambda p: p / "没有这个文件.xlsx", "找不到"),
        (lambda p: p, "文件夹"),
    ],
)
def test_unreadable_files_are_one_diagnostic(tmp_path: Path, make: object, words: str) -> None:
    assert callable(make)
    path = make(tmp_path)
    cadres, diags = read(path)
    assert cadres == []
    d = only(diags, "CT401")
    assert words in d.message, d.message
    assert d.pos.file == str(path)


def test_phone_formats() -> None:
    for good in ["13837712345", "+8613837712345", "0377-1234567", "03771234567", "010-12345678"]:
        assert phone_ok(good), good
    assert phone_ok("13837712345/0377-1234567")
    assert phone_ok("(0377)1234567")
    for bad in ["1234567", "12837712345", "138377123456", "0377-12345", "无"]:
        assert not phone_ok(bad), bad


def test_code_docs_examples_hold() -> None:
    """The 通过/不通过 lines of CT403 and CT406 are checked by the same functions."""

    def lines(code: str, label: str) -> list[str]:
        return re.findall(rf"^{label}：(\S+)$", CODES[code].doc, re.M)

    assert all(validate_id(x, TODAY) is None for x in lines("CT403", "通过"))
    assert all(validate_id(x, TODAY) is not None for x in lines("CT403", "不通过"))
    assert all(phone_ok(x) for x in lines("CT406", "通过"))
    assert not any(phone_ok(x) for x in lines("CT406", "不通过"))
    for code in [c for c in CODES if c.startswith("CT4")]:
        assert lines(code, "通过") or "通过：" in CODES[code].doc, code
        assert "不通过：" in CODES[code].doc, code


def test_a_large_csv_reads_in_seconds(tmp_path: Path) -> None:
    n = 100_000
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(HEADER)
        for i in range(n):
            area = f"{i // 1000:06d}"  # with the sequence below: every number different
            first17 = f"{area}{1960 + i % 30}{1 + i % 12:02d}{1 + i % 28:02d}{i % 1000:03d}"
            sex = "男" if i % 2 else "女"
            unit = ("城关镇", "县委组织部", "县财政局")[i % 3]
            birth = f"{1960 + i % 30}.{1 + i % 12:02d}"
            number = first17 + check_char(first17)
            out.writerow([i, f"干部{i}", sex, "汉族", birth, unit, "科员", "科员", "", number, ""])
    start = time.perf_counter()
    cadres, diags = read(path)
    elapsed = time.perf_counter() - start
    assert len(cadres) == n
    assert diags == []
    assert elapsed < 20, f"{elapsed:.1f} s for {n} rows"


def test_register_index_keeps_the_first_of_a_duplicated_id() -> None:
    from cadretrain.core.diagnostics import Pos
    from cadretrain.enroll.register import Cadre, Register, index_by_id

    def person(name: str, id_number: str) -> Cadre:
        return Cadre(
            name,
            "男",
            "汉族",
            "1975.03",
            None,
            "",
            "",
            "",
            "",
            "",
            id_number,
            frozenset(),
            Pos("r.csv", 1, 0),
        )

    a, b, c = (
        person("甲", "11010519491231002X"),
        person("乙", "11010519491231002X"),
        person("丙", ""),
    )
    register = Register([a, b, c])
    assert register.by_id == {"11010519491231002X": a}
    assert index_by_id(register, set()) is register.by_id
    assert index_by_id([a, b, c], {"11010519491231002X"}) == {"11010519491231002X": a}
    assert index_by_id([a, b, c], set()) == {}
