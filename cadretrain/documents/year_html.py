"""The year at a glance as one HTML page (``日历.html``): twelve month grids, each class's
training days marked, weekends and holidays shaded, days with more than one class outlined.

Print: A4 landscape, six whole months to a page (January–June, July–December, each month kept
on one page), then the legend on a page of its own. Classes are told apart without colour:
each has a letter (A, B, … Z, AA …) printed in its days' boxes, a dashed box with ``?`` for
the possible days of a class whose dates are vague, and a double outline for a day with more
than one class; the colours only help on screen. The legend gives each letter's class with
its dates as scheduled by the year model.

Built with ``html.escape`` (no template needed); every plan value is escaped.
"""

from __future__ import annotations

import calendar as stdcal
from collections import defaultdict
from datetime import date
from html import escape

from cadretrain.core.workcal import DayKind
from cadretrain.documents.calendar_text import schedule_text
from cadretrain.year.model import Year

_PALETTE: tuple[str, ...] = ("#c0392b", "#2471a3", "#1e8449", "#b9770e", "#7d3c98", "#117a65")
_PALETTE += ("#a04000", "#2e4053", "#b03a2e", "#1f618d", "#239b56", "#9a7d0a")
HALVES = ((1, 2, 3, 4, 5, 6), (7, 8, 9, 10, 11, 12))  # one printed page each

_STYLE = """
body { font-family: "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", sans-serif;
  margin: 1.5em; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
h1 { font-size: 1.4em; }
.months { display: grid; grid-template-columns: repeat(auto-fill, minmax(15em, 1fr)); gap: 1em;
  margin-bottom: 1em; }
table.month { border-collapse: collapse; width: 100%; break-inside: avoid; }
table.month caption { font-weight: bold; margin-bottom: .3em; }
table.month td, table.month th { width: 14%; height: 2.6em; text-align: center;
  vertical-align: top; border: 1px solid #bbb; font-size: .8em; padding: 1px; }
td.rest { background: #e8e8e8; color: #666; }
td.many { outline: 3px double #000; outline-offset: -4px; }
span.day { display: block; }
span.tag { display: inline-block; min-width: 1.1em; margin: 1px; padding: 0 1px;
  border: 1.5px solid; border-radius: 2px; font-size: .85em; line-height: 1.2;
  font-weight: bold; background: #fff; }
span.maybe { border-style: dashed; font-weight: normal; }
table.legend { border-collapse: collapse; }
table.legend td, table.legend th { border: 1px solid #bbb; padding: .2em .6em; text-align: left; }
@page { size: A4 landscape; margin: 10mm; }
@media print {
  body { margin: 0; font-size: 10pt; }
  h1 { font-size: 14pt; margin: 0 0 3mm; }
  .months { grid-template-columns: repeat(3, 1fr); gap: 4mm 6mm; }
  section.half { break-after: page; }
  section.half + section.half h1 { display: none; }
  table.month td { height: 12mm; }
  section.legend { break-before: page; }
}
"""


def class_key(n: int) -> str:
    """A, B, … Z, AA, AB …: the letter of the n-th class (0-based)."""
    out = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        out = chr(ord("A") + rest) + out
    return out


def _month(year: Year, month: int, meets: dict[date, list[tuple[str, bool]]]) -> list[str]:
    plan, cal = year.plan, year.calendar
    key = {c.id: class_key(i) for i, c in enumerate(plan.classes)}
    color = {c.id: _PALETTE[i % len(_PALETTE)] for i, c in enumerate(plan.classes)}
    label = {c.id: c.label for c in plan.classes}
    out = [f'<table class="month"><caption>{month}月</caption><tr>']
    out.extend(f"<th>{d}</th>" for d in "一二三四五六日")
    out.append("</tr>")
    for week in stdcal.Calendar(firstweekday=0).monthdatescalendar(plan.year, month):
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
            tags = "".join(
                f'<span class="tag{" maybe" if maybe else ""}" style="border-color:{color[cid]}">'
                f"{key[cid]}{'?' if maybe else ''}</span>"
                for cid, maybe in here
            )
            cls_attr = f' class="{" ".join(classes)}"' if classes else ""
            title_attr = f' title="{escape(title)}"' if title else ""
            out.append(f'<td{cls_attr}{title_attr}><span class="day">{day.day}</span>{tags}</td>')
        out.append("</tr>")
    out.append("</table>")
    return out


def year_html(year: Year) -> str:
    plan = year.plan
    meets: dict[date, list[tuple[str, bool]]] = defaultdict(list)
    for c in plan.classes:
        for slot in year.schedule(c).slots:
            for day in slot.days:
                meets[day].append((c.id, slot.possible))
    heading = f"<h1>{escape(plan.title)}：{plan.year}年培训日历</h1>"
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{escape(plan.title)} 日历</title><style>{_STYLE}</style></head><body>",
    ]
    for months in HALVES:
        out.append(f'<section class="half">{heading}<div class="months">')
        for month in months:
            out.extend(_month(year, month, meets))
        out.append("</div></section>")
    out.append('<section class="legend"><h2>图例</h2><table class="legend">')
    out.append("<tr><th>标记</th><th>班次</th><th>培训日期（排定）</th></tr>")
    for i, c in enumerate(plan.classes):
        color = _PALETTE[i % len(_PALETTE)]
        out.append(
            f'<tr><td><span class="tag" style="border-color:{color}">{class_key(i)}</span></td>'
            f"<td>{escape(c.label)}</td><td>{escape(schedule_text(year, c))}</td></tr>"
        )
    out.append(
        "</table><p>方框中的字母为班次（见上表）；虚线框加“?”为时间未定班次的可能日期；"
        "双线框为两个以上班次同日上课；灰底为周末和法定节假日。</p></section>"
    )
    out.append("</body></html>\n")
    return "\n".join(out)
