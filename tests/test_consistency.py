"""One truth after the class, over the bundled 2013 year: the ledger, the 结业名单, the report and
the archive agree with each other and with the sheets they come from.

Every expectation is computed here from the files themselves — the filled sign-in sheet read
cell by cell with openpyxl, the plan and the enrollments read with PyYAML — never through
cadretrain's readers, and never copied from a run. The same agreement over a generated folder of
two years (leave, absences, withdrawals, half-days not recorded, classes and sessions without
records, 调训 and online hours) is ``tests/test_after_two_years.py``."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

import openpyxl
import pytest
import yaml

from cadretrain.cli.records_folder_steps import run_archive, run_hours, run_report
from cadretrain.cli.records_steps import run_scores
from cadretrain.core.diagnostics import Sink
from cadretrain.year.pipeline import load_year
from tests.conftest import ROOT

PLANS = ROOT / "plans"
CLASS = "women-leaders"
PRESENT = {"✓", "√", "1", "迟到"}  # and the person's own name (a signature)


@pytest.fixture(scope="module")
def plan_yaml() -> dict[str, object]:
    data = yaml.safe_load((PLANS / "2013-county.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _class(plan_yaml: dict[str, object], cid: str) -> dict[str, object]:
    classes = plan_yaml["classes"]
    assert isinstance(classes, list)
    return next(c for c in classes if c["id"] == cid)


def _hours_per_day(plan_yaml: dict[str, object], cid: str) -> Decimal:
    own = _class(plan_yaml, cid).get("hours_per_day")
    header = plan_yaml["plan"]
    assert isinstance(header, dict)
    return Decimal(str(own if own is not None else header.get("hours_per_day", 7.5)))


def signed_half_days() -> list[tuple[str, int]]:
    """(姓名, half-days credited) per row of the filled sign-in sheet: a mark of presence, or a
    half-day column left blank for everyone (not recorded: credited to all)."""
    files = sorted((PLANS / "records" / "attendance" / CLASS).glob("*.xlsx"))
    assert len(files) == 1
    ws = openpyxl.load_workbook(files[0]).active
    halves = [c for c in range(1, ws.max_column + 1) if ws.cell(4, c).value in ("上午", "下午")]
    rows = [r for r in range(5, ws.max_row + 1) if ws.cell(r, 2).value]
    blank = {c for c in halves if all(str(ws.cell(r, c).value or "").strip() == "" for r in rows)}
    out = []
    for r in rows:
        name = str(ws.cell(r, 2).value).strip()
        marks = [str(ws.cell(r, c).value or "").strip() for c in halves if c not in blank]
        present = sum(1 for m in marks if m in PRESENT or m == name)
        out.append((name, present + len(blank)))
    return out


def _detail(path: Path) -> list[dict[str, object]]:
    ws = openpyxl.load_workbook(path)["明细"]
    head_row = next(r for r in range(1, 10) if ws.cell(r, 1).value == "序号")
    heads = [ws.cell(head_row, c).value for c in range(1, ws.max_column + 1)]
    return [
        {str(h): ws.cell(r, c).value for c, h in enumerate(heads, start=1)}
        for r in range(head_row + 1, ws.max_row + 1)
        if ws.cell(r, 2).value
    ]


def test_ledger_hours_are_attended_half_days_times_hours_per_half_day(
    tmp_path: Path, plan_yaml: dict[str, object]
) -> None:
    assert run_hours(PLANS, None, 2013, tmp_path) in (0, 1)
    ledger = next(tmp_path.glob("*学时台账.xlsx"))
    rows = _detail(ledger)
    name = str(_class(plan_yaml, CLASS)["name"])
    mine = [r for r in rows if r["班次"] == name]
    assert mine and {r["依据"] for r in mine} == {"签到"}
    per_half = _hours_per_day(plan_yaml, CLASS) / 2
    want = Counter((n, per_half * k) for n, k in signed_half_days())
    got = Counter((str(r["姓名"]), Decimal(str(r["合计学时"]))) for r in mine)
    assert got == want
    # a class without sign-in records keeps the enrollment basis, every entry says so
    # (entries from outside the plan, 调训 and 网络, have bases of their own)
    listed = {str(c["name"]) for c in plan_yaml["classes"]}  # type: ignore[attr-defined]
    others = [r for r in rows if r["班次"] != name and r["班次"] in listed]
    assert others and {r["依据"] for r in others} == {"报名"}


def _enrolled(cid: str) -> int:
    data = yaml.safe_load((PLANS / "enrollments" / f"{cid}.yaml").read_text(encoding="utf-8"))
    keys = {
        str(p.get("id_number") or "").upper() or f"{p['name']}|{p['unit']}" for p in data["people"]
    }
    return len(keys)


def _md_rows(md: str) -> dict[str, list[str]]:
    out = {}
    for line in md.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) > 4 and cells[0].isdigit():
            out[cells[1]] = cells
    return out


def test_report_enrolled_equals_the_enrollment_rows_and_completion_agrees(
    tmp_path: Path, plan_yaml: dict[str, object]
) -> None:
    folder = tmp_path / "plans"
    shutil.copytree(PLANS, folder)
    assert run_report(folder, 2013, tmp_path / "report") in (0, 1)
    md = (tmp_path / "report" / "2013年培训工作统计.md").read_text(encoding="utf-8")
    head = next(line for line in md.splitlines() if line.startswith("| 序号"))
    heads = [c.strip() for c in head.strip("|").split("|")]
    rows = _md_rows(md)
    for f in sorted((PLANS / "enrollments").glob("*.yaml")):
        name = str(_class(plan_yaml, f.stem)["name"])
        assert rows[name][heads.index("实际人次")] == str(_enrolled(f.stem)), name
    # planned, enrolled and attended apart: attended from the sign-in sheet itself
    women = rows[str(_class(plan_yaml, CLASS)["name"])]
    signed = signed_half_days()
    per_half = _hours_per_day(plan_yaml, CLASS) / 2
    assert women[heads.index("实到人次")] == str(sum(1 for _, k in signed if k))
    assert Decimal(women[heads.index("实到人天")]) == Decimal(sum(k for _, k in signed)) / 2
    assert Decimal(women[heads.index("实到学时")]) == per_half * sum(k for _, k in signed)
    when = str(_class(plan_yaml, CLASS)["when"])  # 2013年5月7日---5月9日: three days
    first, last = (int(d) for d in re.findall(r"(\d+)日", when))
    planned = int(str(_class(plan_yaml, CLASS)["planned"]))
    assert Decimal(women[heads.index("计划人天")]) == planned * (last - first + 1)
    assert women[heads.index("估算")] == ""
    guessed = [c[heads.index("估算")] for c in rows.values() if c[heads.index("估算")]]
    assert guessed and all(g.startswith("估算：") and "天" in g for g in guessed)
    unsigned = [c for n, c in rows.items() if n != women[1]]
    assert unsigned and all(c[heads.index("实到学时")] == "—" for c in unsigned)
    # 结业: the 结业名单, the report and the archive tell the same people
    year = load_year(folder / "2013-county.yaml", Sink(), checks=False)
    assert year is not None
    from cadretrain.records.folder import scores_path

    out = tmp_path / "scores"
    run_scores(year, CLASS, scores_path(year.plan, CLASS), out)
    ws = openpyxl.load_workbook(out / f"{CLASS}-结业名单.xlsx").active
    cols = [ws.cell(3, c).value for c in range(1, ws.max_column + 1)]
    listed = [
        (str(ws.cell(r, 2).value), str(ws.cell(r, cols.index("结业") + 1).value))
        for r in range(4, ws.max_row + 1)
    ]
    done = sum(1 for _, d in listed if d == "结业")
    assert re.search(rf"结业 {done} 人（结业率", md)
    withdrawn = [
        str(ws.cell(r, 2).value)
        for r in range(4, ws.max_row + 1)
        if ws.cell(r, cols.index("等次") + 1).value == "退学"
    ]
    assert withdrawn and all(dict(listed)[n] == "不予结业" for n in withdrawn)
    assert run_archive(folder, None, None, tmp_path / "archive") in (0, 1)
    html = next((tmp_path / "archive").glob("*.html")).read_text(encoding="utf-8")
    assert html.count("退学、不予结业（") == len(withdrawn)
    # every archive line names its 课程内容 and the basis of its 学时
    topics = _class(plan_yaml, CLASS).get("topics")
    assert isinstance(topics, list) and "、".join(topics) in html
    assert "签到" in html and "报名（无签到记录）" in html


def _pct(rate: Fraction) -> str:
    value = Decimal(rate.numerator) * 100 / Decimal(rate.denominator)
    return f"{value.quantize(Decimal('0.1'), ROUND_HALF_UP)}%"


def test_report_rates_are_pooled_as_well_as_averaged_per_class(tmp_path: Path) -> None:
    """满意度 from the filled rating forms themselves: pooled over every response of the year
    (the 合计 row) and the mean of the classes (the summary gives both)."""
    per_class = []
    for path in sorted((PLANS / "records" / "ratings").glob("*.xlsx")):
        ws = openpyxl.load_workbook(path).worksheets[0]
        at = next(r for r in range(1, 10) if ws.cell(r, 1).value == "序号")
        heads = [ws.cell(at, c).value for c in range(1, ws.max_column + 1)]
        cols = [heads.index(h) + 1 for h in ("很满意", "满意", "基本满意", "不满意")]
        counts = [
            [int(ws.cell(r, c).value) for c in cols]
            for r in range(at + 1, ws.max_row + 1)
            if ws.cell(r, 2).value
        ]
        per_class.append((sum(a + b for a, b, _, _ in counts), sum(map(sum, counts))))
    assert len(per_class) == 2
    pooled = Fraction(sum(g for g, _ in per_class), sum(n for _, n in per_class))
    mean = sum((Fraction(g, n) for g, n in per_class), Fraction(0)) / len(per_class)
    assert pooled != mean  # the two classes differ in size: the two figures must be told apart
    assert run_report(PLANS, 2013, tmp_path) in (0, 1)
    md = (tmp_path / "2013年培训工作统计.md").read_text(encoding="utf-8")
    assert f"平均满意度 {_pct(mean)}（按测评人数合计 {_pct(pooled)}）" in md
    total = next(line for line in md.splitlines() if line.startswith("|  | 合计"))
    head = next(line for line in md.splitlines() if line.startswith("| 序号"))
    heads = [c.strip() for c in head.strip("|").split("|")]
    cells = [c.strip() for c in total.strip().strip("|").split("|")]
    assert cells[heads.index("满意度")] == _pct(pooled)
