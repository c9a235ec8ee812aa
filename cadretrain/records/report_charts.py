"""The year report as an HTML page, with its inline SVG chart: plain strings, every label
HTML-escaped. The figures and the Markdown are in :mod:`cadretrain.records.report`."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from cadretrain.records.report import (
    CLASS_HEAD,
    HALF_HEAD,
    NOTE,
    OUTSIDE_HEAD,
    YearReport,
    class_rows,
    exceptions,
    half_rows,
    outside_rows,
    summary_text,
    title_of,
)

PLANNED_COLOUR = "#b0bec5"
ACTUAL_COLOUR = "#c62828"


def _short(label: str, limit: int = 16) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def bar_chart(
    title: str,
    labels: Sequence[str],
    planned: Sequence[int | None],
    actual: Sequence[int],
    names: tuple[str, str] = ("计划人次", "实际人次"),
) -> str:
    """Horizontal grouped bars: per label a planned bar (grey) and an actual bar (red).

    A missing planned figure draws no bar. Bars share one scale; each bar ends in its figure.
    """
    row, bar, left, width = 34, 12, 230, 720
    plot = width - left - 60
    top = 48
    height = top + row * len(labels) + 16
    top_value = max([*(p or 0 for p in planned), *actual, 1])
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" class="chart">',
        f"<title>{escape(title)}</title>",
        f'<text x="{width // 2}" y="18" text-anchor="middle" font-size="15" '
        f'font-weight="bold">{escape(title)}</text>',
        f'<rect x="{left}" y="28" width="12" height="10" fill="{PLANNED_COLOUR}"/>',
        f'<text x="{left + 16}" y="37" font-size="12">{escape(names[0])}</text>',
        f'<rect x="{left + 100}" y="28" width="12" height="10" fill="{ACTUAL_COLOUR}"/>',
        f'<text x="{left + 116}" y="37" font-size="12">{escape(names[1])}</text>',
    ]
    for i, label in enumerate(labels):
        y = top + i * row
        parts.append(
            f'<text x="{left - 8}" y="{y + bar + 4}" text-anchor="end" font-size="12">'
            f"<title>{escape(label)}</title>{escape(_short(label))}</text>"
        )
        for j, (value, colour) in enumerate(
            ((planned[i], PLANNED_COLOUR), (actual[i], ACTUAL_COLOUR))
        ):
            if value is None:
                continue
            w = round(plot * value / top_value, 1)
            by = y + j * (bar + 1)
            parts.append(f'<rect x="{left}" y="{by}" width="{w}" height="{bar}" fill="{colour}"/>')
            parts.append(
                f'<text x="{left + w + 4}" y="{by + bar - 2}" font-size="11">{value}</text>'
            )
    parts.append(
        f'<line x1="{left}" y1="{top - 4}" x2="{left}" y2="{height - 12}" stroke="#455a64"/>'
    )
    parts.append("</svg>")
    return "\n".join(parts)


CSS = (
    "body{font-family:'Noto Sans CJK SC','Microsoft YaHei',sans-serif;margin:2em;color:#222}"
    "table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #999;padding:4px 8px}"
    "th{background:#eceff1}td.n{text-align:right}tr.total td{font-weight:bold}"
)


def _html_table(
    head: list[str], rows: list[list[str]], numeric: set[int], *, total: bool = True
) -> str:
    """A table; the last row is the 合计 row (bold) when ``total``."""
    out = ["<table>", "<thead><tr>" + "".join(f"<th>{escape(h)}</th>" for h in head) + "</tr>"]
    out.append("</thead><tbody>")
    for n, row in enumerate(rows):
        cls = ' class="total"' if total and n == len(rows) - 1 else ""
        cells = "".join(
            f'<td class="n">{escape(v)}</td>' if i in numeric else f"<td>{escape(v)}</td>"
            for i, v in enumerate(row)
        )
        out.append(f"<tr{cls}>{cells}</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def report_html(r: YearReport) -> str:
    chart = bar_chart(
        "各班次计划与实际培训人次",
        [c.label for c in r.classes],
        [c.planned for c in r.classes],
        [c.enrolled for c in r.classes],
    )
    basis = "".join(
        f"<p>依据：{escape(t)}" + (f"（{escape(o)}）" if o else "") + "</p>\n"
        for t, o in zip(r.titles, r.organizers, strict=True)
    )
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title_of(r))}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f"<h1>{escape(title_of(r))}</h1>\n{basis}"
        f"<h2>总体情况</h2>\n<p>{escape(summary_text(r))}</p>\n"
        f"<h2>分班次情况（计划与实际）</h2>\n"
        f"{_html_table(CLASS_HEAD, class_rows(r), {0, *range(3, 12), *range(13, 18)})}\n"
        f"<figure>\n{chart}\n</figure>\n"
        f"<h2>分半年情况</h2>\n{_html_table(HALF_HEAD, half_rows(r), set(range(1, 8)))}\n"
        f"<p>{escape(NOTE)}</p>\n{_outside_html(r)}"
        f"{_exceptions_html(r)}</body>\n</html>\n"
    )


def _outside_html(r: YearReport) -> str:
    if not r.outside:
        return ""
    table = _html_table(OUTSIDE_HEAD, outside_rows(r), {1, 2, 3, 4}, total=False)
    return f"<h2>计划以外的学时（调训、网络）</h2>\n{table}\n"


def _exceptions_html(r: YearReport) -> str:
    if not exceptions(r):
        return ""
    items = "".join(f"<li>{escape(e)}</li>" for e in exceptions(r))
    return f"<h2>结业例外（经批准）</h2>\n<ul>{items}</ul>\n"
