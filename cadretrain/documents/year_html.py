"""The year at a glance as one HTML page: twelve month grids, each class's training days
marked, weekends and holidays shaded, days with more than one class outlined.

Built with ``html.escape`` (no template needed); every plan value is escaped.
"""

from __future__ import annotations

import calendar as stdcal
from collections import defaultdict
from datetime import date
from html import escape

from cadretrain.core.workcal import DayKind
from cadretrain.year.model import Year

_PALETTE: tuple[str, ...] = ("#c0392b", "#2471a3", "#1e8449", "#b9770e", "#7d3c98", "#117a65")
_PALETTE += ("#a04000", "#2e4053", "#b03a2e", "#1f618d", "#239b56", "#9a7d0a")

_STYLE = """
body { font-family: "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", sans-serif;
  margin: 1.5em; }
h1 { font-size: 1.4em; }
.months { display: grid; grid-template-columns: repeat(auto-fill, minmax(15em, 1fr)); gap: 1em; }
table.month { border-collapse: collapse; width: 100%; }
table.month caption { font-weight: bold; margin-bottom: .3em; }
table.month td, table.month th { width: 14%; height: 2.4em; text-align: center; vertical-align: top;
  border: 1px solid #ddd; font-size: .8em; padding: 1px; }
td.rest { background: #f4f4f4; color: #999; }
td.many { outline: 2px solid #c0392b; outline-offset: -2px; }
span.mark { display: block; height: .45em; margin: 1px 0; border-radius: 2px; }
span.maybe { opacity: .35; }
ul.legend { list-style: none; padding: 0; columns: 2; }
ul.legend li span { display: inline-block; width: 1em; height: .8em; margin-right: .4em; }
@media print { @page { size: A4 landscape; margin: 12mm; } body { margin: 0; } }
"""


def year_html(year: Year) -> str:
    plan, cal = year.plan, year.calendar
    color = {c.id: _PALETTE[i % len(_PALETTE)] for i, c in enumerate(plan.classes)}
    meets: dict[date, list[tuple[str, bool]]] = defaultdict(list)
    for c in plan.classes:
        for slot in year.schedule(c).slots:
            for day in slot.days:
                meets[day].append((c.id, slot.possible))
    label = {c.id: c.label for c in plan.classes}
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{escape(plan.title)} 日历</title><style>{_STYLE}</style></head><body>",
        f"<h1>{escape(plan.title)}：{plan.year}年培训日历</h1>",
        '<div class="months">',
    ]
    weeks = stdcal.Calendar(firstweekday=0)
    for month in range(1, 13):
        out.append(f'<table class="month"><caption>{month}月</caption><tr>')
        out.extend(f"<th>{d}</th>" for d in "一二三四五六日")
        out.append("</tr>")
        for week in weeks.monthdatescalendar(plan.year, month):
            out.append("<tr>")
            for day in week:
                if day.month != month:
                    out.append("<td></td>")
                    continue
                here = meets.get(day, [])
                classes = ["rest"] if cal.kind(day) in (DayKind.WEEKEND, DayKind.HOLIDAY) else []
                if sum(1 for _, maybe in here if not maybe) > 1:
                    classes.append("many")
                title = "、".join(label[cid] + ("（可能）" if maybe else "") for cid, maybe in here)
                marks = "".join(
                    f'<span class="mark{" maybe" if maybe else ""}" '
                    f'style="background:{color[cid]}"></span>'
                    for cid, maybe in here
                )
                cls_attr = f' class="{" ".join(classes)}"' if classes else ""
                title_attr = f' title="{escape(title)}"' if title else ""
                out.append(f"<td{cls_attr}{title_attr}>{day.day}{marks}</td>")
            out.append("</tr>")
        out.append("</table>")
    out.append('</div><h2>图例</h2><ul class="legend">')
    for c in plan.classes:
        when = escape(c.when.text) if c.when else ""
        out.append(
            f'<li><span style="background:{color[c.id]}"></span>{escape(c.label)}（{when}）</li>'
        )
    out.append(
        "</ul><p>灰底为周末和法定节假日；红框为两个以上班次同日上课；浅色为时间未定班次的可能日期。</p>"
    )
    out.append("</body></html>\n")
    return "\n".join(out)
