"""One truth after the class, over a generated folder of two years (``cadretrain.synth.two_years``):
leave, absences, a withdrawal with and without an approved exception, a half-day not recorded,
a mark written once into merged cells, a class and a session without sign-in records, 调训 and
online hours (with rows that must not count), a plan-level leave rule, and a cadre who appears
in both years.

The commands run as a user runs them (the CLI); every expectation is computed here from the
files themselves — the filled sign-in sheets, score sheets and outside records read cell by cell
with openpyxl or csv, the plans and enrollments with PyYAML — never through cadretrain's readers,
and never copied from a run."""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from typer.testing import CliRunner

from cadretrain.cli.main import app
from cadretrain.synth.two_years import write_two_years

YEARS = (2013, 2014)
PRESENT = {"✓", "√", "1", "迟到"}  # and the person's own name
DATE = re.compile(r"(\d{4})\D{1,3}(\d{1,2})\D{1,3}(\d{1,2})")


def cli(*args: str) -> int:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code


# --- the files, read here --------------------------------------------------------------------


@dataclass
class Year:
    year: int
    folder: Path
    plan: dict[str, Any]
    people: dict[str, list[dict[str, Any]]]  # class id → enrollment rows

    @property
    def file(self) -> Path:
        return self.folder / f"{self.year}-test.yaml"

    def cls(self, cid: str) -> dict[str, Any]:
        return next(c for c in self.plan["classes"] if c["id"] == cid)

    def rate(self, cid: str) -> Decimal:
        own = self.cls(cid).get("hours_per_day")
        return Decimal(str(own if own is not None else self.plan["plan"].get("hours_per_day", 7.5)))

    def share(self, cid: str) -> Fraction:
        c = self.cls(cid)
        text = c.get("leave_limit") or (self.plan["plan"].get("leave_rule") or {}).get(
            c.get("kind", "脱产"), "1/7"
        )
        return Fraction(1) if text == "不限" else Fraction(text)

    def days(self, cid: str, session: int) -> list[date]:
        """The person's training days: the class's dates (every day: weekends: true), cut into
        consecutive sessions of ``sessions.days``."""
        c = self.cls(cid)
        m = re.fullmatch(r"(\d+)年(\d+)月(\d+)日—(?:(\d+)月)?(\d+)日", c["when"])
        assert m, c["when"]
        y, m1, d1, m2, d2 = (int(g) if g else None for g in m.groups())
        assert y and m1 and d1 and d2
        first, last = date(y, m1, d1), date(y, m2 or m1, d2)
        every = [date.fromordinal(n) for n in range(first.toordinal(), last.toordinal() + 1)]
        per = (c.get("sessions") or {}).get("days")
        return every[(session - 1) * per : session * per] if per and session else every

    def unit_name(self, uid: str) -> str:
        return next(u["name"] for u in self.plan["units"] if u["id"] == uid)


def read_year(folder: Path, year: int) -> Year:
    base = folder / str(year)
    plan = yaml.safe_load((base / f"{year}-test.yaml").read_text(encoding="utf-8"))
    people = {
        f.stem: yaml.safe_load(f.read_text(encoding="utf-8"))["people"]
        for f in sorted((base / "enrollments").glob("*.yaml"))
    }
    return Year(year, base, plan, people)


@dataclass
class Signed:
    """One person's row of a filled sign-in sheet."""

    credited: int  # half-days present (late too) + half-days nobody signed
    missed: int  # leave and absence (blank in a column others signed)
    half_days: int  # of the session, unrecorded ones included
    present: int  # half-days present, late too


def signed(path: Path) -> dict[str, Signed]:
    """Every person of every filled sheet of the workbook; a sheet nobody signed is left out
    (no records for that session). A mark in merged cells counts for each cell it covers."""
    out: dict[str, Signed] = {}
    for ws in openpyxl.load_workbook(path).worksheets:
        halves = [c for c in range(1, ws.max_column + 1) if ws.cell(4, c).value in ("上午", "下午")]
        rows = [r for r in range(5, ws.max_row + 1) if ws.cell(r, 2).value]
        grid = {(r, c): str(ws.cell(r, c).value or "").strip() for r in rows for c in halves}
        for merge in ws.merged_cells.ranges:
            top = str(ws.cell(merge.min_row, merge.min_col).value or "").strip()
            for r in range(merge.min_row, merge.max_row + 1):
                for c in range(merge.min_col, merge.max_col + 1):
                    if (r, c) in grid:
                        grid[r, c] = top
        blank = {c for c in halves if all(grid[r, c] == "" for r in rows)}
        if blank == set(halves):
            continue
        for r in rows:
            name = str(ws.cell(r, 2).value).strip()
            marks = [grid[r, c] for c in halves if c not in blank]
            present = sum(1 for m in marks if m in PRESENT or m == name)
            out[name] = Signed(present + len(blank), len(marks) - present, len(halves), present)
    return out


def sign_in(y: Year, cid: str) -> dict[str, Signed]:
    folder = y.folder / "records" / "attendance" / cid
    found: dict[str, Signed] = {}
    for path in sorted(folder.glob("*.xlsx")) if folder.is_dir() else []:
        found.update(signed(path))
    return found


@dataclass
class Outside:
    kind: str  # 调训 or 网络
    name: str
    hours: Decimal


def outside_rows(y: Year, everyone: dict[str, tuple[str, str]]) -> list[Outside]:
    """The rows that count: a known ID (or, without one, a single enrolled person of that name
    and unit), 学时 a number, dates in the year, not overlapping a class the person attends."""
    out = []
    for kind, sub in (("调训", "outside"), ("网络", "online")):
        for path in sorted((y.folder / "records" / sub).iterdir()):
            if path.suffix == ".csv":
                with path.open(encoding="utf-8-sig", newline="") as f:
                    table = [list(row) for row in csv.reader(f)]
            else:
                ws = openpyxl.load_workbook(path).worksheets[0]
                table = [[c for c in row] for row in ws.iter_rows(values_only=True)]
            at = next(i for i, row in enumerate(table) if {"姓名", "学员姓名"} & set(map(str, row)))
            heads = [re.sub(r"（.*?）", "", str(h or "")) for h in table[at]]

            def col(row: list[Any], *names: str, heads: list[str] = heads) -> str:
                i = next(i for i, h in enumerate(heads) if h in names)
                return str(row[i] or "").strip()

            for row in table[at + 1 :]:
                name = col(row, "姓名", "学员姓名")
                ident = col(row, "身份证号码", "证件号码")
                unit = col(row, "工作单位", "所在单位")
                key = ident if ident in everyone else ""
                if not ident:
                    fits = [k for k, (n, u) in everyone.items() if n == name and u in unit]
                    key = fits[0] if len(fits) == 1 else ""
                try:
                    hours = Decimal(col(row, "学时", "获得学时"))
                except ArithmeticError:
                    continue
                dates = [
                    date(*map(int, m.groups()))
                    for v in (
                        col(row, "开始日期", "学习完成时间"),
                        col(row, "结束日期", "学习完成时间"),
                    )
                    if (m := DATE.search(v))
                ]
                if not key or len(dates) != 2 or {d.year for d in dates} != {y.year}:
                    continue
                attended = [
                    day
                    for cid, rows in y.people.items()
                    for p in rows
                    if str(p["id_number"]) == key
                    for day in y.days(cid, int(p.get("session") or 0))
                ]
                if any(dates[0] <= day <= dates[1] for day in attended):
                    continue  # the same training as a class of the plan: counted once
                out.append(Outside(kind, everyone[key][0], hours))
    return out


@dataclass
class Expected:
    hours: dict[str, Decimal] = field(default_factory=lambda: defaultdict(Decimal))
    days: dict[str, Decimal] = field(default_factory=lambda: defaultdict(Decimal))
    online: dict[str, Decimal] = field(default_factory=lambda: defaultdict(Decimal))
    basis: dict[tuple[str, str], str] = field(default_factory=dict)  # (姓名, 班次) → 签到/报名
    over: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # class → names


def expected(y: Year, everyone: dict[str, tuple[str, str]]) -> Expected:
    """学时 per cadre: attended half-days × hours per half-day where the session was signed,
    else the session's days × hours per day; plus the outside rows that count."""
    e = Expected()
    for cid, rows in y.people.items():
        sheet = sign_in(y, cid)
        for p in rows:
            name = p["name"]
            s = sheet.get(name)
            if s is None:
                days = len(y.days(cid, int(p.get("session") or 0)))
                e.hours[name] += days * y.rate(cid)
                e.days[name] += days
                e.basis[name, y.cls(cid)["name"]] = "报名"
                continue
            e.hours[name] += s.credited * y.rate(cid) / 2
            e.days[name] += Decimal(s.credited) / 2
            e.basis[name, y.cls(cid)["name"]] = "签到"
            if s.missed > y.share(cid) * s.half_days:
                e.over[cid].add(name)
    for row in outside_rows(y, everyone):
        (e.online if row.kind == "网络" else e.hours)[row.name] += row.hours
        if row.kind == "调训":  # days = 学时 ÷ the plan's hours per day
            e.days[row.name] += row.hours / Decimal(str(y.plan["plan"].get("hours_per_day", 7.5)))
    return e


def everyone_of(years: list[Year]) -> dict[str, tuple[str, str]]:
    """ID number → (姓名, 单位名称) over both years' enrollments."""
    return {
        str(p["id_number"]): (p["name"], y.unit_name(p["unit"]))
        for y in years
        for rows in y.people.values()
        for p in rows
    }


# --- the commands, run once ------------------------------------------------------------------


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("two-years")
    folder = root / "培训计划"
    write_two_years(folder)
    years = [read_year(folder, y) for y in YEARS]
    out = root / "out"
    codes = {}
    for y in years:
        # errors in the outside records (CT982, CT984, CT985) are findings: exit 1, still written
        codes["hours", y.year] = cli(
            "hours", str(folder), "--year", str(y.year), "-o", str(out / f"hours-{y.year}")
        )
        codes["report", y.year] = cli(
            "report", str(folder), "--year", str(y.year), "-o", str(out / f"report-{y.year}")
        )
        sheet = y.folder / "records" / "scores" / "a.xlsx"
        codes["scores", y.year] = cli(
            "scores", str(y.file), "--class", "a", str(sheet), "-o", str(out / f"scores-{y.year}")
        )
    codes["archive"] = cli("archive", str(folder), "-o", str(out / "archive"))
    everyone = everyone_of(years)
    return {"years": years, "out": out, "codes": codes, "everyone": everyone}


def table(path: Path, sheet: str) -> list[dict[str, Any]]:
    ws = openpyxl.load_workbook(path)[sheet]
    at = next(r for r in range(1, 10) if ws.cell(r, 1).value == "序号")
    heads = [ws.cell(at, c).value for c in range(1, ws.max_column + 1)]
    return [
        {str(h): ws.cell(r, c).value for c, h in enumerate(heads, start=1)}
        for r in range(at + 1, ws.max_row + 1)
        if ws.cell(r, 2).value
    ]


def test_the_commands_ran(world: dict[str, Any]) -> None:
    codes = world["codes"]
    assert codes["hours", 2013] == 1  # CT982, CT984, CT985 in the 2013 调训 record
    assert codes["hours", 2014] == 1  # the 2013 records are read for the 5-year window
    assert all(codes["scores", y] == 0 for y in YEARS)
    assert all(codes["report", y] in (0, 1) for y in YEARS) and codes["archive"] in (0, 1)


@pytest.mark.parametrize("year", YEARS)
def test_ledger_hours_are_what_the_sheets_say(world: dict[str, Any], year: int) -> None:
    years: list[Year] = world["years"]
    wanted = {y.year: expected(y, world["everyone"]) for y in years}
    path = world["out"] / f"hours-{year}" / "全部单位-学时台账.xlsx"
    rows = {r["姓名"]: r for r in table(path, "台账")}
    names = {p["name"] for y in years if y.year <= year for rs in y.people.values() for p in rs}
    assert set(rows) == names
    this = wanted[year]
    for name, row in rows.items():
        assert Decimal(str(row["本年合计学时"])) == this.hours.get(name, 0), name
        assert Decimal(str(row["本年网络学时"])) == this.online.get(name, 0), name
        window = sum((wanted[y].hours.get(name, 0) for y in wanted if y <= year), Decimal(0))
        assert Decimal(str(row["近5年学时"])) == window, name
        # Art. 14: 县处级 and above 550 学时 or 66 days over five years, else 90 or 12 a year
        leader = "县处级" in str(row["职级"])
        spans = [y for y in wanted if (year - 5 < y <= year if leader else y == year)]
        got_hours = sum((wanted[y].hours.get(name, 0) for y in spans), Decimal(0))
        got_days = sum((wanted[y].days.get(name, 0) for y in spans), Decimal(0))
        need_hours, need_days = (550, 66) if leader else (90, 12)
        decided = (
            "按学时"
            if got_hours >= need_hours
            else "按天数"
            if got_days >= need_days
            else "学时、天数均未"
        )
        assert str(row["达标条件"]).startswith(decided), (name, row["达标条件"])
        assert (row["状态"] == "达标") == (decided != "学时、天数均未")
    if year == 2014:  # the generated 县处级 cadre: 3 months by days, below 550 学时
        assert any(str(r["达标条件"]).startswith("按天数") for r in rows.values())
    detail = table(path, "明细")
    for (name, cls), basis in this.basis.items():
        got = {
            r["依据"]
            for r in detail
            if r["姓名"] == name and r["班次"] == cls and r["年度"] == year
        }
        assert got == {basis}, (name, cls)
    # withdrawn trainees are credited what they attended, and the entry says 退学
    for cid, over in this.over.items():
        cls = next(y for y in years if y.year == year).cls(cid)
        for name in over:
            note = next(r["备注"] for r in detail if r["姓名"] == name and r["班次"] == cls["name"])
            exception = any(e["name"] == name for e in cls.get("exceptions", []))
            assert ("经批准准予结业" if exception else "退学") in note


def graded(path: Path) -> dict[str, str]:
    """姓名 → 优秀 / 合格 / 不合格 / 待评, from the filled score sheet (weights 20/30/30/20,
    total rounded half up to 0.1)."""
    ws = openpyxl.load_workbook(path).worksheets[0]
    at = next(r for r in range(1, 6) if ws.cell(r, 2).value == "姓名")
    weights = [Decimal(20), Decimal(30), Decimal(30), Decimal(20)]
    out = {}
    for r in range(at + 1, ws.max_row + 1):
        name = ws.cell(r, 2).value
        if not name:
            continue
        scores = [ws.cell(r, 4 + k).value for k in range(len(weights))]
        if any(s is None for s in scores):
            out[str(name)] = "待评"
            continue
        total = sum((Decimal(str(s)) * w for s, w in zip(scores, weights, strict=True)), Decimal(0))
        total = (total / 100).quantize(Decimal("0.1"), ROUND_HALF_UP)
        out[str(name)] = "优秀" if total >= 90 else "合格" if total >= 60 else "不合格"
    return out


@pytest.mark.parametrize("year", YEARS)
def test_completion_agrees_in_the_list_the_report_and_the_archive(
    world: dict[str, Any], year: int
) -> None:
    y = next(y for y in world["years"] if y.year == year)
    grades = graded(y.folder / "records" / "scores" / "a.xlsx")
    over = expected(y, world["everyone"]).over["a"]
    assert over, "each year's class a has a trainee over its limit"
    allowed = {e["name"]: e["reason"] for e in y.cls("a").get("exceptions", [])}
    done = {
        n for n, g in grades.items() if g in ("优秀", "合格") and (n not in over or n in allowed)
    }
    ws = openpyxl.load_workbook(world["out"] / f"scores-{year}" / "a-结业名单.xlsx").active
    heads = [ws.cell(3, c).value for c in range(1, ws.max_column + 1)]
    listed = {
        str(ws.cell(r, 2).value): {h: ws.cell(r, c + 1).value for c, h in enumerate(heads)}
        for r in range(4, ws.max_row + 1)
        if ws.cell(r, 2).value
    }
    assert set(listed) == {p["name"] for p in y.people["a"]}
    assert {n for n, row in listed.items() if row["结业"] == "结业"} == done
    for name in over:
        row = listed[name]
        if name in allowed:
            assert allowed[name] in str(row["备注"]) and row["等次"] == grades[name]
        else:
            assert (row["等次"], row["结业"]) == ("退学", "不予结业")
    md = (world["out"] / f"report-{year}" / f"{year}年培训工作统计.md").read_text(encoding="utf-8")
    assert f"结业 {len(done)} 人（结业率" in md
    for name, reason in allowed.items():
        assert reason in md and name in md
    sheets = openpyxl.load_workbook(world["out"] / "archive" / "全部单位-学员学习登记表.xlsx")
    cls_name = y.cls("a")["name"]
    for name in listed:
        ws = sheets[name]
        result = next(
            ws.cell(r, 7).value for r in range(5, ws.max_row + 1) if ws.cell(r, 3).value == cls_name
        )
        if name in over and name not in allowed:
            assert str(result).startswith("退学、不予结业（缺课")
        else:
            assert str(result).startswith(grades[name])
            if name in allowed:
                assert allowed[name] in str(result)


def pct(rate: Fraction) -> str:
    value = (Decimal(rate.numerator) * 100 / Decimal(rate.denominator)).quantize(
        Decimal("0.1"), ROUND_HALF_UP
    )
    return f"{value}%"


def md_rows(md: str, head_start: str) -> tuple[list[str], list[list[str]]]:
    lines = md.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(f"| {head_start}"))
    heads = [c.strip() for c in lines[at].strip("|").split("|")]
    rows = []
    for line in lines[at + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([c.strip() for c in line.strip().strip("|").split("|")])
    return heads, rows


@pytest.mark.parametrize("year", YEARS)
def test_report_people_and_attended_figures_and_outside_hours(
    world: dict[str, Any], year: int
) -> None:
    y = next(y for y in world["years"] if y.year == year)
    md = (world["out"] / f"report-{year}" / f"{year}年培训工作统计.md").read_text(encoding="utf-8")
    heads, rows = md_rows(md, "序号")
    by_name = {r[1]: dict(zip(heads, r, strict=True)) for r in rows}
    for cid, people in y.people.items():
        row = by_name[y.cls(cid)["name"]]
        assert row["实际人次"] == str(len({p["id_number"] for p in people}))
        sheet = sign_in(y, cid)
        if sheet:  # the signed sessions only; a class partly signed says so
            assert row["实到人次"] == str(sum(1 for s in sheet.values() if s.credited))
            half_days = sum(s.credited for s in sheet.values())
            assert Decimal(row["实到学时"]) == half_days * y.rate(cid) / 2
            assert Decimal(row["实到人天"]) == Decimal(half_days) / 2
            partly = len(sheet) < len(people)
            assert ("实到只计有签到表的期次" in row["情况"]) == partly
        else:
            assert row["实到学时"] == "—"
    if year == 2013:  # class c: the first session signed, the second's sheet left blank
        assert "实到只计有签到表的期次" in by_name[y.cls("c")["name"]]["情况"]
    # attendance pooled over every recorded half-day (合计 row), and the mean of the classes
    sheets = [list(sign_in(y, cid).values()) for cid in y.people]
    rates = [
        Fraction(sum(s.present for s in sh), sum(s.present + s.missed for s in sh))
        for sh in sheets
        if sh
    ]
    pooled = Fraction(
        sum(s.present for sh in sheets for s in sh),
        sum(s.present + s.missed for sh in sheets for s in sh),
    )
    assert by_name["合计"]["出勤率"] == pct(pooled)
    assert (
        f"平均出勤率 {pct(sum(rates, Fraction(0)) / len(rates))}（按半天合计 {pct(pooled)}）" in md
    )
    heads_o, rows_o = md_rows(md, "类别")
    outside = {r[0]: dict(zip(heads_o, r, strict=True)) for r in rows_o}
    counted = outside_rows(y, world["everyone"])
    for kind in ("调训", "网络"):
        mine = [r for r in counted if r.kind == kind]
        assert outside[kind]["人次"] == str(len(mine))
        assert Decimal(outside[kind]["学时"]) == sum((r.hours for r in mine), Decimal(0))


def test_archive_totals_agree_with_the_ledger_over_both_years(world: dict[str, Any]) -> None:
    years: list[Year] = world["years"]
    wanted = [expected(y, world["everyone"]) for y in years]
    sheets = openpyxl.load_workbook(world["out"] / "archive" / "全部单位-学员学习登记表.xlsx")
    names = {p["name"] for y in years for rs in y.people.values() for p in rs}
    assert set(sheets.sheetnames) == names
    for name in names:
        ws = sheets[name]
        total_row = next(
            r for r in range(5, ws.max_row + 1) if str(ws.cell(r, 1).value).startswith("合计")
        )
        want = sum((e.hours.get(name, Decimal(0)) for e in wanted), Decimal(0))
        assert Decimal(str(ws.cell(total_row, 6).value)) == want, name
        online = sum((e.online.get(name, Decimal(0)) for e in wanted), Decimal(0))
        assert (
            f"网络学时 {online.normalize():f} 另计" in str(ws.cell(total_row, 1).value)
        ) == bool(online)
        for e, y in zip(wanted, years, strict=True):
            for (who, cls), basis in e.basis.items():
                if who != name:
                    continue
                line = next(
                    r
                    for r in range(5, total_row)
                    if ws.cell(r, 3).value == cls and ws.cell(r, 2).value == y.year
                )
                assert str(ws.cell(line, 10).value).startswith(basis), (name, cls)
                topics = "、".join(
                    y.cls(next(c for c in y.people if y.cls(c)["name"] == cls)).get("topics", [])
                )
                assert topics in str(ws.cell(line, 9).value)
