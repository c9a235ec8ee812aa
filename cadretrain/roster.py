"""花名册 (class roster): who attends a class, one sheet per session, ready to print.

Layout (REFERENCE "Rosters and sign-in sheets"): row 1 the merged title, row 2 制表单位 and
制表日期, row 3 the header (repeated on every printed page, panes frozen under it), one row per
person; A4 landscape, one page wide, footer 第 &P 页，共 &N 页.

Decisions:

- Sheets: ``全部`` first (everyone), then ``第1期`` … for a class with more than one session. A
  session is listed when the schedule places it, the class declares it (``sessions.count``) or
  someone is enrolled in it, so a session the calendar could not fit (CT301) still gets a
  sheet, titled 日期未排定. A one-session class has only ``全部``.
- People of a multi-session class without a session (``session`` 0) appear only on ``全部``,
  with 未分期 in 备注: they are not yet in any session's room.
- 制表日期 is the plan's ``issued`` date, so that output is the same on every run; without it
  the date is left as ``____年__月__日`` to be written by hand.
- Order: units in plan order (unknown units last), then as listed; 身份证号 only with ``with_id``.
- Discussion groups (``groups`` N > 0), per session: people sorted by unit (plan order), sex
  and birth go one by one to a group with the fewest people; among those, to the one with the
  fewest from the same unit, then of the same sex, then born in the same decade, then the
  lowest number. Group sizes differ by at most 1 and each unit is spread over the groups.

This module also holds what the 签到表 (:mod:`cadretrain.signin`) shares with the roster.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from cadretrain.enrollment import FIELDS_ZH, Enrollee, Enrollment
from cadretrain.model import Plan, TrainingClass

BASE_HEADS = ["序号", "姓名", "性别", "民族", "出生年月", "单位及职务", "职级", "联系电话", "备注"]
KNOWN_HEADS = (*BASE_HEADS, "身份证号", "政治面貌", "分组")  # = checks.references.ROSTER_HEADS
UNSCHEDULED = "日期未排定"
_ATTRS = {zh: attr for attr, zh in FIELDS_ZH.items()}  # 姓名 -> name …
# named styles: one style record per kind of cell, not one per cell
TITLE, INFO, INFO_RIGHT = "ct-title", "ct-info", "ct-right"
HEAD, BODY, WRAP = "ct-head", "ct-body", "ct-wrap"


@dataclass
class Part:
    """One session (期) of a class as the sheets show it."""

    number: int  # 1-based; 0 for a class taught in one session
    days: tuple[date, ...]  # training days; empty when the session is not scheduled
    venue: str  # the venue's name, or ""
    people: list[Enrollee] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"第{self.number}期" if self.number else ""


def unit_name(plan: Plan, uid: str) -> str:
    unit = plan.units.get(uid)
    return unit.name if unit else uid


def unit_and_post(plan: Plan, person: Enrollee) -> str:
    """单位及职务: the unit's name and the post, written together (城关镇党委书记)."""
    name = unit_name(plan, person.unit)
    return person.post if person.post.startswith(name) else name + person.post


def in_plan_order(plan: Plan, people: Sequence[Enrollee]) -> list[Enrollee]:
    order = {uid: i for i, uid in enumerate(plan.units)}
    return sorted(people, key=lambda p: order.get(p.unit, len(order)))  # stable


def day_text(day: date, year: bool = True) -> str:
    return (f"{day.year}年" if year else "") + f"{day.month}月{day.day}日"


def span_text(days: Sequence[date]) -> str:
    """2013年3月13日—15日, 2013年5月13日—7月12日; 日期未排定 for no days."""
    if not days:
        return UNSCHEDULED
    first, last = days[0], days[-1]
    if first == last:
        return day_text(first)
    if first.year != last.year:
        return f"{day_text(first)}—{day_text(last)}"
    tail = f"{last.day}日" if first.month == last.month else day_text(last, year=False)
    return f"{day_text(first)}—{tail}"


def session_parts(
    plan: Plan, cls: TrainingClass, enrollment: Enrollment
) -> tuple[list[Part], list[Enrollee]]:
    """The class's sessions with their people, and the people of a multi-session class who
    have no session. A class with vague dates has no scheduled days."""
    from cadretrain.schedule import calendar_for, schedule_class

    people = in_plan_order(plan, enrollment.people)
    slots = {s.number: s for s in schedule_class(cls, calendar_for(plan)).slots if not s.possible}
    numbers = {n for n in slots if n} | set(range(1, (cls.session_count or 0) + 1))
    numbers |= set(range(1, len(cls.sessions) + 1)) | {p.session for p in people if p.session}

    if len(numbers) <= 1:  # one session: everyone, whatever session they were given
        first = next(iter(slots.values()), None)
        numbers, slots = {0}, ({0: first} if first else {})
    parts = []
    for n in sorted(numbers):
        slot = slots.get(n)
        venue = plan.venues.get((slot.venue if slot else None) or cls.venue or "")
        members = [p for p in people if p.session == n] if n else people
        parts.append(Part(n, slot.days if slot else (), venue.name if venue else "", members))
    return parts, [p for p in people if not p.session] if len(parts) > 1 else []


def assign_groups(plan: Plan, people: Sequence[Enrollee], groups: int) -> list[int]:
    """Group numbers (1-based) for ``people``, in their order; the rule is in the module doc."""
    if groups < 0:
        raise ValueError("分组数不能为负数")
    out = [0] * len(people)
    if not groups:
        return out
    from collections import Counter

    order = {uid: i for i, uid in enumerate(plan.units)}

    def rank(i: int) -> tuple[int, str, str, str]:
        p = people[i]
        return order.get(p.unit, len(order)), p.unit, p.sex, p.birth or "9999"

    ranked = sorted(range(len(people)), key=rank)  # stable: ties keep the given order
    size = [0] * groups
    seen: list[Counter[tuple[str, str]]] = [Counter() for _ in range(groups)]
    for i in ranked:
        p = people[i]
        keys = [("unit", p.unit), ("sex", p.sex), ("decade", p.birth[:3])]
        open_ = [g for g in range(groups) if size[g] == min(size)]
        g = min(open_, key=lambda g: ([seen[g][k] for k in keys], g))
        out[i], size[g] = g + 1, size[g] + 1
        seen[g].update(keys)
    return out


# --- sheet helpers shared with the sign-in sheet -------------------------------------------


def add_styles(wb: Any) -> None:
    """Named styles (one style record per kind, not per cell): title, info, header, body."""
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, Side

    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    specs = [
        (TITLE, Font(name="黑体", size=16, bold=True), Border(), center),
        (INFO, Font(name="宋体", size=11), Border(), Alignment(vertical="center")),
        (INFO_RIGHT, Font(name="宋体", size=11), Border(), Alignment(horizontal="right")),
        (HEAD, Font(name="黑体", size=11), box, center),
        (BODY, Font(name="宋体", size=11), box, center),
        (WRAP, Font(name="宋体", size=11), box, Alignment(vertical="center", wrap_text=True)),
    ]
    for name, font, border, alignment in specs:
        wb.add_named_style(NamedStyle(name=name, font=font, border=border, alignment=alignment))


def write(ws: Any, row: int, col: int, value: object, style: str) -> None:
    """Style first, then :func:`cadretrain.xlsx.put`: setting a named style afterwards would
    drop the quote prefix that keeps ``=…`` text from turning into a formula when edited."""
    from cadretrain.xlsx import put

    ws.cell(row=row, column=col).style = style
    put(ws, row, col, value)


def merged(ws: Any, rows: tuple[int, int], cols: tuple[int, int], value: str, style: str) -> None:
    """A merged block; every cell in it gets the style, so borders print all round."""
    for r in range(rows[0], rows[1] + 1):
        for c in range(cols[0], cols[1] + 1):
            ws.cell(row=r, column=c).style = style
    write(ws, rows[0], cols[0], value, style)
    if rows != (rows[0], rows[0]) or cols != (cols[0], cols[0]):
        ws.merge_cells(start_row=rows[0], start_column=cols[0], end_row=rows[1], end_column=cols[1])


def set_width(ws: Any, col: int, width: float) -> None:
    from openpyxl.utils import get_column_letter

    ws.column_dimensions[get_column_letter(col)].width = width


# --- the roster ----------------------------------------------------------------------------


def plan_heads(plan: Plan, with_id: bool, groups: int) -> list[str] | None:
    """The plan's ``roster_columns`` made to fit the options: 身份证号 only with ``with_id``
    (added after 出生年月 when asked for), 分组 only with groups (added before 备注)."""
    if not plan.roster_columns:
        return None
    heads = [h for h in plan.roster_columns if h in KNOWN_HEADS]
    heads = [h for h in heads if (h != "身份证号" or with_id) and (h != "分组" or groups)]
    if with_id and "身份证号" not in heads:
        at = heads.index("出生年月") + 1 if "出生年月" in heads else len(heads)
        heads.insert(at, "身份证号")
    if groups and "分组" not in heads:
        heads.insert(heads.index("备注") if "备注" in heads else len(heads), "分组")
    return heads


def roster_heads(with_id: bool, groups: int, columns: Sequence[str] | None) -> list[str]:
    if columns is None:
        heads = list(BASE_HEADS)
        if with_id:
            heads.insert(heads.index("出生年月") + 1, "身份证号")
        if groups:
            heads.insert(heads.index("备注"), "分组")
        return heads
    unknown = [c for c in columns if c not in KNOWN_HEADS]
    if unknown:
        raise ValueError(f"花名册没有“{'、'.join(unknown)}”一栏；可选：{'、'.join(KNOWN_HEADS)}")
    if "身份证号" in columns and not with_id:
        raise ValueError("花名册列出身份证号须明确要求（with_id）")
    if "分组" in columns and not groups:
        raise ValueError("花名册有“分组”一栏时须给出分组数")
    return list(columns)


def _value(plan: Plan, head: str, n: int, p: Enrollee, group: int, note: str) -> object:
    if head == "单位及职务":
        return unit_and_post(plan, p)
    special: dict[str, object] = {"序号": n, "分组": f"第{group}组" if group else ""}
    special["备注"] = "；".join(x for x in (p.note, note) if x)
    return special[head] if head in special else str(getattr(p, _ATTRS[head]))


def _roster_sheet(
    ws: Any, plan: Plan, title: str, heads: list[str], rows: list[tuple[Enrollee, int, str]]
) -> None:
    from cadretrain.xlsx import a4, column_width

    width = len(heads)
    merged(ws, (1, 1), (1, width), title, TITLE)
    ws.row_dimensions[1].height = 32
    made = f"{day_text(plan.issued)}" if plan.issued else "____年__月__日"
    left = max(width // 2, 1)
    merged(ws, (2, 2), (1, left), f"制表单位：{plan.organizer}", INFO)
    if width > left:
        merged(ws, (2, 2), (left + 1, width), f"制表日期：{made}", INFO_RIGHT)
    grid = [
        [_value(plan, h, n, p, g, note) for h in heads] for n, (p, g, note) in enumerate(rows, 1)
    ]
    for c, head in enumerate(heads, start=1):
        write(ws, 3, c, head, HEAD)
        style = WRAP if head in ("单位及职务", "备注") else BODY
        for r, line in enumerate(grid, start=4):
            write(ws, r, c, line[c - 1], style)
        values = [head, *(str(line[c - 1]) for line in grid)]
        set_width(ws, c, column_width(values, minimum=6 if head == "备注" else 4, maximum=44))
    ws.print_title_rows = "3:3"
    ws.freeze_panes = "A4"
    a4(ws, landscape=True)


def roster_bytes(
    plan: Plan,
    cls: TrainingClass,
    enrollment: Enrollment,
    *,
    with_id: bool = False,
    groups: int = 0,
    columns: Sequence[str] | None = None,
) -> bytes:
    """The class's 花名册 as xlsx bytes (byte-identical for the same input)."""
    from cadretrain.xlsx import new_workbook, to_bytes

    if columns is None:
        columns = plan_heads(plan, with_id, groups)
    heads = roster_heads(with_id, groups, columns)
    parts, unassigned = session_parts(plan, cls, enrollment)
    marks = {id(p): (0, "未分期") for p in unassigned}  # person -> group, note
    for part in parts:
        numbers = assign_groups(plan, part.people, groups)
        marks.update((id(p), (g, "")) for p, g in zip(part.people, numbers, strict=True))

    def rows(people: list[Enrollee]) -> list[tuple[Enrollee, int, str]]:
        return [(p, *marks[id(p)]) for p in people]

    wb = new_workbook()
    add_styles(wb)
    ws = wb.active
    ws.title = "全部"
    _roster_sheet(
        ws, plan, f"{cls.name}学员花名册", heads, rows(in_plan_order(plan, enrollment.people))
    )
    for part in parts if len(parts) > 1 else []:
        title = f"{cls.name}学员花名册（{part.label} {span_text(part.days)}）"
        _roster_sheet(wb.create_sheet(part.label), plan, title, heads, rows(part.people))
    return to_bytes(wb)


# --- the commands --------------------------------------------------------------------------


def load_for_class(plan: Plan, query: str) -> tuple[TrainingClass, Enrollment] | int:
    """The class and its enrollment, or an exit code after printing the Chinese error."""
    from cadretrain.diagnostics import Sink
    from cadretrain.enrollment import enrollment_path, load_enrollment
    from cadretrain.lookup import pick_class

    cls = pick_class(plan, query)
    if cls is None:
        return 2
    path = enrollment_path(plan, cls.id)
    if not path.is_file():
        print(
            f"错误：班次“{cls.label}”还没有报名名单（{path}），请先运行 cadretrain collect",
            file=sys.stderr,
        )
        return 1
    sink = Sink()
    enrollment = load_enrollment(path, sink)
    for d in sink.items:
        print(f"错误：[{d.code}] {d.message}", file=sys.stderr)
    return 1 if enrollment is None or sink.items else (cls, enrollment)


def write_output(output: Path, force: bool, name: str, build: Callable[[], bytes]) -> int:
    from cadretrain.outputs import OutputFolder, OutputRefused

    folder = OutputFolder(output, force=force)
    try:
        target = folder.write(name, build())
    except (OutputRefused, ValueError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    finally:
        folder.close()
    print(f"已写入 {target}")
    return 0


def run_roster(
    plan: Plan,
    query: str,
    output: Path,
    force: bool = False,
    with_id: bool = False,
    groups: int = 0,
) -> int:
    """``cadretrain roster``: write ``{output}/{class-id}-花名册.xlsx``; returns the exit code."""
    found = load_for_class(plan, query)
    if isinstance(found, int):
        return found
    cls, enrollment = found
    _parts, unassigned = session_parts(plan, cls, enrollment)
    if unassigned:
        print(
            f"提示：{len(unassigned)} 人没有分期（报名名单中没有 session），只列在“全部”表中",
            file=sys.stderr,
        )

    def build() -> bytes:
        return roster_bytes(plan, cls, enrollment, with_id=with_id, groups=groups)

    return write_output(output, force, f"{cls.id}-花名册.xlsx", build)
