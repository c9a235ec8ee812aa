"""The decision table (``enroll/method.py``): every class of the bundled plan and of generated
plans covering every row gets one answer from ``quota``, ``forms``, ``notice`` and ``build``.

Expectations are computed from the written files: the notice's one headcount (共N人) equals
its quota table's total and the reply forms' total (where each exists), and the four commands
exit with the same code."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from cadretrain.cli.build_step import run_build
from cadretrain.cli.document_steps import run_notice
from cadretrain.cli.enroll_steps import run_forms
from cadretrain.cli.quota_cmd import run_quota
from cadretrain.core.diagnostics import Sink
from cadretrain.enroll.method import Method, decide
from cadretrain.enroll.quota_table import load_cadres
from cadretrain.year.model import Year
from cadretrain.year.pipeline import load_year
from tests.conftest import ROOT

PLAN = ROOT / "plans" / "2013-county.yaml"

ROWS_PLAN = """\
plan: {title: 测试计划, year: 2013, organizer: 县委组织部, issued: 2013-02-19}
units:
  - {id: u1, name: 一镇, kind: 乡镇, counts: {正职: 30, 副职: 10}}
  - {id: u2, name: 二镇, kind: 乡镇, counts: {正职: 10, 副职: 30}}
venues: [{id: ps, name: 党校, capacity: 200}]
classes:
  - {id: counts, name: 正职干部班, eligible: {rank: [正职]}, planned: 25,
     when: 2013-05-07, venue: ps}
  - {id: capped, name: 副职干部班, eligible: {rank: [副职]}, planned: 30,
     quota: {max: 12}, when: 2013-05-14, venue: ps}
  - {id: chosen, name: 青年干部选学班, planned: 40, selection: 考试, when: 2013-06-04, venue: ps}
  - {id: open, name: 专题讲座, when: 2013-06-11, venue: ps}
  - {id: uncovered, name: 入党积极分子班, eligible: {tags: [入党积极分子]}, planned: 50,
     when: 2013-06-18, venue: ps}
  - {id: in-when, name: 正职轮训班, eligible: {rank: [正职]}, planned: 每期15人,
     when: 2013年7月1日—12日，每期三天，分两期进行, venue: ps}
  - {id: written, name: 正职轮训二班, eligible: {rank: [正职]}, planned: 每期15人,
     when: 2013年9月2日—13日, sessions: {count: 2, days: 3}, venue: ps}
tags: [入党积极分子]
ranks: [正职, 副职]
"""

NO_UNITS_PLAN = """\
plan: {title: 测试计划, year: 2013, organizer: 县委组织部, issued: 2013-02-19}
classes:
  - {id: talk, name: 专题讲座, planned: 100, when: 2013-05-07}
"""


def _plan_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _year(path: Path) -> Year:
    year = load_year(path)
    assert year is not None
    return year


def _headcounts(notice: str) -> list[int]:
    return [int(n) for n in re.findall(r"共(\d+)人", notice)]


def _forms_total(folder: Path) -> int | None:
    """The seats written on the reply forms (row 2: 名额：N), None when there are none."""
    files = sorted(folder.glob("*.xlsx")) if folder.is_dir() else []
    if not files:
        return None
    total = 0
    for file in files:
        wb = openpyxl.load_workbook(file, read_only=True)
        row2 = next(wb.worksheets[0].iter_rows(min_row=2, max_row=2, values_only=True))
        text = " ".join(str(v) for v in row2 if v)
        match = re.search(r"名额：(\d+)", text)
        assert match, (file, text)
        total += int(match.group(1))
        wb.close()
    return total


def agree(path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Method]:
    """Run the four commands on every class of ``path`` and check that they agree; returns
    each class's row of the table."""
    year = _year(path)
    built = tmp_path / "build"
    build_code = run_build(path, built, ignore_errors=True, progress=False)
    capsys.readouterr()
    cadres = load_cadres(year.plan, Sink())
    rows = {}
    for cls in year.plan.classes:
        rows[cls.id] = decide(year.plan, cls, cadres).method
        out = tmp_path / cls.id
        quota_code = run_quota(year, cls.id, None, "json", out)
        quota = json.loads(capsys.readouterr().out)
        forms_code = run_forms(year, cls.id, None, out)
        capsys.readouterr()
        notice_code = run_notice(year, cls.id, "md", out)
        capsys.readouterr()
        assert quota_code == forms_code == notice_code == build_code, cls.id
        notice = (out / f"{cls.id}-培训通知.md").read_text(encoding="utf-8")
        assert notice == (built / cls.id / "培训通知.md").read_text(encoding="utf-8")
        stated = _headcounts(notice)
        assert len(stated) <= 1, (cls.id, stated)  # one headcount, stated once
        table_total = quota.get("allocated")
        forms_total = _forms_total(out / f"{cls.id}-报名回执")
        assert forms_total == _forms_total(built / cls.id / "报名回执"), cls.id
        has_table = (built / cls.id / "名额分配表.xlsx").is_file()
        assert has_table == (table_total is not None), cls.id
        if table_total is not None:
            assert stated == [table_total], cls.id
            assert forms_total == table_total, cls.id
            if table_total != cls.planned:
                assert f"本班次规划{cls.planned}人" in notice, cls.id
        else:
            assert forms_total is None, cls.id
            assert stated == ([cls.planned] if cls.planned else []), cls.id
            assert "附件1" not in notice, cls.id
    return rows


def test_bundled_plan_commands_agree(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = agree(PLAN, tmp_path, capsys)
    assert rows["rotation-18th"] is Method.REGISTER
    assert rows["party-activists"] is Method.UNCOVERED  # 38 of 200 in the register
    assert rows["village-secretaries"] is Method.UNCOVERED  # none in the register
    assert rows["shedian-forum"] is Method.UNPLANNED


def test_every_row_of_the_table_agrees(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = agree(_plan_file(tmp_path, ROWS_PLAN), tmp_path, capsys)
    assert rows == {
        "counts": Method.COUNTS,
        "capped": Method.COUNTS,
        "chosen": Method.SELECTION,
        "open": Method.UNPLANNED,
        "uncovered": Method.UNCOVERED,
        "in-when": Method.COUNTS,
        "written": Method.COUNTS,
    }
    # sessions stated in when (每期三天，分两期进行) are apportioned as sessions written are
    splits = {}
    for cid in ("in-when", "written"):
        table = openpyxl.load_workbook(tmp_path / "build" / cid / "名额分配表.xlsx")
        splits[cid] = [
            [c for c in row[1:] if c is not None]
            for row in table.worksheets[0].iter_rows(values_only=True)
            if row and row[1] in ("一镇", "二镇", "合计")
        ]
        table.close()
    assert splits["in-when"] == splits["written"] and splits["in-when"]
    chosen = (tmp_path / "chosen" / "chosen-培训通知.md").read_text(encoding="utf-8")
    assert "通过考试择优确定" in chosen and "附件" not in chosen
    capped = (tmp_path / "capped" / "capped-培训通知.md").read_text(encoding="utf-8")
    assert "每个单位至多分配12人" in capped


def test_no_units_is_a_warning_in_every_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = agree(_plan_file(tmp_path, NO_UNITS_PLAN), tmp_path, capsys)
    assert rows == {"talk": Method.NO_UNITS}
    assert (tmp_path / "build" / "talk" / "培训通知.md").is_file()


def test_register_share_decides_between_register_and_uncovered(tmp_path: Path) -> None:
    """38 入党积极分子 in the register: below half of 200, but above a share of 15%."""
    shutil.copy(PLAN, tmp_path / "plan.yaml")
    text = (tmp_path / "plan.yaml").read_text(encoding="utf-8")
    register = (ROOT / "examples" / "register-2013.csv").as_posix()
    text = text.replace("register: ../examples/register-2013.csv", f"register: {register}")
    text = text.replace("    planned: 200\n", "    planned: 200\n    register_share: 15\n", 1)
    year = _year(_plan_file(tmp_path, text))
    cls = next(c for c in year.plan.classes if c.id == "party-activists")
    decision = decide(year.plan, cls, load_cadres(year.plan, Sink()))
    assert decision.method is Method.REGISTER and decision.found == 38
    warned = [d.message for d in year.diagnostics if d.code == "CT206"]
    assert [m for m in warned if "村社区书记班" in m] and not [m for m in warned if "入党" in m]


def test_per_unit_class_is_apportioned_to_its_own_unit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    year = _year(ROOT / "examples" / "district-village-per-unit.yaml")
    cls = next(c for c in year.plan.classes if c.unit)
    run_quota(year, cls.id, None, "json", tmp_path)
    data = json.loads(capsys.readouterr().out)
    seated = {u["unit"]: u["seats"] for u in data["units"] if u["seats"]}
    assert seated == {cls.unit: cls.planned}
    assert run_forms(year, cls.id, None, tmp_path) == 0
    forms = sorted((tmp_path / f"{cls.id}-报名回执").glob("*.xlsx"))
    assert [f.stem for f in forms] == [year.plan.units[cls.unit].name]


PARADOX_PLAN = """\
plan: {title: 测试计划, year: 2013}
ranks: [正职]
units:
  - {id: u1, name: 一镇, counts: {正职: 1}}
  - {id: u2, name: 二镇, counts: {正职: 3}}
  - {id: u3, name: 三镇, counts: {正职: 3}}
classes:
  - {id: a, name: 甲班, eligible: {rank: [正职]}, planned: PLANNED, when: 2013-05-07}
"""


def _quota_json(tmp_path: Path, planned: int, capsys: pytest.CaptureFixture[str]) -> Any:
    folder = tmp_path / str(planned)
    folder.mkdir()
    year = _year(_plan_file(folder, PARADOX_PLAN.replace("PLANNED", str(planned))))
    assert run_quota(year, "a", None, "json", folder) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("planned", [2, 3, 4, 5])
def test_a_unit_losing_a_seat_to_one_more_planned_is_told_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], planned: int
) -> None:
    now = {u["unit"]: u for u in _quota_json(tmp_path, planned, capsys)["units"]}
    before = {u["unit"]: u["seats"] for u in _quota_json(tmp_path, planned - 1, capsys)["units"]}
    # 1:3:3 — 3 seats give 1/1/1, 4 seats give 0/2/2 (remainders 0.57 < 0.71): u1 loses its seat
    assert (now["u1"]["seats"] < before["u1"]) == (planned == 4)
    for uid, unit in now.items():
        lost = unit["seats"] < before[uid]
        assert ("阿拉巴马悖论" in unit["reason"]) == lost, (planned, uid, unit["reason"])
        if lost:
            assert f"本单位可分 {before[uid]} 个名额" in unit["reason"]
