"""A plan from the class table an office keeps (``cadretrain import``): xlsx, csv or a table
in a .docx, laid out as offices lay it out.

The header row is found among the first 20 rows by its column names, whatever the office
calls them (:data:`HEADERS`: 班次 / 培训班名称 / 项目, 对象 / 参训人员, 规模 / 人数 / 期数, 时间 /
举办时间 / 时长, 地点 / 培训机构, 主办 / 承办单位, 备注 …); the title and date lines above it
become the plan's title, issue date and organiser; every row below it with a class name is a
class. Totals, notes and anything else the plan has no key for are kept as comments in the
plan, each also a CT153 finding naming its row and column, so nothing in the table is lost
silently. The plan is written with Chinese keys.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cadretrain.core.diagnostics import Pos, Sink
from cadretrain.files.tabular import Table, cell_text
from cadretrain.plan.grading import CLASS_KINDS
from cadretrain.plan.schema import SECTIONS
from cadretrain.plan.yaml_scalar import yaml_scalar

HEADER_ROWS = 20
HEADERS: dict[str, tuple[str, ...]] = {
    "name": (
        *("班次", "班次名称", "培训班名称", "培训班", "培训班次", "项目", "项目名称"),
        *("培训项目", "名称", "班名", "班级名称"),
    ),
    "short": ("简称",),
    "audience": ("对象", "培训对象", "参训人员", "参训对象", "学员", "调训对象", "参加对象"),
    "planned": ("规模", "人数", "培训人数", "计划人数", "参训人数", "规划人数", "培训规模", "名额"),
    "count": ("期数", "培训期数", "班数"),
    "days": ("时长", "天数", "培训天数", "学制", "培训时长"),
    "when": ("时间", "举办时间", "培训时间", "开班时间", "日期", "举办日期", "培训日期"),
    "venue": ("地点", "培训地点", "培训机构", "举办地点", "培训场地", "地址", "施训机构"),
    "organizer": ("主办单位", "承办单位", "主办", "承办", "主办承办单位", "组织单位", "责任单位"),
    "topics": ("内容", "培训内容", "主要内容", "课程", "课程内容", "培训专题"),
    "notes": ("备注", "说明"),
    "kind": ("类别", "班次类别", "培训形式", "形式", "培训方式"),
    "skip": ("序号", "编号", "序"),
}
_BY_HEADER = {h: f for f, names in HEADERS.items() for h in names}
_CN = {c: i for i, c in enumerate("〇一二三四五六七八九十")} | {"两": 2}
_TOTAL = re.compile(r"^(合\s*计|总\s*计|小\s*计|共计)")
_HALF = re.compile(r"(上半年|下半年)")
_DATE_LINE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_ORG_LINE = re.compile(r"(委员会|委|部|局|校|办公室|办)$")
_ITEM = re.compile(r"^[（(]?[0-9一二三四五六七八九十]+[)）.、．]")


def header_field(text: str) -> str | None:
    """The field a column header names (``培训班名称`` → ``name``), or None."""
    norm = re.sub(r"[（(][^）)]*[）)]|\s|/|／|、", "", text)
    return _BY_HEADER.get(norm)


def _number(text: str) -> int | None:
    text = text.strip()
    if text.isdigit():
        return int(text)
    if text and all(c in _CN for c in text):
        if text == "十":
            return 10
        if len(text) == 2 and text[0] == "十":
            return 10 + _CN[text[1]]
        if len(text) in (2, 3) and text[1] == "十":
            return _CN[text[0]] * 10 + (_CN[text[2]] if len(text) == 3 else 0)
        if len(text) == 1:
            return _CN[text]
    return None


def _joined(text: str) -> str:
    """A multi-line cell as one line: numbered items joined by ；, wrapped text rejoined."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) > 1 and sum(bool(_ITEM.match(line)) for line in lines) > 1:
        return "；".join(lines)
    return "".join(lines)


_RISKY = re.compile(r"[,\[\]{}#:&*!|>'\"%@`]")  # anywhere: in a flow or a block


def _scalar(value: str) -> str:
    """``value`` as a YAML scalar that reads back as the same text in any context."""
    return yaml_scalar(value, _RISKY)


def _comment(text: str) -> str:
    return " ".join(text.split())


@dataclass
class _Class:
    row: int
    values: dict[str, object] = field(default_factory=dict)
    comments: list[str] = field(default_factory=list)


@dataclass
class Imported:
    """The plan made from a table: its text, and what could not be placed (CT153)."""

    text: str
    classes: int
    sink: Sink


@dataclass
class _Layout:
    table: Table
    header_at: int  # index in table.rows
    columns: dict[int, str | None]  # column → field (None: a header the plan has no key for)
    labels: dict[int, str]  # column → header as written


def find_header(tables: list[Table]) -> _Layout | None:
    """The first table with a header row naming the class and at least one more field."""
    for table in tables:
        for i, (_line, cells) in enumerate(table.rows[:HEADER_ROWS]):
            texts = [cell_text(c) for c in cells]
            columns = {c: header_field(t) for c, t in enumerate(texts) if t}
            found = {f for f in columns.values() if f and f != "skip"}
            if "name" in found and len(found) >= 2:
                labels = {c: " ".join(t.split()) for c, t in enumerate(texts) if t}
                seen: set[str] = set()
                for c, f in sorted(columns.items()):  # a second name column is just text
                    if f in ("name", "short", "when", "planned", "count", "days") and f in seen:
                        columns[c] = None
                    seen.add(f or "")
                return _Layout(table, i, columns, labels)
    return None


class _Builder:
    def __init__(self, file: str, layout: _Layout, year: int | None, sink: Sink) -> None:
        self.file, self.layout, self.sink = file, layout, sink
        self.year = year
        self.head: dict[str, object] = {}
        self.top_comments: list[str] = []
        self.tail_comments: list[str] = []
        self.classes: list[_Class] = []
        self.venues: dict[str, str] = {}
        self.half = ""

    def where(self, line: int) -> str:
        return self.layout.table.where(line)

    def unplaced(self, line: int, col: int, label: str, text: str, into: list[str]) -> None:
        shown = _comment(text)
        into.append(f"未能放入（{self.where(line)}{label}）：{shown}")
        self.sink.add(
            "CT153",
            Pos(self.file, line, col + 1),
            f"{self.where(line)}{label}的“{shown[:40]}”没有对应的计划键，已作为注释保留",
            hint="请核对后填入合适的键，或删除该注释。",
        )

    def above(self) -> None:
        for line, cells in self.layout.table.rows[: self.layout.header_at]:
            texts = [cell_text(c) for c in cells if cell_text(c)]
            text = _joined(" ".join(texts))
            date = _DATE_LINE.search(text)
            if "title" not in self.head and not date:
                self.head["title"] = text
            elif date and "issued" not in self.head and len(text) <= 30:
                y, m, d = (int(g) for g in date.groups())
                self.head["issued"] = f"{y:04d}-{m:02d}-{d:02d}"
            elif "organizer" not in self.head and _ORG_LINE.search(text) and len(text) <= 20:
                self.head["organizer"] = text
            else:
                self.unplaced(line, 0, "（表头上方）", text, self.top_comments)

    def rows(self) -> None:
        """The rows below the header: classes; heading rows (上半年 …) set the half; rows
        without a class name are kept as comments, with the class above when another class
        follows (a continuation), else below the table (notes); totals below the table."""
        layout = self.layout
        name_col = next(c for c, f in layout.columns.items() if f == "name")
        pending: list[str] = []
        for line, cells in layout.table.rows[layout.header_at + 1 :]:
            texts = [cell_text(c) for c in cells]
            filled = [(c, t) for c, t in enumerate(texts) if t]
            name = texts[name_col] if name_col < len(texts) else ""
            first = filled[0][1] if filled else ""
            if _TOTAL.match(first) or _TOTAL.match(name):
                summary = " | ".join(t for _, t in filled)
                self.tail_comments += pending
                pending = []
                self.unplaced(line, filled[0][0], "（合计行）", summary, self.tail_comments)
                continue
            if not name:
                half = _HALF.search(first)
                if len(filled) == 1 and half and len(first) <= 20:
                    self.half = half.group(1)  # 上半年开设班次: a heading row
                    continue
                for c, t in filled:  # a note across the table has no column to name
                    label = self._label(c) if len(filled) > 1 else ""
                    self.unplaced(line, c, label, t, pending)
                continue
            if pending and self.classes and not self.tail_comments:
                self.classes[-1].comments += pending
            else:
                self.tail_comments += pending
            pending = []
            self.classes.append(self._class(line, cells))
        self.tail_comments += pending

    def _label(self, col: int) -> str:
        label = self.layout.labels.get(col)
        return f"“{label}”栏" if label else f"第 {col + 1} 列"

    def _class(self, line: int, cells: Sequence[object]) -> _Class:
        cls = _Class(line)
        if self.half:
            cls.values["half"] = self.half
        notes: list[str] = []
        for col, cell in enumerate(cells):
            text = cell_text(cell)
            if not text:
                continue
            fld = self.layout.columns.get(col)
            if fld == "skip":
                continue
            if fld is None:
                self.unplaced(line, col, self._label(col), text, cls.comments)
            elif fld in ("name", "short", "audience", "when"):
                cls.values[fld] = _joined(text)
            elif fld in ("planned", "count", "days"):
                if not self._numbers(fld, text, cls):
                    self.unplaced(line, col, self._label(col), text, cls.comments)
            elif fld == "venue":
                venue = _joined(text)
                cls.values["venue"] = self.venues.setdefault(venue, f"venue-{len(self.venues) + 1}")
            elif fld == "topics":
                parts = re.split(r"[\n、；;]", text)
                cls.values["topics"] = [p.strip() for p in parts if p.strip()]
            elif fld == "kind" and text in CLASS_KINDS:
                cls.values["kind"] = text
            elif fld == "notes":
                notes.append(_joined(text))
            else:  # organiser, a kind not in the format's list: said in the notes
                notes.append(f"{self.layout.labels.get(col, '')}：{_joined(text)}")
        if notes:
            cls.values["notes"] = "；".join(notes)
        return cls

    def _numbers(self, fld: str, text: str, cls: _Class) -> bool:
        """Headcount, sessions and days from cells such as ``900``, ``900人，分三期``,
        ``3期，每期300人``, ``3天``, ``一周``."""
        norm = " ".join(text.split())
        found = False
        num = r"(\d+|[一二两三四五六七八九十]+)"
        every = re.search(rf"每期\s*{num}\s*人", norm)
        people = re.search(rf"{num}\s*(?:人|名)", norm)
        sessions = re.search(rf"{num}\s*期", norm)
        days = re.search(rf"{num}\s*天", norm)
        if sessions and (n := _number(sessions.group(1))):
            cls.values["count"], found = n, True
        if days and (n := _number(days.group(1))):
            cls.values["days"], found = n, True
        if "一周" in norm or "1周" in norm:
            cls.values["days"], found = 5, True
        if every and (n := _number(every.group(1))):
            count = cls.values.get("count")
            cls.values["planned"] = n * count if isinstance(count, int) else n
            found = True
        elif people and (n := _number(people.group(1))):
            cls.values["planned"], found = n, True
        bare = _number(norm.removesuffix("人").removesuffix("期").removesuffix("天"))
        if not found and bare is not None:
            cls.values[fld], found = bare, True
        return found

    def plan_year(self) -> int:
        if self.year is not None:
            return self.year
        for text in [str(self.head.get("title", "")), str(self.head.get("issued", ""))] + [
            str(c.values.get("when", "")) for c in self.classes
        ]:
            if m := re.search(r"((?:19|20)\d{2})\s*年|((?:19|20)\d{2})-\d{2}", text):
                return int(m.group(1) or m.group(2))
        from datetime import date

        return date.today().year


def _zh(section: str, key: str) -> str:
    return SECTIONS[section][key].zh or key


def _class_lines(cls: _Class, number: int) -> list[str]:
    def k(key: str) -> str:
        return _zh("class", key)

    v = cls.values
    out = [f"  - {k('id')}: class-{number:02d} # 表格第 {cls.row} 行；代号为自动编号，可改"]
    for key in ("name", "short", "half", "audience", "planned", "when"):
        if key in v:
            value = v[key]
            out.append(f"    {k(key)}: {value if isinstance(value, int) else _scalar(str(value))}")
    count, days = v.get("count"), v.get("days")
    if count or days:
        sessions = SECTIONS["sessions"]
        out.append(
            f"    {k('sessions')}: {{{sessions['count'].zh}: {count or 1}, "
            f"{sessions['days'].zh}: {days or 1}}}"
            + ("" if days else " # 表格没有写每期天数，请核对")
        )
    for key in ("venue", "kind"):
        if key in v:
            out.append(f"    {k(key)}: {_scalar(str(v[key]))}")
    if "topics" in v:
        topics = v["topics"]
        assert isinstance(topics, list)
        out.append(f"    {k('topics')}: [{', '.join(_scalar(t) for t in topics)}]")
    if "notes" in v:
        out.append(f"    {k('notes')}: {_scalar(str(v['notes']))}")
    out += [f"    # {c}" for c in cls.comments]
    return out


def import_table(
    tables: list[Table], file: str, sink: Sink, *, year: int | None = None
) -> Imported | None:
    """The plan made from ``tables`` (read from ``file``); None after CT152 (no header)."""
    layout = find_header(tables)
    if layout is None:
        names = "、".join(sorted({h for f, hs in HEADERS.items() if f == "name" for h in hs}))
        sink.add(
            "CT152",
            Pos(file),
            f"文件 {file} 中找不到班次表的表头（前 {HEADER_ROWS} 行中没有一行既有班次名称栏，"
            "又有对象、人数、时间、地点等栏）",
            hint=f"班次名称栏可以叫：{names}。",
        )
        return None
    b = _Builder(file, layout, year, sink)
    b.above()
    b.rows()
    plan_year = b.plan_year()
    title = str(b.head.get("title") or f"{plan_year}年干部教育培训计划")

    def p(key: str) -> str:
        return _zh("plan", key)

    sheet = f"（{layout.table.name}）" if layout.table.name else ""
    lines = [
        f"# 由 {Path(file).name}{sheet}导入（cadretrain import）。使用前请核对：",
        "#   - 班次代号为自动编号，可改为有意义的代号（小写英文字母、数字和连字符）；",
        "#   - 以“未能放入”开头的注释是表格中没有对应键的内容，请填入合适的键或删除。",
    ]
    lines += [f"# {c}" for c in b.top_comments]
    lines += [f"{_zh('root', 'plan')}:", f"  {p('title')}: {_scalar(title)}"]
    lines.append(f"  {p('year')}: {plan_year}")
    for key in ("organizer", "issued"):
        if key in b.head:
            lines.append(f"  {p(key)}: {_scalar(str(b.head[key]))}")
    if b.venues:
        vid_key, name_key = _zh("venue", "id"), _zh("venue", "name")
        lines += ["", f"{_zh('root', 'venues')}:"]
        lines += [
            f"  - {{{vid_key}: {vid}, {name_key}: {_scalar(name)}}}"
            for name, vid in b.venues.items()
        ]
    lines += ["", f"{_zh('root', 'classes')}:"]
    if not b.classes:
        lines[-1] += " []"
    for i, cls in enumerate(b.classes, start=1):
        lines += _class_lines(cls, i)
        lines.append("")
    if b.tail_comments:
        lines += ["# 表格下方的内容（未导入）："] + [f"# {c}" for c in b.tail_comments]
    return Imported("\n".join(lines).rstrip("\n") + "\n", len(b.classes), sink)
