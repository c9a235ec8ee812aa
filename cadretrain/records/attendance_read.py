"""Reading attendance (考勤): filled 签到表 workbooks, or a plain CSV of records.

A sign-in sheet is found by its header, not by its position: the row holding 序号 and 姓名,
with 上午 / 下午 in the row under the date cells (``5月7日（星期二）``). People are matched by
姓名 and 单位及职务 against the enrollment of the sheet's session (``第1期`` …, or the only
session). The CSV alternative has the columns 姓名, 单位, 日期, 时段, 状态, one row per person
and half-day.

Marks (:func:`classify`): ✓ √ ✔ ☑ 1 or the person's own name = present; 迟到 = present and
late; 请假 假 病假 事假 = leave; 缺勤 缺 旷课 × x 0 = absent; an empty cell = absent. A mark in
merged cells (上午 and 下午 of a day, or several days) counts for every half-day the merge
covers (``files.merges``). A half-day column empty for everyone was not recorded (CT803).
Anything else — another person's name (signed for someone?), 出差, 早退, ``?`` — is CT802 with
the file, sheet and cell, and is counted as 待核 (to be checked), never guessed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from cadretrain.core.diagnostics import Pos, Sink
from cadretrain.enroll.enrollment import Enrollee, Enrollment
from cadretrain.enroll.parts import Part, session_parts, unit_and_post
from cadretrain.enroll.register_layout import squeeze
from cadretrain.files.merges import fill_merged, merged_ranges
from cadretrain.files.tabular import Table, cell_text
from cadretrain.plan.model import Plan, TrainingClass
from cadretrain.plan.schedule import Schedule
from cadretrain.records.attendance import (
    HALVES,
    HalfDay,
    Mark,
)
from cadretrain.records.attendance_sheet import (
    CSV_HEADS,
    DATE_PATTERN,
    MARKS_HELP,
    WEEKDAY_PATTERN,
    HalfColumn,
    cell_at,
    cell_ref,
    classify,
    day_label,
    half_columns,
    half_text,
    head_text,
    header_row,
    session_number,
    unit_names,
)


@dataclass
class Reader:
    plan: Plan
    cls: TrainingClass
    enrollment: Enrollment
    sink: Sink
    schedule: Schedule  # the class's, from the plan's year model
    parts: list[Part] = field(default_factory=list)
    marks: dict[int, dict[HalfDay, tuple[Mark, str]]] = field(default_factory=dict)
    seen: dict[int, set[HalfDay]] = field(default_factory=dict)  # session -> columns read
    recorded: dict[int, set[HalfDay]] = field(default_factory=dict)  # … with any mark
    listed: set[int] = field(default_factory=set)  # people found on a sheet or in the CSV
    files: dict[int, str] = field(default_factory=dict)  # session -> first file that has it
    conflicts: set[tuple[int, HalfDay]] = field(default_factory=set)  # (person, half-day)
    blank: list[tuple[int, HalfDay | None, Pos, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.parts, _ = session_parts(self.plan, self.cls, self.enrollment, self.schedule)

    # --- shared ---------------------------------------------------------------------------

    def part(self, number: int) -> Part | None:
        return next((p for p in self.parts if p.number == number), None)

    def put(self, person: Enrollee, half: HalfDay, mark: Mark, where: str, pos: Pos) -> None:
        mine = self.marks.setdefault(id(person), {})
        before = mine.get(half)
        if (id(person), half) in self.conflicts:
            return  # reported once (CT806): 待核 until someone checks
        if before is not None and before[0] is not mark:
            self.conflicts.add((id(person), half))
            self.sink.add(
                "CT806",
                pos,
                f"{where}：{person.name} {half_text(half)}记为“{mark.value}”，"
                f"但 {before[1]} 记为“{before[0].value}”；计为待核",
                hint="同一时段只应有一个记录；请核对后删去或改正其中一处。",
            )
            mine[half] = (Mark.UNREAD, where)
            return
        if before is None:
            mine[half] = (mark, where)

    def day_for(self, part: Part, text: str, where: str, pos: Pos) -> date | None:
        """The date of a heading (``5月7日（星期二）``) or CSV value; CT805 when unreadable."""
        norm = unicodedata.normalize("NFKC", text)
        m = DATE_PATTERN.search(norm)
        day = None
        if m:
            year = int(m.group(1)) if m.group(1) else None
            month, dom = int(m.group(2)), int(m.group(3))
            if year is None:
                hits = [d for d in part.days if (d.month, d.day) == (month, dom)]
                year = hits[0].year if hits else self.plan.year
            try:
                day = date(year, month, dom)
            except ValueError:
                day = None
        which = part.label or f"班次“{self.cls.label}”"
        if day is None:
            self.sink.add(
                "CT805",
                pos,
                f"{where}：日期“{text}”无法识别",
                hint="日期写作 5月7日 或 2013-05-07。",
            )
            return None
        week = WEEKDAY_PATTERN.search(norm)
        if week and "一二三四五六日天".index(week.group(1)) % 7 != day.weekday():
            self.sink.add("CT805", pos, f"{where}：“{text}”中的星期与日期不符（{day.isoformat()}）")
            return None
        if part.days and day not in part.days:
            self.sink.add("CT805", pos, f"{where}：{day_label(day)}不是{which}的培训日")
            return None
        return day

    # --- sign-in sheets -------------------------------------------------------------------

    def workbook(self, file: str, tables: list[Table]) -> None:
        merges = merged_ranges(file)  # a mark written once into merged 上午/下午 cells
        found = False
        for table in tables:
            header = header_row(table)
            if header is None:
                continue
            found = True
            fill_merged(table, merges.get(table.name, ()), below=header[0] + 1)
            self.sheet(file, table, *header)
        if not found:
            self.sink.add(
                "CT801",
                Pos(file),
                f"{file} 中找不到签到表：没有含“序号”“姓名”的表头行，下一行有“上午”“下午”",
                hint="请使用 cadretrain signin 生成的签到表填写，或按 README 的格式另存 CSV。",
            )

    def sheet(self, file: str, table: Table, head_at: int, cols: dict[str, int]) -> None:
        rows = dict(table.rows)
        number = session_number(table, self.parts)
        part = self.part(number) if number is not None else None
        if part is None:
            labels = "、".join(p.label for p in self.parts)
            self.sink.add(
                "CT801",
                Pos(file, head_at, 1),
                f"工作表“{table.name}”：无法确定是哪一期的签到表（本班分 {labels}）",
                hint="工作表名或标题中应写明期次，如“第1期”。",
            )
            return
        columns = half_columns(rows, head_at)
        body = [row for line, row in table.rows if line > head_at + 1]
        if not any(classify(cell_at(row, c.col)) is not None for row in body for c in columns):
            return  # a sheet nobody has filled in yet (a later session, another day)
        self.files.setdefault(part.number, file)
        self.date_columns(table.name, file, part, columns, head_at)
        lookup = {(squeeze(p.name), squeeze(unit_and_post(self.plan, p))): p for p in part.people}
        people: list[tuple[int, Enrollee | None, Sequence[object]]] = []
        for line, row in table.rows:
            if line <= head_at + 1:
                continue
            name = cell_text(cell_at(row, cols["姓名"]))
            if not name or re.search("[:：]", name):
                continue  # a blank row, or a note under the table (记录人：…)
            post = cell_text(cell_at(row, cols["单位及职务"])) if "单位及职务" in cols else ""
            person = lookup.get((squeeze(name), squeeze(post)))
            if person is None and "单位及职务" not in cols:
                same = [p for p in part.people if squeeze(p.name) == squeeze(name)]
                person = same[0] if len(same) == 1 else None
            if person is None:
                ref = cell_ref(table.name, line, cols["姓名"])
                self.sink.add(
                    "CT804",
                    Pos(file, line, cols["姓名"]),
                    f"{ref}：“{name}”（{post or '无单位及职务'}）不在"
                    f"{part.label or '本班'}的报名名单中，此行未计入",
                    hint="签到表上的姓名、单位及职务应与报名名单一致；新增学员请先加入报名名单。",
                )
            else:
                self.listed.add(id(person))
            people.append((line, person, row))
        for column in columns:
            filled = [
                line for line, _p, row in people if classify(cell_at(row, column.col)) is not None
            ]
            half: HalfDay | None = (column.day, column.half) if column.day else None
            if half is not None:
                self.seen.setdefault(part.number, set()).add(half)
            if not filled:
                ref = cell_ref(table.name, head_at + 1, column.col)
                where = (half, Pos(file, head_at + 1, column.col))
                self.blank.append((part.number, *where, f"{ref}：{column.heading}{column.half}"))
                continue
            if half is None:
                continue  # the date was reported (CT805)
            self.recorded.setdefault(part.number, set()).add(half)
            for line, person, row in people:
                if person is None:
                    continue
                value = cell_at(row, column.col)
                mark = classify(value, person.name) or Mark.ABSENT
                ref = cell_ref(table.name, line, column.col)
                pos = Pos(file, line, column.col)
                if mark is Mark.UNREAD:
                    self.unread(file, ref, pos, person, half, value)
                self.put(person, half, mark, f"{Path(file).name} {ref}", pos)

    def unread(
        self, file: str, ref: str, pos: Pos, person: Enrollee, half: HalfDay, value: object
    ) -> None:
        self.sink.add(
            "CT802",
            pos,
            f"{ref}：{person.name} {half_text(half)}的标记“{cell_text(value)}”无法识别，计为待核",
            hint=MARKS_HELP,
        )

    def date_columns(
        self, sheet: str, file: str, part: Part, columns: list[HalfColumn], head_at: int
    ) -> None:
        days: dict[int, date | None] = {}  # one date (and one CT805) per date cell
        for column in columns:
            if column.at not in days:
                ref = cell_ref(sheet, head_at, column.at)
                pos = Pos(file, head_at, column.at)
                days[column.at] = self.day_for(part, column.heading, ref, pos)
            column.day = days[column.at]

    def finish(self) -> None:
        """CT803 for each blank column whose half-day no other sheet recorded (once each)."""
        told: set[tuple[int, HalfDay]] = set()
        for number, half, pos, where in self.blank:
            if half is None or half in self.recorded.get(number, set()) or (number, half) in told:
                continue  # undated (CT805 said so), recorded elsewhere, or already told
            told.add((number, half))
            self.sink.add(
                "CT803",
                pos,
                f"{where}一栏全部为空，按未记录处理（不计为缺勤）",
                hint="若这半天确实上课，请补记考勤；若没有上课，可不理会。",
            )

    # --- CSV ------------------------------------------------------------------------------

    def csv(self, file: str, table: Table) -> None:
        head_at, cols = next(
            (
                (
                    line,
                    {CSV_HEADS[t]: i for i, t in enumerate(map(head_text, row)) if t in CSV_HEADS},
                )
                for line, row in table.rows[:10]
                if {"姓名", "状态"} <= set(map(head_text, row))
            ),
            (0, {}),
        )
        missing = [zh for zh, key in CSV_HEADS.items() if key not in cols]
        if missing:
            self.sink.add(
                "CT801",
                Pos(file, head_at, 0),
                f"{file} 不是考勤记录：缺少“{'”“'.join(missing)}”列",
                hint="CSV 考勤记录的表头为：姓名,单位,日期,时段,状态"
                "（如 张三,城关镇,2013-05-07,上午,✓）。",
            )
            return
        names = unit_names(self.plan)
        by_name: dict[str, list[Enrollee]] = {}
        for p in self.enrollment.people:
            by_name.setdefault(squeeze(p.name), []).append(p)
        rows: list[tuple[int, Enrollee, Part, HalfDay, object]] = []
        for line, row in table.rows:
            if line <= head_at:
                continue
            text = {k: cell_text(cell_at(row, i + 1)) for k, i in cols.items()}
            if not text["name"]:
                continue
            pos = Pos(file, line, cols["name"] + 1)
            where = f"第 {line} 行"
            unit = squeeze(text["unit"])
            hits = [
                p
                for p in by_name.get(squeeze(text["name"]), [])
                if unit in (names.get(p.unit, set()) | {squeeze(unit_and_post(self.plan, p))})
            ]
            if len(hits) != 1:
                self.sink.add(
                    "CT804",
                    pos,
                    f"{where}：“{text['name']}”（{text['unit'] or '无单位'}）"
                    + ("不在报名名单中" if not hits else "在报名名单中有同名同单位的两人")
                    + "，此行未计入",
                    hint="“单位”写单位名称（或单位及职务），与报名名单一致。",
                )
                continue
            person = hits[0]
            part = next((p for p in self.parts if any(x is person for x in p.people)), None)
            if part is None:
                self.sink.add("CT804", pos, f"{where}：{person.name} 没有分期，此行未计入")
                continue
            half_text_ = squeeze(text["half"])
            if half_text_ not in HALVES:
                self.sink.add(
                    "CT805",
                    Pos(file, line, cols["half"] + 1),
                    f"{where}：时段“{text['half']}”无法识别，应为“上午”或“下午”",
                )
                continue
            day = self.day_for(part, text["day"], where, Pos(file, line, cols["day"] + 1))
            if day is None:
                continue
            rows.append((line, person, part, (day, half_text_), cell_at(row, cols["mark"] + 1)))
        for _line, _person, part, half, _value in rows:
            self.files.setdefault(part.number, file)
            self.listed.update(id(p) for p in part.people)  # no row: absent (below)
            self.seen.setdefault(part.number, set()).add(half)
            self.recorded.setdefault(part.number, set()).add(half)
        given: set[tuple[int, HalfDay]] = set()
        for line, person, _part, half, value in rows:
            mark = classify(value, person.name) or Mark.ABSENT
            pos = Pos(file, line, cols["mark"] + 1)
            if mark is Mark.UNREAD:
                self.unread(file, f"第 {line} 行", pos, person, half, value)
            self.put(person, half, mark, f"{Path(file).name} 第 {line} 行", pos)
            given.add((id(person), half))
        for part in self.parts:  # a recorded half-day without a row for someone: absent
            halves = sorted({h for _l, _p, pt, h, _v in rows if pt is part})
            for person in part.people:
                for half in halves:
                    if (id(person), half) not in given:
                        self.put(
                            person, half, Mark.ABSENT, f"{Path(file).name}（无记录）", Pos(file)
                        )
