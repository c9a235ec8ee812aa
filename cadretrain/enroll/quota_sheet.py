"""A quota table as rows and a headline (the terminal table is ``cli.quota_cmd``'s), as JSON,
and as a printable xlsx 名额分配表."""

from __future__ import annotations

import json
from typing import Any

from cadretrain.core.apportion import METHODS, TIE_RULE
from cadretrain.enroll.quota_table import QuotaTable


def rows(table: QuotaTable) -> list[list[str]]:
    """序号, 单位, 符合条件人数, 按比例, 名额, 各期, 说明 — one row per unit."""
    out = []
    for n, share in enumerate(table.allocation.shares, start=1):
        per = table.per_session.get(share.unit, [])
        out.append(
            [
                str(n),
                table.unit_name(share.unit),
                str(share.population),
                f"{float(share.exact):.2f}",
                str(share.seats),
                "/".join(str(x) for x in per) if table.sessions > 1 else "",
                share.reason,
            ]
        )
    return out


def headline(table: QuotaTable) -> str:
    c, a = table.cls, table.allocation
    return (
        f"{c.name} 名额分配：规划 {a.requested} 人，分配 {a.seats} 人；"
        f"{table.population.source}中符合条件的干部 {a.population} 人；{METHODS[a.method]}"
    )


def to_json(table: QuotaTable) -> str:
    a = table.allocation
    data: dict[str, Any] = {
        "class": table.cls.id,
        "name": table.cls.name,
        "method": a.method,
        "requested": a.requested,
        "allocated": a.seats,
        "population": a.population,
        "population_source": table.population.source,
        "sessions": table.sessions,
        "session_totals": table.session_totals(),
        "units": [
            {
                "unit": s.unit,
                "name": table.unit_name(s.unit),
                "population": s.population,
                "exact": f"{s.exact.numerator}/{s.exact.denominator}",
                "seats": s.seats,
                "per_session": table.per_session.get(s.unit, []),
                "reason": s.reason,
            }
            for s in a.shares
        ],
        "notes": table.all_notes(),
        "tie_rule": TIE_RULE,
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def xlsx_bytes(table: QuotaTable) -> bytes:
    """A4 portrait 名额分配表: merged title, header, one row per unit, totals row."""
    from openpyxl.styles import Alignment, Border, Font, Side

    from cadretrain.files.xlsx import a4, column_width, new_workbook, put, same_style, to_bytes

    wb = new_workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "名额分配表"
    heads = ["序号", "单位", "符合条件人数", "名额"]
    if table.sessions > 1:
        heads += [f"第{i}期" for i in range(1, table.sessions + 1)]
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    put(ws, 1, 1, f"{table.cls.name}名额分配表")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(heads))
    ws.cell(1, 1).font = Font(name="黑体", size=16, bold=True)
    ws.cell(1, 1).alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 32
    body: list[list[object]] = []
    for n, share in enumerate(table.allocation.shares, start=1):
        line: list[object] = [n, table.unit_name(share.unit), share.population, share.seats]
        if table.sessions > 1:
            line += table.per_session.get(share.unit, [0] * table.sessions)
        body.append(line)
    total: list[object] = ["", "合计", table.allocation.population, table.allocation.seats]
    if table.sessions > 1:
        total += table.session_totals()
    grid: list[list[object]] = [list(heads), *body, total]
    for r, row in enumerate(grid, start=2):
        for c, value in enumerate(row, start=1):
            if 3 < r < len(grid) + 1:  # body rows after the first: its style, copied
                same_style(ws.cell(3, c), ws.cell(r, c))  # style before value (quote prefix)
                put(ws, r, c, value)
                continue
            cell = put(ws, r, c, value)
            cell.border = border
            cell.font = Font(name="宋体", size=11, bold=(r == 2 or row is total))
            cell.alignment = Alignment(horizontal="center", vertical="center")
    for c in range(1, len(heads) + 1):
        letter = ws.cell(2, c).column_letter
        values = [str(row[c - 1]) for row in grid]
        ws.column_dimensions[letter].width = column_width(values, minimum=6)
    ws.print_title_rows = "2:2"
    ws.freeze_panes = "A3"
    a4(ws, landscape=len(heads) > 9)
    return to_bytes(wb)
