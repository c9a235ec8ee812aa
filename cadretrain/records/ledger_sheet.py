"""The printable 学时台账 (xlsx) of ``cadretrain hours`` and the words around it.

The rules are in :mod:`cadretrain.records.ledger`; the command (the short list on the terminal,
exit codes) is :mod:`cadretrain.cli.records_folder_steps`.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from cadretrain.plan.model import Plan
from cadretrain.records.ledger import (
    BASIC,
    BY_ENROLLMENT,
    GROUP_ZH,
    LEADER,
    Entry,
    Ledger,
    Thresholds,
    num,
)
from cadretrain.records.ledger_check import Status

ALL_UNITS = "全部单位"
BASIS_TEXT = (
    "《干部教育培训工作条例》第十四条：乡科级及以下干部每年参加集中培训{basic}；"
    "县处级及以上干部{leader}（3个月，按{months}个培训日计）。"
    "学时 = 培训天数 × 每天学时（班次未写时按计划，默认7.5），"
    "调研、实践天数按同样学时计入；网络学时单列，不计入。"
    "有签到表的班次按实际出勤的半天计（每半天学时 = 每天学时 ÷ 2，全班空白的半天计给每人），"
    "没有签到表的按报名计（见明细“依据”）。"
)
HEADS = ["序号", "姓名", "单位", "职级", "类别", "本年培训天数", "本年课堂学时"]
HEADS += ["本年调研学时", "本年网络学时", "本年合计学时", "近{n}年学时", "要求", "状态"]
HEADS += ["达标条件"]  # added: which criterion decided (学时 or 天数) and its figures
DETAIL_HEADS = ["序号", "姓名", "单位", "年度", "班次", "期次", "培训天数", "其中调研天数"]
DETAIL_HEADS += ["每天学时", "课堂学时", "调研学时", "网络学时", "合计学时", "依据", "备注"]


def basis_text(t: Thresholds) -> str:
    basic = f"{num(t.hours_per_year)}学时或{num(t.days_per_year)}天"
    leader = f"每{t.leader_years}年{num(t.leader_hours)}学时或{num(t.leader_days)}天"
    return BASIS_TEXT.format(basic=basic, leader=leader, months=num(t.leader_days))


def window_entries(status: Status, t: Thresholds) -> list[Entry]:
    first = status.year - t.leader_years + 1
    found = [e for e in status.person.entries if first <= e.year <= status.year]
    return sorted(found, key=lambda e: e.year)  # stable: plan and class order within a year


def estimated_entries(statuses: Sequence[Status], t: Thresholds) -> int:
    """Entries in the ledger's window whose days were estimated from the plan (or not
    counted): session not placed, vague dates, no session."""
    return sum(
        1 for s in statuses for e in window_entries(s, t) if e.note and e.basis == BY_ENROLLMENT
    )


def summary(
    label: str, year: int, statuses: Sequence[Status], book: Ledger, t: Thresholds
) -> list[str]:
    """The closing lines: counts, then the rule (and the leaders' window with its plan years)."""
    short = [s for s in statuses if not s.ok]
    leaders = sum(1 for s in short if s.group == LEADER)
    who = "名册和报名名单中的干部" if book.from_register else "有培训记录的干部"
    text = (
        f"{label} {year} 年：{who} {len(statuses)} 人，达标 {len(statuses) - len(short)} 人，"
        f"未达标 {len(short)} 人（乡科级及以下 {len(short) - leaders} 人，"
        f"县处级及以上 {leaders} 人）。"
    )
    rule = (
        f"要求：乡科级及以下{t.describe(BASIC)}，县处级及以上{t.describe(LEADER)}，达到其一即可。"
    )
    if any(s.group == LEADER for s in statuses):
        first = year - t.leader_years + 1
        years = [y for y in book.years if first <= y <= year]
        listed = "、".join(str(y) for y in years)
        rule += f"县处级及以上按 {first}—{year} 年累计，其中有计划的年份：{listed}。"
    return [text, rule]


def ledger_bytes(
    label: str, year: int, statuses: Sequence[Status], organizer: str, t: Thresholds
) -> bytes:
    """A4 landscape 学时台账: sheet 台账 (one row per cadre), sheet 明细 (one row per class).
    Rows are streamed (a write-only workbook): a province's 100,000 cadres fit in memory."""
    from cadretrain.files.sheet_styles import add_styles
    from cadretrain.files.xlsx import new_streaming_workbook, to_bytes

    wb = new_streaming_workbook()
    add_styles(wb)
    heads = [h.format(n=t.leader_years) for h in HEADS]
    grid: list[list[object]] = []
    for n, s in enumerate(statuses, start=1):
        y = s.this_year
        grid.append(
            [
                n,
                s.person.name,
                s.unit,
                s.rank,
                GROUP_ZH[s.group],
                float(y.days),
                float(y.class_hours),
                float(y.fieldwork_hours),
                float(y.online_hours),
                float(y.hours),
                float(s.window.hours),
                s.rule,
                s.status_text,
                s.decision_text(),
            ]
        )
    title = f"{label}干部教育培训学时台账（{year}年）"
    _sheet(wb.create_sheet("台账"), title, organizer, t, heads, grid)
    del grid
    detail: list[list[object]] = []
    for s in statuses:
        for e in window_entries(s, t):
            detail.append(
                [
                    len(detail) + 1,
                    s.person.name,
                    s.unit,
                    e.year,
                    e.class_name,
                    f"第{e.session}期" if e.session else "",
                    float(e.days),
                    float(e.fieldwork_days),
                    float(e.rate),
                    float(e.class_hours),
                    float(e.fieldwork_hours),
                    float(e.online_hours),
                    float(e.hours),
                    e.basis,
                    e.note,
                ]
            )
    first = year - t.leader_years + 1
    title = f"{label}干部教育培训学时明细（{first}—{year}年）"
    _sheet(wb.create_sheet("明细"), title, organizer, t, DETAIL_HEADS, detail)
    return to_bytes(wb)


def _sheet(
    ws: Any, title: str, organizer: str, t: Thresholds, heads: list[str], grid: list[list[object]]
) -> None:
    """Row 1 title, row 2 制表单位 and the rule (wrapped), row 3 the header; A4 landscape.
    ``ws`` is write-only: widths, heights, merges and page set-up first, then the rows."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    from cadretrain.files.sheet_styles import BODY, HEAD, INFO, TITLE, WRAP, set_width
    from cadretrain.files.xlsx import a4, column_width, stream_cell

    width = len(heads)
    wrap = {"单位", "班次", "要求", "状态", "备注"}
    styles = [WRAP if head in wrap else BODY for head in heads]
    for c, head in enumerate(heads, start=1):
        values = [head, *(_shown(line[c - 1]) for line in grid)]
        set_width(ws, c, column_width(values, minimum=6, maximum=30))
    ws.row_dimensions[1].height = 32
    ws.row_dimensions[2].height = 48
    last = get_column_letter(width)
    ws.merged_cells.add(f"A1:{last}1")
    ws.merged_cells.add(f"A2:{last}2")
    ws.print_title_rows = "3:3"
    ws.freeze_panes = "A4"
    a4(ws, landscape=True)
    made = f"制表单位：{organizer}　" if organizer else ""
    ws.append([stream_cell(ws, title, TITLE), *(stream_cell(ws, None, TITLE) for _ in heads[1:])])
    info = made + "核对依据：" + basis_text(t)
    lead = stream_cell(ws, info, INFO)
    lead.alignment = Alignment(vertical="center", wrap_text=True)
    ws.append([lead, *(stream_cell(ws, None, INFO) for _ in heads[1:])])
    ws.append([stream_cell(ws, head, HEAD) for head in heads])
    for line in grid:
        ws.append([stream_cell(ws, v, st) for v, st in zip(line, styles, strict=True)])


def _shown(value: object) -> str:
    return num(Decimal(str(value))) if isinstance(value, float) else str(value)


def plan_of_year(plans: Sequence[Plan], year: int) -> Plan:
    """The plan a register is read against: the first plan of ``year``."""
    return next(p for p in plans if p.year == year)
