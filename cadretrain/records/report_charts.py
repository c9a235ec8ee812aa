"""Inline SVG charts for the year report: plain strings, every label HTML-escaped."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

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
