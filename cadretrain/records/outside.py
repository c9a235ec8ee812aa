"""Hours earned outside the plan: 调训 (training at higher-level party schools, sent by the
office) and the online academy's learner export (网络学时).

Layout, beside a plan as ``enrollments/`` is::

    records/outside/   调训 records (xlsx or csv), any number of files
    records/online/    the online academy's learner exports (xlsx or csv)

Each file is a table with a header row: 姓名, 身份证号 (证件号码 …), 单位 (optional), 课程 or
班次 (optional), 学时, and a date: 完成日期, or 开始日期 / 结束日期 (header variants are
tolerated: :data:`HEADS`). Decisions:

- A row belongs to the plan's year; a date outside it (or none that can be read) is CT985 and
  the row is not counted. 学时 must be a number ≥ 0 (CT984).
- People are matched by ID number against everyone enrolled in the plans of the year and the
  register (``cadres``); else by name and unit, reported (CT983) and counted when exactly one
  person fits; else CT982 and not counted.
- A row whose dates overlap a class of the plans of that year that the same person is enrolled
  in is the same training recorded twice: CT986, and only the plan's class is counted.
- 调训 hours count towards Art. 14 like a class (days = 学时 ÷ the plan's ``hours_per_day``);
  online hours are kept apart (``Entry.online_hours``) and never decide the verdict. A plan may
  set a local yearly online requirement (``plan.online_hours``), reported as its own line
  (:func:`online_lines`).

The ledger takes the counted rows through its one hook (``ledger(outside=…)``,
:func:`ledger_rows`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from cadretrain.core.diagnostics import Pos, Sink
from cadretrain.core.wording import day_text
from cadretrain.enroll.register import Cadre
from cadretrain.enroll.register_layout import squeeze
from cadretrain.files.tabular import Table, cell_text, is_table_file, read_tables
from cadretrain.records.folder import records_dir
from cadretrain.records.ledger import ZERO, Entry, num, person_key, unit_name
from cadretrain.records.ledger_check import Status
from cadretrain.year.model import Year

OUTSIDE, ONLINE = "调训", "网络"
FOLDERS = {OUTSIDE: "outside", ONLINE: "online"}

HEADS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "学员姓名", "学员", "用户姓名", "真实姓名"),
    "id": ("身份证号", "身份证号码", "身份证", "证件号码", "证件号", "公民身份号码", "身份证件号"),
    "unit": ("单位", "工作单位", "所在单位", "单位名称", "单位及职务", "部门", "所属单位"),
    "course": ("课程", "课程名称", "班次", "班次名称", "培训班次", "培训项目", "项目名称"),
    "hours": ("学时", "学时数", "获得学时", "完成学时", "有效学时", "总学时", "培训学时"),
    "date": ("完成日期", "完成时间", "学习完成时间", "日期", "结业日期", "培训日期"),
    "start": ("开始日期", "开始时间", "起始日期", "开班日期", "培训开始日期"),
    "end": ("结束日期", "结束时间", "截止日期", "培训结束日期"),
}
_ALIAS = {alias: field for field, names in HEADS.items() for alias in names}
_BRACKETS = re.compile(r"[（(【\[].*?[)）】\]]")
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")


@dataclass(frozen=True)
class OutsideRecord:
    """One row of a 调训 record or an online export, matched to a person of the ledger."""

    kind: str  # OUTSIDE or ONLINE
    file: str
    line: int
    key: str  # the ledger's person key
    name: str
    id_number: str
    unit: str
    rank: str
    course: str
    hours: Decimal
    start: date
    end: date
    year: int
    rate: Decimal  # the plan's 学时 per day, for the days of a 调训
    duplicate_of: str = ""  # the plan's class it repeats (then not counted)

    @property
    def counted(self) -> bool:
        return not self.duplicate_of


def _head(text: object) -> str:
    plain = _BRACKETS.sub("", unicodedata.normalize("NFKC", cell_text(text)))
    return re.sub(r"\s+", "", plain).rstrip(":：")


def find_columns(table: Table) -> tuple[int, dict[str, int]] | None:
    """The header row and the 1-based column of each field; it needs an ID or a name, 学时
    and a date."""
    for line, row in table.rows[:20]:
        cols: dict[str, int] = {}
        for c, cell in enumerate(row, start=1):
            field = _ALIAS.get(_head(cell))
            if field is not None and field not in cols:
                cols[field] = c
        dated = "date" in cols or "end" in cols or "start" in cols
        if "hours" in cols and ("id" in cols or "name" in cols) and dated:
            return line, cols
    return None


def parse_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    match = _DATE.search(unicodedata.normalize("NFKC", cell_text(value)))
    if match is None:
        return None
    try:
        return date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def parse_hours(value: object) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        got = Decimal(str(value))
    else:
        text = unicodedata.normalize("NFKC", cell_text(value)).replace(" ", "")
        try:
            got = Decimal(text.removesuffix("学时"))
        except InvalidOperation:
            return None
    return got if got.is_finite() and got >= 0 else None


@dataclass
class People:
    """Who a row can be: everyone enrolled in the year's plans and in the register."""

    by_id: dict[str, tuple[str, str]]  # ID → (key, name)
    by_name: dict[str, list[tuple[str, str, str]]]  # name → [(key, unit name, ID)]
    spans: dict[str, list[tuple[date, date, str]]]  # key → the plan's classes (dates, label)
    ranks: dict[str, str]  # key → rank (the register's, else the latest enrollment's)

    def add(self, key: str, name: str, unit: str, ident: str, rank: str) -> None:
        if rank:
            self.ranks[key] = rank
        if ident:
            self.by_id.setdefault(ident, (key, name))
        known = self.by_name.setdefault(squeeze(name), [])
        if all(k != key for k, _u, _i in known):
            known.append((key, unit, ident))


def people_of(years: Sequence[Year], year: int, cadres: Sequence[Cadre] | None) -> People:
    found = People({}, {}, {}, {})
    for y in sorted(years, key=lambda y: y.plan.year):
        plan = y.plan
        for cls in plan.classes:
            enrollment = y.enrollments(Sink()).get(cls.id)  # unreadable ones: the ledger's
            if enrollment is None:
                continue
            slots = {s.number: s for s in y.schedule(cls).slots if not s.possible}
            for p in enrollment.people:
                key = person_key(plan, p)
                unit = unit_name(plan, p.unit)
                found.add(key, p.name.strip(), unit, p.id_number.upper(), p.rank.strip())
                one = next(iter(slots.values())) if len(slots) == 1 else None
                slot = slots.get(p.session) or one
                if slot is not None and plan.year == year:  # no dates: nothing to overlap
                    span = (slot.start, slot.days[-1], cls.label)
                    found.spans.setdefault(key, []).append(span)
    for c in cadres or ():
        ident = c.id_number.strip().upper()
        key = ident or f"{c.name.strip()}|{c.unit_name}"
        found.add(key, c.name.strip(), c.unit_name, ident, c.rank.strip())
    return found


def read_outside(
    years: Sequence[Year], sink: Sink, cadres: Sequence[Cadre] | None = None
) -> list[OutsideRecord]:
    """Every 调训 and online row in the records folders of the plans of ``years``, matched
    against their enrollments and ``cadres`` (default: each plan's register; problems reading
    it are not told here); problems go to ``sink``. Rows that repeat a plan's class are
    returned with ``duplicate_of``."""
    out: list[OutsideRecord] = []
    for y in sorted(years, key=lambda y: (y.plan.year, y.plan.file)):
        people: People | None = None
        for kind, sub in FOLDERS.items():
            folder = records_dir(y.plan) / sub
            if not folder.is_dir():
                continue
            if people is None:
                register = cadres if cadres is not None else y.register(Sink())
                people = people_of(years, y.plan.year, register)
            for path in sorted(folder.iterdir()):
                if path.is_file() and is_table_file(path):
                    out += _read_file(y, kind, path, people, sink)
    return out


def _read_file(y: Year, kind: str, path: Path, people: People, sink: Sink) -> list[OutsideRecord]:
    file = str(path)
    tables = read_tables(path, sink, "CT981")
    if tables is None:
        return []
    found = next(((t, h) for t in tables if (h := find_columns(t)) is not None), None)
    if found is None:
        sink.add(
            "CT981",
            Pos(file),
            f"{file} 中找不到{kind}学时的表头（要有“身份证号”或“姓名”、“学时”和“完成日期”等日期）",
            hint="表头可写 姓名、身份证号、单位、课程名称、学时、完成日期"
            "（或开始日期、结束日期）。",
        )
        return []
    table, (head_at, cols) = found
    plan = y.plan
    rate = Decimal(str(plan.hours_per_day))
    out: list[OutsideRecord] = []
    for line, row in table.rows:
        if line <= head_at:
            continue
        cell = {f: (row[c - 1] if c <= len(row) else None) for f, c in cols.items()}
        name, ident = cell_text(cell.get("name")), cell_text(cell.get("id")).upper()
        if not name and not ident:
            continue
        where = f"{Path(file).name} {table.where(line)}"
        hours = parse_hours(cell["hours"])
        if hours is None:
            sink.add(
                "CT984",
                Pos(file, line, cols["hours"]),
                f"{where}：{name or ident}的学时“{cell_text(cell['hours'])}”不是数字，此行未计入",
                hint="学时填非负数字，如 12 或 1.5。",
            )
            continue
        span = _span(cell, cols, file, line, where, name or ident, plan.year, sink)
        if span is None:
            continue
        unit = cell_text(cell.get("unit"))
        matched = _match(people, name, ident, unit, Pos(file, line, cols.get("id", 1)), where, sink)
        if matched is None:
            continue
        key, known_name = matched
        course = cell_text(cell.get("course")) or ("调训" if kind == OUTSIDE else "网络学习")
        same = [label for s, e, label in people.spans.get(key, []) if s <= span[1] and span[0] <= e]
        if same:
            sink.add(
                "CT986",
                Pos(file, line, cols.get("course", cols["hours"])),
                f"{where}：{known_name}的{kind}记录“{course}”（{day_text(span[0], year=False)}—"
                f"{day_text(span[1], year=False)}）与其参加的计划班次“{same[0]}”日期重叠，"
                "按同一次培训只计一次（计划班次的学时），此行未计入",
                hint="若确是两次不同的培训，请核对日期后改正。",
            )
        out.append(
            OutsideRecord(
                kind, file, line, key, known_name, ident, unit, people.ranks.get(key, ""),
                course, hours,
                span[0], span[1], plan.year, rate, same[0] if same else "",
            )
        )  # fmt: skip
    return out


def _span(
    cell: dict[str, object],
    cols: dict[str, int],
    file: str,
    line: int,
    where: str,
    who: str,
    year: int,
    sink: Sink,
) -> tuple[date, date] | None:
    start = parse_date(cell.get("start"))
    end = parse_date(cell.get("end")) or parse_date(cell.get("date")) or start
    start = start or end
    field = next((f for f in ("date", "end", "start") if f in cols), "date")
    shown = cell_text(cell.get(field))
    pos = Pos(file, line, cols.get(field, 1))
    if start is None or end is None:
        sink.add("CT985", pos, f"{where}：{who}的日期“{shown}”认不出，此行未计入")
        return None
    if end < start:
        start, end = end, start
    if start.year != year or end.year != year:
        sink.add(
            "CT985",
            pos,
            f"{where}：{who}的日期“{shown}”不在 {year} 年内，此行不计入本年度",
            hint="其他年度的记录请放在那一年计划的 records/ 中。",
        )
        return None
    return start, end


def _match(
    people: People, name: str, ident: str, unit: str, pos: Pos, where: str, sink: Sink
) -> tuple[str, str] | None:
    """(person key, name) by ID number, else by name and unit (CT983); None after CT982."""
    if ident and ident in people.by_id:
        return people.by_id[ident]
    same = people.by_name.get(squeeze(name), []) if name else []
    fits = [(k, u) for k, u, _i in same if unit and (squeeze(u) in squeeze(unit))]
    if not unit and len(same) == 1:
        fits = [(same[0][0], same[0][1])]
    shown = f"身份证号“{ident}”" if ident else "没有身份证号"
    if len(fits) == 1:
        sink.add(
            "CT983",
            pos,
            f"{where}：{name}（{unit or '未写单位'}）{shown}，"
            f"按姓名和单位对应到{fits[0][1]}的{name}，学时已计入",
            hint="请核对后补上或改正身份证号。",
        )
        return fits[0][0], name
    why = "按姓名和单位对应到不止一人" if fits else "在报名名单和干部名册中找不到"
    sink.add(
        "CT982",
        pos,
        f"{where}：{name or ident}（{unit or '未写单位'}）{shown}，{why}，此行未计入",
        hint="核对身份证号；不在本县名册中的人不计入台账。",
    )
    return None


def ledger_rows(records: Sequence[OutsideRecord]) -> list[tuple[str, str, str, Entry]]:
    """(person key, name, ID number, entry) for each counted record: the ledger's hook."""
    out: list[tuple[str, str, str, Entry]] = []
    for r in records:
        if not r.counted:
            continue
        online = r.kind == ONLINE
        days = ZERO if online or not r.rate else r.hours / r.rate
        note = f"{r.kind}：{Path(r.file).name} 第 {r.line} 行"
        if not online:
            note += f"；天数按 {num(r.hours)} 学时 ÷ 每天 {num(r.rate)} 学时折算"
        entry = Entry(
            year=r.year,
            plan_file=r.file,
            class_id="",
            class_name=r.course,
            session=0,
            unit=r.unit,
            rank=r.rank,
            days=days,
            fieldwork_days=ZERO,
            rate=ZERO if online else r.rate,
            online_hours=r.hours if online else ZERO,
            basis=r.kind,
            note=note,
        )
        out.append((r.key, r.name, r.id_number, entry))
    return out


def online_lines(statuses: Sequence[Status], required: float | None) -> list[str]:
    """The online hours as lines of their own (never part of the Art. 14 verdict), with the
    plan's local yearly requirement when it sets one."""
    hours = [s.this_year.online_hours for s in statuses]
    total = sum(hours, ZERO)
    lines = [
        f"网络学时：{sum(1 for h in hours if h > 0)} 人有网络学时，合计 {num(total)} 学时"
        "（单独统计，不计入第十四条的达标判断）"
    ]
    if required is not None:
        need = Decimal(str(required))
        met = sum(1 for h in hours if h >= need)
        lines.append(
            f"本地网络学时要求：每年 {num(need)} 学时，达到 {met} 人，未达到 {len(hours) - met} 人"
        )
    return lines
