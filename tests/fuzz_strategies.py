"""Hypothesis strategies for hostile inputs: mutated plans and mutated input workbooks.

A strategy draws a *case*: plain data (a recipe), cheap to draw and to print when a case
fails. ``realize`` turns it into files in a folder and returns the command line to run, so
``tests/test_fuzz.py`` (in-process, through typer's CliRunner, a small budget) and
``bench/fuzz.py`` (worker processes, many cases, a timeout per case) run the same inputs.

Plans: a base plan (a small one using most of the format, the per_unit example, the 2011
report) read as data, then keys dropped, duplicated or retyped, extreme numbers, odd
Unicode and control characters, huge lists; dumped as YAML; then anchors and aliases, tags,
merge keys, duplicated or deleted lines, odd snippets; then bytes flipped, truncated or
re-encoded. Workbooks: a file the office would send back (a register, a returned reply form,
a filled sign-in sheet, score sheet or rating form), opened with openpyxl and given wrong
types, formulas, date serials, merged cells, hidden, empty, added or removed sheets, inserted
or deleted rows and columns and huge strings; then corrupted as a zip, truncated, swapped for
an ``.xls``/``.ods`` look-alike, or saved as CSV.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import shutil
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
PLAN_2013 = ROOT / "plans" / "2013-county.yaml"
REGISTER = ROOT / "examples" / "register-2013.csv"

MINI_PLAN = """\
plan:
  title: 测试计划
  year: 2013
  organizer: 中共县委组织部
  issued: 2013-02-19
  classes_declared: 6
  hours_per_day: 7.5
calendar: {weekend_days: warn, extra_holidays: [2013-05-06], extra_workdays: []}
ranks: [乡科级正职, 乡科级副职, 科员]
tags: [中青年, 村社区党支部书记]
units:
  - {id: chengguan, name: 城关镇, kind: 乡镇, aliases: [城关镇党委],
     counts: {乡科级正职: 12, 科员: 40, 中青年: 9}}
  - {id: dongguan, name: 东关街道, kind: 乡镇, counts: {乡科级正职: 8, 科员: 25, 中青年: 4}}
  - {id: zzb, name: 县委组织部, kind: 县直单位, counts: {乡科级副职: 5, 科员: 11, 中青年: 3}}
venues:
  - {id: ps, name: 县委党校, capacity: 120}
  - {id: nysy, name: 南阳师院, external: true}
teachers:
  - {id: faculty, name: 县委党校教师, pool: true}
  - {id: wang, name: 王静, title: 教授, org: 河南省团校}
classes:
  - id: rotation
    name: 乡科级领导干部轮训班
    short: 轮训班
    eligible: {rank: [乡科级正职, 乡科级副职]}
    planned: 25
    when: 2013年3月13日---29日
    sessions: {count: 3, days: 3}
    venue: ps
    quota: {method: dhondt, min: 1, max: 20, per_session_max: 5}
    topics: [十八大精神]
    teachers: [faculty]
  - id: youth
    name: 中青年干部培训班
    eligible: [{tags: [中青年]}, {rank_at_least: 乡科级副职, gender: 女}]
    planned: 16
    when: 2013年5月13日--7月13日
    fieldwork_days: 10
    venue: ps
    modules: {政治理论: [十八大精神, 党性修养], 能力素质: [公文写作]}
    teachers: [faculty, wang]
    quota: {method: huntington_hill}
    grading: {weights: {学习态度: 20, 培训考勤: 30, 学习结果: 50}, excellent: 90, pass: 60}
  - id: secretaries
    name: 村社区书记班
    planned: 60
    when: 2013年5月13日---5月20日
    sessions:
      - {when: 5月13日—15日, planned: 30}
      - {when: 5月16日—17日, planned: 30, venue: nysy}
    venue: ps
    quota: {method: sainte_lague}
  - id: autumn
    name: 秋季专题班
    planned: 40
    when: 十月中下旬，为期一周
    venue: ps
  - id: village
    name: 两委班
    planned: 61
    when: 2013年9月—11月
    per_unit: {kind: [乡镇], max_size: 20, days: 2}
    venue: ps
"""

ENROLLMENT = PLAN_2013.parent / "enrollments" / "women-leaders.yaml"
BASES: dict[str, str] = {"mini": MINI_PLAN}
for _name, _path in (
    ("per-unit", ROOT / "examples" / "district-village-per-unit.yaml"),
    ("tax-2011", ROOT / "examples" / "2011-tax-bureau.yaml"),
    ("county-2013", PLAN_2013),  # run in a copy of the project: register, enrollments
    ("enrollment", ENROLLMENT),  # an enrollment of the bundled plan, read by attendance
):
    BASES[_name] = _path.read_text(encoding="utf-8")
SMALL_PLANS = ("mini", "per-unit", "tax-2011")  # quick enough to build
PLANS = (*SMALL_PLANS, "county-2013")

# ------------------------------------------------------------------------ values

HUGE = 10**12
ODD_TEXT = (
    "",
    " ",
    "\u3000",
    "甲\u200b班",  # zero-width space
    "\u202e班甲",  # right-to-left override
    "e\u0301\u0301\u0301",  # combining marks
    "😀🀄",
    "ＡＢＣ１２３",
    "\ufeff开头",
    "行一\u2028行二",
    "\x00",
    "\x07响铃",
    "\x1b[31m红\x1b[0m",
    "\x7f\x85\x9f",
    "\ud800",
    "\uffff",
    "=1+1",
    "@SUM(A1)",
    "-3",
    "#N/A",
    "../../etc/passwd",
    "CON",
    "a/b\\c:d*e?f",
    "{{ 7*7 }}",
    "<script>alert(1)</script>",
    "长" * 5000,
)
EXTREME_NUMBERS = (
    0,
    -1,
    1,
    2,
    99,
    100,
    101,
    366,
    367,
    1000,
    1001,
    5001,
    10_000,
    10_001,
    999_999_999,
    HUGE,
    "１０００",
    "45人",
    "1e9",
    "0x10",
    "1_000",
    "四十五",
    "NaN",
    ".inf",
    "-0",
    "+5",
    "9" * 40,
)
DATES = (
    "2013-02-30",
    "0001-01-01",
    "9999-12-31",
    "2013-13-01",
    "十月中下旬，为期一周",
    "全年",
    "2013年1月1日---12月31日",
    "2012-01-01 ~ 2100-12-31",
    "2013年3月13日---2日",
    "11月份",
    "上半年",
    "秋天",
)
SCALARS = st.one_of(
    st.sampled_from(ODD_TEXT),
    st.sampled_from(EXTREME_NUMBERS),
    st.sampled_from(DATES),
    st.booleans(),
    st.none(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
)
VALUES = st.one_of(
    SCALARS,
    st.lists(SCALARS, max_size=4),
    st.dictionaries(
        st.sampled_from(["id", "name", "when", "count", "days", "x"]), SCALARS, max_size=3
    ),
)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path (keys and list indexes) into a plan read as data."""
    out = [prefix]
    if isinstance(data, dict):
        for k, v in data.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += _paths(v, (*prefix, i))
    return out


def _load(text: str) -> Any:
    return yaml.load(text, Loader=yaml.BaseLoader)  # every scalar as text, as the loader reads


BASE_DATA = {name: _load(text) for name, text in BASES.items()}
BASE_PATHS = {name: [p for p in _paths(data) if p] for name, data in BASE_DATA.items()}

# ------------------------------------------------------------------------ plan cases

DATA_EDITS = ("drop", "retype", "extreme", "unicode", "null", "repeat", "grow")
TEXT_EDITS = (
    "anchor",
    "tag",
    "merge",
    "dup_line",
    "del_line",
    "indent",
    "dedent",
    "snippet",
)
SNIPPETS = (
    "---",
    "...",
    "%YAML 1.1",
    "? [a, b]\n: c",
    "\t",
    "- ",
    "[{",
    "}",
    "&x &y z",
    "*nothing",
    "!!python/object/apply:os.system [echo hi]",
    "key: |\n  text",
    "classes: []",
    "'unclosed",
    '"\\x07\\e\\u0000"',
    "# 注释",
    "平: 文",
    "<<: *a",
)
TAGS = (
    "!!str",
    "!!int",
    "!!float",
    "!!bool",
    "!!null",
    "!!binary",
    "!!timestamp",
    "!!map",
    "!!seq",
    "!!set",
    "!!omap",
    "!custom",
    "!!python/name:os.system",
)
BYTE_EDITS = ("flip", "truncate", "encode", "insert", "bom")
ENCODINGS = ("gbk", "utf-16", "utf-16-le", "utf-8-sig", "latin-1", "utf-32", "big5")


@dataclass(frozen=True)
class PlanCase:
    base: str
    data_edits: tuple[tuple[Any, ...], ...]
    text_edits: tuple[tuple[Any, ...], ...]
    byte_edits: tuple[tuple[Any, ...], ...]
    command: str  # validate | quota | build

    def describe(self) -> str:
        return json.dumps(self.__dict__, ensure_ascii=False, default=str)


@st.composite
def plan_cases(
    draw: st.DrawFn,
    commands: tuple[str, ...] = ("validate", "quota"),
    bases: tuple[str, ...] = PLANS,
) -> PlanCase:
    """A mutated plan (or, with base ``enrollment``, a mutated enrollment of the bundled plan,
    run by ``attendance``)."""
    base = draw(st.sampled_from(bases))
    paths = BASE_PATHS[base]
    data_edits = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(DATA_EDITS))
        path = draw(st.sampled_from(paths))
        if kind in ("retype", "extreme", "unicode"):
            value = draw(
                {"retype": VALUES, "extreme": st.sampled_from(EXTREME_NUMBERS + DATES)}.get(
                    kind, st.sampled_from(ODD_TEXT)
                )
            )
            data_edits.append((kind, path, value))
        elif kind == "grow":
            data_edits.append((kind, path, draw(st.sampled_from([2, 50, 1001, 5001]))))
        else:
            data_edits.append((kind, path))
    text_edits = []
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(TEXT_EDITS))
        line = draw(st.integers(0, 400))
        extra: Any = None
        if kind == "tag":
            extra = draw(st.sampled_from(TAGS))
        elif kind == "snippet":
            extra = draw(st.sampled_from(SNIPPETS + ODD_TEXT[:16]))
        elif kind == "anchor":
            extra = draw(st.integers(1, 400))
        text_edits.append((kind, line, extra))
    byte_edits = []
    for _ in range(draw(st.integers(0, 2))):
        kind = draw(st.sampled_from(BYTE_EDITS))
        if kind == "encode":
            byte_edits.append((kind, draw(st.sampled_from(ENCODINGS))))
        else:
            byte_edits.append((kind, draw(st.floats(0, 1)), draw(st.integers(0, 255))))
    command = "attendance" if base == "enrollment" else draw(st.sampled_from(commands))
    return PlanCase(base, tuple(data_edits), tuple(text_edits), tuple(byte_edits), command)


def _parent(data: Any, path: tuple[Any, ...]) -> tuple[Any, Any] | None:
    node = data
    for step in path[:-1]:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return None
    last = path[-1]
    if isinstance(node, dict) and last in node:
        return node, last
    if isinstance(node, list) and isinstance(last, int) and last < len(node):
        return node, last
    return None


def _edit_data(data: Any, edit: tuple[Any, ...]) -> None:
    kind, path = edit[0], edit[1]
    found = _parent(data, path)
    if found is None:
        return
    node, key = found
    if kind == "drop":
        del node[key]
    elif kind in ("retype", "extreme", "unicode"):
        node[key] = edit[2]
    elif kind == "null":
        node[key] = None
    elif kind == "repeat" and isinstance(node, list):
        node.insert(key, copy.deepcopy(node[key]))
    elif kind == "grow":
        value = node[key]
        if isinstance(value, list) and value:
            node[key] = [copy.deepcopy(value[i % len(value)]) for i in range(edit[2])]
        elif isinstance(value, str):
            node[key] = value * min(edit[2], 200)


def _edit_text(lines: list[str], edit: tuple[Any, ...]) -> None:
    kind, at, extra = edit
    if not lines:
        return
    i = at % len(lines)
    line = lines[i]
    indent = line[: len(line) - len(line.lstrip())]
    if kind == "anchor":
        j = extra % len(lines)
        if ": " in line and ": " in lines[j] and j != i:
            key, _, value = line.partition(": ")
            lines[i] = f"{key}: &a {value}"
            key2, _, _ = lines[j].partition(": ")
            lines[j] = f"{key2}: *a"
    elif kind == "tag" and ": " in line:
        key, _, value = line.partition(": ")
        lines[i] = f"{key}: {extra} {value}"
    elif kind == "merge":
        lines.insert(i + 1, f"{indent}<<: {{note: x}}")
    elif kind == "dup_line":
        lines.insert(i, line)
    elif kind == "del_line":
        del lines[i]
    elif kind == "indent":
        lines[i] = "  " + line
    elif kind == "dedent":
        lines[i] = line[2:] if line.startswith("  ") else line
    elif kind == "snippet":
        lines.insert(i, indent + str(extra))


def _edit_bytes(data: bytes, edit: tuple[Any, ...]) -> bytes:
    kind = edit[0]
    if kind == "encode":
        return data.decode("utf-8", "replace").encode(edit[1], "replace")
    if kind == "bom":
        return b"\xef\xbb\xbf" + data
    if not data:
        return data
    at = min(int(edit[1] * len(data)), len(data) - 1)
    if kind == "flip":
        return data[:at] + bytes([data[at] ^ (edit[2] or 1)]) + data[at + 1 :]
    if kind == "truncate":
        return data[:at]
    return data[:at] + bytes([edit[2]]) + data[at:]  # insert


def plan_bytes(case: PlanCase) -> bytes:
    data = copy.deepcopy(BASE_DATA[case.base])
    for edit in case.data_edits:
        _edit_data(data, edit)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=200)
    lines = text.splitlines()
    for edit in case.text_edits:
        _edit_text(lines, edit)
    raw = ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass")
    for edit in case.byte_edits:
        raw = _edit_bytes(raw, edit)
    return raw


# ------------------------------------------------------------------------ workbook cases

# kind -> (seed file, the class it belongs to, the command and its arguments)
SEEDS: dict[str, tuple[Path, str]] = {
    "register": (REGISTER, ""),
    "form": (ROOT / "examples" / "returns" / "youth-league" / "团县委.xlsx", "youth-league"),
    "form-2": (
        ROOT / "examples" / "returns" / "principal-leaders" / "城关镇报名表（已盖章）.xlsx",
        "principal-leaders",
    ),
    "signin": (
        ROOT
        / "plans"
        / "records"
        / "attendance"
        / "women-leaders"
        / "women-leaders-签到表（已填）.xlsx",
        "women-leaders",
    ),
    "scores": (ROOT / "plans" / "records" / "scores" / "women-leaders.xlsx", "women-leaders"),
    "ratings": (
        ROOT / "plans" / "records" / "ratings" / "youth-league-满意度测评汇总表（已填）.xlsx",
        "youth-league",
    ),
}
COMMAND_OF = {
    "register": "quota",
    "form": "collect",
    "form-2": "collect",
    "signin": "attendance",
    "scores": "scores",
    "ratings": "ratings",
}
CELL_VALUES = st.one_of(
    st.sampled_from(
        (
            None,
            "",
            0,
            -1,
            45000,  # a date serial
            2958466,  # beyond Excel's last date
            1e308,
            -1e-308,
            10**20,
            True,
            "=1/0",
            "=SUM(A1:A3)",
            '=HYPERLINK("http://x","点我")',
            "=A1",
            "#N/A",
            "#DIV/0!",
            "_x0007_",
            "_x001B_红",
            "缺考",
            "请假",
            "√",
            "×",
            "１００",
            "95.5分",
            "第二期",
            "第99期",
            "11010519491231002X",
            "110105194912310021",
            "1.10105194912310E+17",
            "男女",
            "长" * 32_000,
        )
    ),
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1)),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20).filter(lambda s: not any(ord(c) < 32 for c in s)),
)
BOOK_EDITS = (
    "cell",
    "merge",
    "insert_rows",
    "delete_rows",
    "insert_cols",
    "delete_cols",
    "hide_sheet",
    "add_sheet",
    "remove_sheet",
    "rename_sheet",
    "clear_sheet",
    "number_format",
)
FILE_EDITS = ("truncate", "flip", "as_xls", "as_ods", "as_csv", "empty", "junk", "rename")


@dataclass(frozen=True)
class BookCase:
    kind: str  # a key of SEEDS
    edits: tuple[tuple[Any, ...], ...]
    file_edits: tuple[tuple[Any, ...], ...]

    @property
    def command(self) -> str:
        return COMMAND_OF[self.kind]

    def describe(self) -> str:
        return json.dumps(self.__dict__, ensure_ascii=False, default=str)


@st.composite
def book_cases(draw: st.DrawFn, kinds: tuple[str, ...] = tuple(SEEDS)) -> BookCase:
    kind = draw(st.sampled_from(kinds))
    edits: list[tuple[Any, ...]] = []
    for _ in range(draw(st.integers(0, 6))):
        op = draw(st.sampled_from(BOOK_EDITS))
        sheet = draw(st.integers(0, 3))
        row, col = draw(st.integers(1, 60)), draw(st.integers(1, 30))
        if op == "cell":
            edits.append((op, sheet, row, col, draw(CELL_VALUES)))
        elif op == "merge":
            edits.append((op, sheet, row, col, (draw(st.integers(0, 5)), draw(st.integers(0, 5)))))
        elif op in ("rename_sheet", "number_format"):
            text = draw(
                st.sampled_from(("报名回执", "_cadretrain", "", "Sheet", "签到表", "yyyy-mm-dd"))
            )
            edits.append((op, sheet, row, col, text))
        else:
            edits.append((op, sheet, row, col, draw(st.integers(1, 5))))
    file_edits: list[tuple[Any, ...]] = []
    for _ in range(draw(st.integers(0, 1))):
        op = draw(st.sampled_from(FILE_EDITS))
        file_edits.append((op, draw(st.floats(0, 1)), draw(st.sampled_from(ENCODINGS))))
    return BookCase(kind, tuple(edits), tuple(file_edits))


def _sheet(wb: Any, index: int) -> Any:
    sheets = wb.worksheets
    return sheets[index % len(sheets)] if sheets else None


def _edit_book(wb: Any, edit: tuple[Any, ...]) -> None:
    op, index, row, col, extra = edit
    ws = _sheet(wb, index)
    if ws is None:
        return
    if op == "cell":
        # a merged cell, a value openpyxl refuses: no edit
        with contextlib.suppress(ValueError, TypeError, AttributeError):
            ws.cell(row, col).value = extra
    elif op == "merge":
        down, right = extra
        ws.merge_cells(start_row=row, start_column=col, end_row=row + down, end_column=col + right)
    elif op == "insert_rows":
        ws.insert_rows(row, extra)
    elif op == "delete_rows":
        ws.delete_rows(row, extra)
    elif op == "insert_cols":
        ws.insert_cols(col, extra)
    elif op == "delete_cols":
        ws.delete_cols(col, extra)
    elif op == "hide_sheet":
        ws.sheet_state = "hidden" if row % 2 else "veryHidden"
    elif op == "add_sheet":
        wb.create_sheet(f"空表{row}", index % (len(wb.worksheets) + 1))
    elif op == "remove_sheet" and len(wb.worksheets) > 1:
        wb.remove(ws)
    elif op == "rename_sheet":
        names = {s.title for s in wb.worksheets}
        if extra and extra not in names:
            ws.title = extra
    elif op == "clear_sheet":
        ws.delete_rows(1, ws.max_row)
    elif op == "number_format":
        ws.cell(row, col).number_format = extra or "General"


def _ods() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr(
            "content.xml",
            '<?xml version="1.0"?><office:document-content xmlns:office='
            '"urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>',
        )
    return buf.getvalue()


def _to_csv(wb: Any, encoding: str) -> bytes:
    import csv

    out = io.StringIO()
    ws = wb.worksheets[0]
    writer = csv.writer(out)
    for row in ws.iter_rows(values_only=True):
        writer.writerow(["" if v is None else v for v in row])
    return out.getvalue().encode(encoding, "replace")


def book_file(case: BookCase, folder: Path) -> Path:
    """Write the mutated workbook into ``folder``; returns its path (the name may change)."""
    import openpyxl

    seed, _cls = SEEDS[case.kind]
    name = seed.name
    if seed.suffix == ".csv":
        wb = openpyxl.Workbook()
        ws = wb.active
        import csv

        for row in csv.reader(io.StringIO(seed.read_text(encoding="utf-8-sig"))):
            ws.append(row)
        name = seed.stem + ".xlsx"
    else:
        wb = openpyxl.load_workbook(seed)
    for edit in case.edits:
        _edit_book(wb, edit)
    if all(ws.sheet_state != "visible" for ws in wb.worksheets):
        wb.worksheets[0].sheet_state = "visible"  # openpyxl cannot save it otherwise
    buf = io.BytesIO()
    wb.save(buf)
    data = buf.getvalue()
    for op, where, encoding in case.file_edits:
        at = min(int(where * len(data)), max(len(data) - 1, 0))
        if op == "truncate":
            data = data[:at]
        elif op == "flip" and data:
            data = data[:at] + bytes([data[at] ^ 0x5A]) + data[at + 1 :]
        elif op == "as_xls":
            data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(at % 512) + data[:200]
            name = Path(name).stem + ".xls"
        elif op == "as_ods":
            data = _ods()
            name = Path(name).stem + (".ods" if at % 2 else ".xlsx")
        elif op == "as_csv":
            data = _to_csv(openpyxl.load_workbook(io.BytesIO(data)), encoding)
            name = Path(name).stem + ".csv"
        elif op == "empty":
            data = b""
        elif op == "junk":
            data = bytes((i * 37 + at) % 256 for i in range(2000))
        elif op == "rename":
            name = Path(name).stem + (".xls", ".txt", ".XLSX", "")[at % 4]
    path = folder / name
    path.write_bytes(data)
    return path


# ------------------------------------------------------------------------ running a case


def project(folder: Path) -> Path:
    """A copy of the bundled plan with its enrollments and register, in ``folder``; returns
    the plan's path (commands may write beside it, as collect does)."""
    (folder / "plans").mkdir(parents=True, exist_ok=True)
    shutil.copy(PLAN_2013, folder / "plans" / PLAN_2013.name)
    shutil.copytree(PLAN_2013.parent / "enrollments", folder / "plans" / "enrollments")
    (folder / "examples").mkdir(exist_ok=True)
    shutil.copy(REGISTER, folder / "examples" / REGISTER.name)
    return folder / "plans" / PLAN_2013.name


def realize(case: PlanCase | BookCase, folder: Path) -> list[str]:
    """Write the case's files into ``folder`` (empty) and return the command line to run."""
    out = str(folder / "out")
    if isinstance(case, PlanCase) and case.base == "enrollment":
        plan = project(folder)
        (plan.parent / "enrollments" / ENROLLMENT.name).write_bytes(plan_bytes(case))
        sheet, cls = SEEDS["signin"]
        return ["attendance", "--class", cls, str(plan), str(sheet), "-o", out]
    if isinstance(case, PlanCase):
        plan = project(folder) if case.base == "county-2013" else folder / "plan.yaml"
        plan.write_bytes(plan_bytes(case))
        if case.command == "quota":
            return ["quota", str(plan), "--format", "json"]
        if case.command == "build":
            return ["build", str(plan), "-o", out, "--ignore-errors"]
        return ["validate", str(plan)]
    plan = project(folder)
    book = book_file(case, folder)
    _seed, cls = SEEDS[case.kind]
    if case.kind == "register":
        return ["quota", str(plan), "--register", str(book), "--format", "json"]
    if case.command == "collect":
        return ["collect", "--class", cls, str(plan), str(book)]
    if case.command == "ratings":
        return ["ratings", str(plan), str(book), "-o", out]
    return [case.command, "--class", cls, str(plan), str(book), "-o", out]
