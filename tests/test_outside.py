"""Hours from outside the plan (issue 11, item 3): 调训 records and the online academy's
export in the plan's ``records/outside/`` and ``records/online/``, read into the 学时 ledger.
Expectations come from reading the bundled files with openpyxl and csv, not through
cadretrain's readers."""

from __future__ import annotations

import csv
import shutil
from collections import defaultdict
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
import yaml

from cadretrain.cli.records_folder_steps import run_hours
from cadretrain.core.diagnostics import Diagnostic, Sink
from cadretrain.records.ledger import ledger
from cadretrain.records.ledger_check import check
from cadretrain.records.outside import ONLINE, OUTSIDE, ledger_rows, read_outside
from cadretrain.records.plan_folder import load_plans
from cadretrain.synth.outside import online_text, outside_bytes
from cadretrain.year.model import Year
from tests.conftest import ROOT

PLANS = ROOT / "plans"
OUTSIDE_DIR = PLANS / "records" / "outside"
ONLINE_DIR = PLANS / "records" / "online"


def outside_rows() -> list[dict[str, object]]:
    """The 调训 file as the test reads it: header in row 2."""
    (path,) = sorted(OUTSIDE_DIR.glob("*.xlsx"))
    ws = openpyxl.load_workbook(path).worksheets[0]
    heads = [c.value for c in ws[2]]
    return [
        dict(zip(heads, (c.value for c in row), strict=True)) | {"_line": row[0].row}
        for row in ws.iter_rows(min_row=3)
        if row[1].value
    ]


def online_rows() -> list[dict[str, str]]:
    (path,) = sorted(ONLINE_DIR.glob("*.csv"))
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def years() -> list[Year]:
    return load_plans(PLANS).years


def test_bundled_examples_are_current(years: list[Year]) -> None:
    (year,) = years
    (xlsx,) = sorted(OUTSIDE_DIR.glob("*.xlsx"))
    (text,) = sorted(ONLINE_DIR.glob("*.csv"))
    assert xlsx.read_bytes() == outside_bytes(year), "python -m cadretrain.synth.outside …"
    assert text.read_bytes() == online_text(year).encode("utf-8")
    ids = [str(r["身份证号"] or "") for r in outside_rows()] + [
        r["证件号码"] for r in online_rows()
    ]
    assert all(i.startswith("999999") for i in ids if i)  # synthetic people only


def enrolled_spans(year: Year) -> dict[str, list[tuple[date, date]]]:
    """ID → the dates of the classes the person is enrolled in, from the enrollment files."""
    out: dict[str, list[tuple[date, date]]] = defaultdict(list)
    for cls in year.plan.classes:
        path = PLANS / "enrollments" / f"{cls.id}.yaml"
        if not path.exists():
            continue
        slots = {s.number: s for s in year.schedule(cls).slots if not s.possible}
        for p in yaml.safe_load(path.read_text(encoding="utf-8"))["people"]:
            slot = slots.get(p.get("session", 0)) or (
                next(iter(slots.values())) if len(slots) == 1 else None
            )
            if slot is not None and p.get("id_number"):
                out[str(p["id_number"]).upper()].append((slot.days[0], slot.days[-1]))
    return out


def test_bundled_outside_and_online_hours_reach_the_ledger(years: list[Year]) -> None:
    (year,) = years
    sink = Sink()
    records = read_outside(years, sink)
    spans = enrolled_spans(year)
    register = {(c.name, c.unit_name): c.id_number for c in year.register() or []}
    expected_outside: dict[str, Decimal] = defaultdict(Decimal)
    repeats = 0
    for r in outside_rows():
        ident = str(r["身份证号"] or "") or register[str(r["姓名"]), str(r["工作单位"])]
        start = date.fromisoformat(str(r["开始日期"]))
        end = date.fromisoformat(str(r["结束日期"]))
        if any(s <= end and start <= e for s, e in spans.get(ident, [])):
            repeats += 1  # the same training as a plan class: counted once (the class)
            continue
        expected_outside[ident] += Decimal(str(r["学时"]))
    expected_online: dict[str, Decimal] = defaultdict(Decimal)
    for row in online_rows():
        expected_online[row["证件号码"]] += Decimal(row["获得学时"])
    assert repeats == 1
    codes = sorted(d.code for d in sink.items)
    assert codes == ["CT983", "CT986"]  # the row without an ID, the repeated class
    assert sum(not r.counted for r in records) == repeats
    assert {r.kind for r in records} == {OUTSIDE, ONLINE}
    plain = ledger(years, Sink())
    full = ledger(years, Sink(), outside=ledger_rows(records))
    for ident in set(expected_outside) | set(expected_online):
        before = plain.people[ident].totals(2013, 2013) if ident in plain.people else None
        after = full.people[ident].totals(2013, 2013)
        hours_before = before.hours if before else Decimal(0)
        assert after.hours - hours_before == expected_outside.get(ident, 0), ident
        assert after.online_hours == expected_online.get(ident, 0), ident
    untouched = set(plain.people) - set(expected_outside) - set(expected_online)
    assert untouched and all(
        full.people[k].totals(2013, 2013) == plain.people[k].totals(2013, 2013) for k in untouched
    )


def copy_plans(tmp_path: Path, extra: str = "") -> Path:
    folder = tmp_path / "plans"
    shutil.copytree(PLANS, folder)
    (tmp_path / "examples").mkdir()  # the plan's register: ../examples/register-2013.csv
    shutil.copy(ROOT / "examples" / "register-2013.csv", tmp_path / "examples")
    if extra:
        plan = folder / "2013-county.yaml"
        text = plan.read_text(encoding="utf-8")
        plan.write_text(text.replace("  year: 2013\n", f"  year: 2013\n{extra}", 1), "utf-8")
    return folder


def test_bad_rows_are_diagnostics_naming_file_row_and_value(tmp_path: Path) -> None:
    folder = copy_plans(tmp_path)
    known = online_rows()[0]
    bad = folder / "records" / "online" / "补报.csv"
    bad.write_text(
        "姓名,身份证号码,工作单位,课程,学时（小时）,完成日期\n"
        f"{known['学员姓名']},999999190001010000,{known['所在单位']},甲,2,2013-05-01\n"
        f"{known['学员姓名']},{known['证件号码']},{known['所在单位']},乙,十二,2013-05-01\n"
        f"{known['学员姓名']},{known['证件号码']},{known['所在单位']},丙,2,2012-12-30\n"
        f"{known['学员姓名']},{known['证件号码']},{known['所在单位']},丁,1.5,2013年6月1日\n",
        encoding="utf-8",
    )
    sink = Sink()
    records = read_outside(load_plans(folder).years, sink)
    mine: list[Diagnostic] = [d for d in sink.items if d.pos.file == str(bad)]
    by_code = {d.code: d for d in mine}
    assert sorted(by_code) == ["CT983", "CT984", "CT985"]
    # the unknown ID is matched by name and unit (CT983 reported, counted) …
    assert by_code["CT983"].pos.line == 2 and "999999190001010000" in by_code["CT983"].message
    assert by_code["CT984"].pos.line == 3 and "十二" in by_code["CT984"].message
    assert by_code["CT985"].pos.line == 4 and "2012-12-30" in by_code["CT985"].message
    assert all("补报.csv" in d.message for d in mine)
    got = [(r.course, r.hours) for r in records if r.file == str(bad)]
    assert got == [("甲", 2), ("丁", Decimal("1.5"))]


def test_an_unknown_person_is_not_counted(tmp_path: Path) -> None:
    folder = copy_plans(tmp_path)
    bad = folder / "records" / "outside" / "外县.csv"
    bad.write_text(
        "姓名,身份证号,单位,学时,开始日期,结束日期\n无名氏,999999190001010000,外县,40,2013-03-04,2013-03-08\n",
        encoding="utf-8",
    )
    sink = Sink()
    records = read_outside(load_plans(folder).years, sink)
    (d,) = [d for d in sink.items if d.pos.file == str(bad)]
    assert d.code == "CT982" and d.pos.line == 2 and "999999190001010000" in d.message
    assert all(r.file != str(bad) for r in records)


def test_online_hours_never_decide_and_the_local_requirement_is_its_own_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copy_plans(tmp_path, "  online_hours: 5\n")
    years = load_plans(folder).years
    assert years[0].plan.online_hours == 5
    sums: dict[str, Decimal] = defaultdict(Decimal)
    for row in online_rows():
        sums[row["证件号码"]] += Decimal(row["获得学时"])
    # a lot of online hours for someone short of the regulation: still 未达标
    book = ledger(years, Sink())
    short = next(s for s in check(book, 2013) if not s.ok and s.person.id_number)
    extra = folder / "records" / "online" / "加.csv"
    extra.write_text(
        f"姓名,身份证号,学时,完成日期\n{short.person.name},{short.person.id_number},500,2013-12-01\n",
        encoding="utf-8",
    )
    sums[short.person.id_number] += 500
    records = read_outside(years, Sink())
    full = ledger(years, Sink(), outside=ledger_rows(records))
    after = next(s for s in check(full, 2013) if s.person.key == short.person.key)
    assert after.this_year.online_hours == 500 and not after.ok
    assert after.this_year.hours == short.this_year.hours
    assert run_hours(folder, None, 2013, None) == 0
    out = capsys.readouterr().out
    met = sum(1 for v in sums.values() if v >= 5)
    assert f"本地网络学时要求：每年 5 学时，达到 {met} 人" in out
    total = sum(sums.values(), Decimal(0))
    assert f"{len(sums)} 人有网络学时，合计 {total.normalize():f} 学时" in out
