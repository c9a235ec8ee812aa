"""``cadretrain quota`` end to end on the 2013 plan and its synthetic register."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import openpyxl

from tests.conftest import ROOT

PLAN = ROOT / "plans" / "2013-county.yaml"


def cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cadretrain", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )


def test_json_quota_sums_to_the_headcount_and_spreads_over_sessions() -> None:
    result = cli("quota", str(PLAN), "--class", "十八大轮训班", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["requested"] == 900 and data["allocated"] == 900
    assert sum(u["seats"] for u in data["units"]) == 900
    assert data["sessions"] == 3 and sum(data["session_totals"]) == 900
    assert max(data["session_totals"]) - min(data["session_totals"]) <= 1
    for unit in data["units"]:
        assert sum(unit["per_session"]) == unit["seats"]
        if unit["population"] == 0:
            assert unit["seats"] == 0
    # populations agree with an independent count of the register's 乡科级 cadres per unit
    with (ROOT / "examples" / "register-2013.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    counted = Counter(r["单位"] for r in rows if r["职级"] in ("乡科级正职", "乡科级副职"))
    assert {u["name"]: u["population"] for u in data["units"] if u["population"]} == dict(counted)


def test_xlsx_quota_table_is_printable_and_reproducible(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = cli("quota", str(PLAN), "-c", "rotation-18th", "-f", "xlsx", "-o", str(out))
    assert first.returncode == 0, first.stderr
    (path,) = out.glob("*.xlsx")
    data = path.read_bytes()
    ws = openpyxl.load_workbook(path).active
    assert ws is not None
    assert ws["A1"].value == "全县乡科级领导干部学习十八大精神轮训班名额分配表"
    assert "A1" in {str(r).split(":")[0] for r in ws.merged_cells.ranges}
    assert [ws.cell(2, c).value for c in range(1, 5)] == ["序号", "单位", "符合条件人数", "名额"]
    last = ws.max_row
    assert ws.cell(last, 2).value == "合计" and ws.cell(last, 4).value == 900
    assert ws.page_setup.paperSize == 9 and ws.print_title_rows == "$2:$2"
    again = cli("quota", str(PLAN), "-c", "rotation-18th", "-f", "xlsx", "-o", str(out))
    assert again.returncode == 0 and path.read_bytes() == data  # byte-identical
    ws.cell(3, 4).value = 999  # a user edits the table by hand ...
    wb = ws.parent
    wb.save(path)
    refused = cli("quota", str(PLAN), "-c", "rotation-18th", "-f", "xlsx", "-o", str(out))
    assert refused.returncode == 1 and "--force" in refused.stderr  # ... and it is kept
    assert openpyxl.load_workbook(path).active.cell(3, 4).value == 999  # type: ignore[union-attr]


def test_unknown_class_lists_candidates() -> None:
    result = cli("quota", str(PLAN), "--class", "中青年")
    assert result.returncode == 2
    assert "春期中青年班" in result.stderr and "秋期中青年班" in result.stderr
