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
- File name: ``{class-id}-花名册.xlsx`` (:func:`roster_file_name`) from ``roster`` and inside
  ``build``'s class folder alike, so a roster sent on its own still names its class.
- Discussion groups (``groups`` N > 0), per session: people sorted by unit (plan order), sex
  and birth go one by one to a group with the fewest people; among those, to the one with the
  fewest from the same unit, then of the same sex, then born in the same decade, then the
  lowest number. Group sizes differ by at most 1 and each unit is spread over the groups.

The sheet kit (named styles, cells, widths) is :mod:`cadretrain.files.sheet_styles`; the sessions
with their people are :mod:`cadretrain.enroll.parts`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cadretrain.core.wording import day_text, span_text
from cadretrain.enroll.enrollment import FIELDS_ZH, Enrollee, Enrollment
from cadretrain.enroll.parts import in_plan_order, session_parts, unit_and_post
from cadretrain.files.sheet_styles import (
    BODY,
    HEAD,
    INFO,
    INFO_RIGHT,
    TITLE,
    WRAP,
    add_styles,
    merged,
    set_width,
    write,
)
from cadretrain.plan.model import ROSTER_COLUMNS, ROSTER_DEFAULT_COLUMNS, Plan, TrainingClass
from cadretrain.year.model import Year

_ATTRS = {zh: attr for attr, zh in FIELDS_ZH.items()}  # 姓名 -> name …


def roster_file_name(cls: TrainingClass) -> str:
    """``rotation-18th-花名册.xlsx``: the roster's name wherever it is written."""
    return f"{cls.id}-花名册.xlsx"


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


# --- the roster ----------------------------------------------------------------------------


def plan_heads(plan: Plan, with_id: bool, groups: int) -> list[str] | None:
    """The plan's ``roster_columns`` made to fit the options: 身份证号 only with ``with_id``
    (added after 出生年月 when asked for), 分组 only with groups (added before 备注)."""
    if not plan.roster_columns:
        return None
    heads = [h for h in plan.roster_columns if h in ROSTER_COLUMNS]
    heads = [h for h in heads if (h != "身份证号" or with_id) and (h != "分组" or groups)]
    if with_id and "身份证号" not in heads:
        at = heads.index("出生年月") + 1 if "出生年月" in heads else len(heads)
        heads.insert(at, "身份证号")
    if groups and "分组" not in heads:
        heads.insert(heads.index("备注") if "备注" in heads else len(heads), "分组")
    return heads


def roster_heads(with_id: bool, groups: int, columns: Sequence[str] | None) -> list[str]:
    if columns is None:
        heads = list(ROSTER_DEFAULT_COLUMNS)
        if with_id:
            heads.insert(heads.index("出生年月") + 1, "身份证号")
        if groups:
            heads.insert(heads.index("备注"), "分组")
        return heads
    unknown = [c for c in columns if c not in ROSTER_COLUMNS]
    if unknown:
        raise ValueError(f"花名册没有“{'、'.join(unknown)}”一栏；可选：{'、'.join(ROSTER_COLUMNS)}")
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
    from cadretrain.files.xlsx import a4, column_width

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
    year: Year,
    cls: TrainingClass,
    enrollment: Enrollment,
    *,
    with_id: bool = False,
    groups: int = 0,
    columns: Sequence[str] | None = None,
) -> bytes:
    """The class's 花名册 as xlsx bytes (byte-identical for the same input); the sessions'
    dates are the class's schedule in ``year``."""
    from cadretrain.files.xlsx import new_workbook, to_bytes

    plan = year.plan
    if columns is None:
        columns = plan_heads(plan, with_id, groups)
    heads = roster_heads(with_id, groups, columns)
    parts, unassigned = session_parts(plan, cls, enrollment, year.schedule(cls))
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


# --- for the commands ----------------------------------------------------------------------
