"""学员学习登记表 (training archive): each cadre's classes, 学时 and 考核结果, for the 档案.

“课程内容、考核成绩、撰写的论文及考察报告、有关鉴定应记入学员学习登记表，存入本人档案。”

- One record per cadre over every plan in the folder, keyed and counted as the 学时 ledger does
  (:func:`cadretrain.records.ledger.class_entries`: ID number, else name and unit), so the two
  agree.
- Name, sex, unit, post, rank: from the latest enrollment. Classes by year, plan file, order.
- 培训时间: the person's session's dates, else the plan's date text; the ledger's estimate note
  on a second line. 考核结果: ``scores`` ((plan file, class id) → graded results, matched by
  the ledger key; the CLI reads them from each plan's ``records/scores/``, the leave rule
  applied), else ``—``; a trainee over the leave limit reads 退学、不予结业 with the reason, an
  approved exception is printed after the grade.
  论文/调研报告: blank for the office; fieldwork classes note “含调研 N 天”. Added after those:
  课程内容 (the class's ``modules`` and ``topics``, :func:`course_content`) and 学时依据 (签到
  when the 学时 come from the sign-in sheets, with the ledger's note such as 退学; 报名 when the
  class has no sign-in records).
- No ID number or phone is ever written (``Record.key`` is internal). Sheet names: the name
  without ``[]:*?/\\``, ≤ 31 characters, ``(2)`` … for repeats; A4 landscape; the HTML page
  breaks before each cadre.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from html import escape
from pathlib import Path
from typing import Any

from cadretrain.core.diagnostics import Sink
from cadretrain.core.errors import CannotProceed
from cadretrain.core.wording import UNSCHEDULED, span_text
from cadretrain.enroll.parts import unit_and_post
from cadretrain.plan.model import Plan, TrainingClass
from cadretrain.records.assessment import Result, number
from cadretrain.records.ledger import (
    BY_ATTENDANCE,
    ZERO,
    AttendedKey,
    Entry,
    Totals,
    class_entries,
    num,
    person_key,
)
from cadretrain.records.outside import ONLINE, OutsideRecord, ledger_rows
from cadretrain.year.model import Year

TITLE_ZH = "学员学习登记表"
DASH = "—"
HEADS = ["序号", "年度", "培训班次", "培训时间", "天数", "学时", "考核结果", "论文/调研报告"]
HEADS += ["课程内容", "学时依据"]  # added after the original columns, which keep their places
_BAD_SHEET = set("[]:*?/\\")


@dataclass(frozen=True)
class Line:
    """One class the cadre attended."""

    year: int
    class_id: str
    class_name: str
    dates: str  # the session's dates (or the plan's date text); the estimate note after a newline
    days: Decimal
    fieldwork_days: Decimal
    hours: Decimal
    result: str  # 考核结果: 优秀（92.5）, 合格（80）, or —
    paper: str  # 论文/调研报告: blank, or 含调研 N 天
    topics: str = ""  # 课程内容: the class's modules and topics as the plan lists them
    basis: str = ""  # 学时依据: 签到 (attended half-days) or 报名 (the enrollment), with a note


def course_content(cls: TrainingClass) -> str:
    """课程内容: ``板块：专题、专题；…`` from ``modules``, then the ``topics`` not in them."""
    parts = [f"{name}：{'、'.join(items)}" for name, items in cls.modules.items()]
    listed = {t for items in cls.modules.values() for t in items}
    rest = [t for t in cls.topics if t not in listed]
    if rest:
        parts.append("、".join(rest))
    return "；".join(parts) or DASH


def basis_of(entry: Entry) -> str:
    """学时依据: 签到 (from the sign-in sheets) or 报名 (no sign-in records), with the note."""
    if entry.basis == BY_ATTENDANCE:
        return f"签到（{entry.note}）" if entry.note else "签到"
    return "报名（无签到记录）"


@dataclass
class Record:
    key: str  # internal only (may be an ID number): never written to any output
    name: str
    sex: str = ""
    unit: str = ""
    post: str = ""  # 单位及职务
    rank: str = ""
    lines: list[Line] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)

    @property
    def totals(self) -> Totals:
        return Totals.of(self.entries)

    def add_outside(self, r: OutsideRecord, entry: Entry) -> None:
        """A 调训 or online row (:mod:`cadretrain.records.outside`) as a line of its own."""
        online = r.kind == ONLINE
        where = f"{Path(r.file).name} 第 {r.line} 行"
        basis = f"网络（{where}；单独统计，不计入学时合计）" if online else f"调训（{where}）"
        self.entries.append(entry)
        self.lines.append(
            Line(
                *(r.year, "", f"{r.course}（{r.kind}）", span_text([r.start, r.end])),
                *(entry.days, ZERO, entry.online_hours if online else entry.hours),
                *(DASH, "", r.course, basis),
            )
        )


def _dates(y: Year, cls: TrainingClass, session: int, note: str) -> str:
    slots = [s for s in y.schedule(cls).slots if not s.possible]
    slot = next((s for s in slots if s.number == session), None)
    if slot is None and len(slots) == 1:
        slot = slots[0]
    if slot is not None:
        text = span_text(slot.days)
    else:
        text = cls.when.text if cls.when is not None else UNSCHEDULED
    return f"{text}\n（{note}）" if note else text


def _result(plan: Plan, key: str, results: Sequence[Result] | None) -> str:
    for r in results or ():
        if person_key(plan, r.person) == key:
            if r.withdrawn:
                return f"退学、不予结业（{r.withdrawn}）"
            total = f"（{number(r.total)}）" if r.total is not None else ""
            return r.grade + total + (f"（{r.exception}）" if r.exception else "")
    return DASH


def archive_records(
    years: Sequence[Year],
    sink: Sink,
    *,
    unit: str | None = None,
    person: str | None = None,
    scores: Mapping[tuple[str, str], Sequence[Result]] | None = None,
    attended: Mapping[AttendedKey, Decimal] | None = None,
    notes: Mapping[AttendedKey, str] | None = None,
    outside: Sequence[OutsideRecord] = (),
) -> list[Record]:
    """Every cadre's record over the enrolled classes of the plans of ``years`` (each plan's
    year model); ``unit`` (a unit name) keeps the cadres whose latest unit it is, ``person``
    those of that name. Sorted by unit (plan order),
    name, then key. ``attended`` and ``notes``: as in :func:`cadretrain.records.ledger.ledger`
    (the CLI reads them from the records folder), so the 学时 agree with the ledger;
    ``outside``: the 调训 and online rows (:func:`cadretrain.records.outside.read_outside`),
    each a line of its own after the plans' classes of its year (repeats of a class, CT986,
    left out as in the ledger). Unreadable enrollments are reported to ``sink``."""
    records: dict[str, Record] = {}
    order: dict[str, int] = {}
    for y in sorted(years, key=lambda y: -y.plan.year):
        for u in y.plan.units.values():
            order.setdefault(u.name, len(order))
    for y in sorted(years, key=lambda y: (y.plan.year, y.plan.file)):
        plan = y.plan
        enrollments = y.enrollments(sink)
        for cls in plan.classes:
            enrollment = enrollments.get(cls.id)
            if enrollment is None:
                continue
            results = None if scores is None else scores.get((plan.file, cls.id), [])
            topics = course_content(cls)
            for key, p, entry in class_entries(y, cls, enrollment.people, attended, notes):
                rec = records.setdefault(key, Record(key, p.name.strip()))
                rec.name = p.name.strip() or rec.name
                rec.sex = p.sex.strip() or rec.sex
                rec.unit = entry.unit or rec.unit
                rec.post = unit_and_post(plan, p).strip() or rec.post
                rec.rank = entry.rank or rec.rank
                fieldwork = f"含调研 {num(entry.fieldwork_days)} 天" if entry.fieldwork_days else ""
                rec.entries.append(entry)
                rec.lines.append(
                    Line(
                        year=entry.year,
                        class_id=cls.id,
                        class_name=cls.name,
                        dates=_dates(y, cls, p.session, entry.note),
                        days=entry.days,
                        fieldwork_days=entry.fieldwork_days,
                        hours=entry.hours,
                        result=DASH if scores is None else _result(plan, key, results),
                        paper=fieldwork,
                        topics=topics,
                        basis=basis_of(entry),
                    )
                )
    counted = [r for r in outside if r.counted]
    for r, (key, name, _ident, entry) in zip(counted, ledger_rows(counted), strict=True):
        rec = records.setdefault(key, Record(key, name, unit=entry.unit, post=entry.unit))
        rec.rank = rec.rank or entry.rank
        rec.add_outside(r, entry)
    for rec in records.values():
        rec.lines.sort(key=lambda x: x.year)  # stable: the plans' order within a year
    chosen = [
        r
        for r in records.values()
        if (unit is None or r.unit == unit) and (person is None or r.name == person.strip())
    ]
    return sorted(chosen, key=lambda r: (order.get(r.unit, len(order)), r.name, r.key))


def sheet_names(records: Sequence[Record]) -> list[str]:
    """Valid, unique sheet names: no ``[]:*?/\\``, ≤ 31 characters, ``(2)`` for repeats."""
    out: list[str] = []
    taken: set[str] = set()
    for r in records:
        base = "".join("_" if ch in _BAD_SHEET else ch for ch in r.name).strip("' ") or "学员"
        name, n = base[:31], 1
        while name.lower() in taken or name.lower() == "history":
            n += 1
            suffix = f"({n})"
            name = base[: 31 - len(suffix)] + suffix
        taken.add(name.lower())
        out.append(name)
    return out


def _header(r: Record) -> list[tuple[str, str]]:
    return [("姓名", r.name), ("性别", r.sex), ("职级", r.rank), ("单位及职务", r.post)]


def _rows(r: Record) -> list[list[object]]:
    return [
        [
            n,
            x.year,
            x.class_name,
            x.dates,
            float(x.days),
            float(x.hours),
            x.result,
            x.paper,
            x.topics,
            x.basis,
        ]
        for n, x in enumerate(r.lines, start=1)
    ]


def _total_text(r: Record) -> str:
    t = r.totals
    field_note = f"（含调研 {num(t.fieldwork_days)} 天）" if t.fieldwork_days else ""
    online = f"；网络学时 {num(t.online_hours)} 另计" if t.online_hours else ""
    return f"合计 {len(r.lines)} 个班次{field_note}{online}"


def _sheet(ws: Any, r: Record) -> None:
    from openpyxl.styles import Alignment

    from cadretrain.files.sheet_styles import BODY, HEAD, TITLE, WRAP, merged, set_width, write
    from cadretrain.files.xlsx import a4

    last = len(HEADS)
    merged(ws, (1, 1), (1, last), TITLE_ZH, TITLE)
    ws.row_dimensions[1].height = 36
    (_, name), (_, sex), (_, rank), (_, post) = _header(r)
    write(ws, 2, 1, "姓名", HEAD)
    merged(ws, (2, 2), (2, 3), name, BODY)
    write(ws, 2, 4, "性别", HEAD)
    write(ws, 2, 5, sex, BODY)
    write(ws, 2, 6, "职级", HEAD)
    merged(ws, (2, 2), (7, 8), rank, BODY)
    write(ws, 3, 1, "单位及职务", HEAD)
    merged(ws, (3, 3), (2, last), post, WRAP)
    for c, head in enumerate(HEADS, start=1):
        write(ws, 4, c, head, HEAD)
    row = 5
    for line in _rows(r):
        for c, value in enumerate(line, start=1):
            wrap = HEADS[c - 1] in ("培训班次", "培训时间", "课程内容", "学时依据")
            write(ws, row, c, value, WRAP if wrap else BODY)
        row += 1
    t = r.totals
    merged(ws, (row, row), (1, 4), _total_text(r), HEAD)
    write(ws, row, 5, float(t.days), BODY)
    write(ws, row, 6, float(t.hours), BODY)
    merged(ws, (row, row), (7, last), "", BODY)
    for label, text, height in (("鉴定意见", "", 120), ("单位盖章", "年　　月　　日", 90)):
        row += 1
        write(ws, row, 1, label, HEAD)
        merged(ws, (row, row), (2, last), text, BODY)
        ws.cell(row=row, column=2).alignment = Alignment(horizontal="right", vertical="bottom")
        ws.row_dimensions[row].height = height
    for c, width in enumerate([6, 7, 26, 20, 7, 7, 12, 14, 30, 12], start=1):
        set_width(ws, c, width)
    a4(ws, landscape=True)  # ten columns: 课程内容 and 学时依据 need the width


def archive_xlsx(records: Sequence[Record]) -> bytes:
    """One A4 landscape sheet per cadre, named by name (see :func:`sheet_names`)."""
    from cadretrain.files.sheet_styles import add_styles
    from cadretrain.files.xlsx import new_workbook, to_bytes

    wb = new_workbook()
    add_styles(wb)
    first = wb.active
    assert first is not None
    if not records:
        first.title = TITLE_ZH
    for n, (r, name) in enumerate(zip(records, sheet_names(records), strict=True)):
        ws = first if n == 0 else wb.create_sheet()
        ws.title = name
        _sheet(ws, r)
    return to_bytes(wb)


CSS = (
    "body{font-family:'SimSun','Songti SC',serif;margin:0}"
    "section{width:267mm;margin:10mm auto}section+section{break-before:page}"
    "h1{font-family:'SimHei','Heiti SC',sans-serif;text-align:center;font-size:20pt}"
    "table{width:100%;border-collapse:collapse;margin-bottom:-1px}"
    "th,td{border:1px solid #000;padding:4px;font-size:11pt;text-align:center}"
    "td.l{text-align:left;white-space:pre-line}td.n{text-align:right}"
    "tr.big td{height:40mm;vertical-align:bottom;text-align:right}"
    "@page{size:A4 landscape;margin:15mm}"
)


def _section(r: Record) -> str:
    e = escape
    head = "".join(f"<th>{e(k)}</th><td>{e(v)}</td>" for k, v in _header(r)[:3])
    lines = [
        "<section>",
        f"<h1>{e(TITLE_ZH)}</h1>",
        f"<table><tr>{head}</tr>",
        f'<tr><th>单位及职务</th><td class="l" colspan="5">{e(r.post)}</td></tr></table>',
        "<table><thead><tr>" + "".join(f"<th>{e(h)}</th>" for h in HEADS) + "</tr></thead>",
        "<tbody>",
    ]
    for row in _rows(r):
        cells = [e(num(Decimal(str(v)))) if isinstance(v, float) else e(str(v)) for v in row]
        lines.append(
            f"<tr><td>{cells[0]}</td><td>{cells[1]}</td>"
            + "".join(f'<td class="l">{c}</td>' for c in cells[2:4])
            + "".join(f'<td class="n">{c}</td>' for c in cells[4:6])
            + f"<td>{cells[6]}</td><td>{cells[7]}</td>"
            + "".join(f'<td class="l">{c}</td>' for c in cells[8:10])
            + "</tr>"
        )
    t = r.totals
    lines.append(
        f'<tr><th colspan="4">{e(_total_text(r))}</th><td class="n">{e(num(t.days))}</td>'
        f'<td class="n">{e(num(t.hours))}</td><td colspan="4"></td></tr>'
    )
    lines.append("</tbody></table>")
    lines.append('<table><tr class="big"><th style="width:15%">鉴定意见</th><td></td></tr>')
    lines.append('<tr class="big"><th>单位盖章</th><td>年　　月　　日</td></tr></table>')
    lines.append("</section>")
    return "\n".join(lines)


def archive_html(records: Sequence[Record]) -> str:
    """The same records as one printable page, a page per cadre."""
    body = "\n".join(_section(r) for r in records) or "<p>没有培训记录。</p>"
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(TITLE_ZH)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f"{body}\n</body>\n</html>\n"
    )


def folder_scores(years: Sequence[Year], sink: Sink) -> dict[tuple[str, str], list[Result]]:
    """(plan file, class id) → graded results, the leave rule applied, from each plan's
    ``records/`` (:func:`cadretrain.records.folder.class_scores`); problems in the sheets go
    to ``sink``."""
    from cadretrain.records.folder import class_scores

    return {
        (y.plan.file, cid): got.results for y in years for cid, got in class_scores(y, sink).items()
    }


def records_of_person(records: Sequence[Record], person: str, label: str) -> list[Record]:
    """The records of the cadres named ``person``; CannotProceed (unusable) naming the
    closest names of ``label`` (the unit, or everyone) when there is none."""
    from cadretrain.plan.fields import did_you_mean

    chosen = [r for r in records if r.name == person.strip()]
    if not chosen:
        names = sorted({r.name for r in records})
        hint = did_you_mean(person.strip(), names)
        raise CannotProceed(f"{label}的培训记录中没有“{person}”。{hint}", unusable=True)
    return chosen
