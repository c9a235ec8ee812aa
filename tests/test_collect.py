"""``cadretrain collect`` on returned reply forms written here with openpyxl, following
``form_layout``, for the 2013 plan and real people of its synthetic register."""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from cadretrain.cli.enroll_steps import run_collect
from cadretrain.core import idcard
from cadretrain.core.diagnostics import Diagnostic, Pos, Severity, Sink
from cadretrain.core.errors import CannotProceed
from cadretrain.enroll.collect import Collected, collect, collect_forms, form_files
from cadretrain.enroll.enrollment import (
    Enrollee,
    Enrollment,
    dump_enrollment,
    enrollment_path,
    load_enrollment,
)
from cadretrain.enroll.form_layout import (
    COLUMNS,
    FIRST_DATA_ROW,
    FORM_SHEET,
    HEADER_ROW,
    INFO_ROW,
    META_SHEET,
    TITLE_ROW,
)
from cadretrain.enroll.form_reader import parse_session
from cadretrain.enroll.quota_table import QuotaTable, load_cadres, quota_table
from cadretrain.enroll.register import Cadre
from cadretrain.files.xlsx import put
from cadretrain.plan.lookup import find_class
from cadretrain.plan.model import Plan
from cadretrain.year.model import Year
from cadretrain.year.pipeline import load_year
from tests.conftest import ROOT

TODAY = date(2013, 3, 1)
HEADS = [head for _key, head, _hint, _width in COLUMNS]
Row = dict[str, object] | None  # None: a numbered blank row


@dataclass
class Env:
    year: Year  # built for each test: its enrollments are read once
    cadres: list[Cadre]
    people: list[dict[str, str]]  # the register's rows
    forms: Path

    @property
    def plan(self) -> Plan:
        return self.year.plan

    def find(self, unit: str, ranks: Sequence[str] = ("乡科级正职", "乡科级副职")) -> list[Row]:
        """The register's people of a unit with one of ``ranks``, as form rows."""
        return [as_row(p) for p in self.people if p["单位"] == unit and p["职级"] in ranks]

    def run(
        self, files: Sequence[Path], cls: str = "rotation-18th", **others: Enrollment
    ) -> tuple[Collected, list[Diagnostic]]:
        sink = Sink()
        target = find_class(self.plan, cls)
        table = quota_table(self.plan, target, self.cadres, Sink())
        found = collect(
            self.plan,
            target,
            table,
            list(files),
            sink,
            schedules=self.year.schedules,
            cadres=self.cadres,
            others=others,
            today=TODAY,
        )
        return found, sink.items


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Cadre]]:
    folder = tmp_path_factory.mktemp("plan")
    text = (ROOT / "plans" / "2013-county.yaml").read_text(encoding="utf-8")
    text = text.replace("register: ../examples/register-2013.csv", "register: register-2013.csv")
    (folder / "2013-county.yaml").write_text(text, encoding="utf-8")
    shutil.copy(ROOT / "examples" / "register-2013.csv", folder / "register-2013.csv")
    year = load_year(folder / "2013-county.yaml", checks=False)
    assert year is not None and year.plan.register == "register-2013.csv"
    sink = Sink()
    cadres = load_cadres(year.plan, sink)
    assert cadres and not sink.has_errors()
    return folder / "2013-county.yaml", cadres


@pytest.fixture
def env(base: tuple[Path, list[Cadre]], tmp_path: Path) -> Env:
    path, cadres = base
    shutil.rmtree(path.parent / "enrollments", ignore_errors=True)
    year = load_year(path, checks=False)
    assert year is not None
    with (ROOT / "examples" / "register-2013.csv").open(encoding="utf-8-sig") as fh:
        people = list(csv.DictReader(fh))
    forms = tmp_path / "回执"
    forms.mkdir()
    return Env(year, cadres, people, forms)


def as_row(p: dict[str, str], session: object = "第1期") -> dict[str, object]:
    keys = ("姓名", "性别", "民族", "出生年月", "职务", "职级", "政治面貌", "联系电话", "身份证号")
    return {**{k: p[k] for k in keys}, "参加期次": session}


def write_form(
    path: Path,
    unit: str | None,
    rows: Sequence[Row],
    *,
    meta: tuple[str, str] | None = None,  # (class id, unit id) for the hidden sheet
    heads: Sequence[str] = HEADS,
    info: bool = True,
    tail: int = 3,
) -> Path:
    """A reply form as the form writer lays it out: title, info row, header, numbered rows
    (``tail`` numbered blank rows after the people), and optionally the hidden sheet."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = FORM_SHEET
    ws.cell(TITLE_ROW, 1, "全县乡科级领导干部学习十八大精神轮训班报名回执")
    if info and unit:
        ws.cell(INFO_ROW, 1, f"单位：{unit}　名额：30 人　培训时间：2013年3月13日—23日")
    for c, head in enumerate(heads, start=1):
        ws.cell(HEADER_ROW, c, head)
    for i, row in enumerate([*rows, *[None] * tail], start=1):
        for c, head in enumerate(heads, start=1):
            value = i if head == "序号" else (row or {}).get(head)
            if value is not None:
                put(ws, FIRST_DATA_ROW + i - 1, c, value)  # text stays text, as Excel keeps it
    if meta is not None:
        ms = wb.create_sheet(META_SHEET)
        pairs = [("plan", "县2013年干部教育培训方案"), ("class", meta[0]), ("unit", meta[1])]
        for r, (key, value) in enumerate([*pairs, ("seats", 30), ("version", "1")], start=1):
            ms.cell(r, 1, key)
            ms.cell(r, 2, value)
        ms.sheet_state = "hidden"
    wb.save(path)
    return path


def codes(diags: list[Diagnostic]) -> list[str]:
    return [d.code for d in diags]


def of(diags: list[Diagnostic], code: str) -> list[Diagnostic]:
    return [d for d in diags if d.code == code]


def valid_id(body: str) -> str:
    """An ID number with a correct check character for 17 digits (not in the register)."""
    return body + idcard.check_char(body)


def test_clean_form(env: Env) -> None:
    rows = env.find("城关镇")[:6]
    for i, row in enumerate(rows):
        assert row is not None
        row["参加期次"] = f"第{i % 3 + 1}期"
    path = write_form(
        env.forms / "城关镇.xlsx", "城关镇", rows, meta=("rotation-18th", "chengguan")
    )
    found, diags = env.run([path])
    assert [f.how for f in found.forms] == ["隐藏工作表"]
    people = found.enrollment.people
    assert [p.name for p in people] == [r["姓名"] for r in rows if r]
    assert {p.unit for p in people} == {"chengguan"}
    assert [p.session for p in people] == [1, 2, 3, 1, 2, 3]
    assert people[0].source == f"城关镇.xlsx:{FIRST_DATA_ROW}"
    assert people[0].birth and people[0].sex in ("男", "女") and people[0].rank
    assert not [d for d in diags if d.severity is Severity.ERROR], [d.line() for d in diags]
    (under,) = of(diags, "CT713")
    assert "城关镇报名 6 人，名额 30 人" in under.message
    assert found.rows_read == 6 and not found.rejected  # the 3 numbered blank rows are not rows


def test_unit_from_renamed_file_info_row_column_or_file_name(env: Env) -> None:
    rows = env.find("东关街道")[:2]
    meta = write_form(env.forms / "回执(1).xlsx", None, rows, meta=("rotation-18th", "dongguan"))
    renamed = env.forms / "新建 Microsoft Excel 工作表.xlsx"
    info = write_form(renamed, "西关街道党工委", env.find("西关街道")[:2])
    column = write_form(
        env.forms / "报名表.xlsx",
        None,
        [{**r, "单位": "北郊乡"} for r in env.find("北郊乡")[:2] if r],
        heads=[*HEADS, "单位"],
    )
    named = write_form(env.forms / "南郊乡党委报名表（定稿）.xlsx", None, env.find("南郊乡")[:1])
    found, diags = env.run([named, column, info, meta])
    assert [(f.unit, f.how) for f in found.forms] == [
        ("dongguan", "隐藏工作表"),
        ("xiguan", "表头上方的“单位：西关街道党工委”"),
        ("beijiao", "“单位”列"),
        ("nanjiao", "文件名"),
    ]
    assert not of(diags, "CT703")


def test_unknown_or_ambiguous_unit_is_reported_not_guessed(env: Env) -> None:
    rows = env.find("城关镇")[:2]
    unknown = write_form(env.forms / "回执(2).xlsx", None, rows)
    two = write_form(env.forms / "城关镇东关街道.xlsx", None, rows)
    found, diags = env.run([unknown, two])
    assert not found.forms and not found.enrollment.people
    ct703 = of(diags, "CT703")
    assert [d.pos.file for d in ct703] == [str(unknown), str(two)]
    assert "城关镇、东关街道" in ct703[1].message


def test_form_for_another_class_is_not_read(env: Env) -> None:
    path = write_form(
        env.forms / "城关镇.xlsx",
        "城关镇",
        env.find("城关镇")[:2],
        meta=("youth-spring", "chengguan"),
    )
    found, diags = env.run([path])
    (wrong,) = of(diags, "CT702")
    assert "春期中青年班" in wrong.message and "十八大轮训班" in wrong.message
    assert not found.forms and found.files == 1


def test_blank_rows_full_width_digits_spaces_and_id_spellings(env: Env) -> None:
    a, b, c, d = (r for r in env.find("城关镇")[:4] if r is not None)
    x = next(p for p in env.people if p["身份证号"].endswith("X") and p["单位"] == "城关镇")
    full = str.maketrans("0123456789", "０１２３４５６７８９")
    a = {
        **a,
        "姓名": f" {a['姓名'][0]}　{a['姓名'][1:]} ",
        "身份证号": str(a["身份证号"]).translate(full),
        "联系电话": str(a["联系电话"]).translate(full),
        "参加期次": "二",
        "性别": f"{a['性别']}性",
    }
    b = {**b, "身份证号": f'="{b["身份证号"]}"', "参加期次": "２"}
    c = {**c, "身份证号": f"'{c['身份证号']}", "参加期次": 3}
    d = {**d, "参加期次": "第三期", "出生年月": str(d["出生年月"]).translate(full)}
    xr = {**as_row(x), "身份证号": x["身份证号"].lower(), "职级": "科员"}
    path = write_form(env.forms / "城关镇.xlsx", "城关镇", [a, None, b, None, None, c, d, xr])
    found, diags = env.run([path])
    people = found.enrollment.people
    assert people[0].name == str(a["姓名"]).replace(" ", "").replace("　", "")
    assert [p.session for p in people] == [2, 2, 3, 3, 1]
    assert people[0].id_number.isascii() and people[0].phone.isascii()
    assert people[0].sex in ("男", "女") and people[3].birth.isascii()
    assert people[4].id_number == x["身份证号"]  # lower-case x read as X
    assert [p.source.split(":")[1] for p in people] == ["4", "6", "9", "10", "11"]
    assert not of(diags, "CT403") and not of(diags, "CT412") and not of(diags, "CT707")
    assert found.rows_read == 5


def test_reordered_and_extra_columns(env: Env) -> None:
    heads = [
        "身份证号",
        "姓名",
        "备注",
        "手机",
        "性别",
        "职级",
        "参训期次",
        "序号",
        "爱好",
        "出生年月",
    ]
    rows = [
        {**r, "手机": r["联系电话"], "参训期次": "第2期", "备注": "食宿自理", "爱好": "围棋"}
        for r in env.find("城关镇")[:3]
        if r
    ]
    path = write_form(env.forms / "城关镇.xlsx", "城关镇", rows, heads=heads)
    found, diags = env.run([path])
    people = found.enrollment.people
    assert [p.id_number for p in people] == [r["身份证号"] for r in rows]
    assert {p.session for p in people} == {2} and {p.note for p in people} == {"食宿自理"}
    assert all(p.phone and p.rank for p in people)
    assert not [d for d in diags if d.severity is Severity.ERROR], [d.line() for d in diags]


def test_old_template_without_sessions_and_with_unit_and_post(env: Env) -> None:
    heads = ["序号", "姓名", "性别", "出生年月", "单位及职务", "职级", "身份证号", "联系电话"]
    found_rows = [r for r in env.find("城关镇") if r and not str(r["职务"]).startswith("党委")]
    rows = [{**r, "单位及职务": f"城关镇{r['职务']}"} for r in found_rows[:3]]
    path = write_form(env.forms / "乡科级轮训报名.xlsx", None, rows, heads=heads, info=False)
    found, diags = env.run([path])
    assert [(f.unit, f.how) for f in found.forms] == [("chengguan", "“单位”列")]
    people = found.enrollment.people
    assert [p.post for p in people] == [r["职务"] for r in rows]
    assert {p.session for p in people} == {0}
    (no_column,) = of(diags, "CT707")  # one warning for the sheet, not one per row
    assert no_column.pos.line == HEADER_ROW and "3 人暂不分期" in no_column.message


def test_wrong_checksum_and_missing_id_are_not_enrolled(env: Env) -> None:
    a, b, c = (r for r in env.find("城关镇")[:3] if r is not None)
    wrong = str(b["身份证号"])
    wrong = wrong[:17] + ("1" if wrong[17] != "1" else "2")
    path = write_form(
        env.forms / "城关镇.xlsx", "城关镇", [a, {**b, "身份证号": wrong}, {**c, "身份证号": None}]
    )
    found, diags = env.run([path])
    assert [p.name for p in found.enrollment.people] == [a["姓名"]]
    (bad,) = of(diags, "CT403")
    assert bad.pos == Pos(str(path), FIRST_DATA_ROW + 1, HEADS.index("身份证号") + 1)
    assert "校验码" in bad.message and "工作表“报名回执”第 5 行" in bad.message
    (empty,) = of(diags, "CT705")
    assert empty.pos.line == FIRST_DATA_ROW + 2 and "身份证号为空" in empty.message
    assert found.rejected == [Pos(str(path), 5), Pos(str(path), 6)]


def test_same_person_in_two_units(env: Env) -> None:
    mine = env.find("城关镇")[:2]
    theirs = env.find("东关街道")[:1]
    one = write_form(env.forms / "城关镇.xlsx", "城关镇", mine)
    two = write_form(env.forms / "东关街道.xlsx", "东关街道", [*theirs, mine[1]])
    found, diags = env.run([two, one])  # read in unit order whatever the order given
    assert [p.unit for p in found.enrollment.people] == ["chengguan", "chengguan", "dongguan"]
    (dup,) = of(diags, "CT708")
    assert dup.pos.file == str(two) and dup.pos.line == FIRST_DATA_ROW + 1
    assert "城关镇.xlsx 工作表“报名回执”第 5 行" in dup.message
    assert dup.related[0].pos.file == str(one)
    assert found.rejected == [Pos(str(two), FIRST_DATA_ROW + 1)]


def test_over_quota_keeps_everyone_and_lists_the_extra_rows(env: Env) -> None:
    rows = env.find("城关镇")
    assert len(rows) == 31  # 30 seats (cadretrain quota)
    path = write_form(env.forms / "城关镇.xlsx", "城关镇", rows)
    found, diags = env.run([path])
    assert len(found.enrollment.people) == 31
    (over,) = of(diags, "CT712")
    last = rows[-1]
    assert last is not None and str(last["姓名"]) in over.message
    assert over.pos.line == FIRST_DATA_ROW + 30 and len(over.related) == 1
    assert "超过名额 30 人" in over.message and not of(diags, "CT713")


def test_missing_units_are_warned_at_the_plan(env: Env) -> None:
    path = write_form(env.forms / "城关镇.xlsx", "城关镇", env.find("城关镇")[:1])
    _found, diags = env.run([path])
    missing = of(diags, "CT714")
    names = [d.message.split("（")[0] for d in missing]
    assert "东关街道" in names and "城关镇" not in names
    assert all(d.pos.file == env.plan.file and d.pos.line > 0 for d in missing)
    assert all(d.severity is Severity.WARNING for d in missing)


def test_person_in_two_overlapping_classes(env: Env) -> None:
    youth = [p for p in env.people if p["中青年"] == "是" and p["职级"].startswith("乡科级")]
    p, q = youth[0], youth[1]
    other = Enrollment("youth-spring", [Enrollee(p["姓名"], "chengguan", id_number=p["身份证号"])])
    women = Enrollment("women-leaders", [Enrollee(q["姓名"], "chengguan", id_number=q["身份证号"])])
    path = write_form(env.forms / f"{p['单位']}.xlsx", p["单位"], [as_row(p), as_row(q)])
    _found, diags = env.run(
        [path], "township-advanced", **{"youth-spring": other, "women-leaders": women}
    )
    (clash,) = of(diags, "CT711")  # women-leaders (5月7日—9日) does not overlap
    assert p["姓名"] in clash.message and "春期中青年班" in clash.message
    assert "在 2013年7月10日—12日 同时上课（3 天）" in clash.message
    # a person without a session in a two-session class attends both: said so
    village = write_form(env.forms / "第二份.xlsx", p["单位"], [as_row(p, session=None)])
    _found, diags = env.run([village], "village-secretaries", **{"youth-spring": other})
    (clash,) = of(diags, "CT711")
    assert "未填期次，按参加全部各期计" in clash.message


def test_ineligible_and_unknown_people(env: Env) -> None:
    clerk = env.find("城关镇", ("科员",))[0]
    stranger = {
        **as_row(env.people[0]),
        "姓名": "王小明",
        "身份证号": valid_id("99999919800101001"),
    }
    path = write_form(env.forms / "城关镇.xlsx", "城关镇", [clerk, stranger, env.find("城关镇")[0]])
    found, diags = env.run([path])
    assert len(found.enrollment.people) == 3  # kept: the office decides
    (ineligible,) = of(diags, "CT709")
    assert clerk is not None and str(clerk["姓名"]) in ineligible.message
    assert "科员" in ineligible.message and ineligible.pos.line == FIRST_DATA_ROW
    (unknown,) = of(diags, "CT710")
    assert "王小明" in unknown.message and unknown.pos.line == FIRST_DATA_ROW + 1


def test_session_over_capacity(env: Env, tmp_path: Path) -> None:
    text = Path(env.plan.file).read_text(encoding="utf-8").replace("capacity: 300", "capacity: 2")
    small = tmp_path / "small.yaml"
    small.write_text(text.replace("register: register-2013.csv", ""), encoding="utf-8")
    year = load_year(small, checks=False)
    assert year is not None
    plan = year.plan
    rows = [{**r, "参加期次": "第1期"} for r in env.find("城关镇")[:4] if r]
    path = write_form(env.forms / "城关镇.xlsx", "城关镇", rows)
    sink = Sink()
    cls = find_class(plan, "rotation-18th")
    table: QuotaTable = quota_table(plan, cls, env.cadres, Sink())
    collect_forms(
        plan,
        cls,
        table,
        [path],
        sink,
        schedules=year.schedules,
        cadres=None,
        others={},
        today=TODAY,
    )
    (full,) = of(sink.items, "CT715")
    assert "第 1 期已报 4 人" in full.message and len(full.related) == 2


def test_every_row_is_accounted_for(env: Env) -> None:
    a = env.find("城关镇")[:5]
    bad = {**(a[1] or {}), "身份证号": "12345"}
    one = write_form(env.forms / "城关镇.xlsx", "城关镇", [a[0], None, bad, *a[2:], a[0]])
    two = write_form(
        env.forms / "东关街道.xlsx",
        "东关街道",
        [*env.find("东关街道")[:3], a[3], {"姓名": None, "性别": "男"}],
    )
    found, diags = env.run([one, two])
    written = 6 + 5  # person rows written (blank numbered rows are not rows)
    assert found.rows_read == written
    assert found.rows_read == len(found.enrollment.people) + len(found.rejected)
    assert len(found.rejected) == 4  # bad ID, repeat in the same file, repeat across, no name
    errors = {(d.pos.file, d.pos.line) for d in diags if d.severity is Severity.ERROR}
    assert {(p.file, p.line) for p in found.rejected} <= errors


def test_run_collect_writes_once_and_is_idempotent(
    env: Env, capsys: pytest.CaptureFixture[str]
) -> None:
    write_form(env.forms / "东关街道.xlsx", "东关街道", env.find("东关街道")[:2])
    write_form(env.forms / "城关镇.xlsx", "城关镇", env.find("城关镇")[:3])
    (env.forms / "~$城关镇.xlsx").write_bytes(b"lock")
    (env.forms / "说明.txt").write_text("说明", encoding="utf-8")
    assert [p.name for p in form_files([env.forms])] == ["东关街道.xlsx", "城关镇.xlsx"]
    code = run_collect(env.year, "十八大轮训班", [env.forms], None, today=TODAY)
    out = capsys.readouterr().out
    assert code == 0, out
    target = enrollment_path(env.plan, "rotation-18th")
    data, stamp = target.read_bytes(), target.stat().st_mtime_ns
    assert "读取回执 2 份，共 5 行：列入名单 5 人。" in out and f"已写入 {target}" in out
    assert "警告" in out and "未用完名额 2" in out and "单位未交回执" in out
    loaded = load_enrollment(target, Sink())
    assert (
        loaded is not None
        and [p.unit for p in loaded.people] == ["chengguan"] * 3 + ["dongguan"] * 2
    )
    files = [env.forms / "城关镇.xlsx", env.forms / "东关街道.xlsx"]  # another order: same file
    assert run_collect(env.year, "rotation-18th", files, None, today=TODAY) == 0
    assert "没有变化，未重写" in capsys.readouterr().out
    assert target.read_bytes() == data and target.stat().st_mtime_ns == stamp
    # a hand-edited enrollment is kept unless --force
    target.write_text(data.decode("utf-8") + "# 已核对\n", encoding="utf-8")
    write_form(env.forms / "西关街道.xlsx", "西关街道", env.find("西关街道")[:1])
    assert run_collect(env.year, "rotation-18th", [env.forms], None, today=TODAY) == 1
    assert "--force" in capsys.readouterr().err and target.read_text(encoding="utf-8").endswith(
        "# 已核对\n"
    )
    assert run_collect(env.year, "rotation-18th", [env.forms], None, True, today=TODAY) == 0
    again = load_enrollment(target, Sink())
    assert again is not None and len(again.people) == 6
    assert target.read_text(encoding="utf-8") == dump_enrollment(again, env.plan)


def test_run_collect_usage_and_errors(env: Env, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(CannotProceed) as ambiguous:
        run_collect(env.year, "中青年", [env.forms], None)
    assert ambiguous.value.exit_code == 2 and "春期中青年班" in ambiguous.value.message
    assert run_collect(env.year, "rotation-18th", [env.forms], None) == 2  # empty folder
    wrong = write_form(env.forms / "城关镇.xlsx", "城关镇", [{"姓名": "张三", "身份证号": "1"}])
    assert run_collect(env.year, "rotation-18th", [wrong], None, today=TODAY) == 1
    out = capsys.readouterr().out
    assert "[CT403]" in out and "未列入 1 行" in out
    written = load_enrollment(enrollment_path(env.plan, "rotation-18th"), Sink())
    assert written is not None and written.people == []


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("第2期", 2),
        ("2", 2),
        ("二", 2),
        ("２", 2),
        ("第 3 期", 3),
        ("第十二期", 12),
        ("3期", 3),
        ("甲", None),
        ("", None),
        ("第期", None),
    ],
)
def test_parse_session(text: str, number: int | None) -> None:
    assert parse_session(text) == number


def test_csv_form_saved_from_excel(env: Env) -> None:
    rows = [r for r in env.find("城关镇")[:2] if r]
    lines = [",".join(HEADS)]
    for i, r in enumerate(rows, start=1):
        cells = [str(i) if h == "序号" else str(r.get(h) or "") for h in HEADS]
        cells[HEADS.index("身份证号")] = f'"=""{r["身份证号"]}"""'  # ="…" keeps it text
        lines.append(",".join(cells))
    path = env.forms / "城关镇党委.csv"
    path.write_bytes(("\n".join([*lines, "3" + "," * (len(HEADS) - 1)]) + "\n").encode("gbk"))
    found, diags = env.run([path])
    assert [(f.unit, f.how) for f in found.forms] == [("chengguan", "文件名")]
    assert [p.id_number for p in found.enrollment.people] == [r["身份证号"] for r in rows]
    assert not [d for d in diags if d.severity is Severity.ERROR], [d.line() for d in diags]


def test_a_windows_copy_of_a_form_loses_to_its_original(env: Env) -> None:
    people = env.find("城关镇")[:4]
    original = write_form(env.forms / "城关镇.xlsx", "城关镇", people[:3])
    copy = write_form(env.forms / "城关镇 - 副本.xlsx", "城关镇", people[1:])
    found, diags = env.run([copy, original])  # the copy first, as a folder listing sorts it
    assert [Path(f.file).name for f in found.forms] == ["城关镇.xlsx"]
    assert [p.name for p in found.enrollment.people] == [r["姓名"] for r in people[:3] if r]
    (told,) = [d for d in of(diags, "CT704") if "副本" in d.message]
    assert "城关镇 - 副本.xlsx" in told.message and "已按原件读取" in told.message
    assert not of(diags, "CT708")  # the copy's rows are not read, so not repeats either


def test_files_that_are_not_spreadsheets_are_named_with_the_reason(
    env: Env, capsys: pytest.CaptureFixture[str]
) -> None:
    write_form(env.forms / "城关镇.xlsx", "城关镇", env.find("城关镇")[:2])
    (env.forms / "赊店镇.docx").write_bytes(b"PK\x03\x04")
    (env.forms / "桥头镇回执.pdf").write_bytes(b"%PDF-1.4")
    (env.forms / "~$城关镇.xlsx").write_bytes(b"lock")
    run_collect(env.year, "rotation-18th", [env.forms], None, today=TODAY)
    out = capsys.readouterr().out
    named = {
        line.split("：")[1].rsplit("/", 1)[-1]
        for line in out.splitlines()
        if line.startswith("未读取：")
    }
    assert named == {"赊店镇.docx", "桥头镇回执.pdf", "~$城关镇.xlsx"}
    assert "Word 文件" in out and "PDF 文件" in out and "临时文件" in out


def test_a_name_one_character_off_is_enrolled_under_the_register_name_and_marked(
    env: Env,
) -> None:
    rows = env.find("城关镇")[:3]
    assert rows[1] is not None
    registered = str(rows[1]["姓名"])
    slip = registered[:-1] + ("甲" if registered[-1] != "甲" else "乙")
    rows[1] = {**rows[1], "姓名": slip}
    found, diags = env.run([write_form(env.forms / "城关镇.xlsx", "城关镇", rows)])
    (told,) = of(diags, "CT716")
    assert slip in told.message and registered in told.message
    assert told.severity is Severity.WARNING
    person = found.enrollment.people[1]
    assert person.name == registered and slip in person.note
    assert found.rows_read == 3 and not found.rejected


def test_a_different_name_for_the_id_is_held_back(env: Env) -> None:
    rows = env.find("城关镇")[:3]
    colleague = env.find("城关镇")[3]
    assert rows[2] is not None and colleague is not None
    owner = str(rows[2]["姓名"])
    rows[2] = {**colleague, "身份证号": rows[2]["身份证号"]}  # a colleague's name, another's ID
    found, diags = env.run([write_form(env.forms / "城关镇.xlsx", "城关镇", rows)])
    (told,) = of(diags, "CT717")
    assert told.severity is Severity.ERROR
    assert str(colleague["姓名"]) in told.message and owner in told.message
    names = [p.name for p in found.enrollment.people]
    assert str(colleague["姓名"]) not in names and len(names) == 2
    assert found.rows_read == len(names) + len(found.rejected)


@pytest.mark.parametrize(
    ("written", "registered", "near"),
    [
        ("张叁", "张三", True),
        ("李四", "张三", False),
        ("张三丰", "张三", False),
        ("王小明", "王晓明", True),
    ],
)
def test_near_miss(written: str, registered: str, near: bool) -> None:
    from cadretrain.enroll.name_check import near_miss

    assert near_miss(written, registered) is near


def test_the_problem_list_is_written_beside_the_enrollment_and_as_json(
    env: Env, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = env.find("城关镇")[:3]
    assert rows[1] is not None
    rows[1] = {**rows[1], "身份证号": valid_id("99999919800101001")}  # not in the register
    write_form(env.forms / "城关镇.xlsx", "城关镇", rows)
    run_collect(env.year, "rotation-18th", [env.forms], None, today=TODAY, fmt="json")
    listed = json.loads(capsys.readouterr().out)
    sheet = enrollment_path(env.plan, "rotation-18th").parent / "rotation-18th-问题清单.xlsx"
    wb = openpyxl.load_workbook(sheet)
    ws = wb["问题清单"]
    assert [c.value for c in ws[2]] == [
        "文件",
        "工作表",
        "行",
        "人员",
        "代码",
        "级别",
        "问题",
        "提示",
    ]
    body = [[c.value for c in row] for row in ws.iter_rows(min_row=3)]
    assert [r[4] for r in body] == [p["code"] for p in listed]
    (missing,) = [r for r in body if r[4] == "CT710"]
    assert missing[0] == "城关镇.xlsx" and missing[3] == rows[1]["姓名"]
    assert missing[2] == FIRST_DATA_ROW + 1 and missing[1] == FORM_SHEET
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$2:$2"
