"""What a notice adds to its wording for GB/T 9704-2012 (layout, not text): the title in
lines (``title_lines``), the 附件说明 naming each attachment by its title, the 版记 (抄送,
印发机关, 印发日期), and a sentence where the scheduled dates differ from the plan's.

``notice_content.notice_context`` says what the notice says; :func:`lay_out` completes its
context for the HTML and Word notices alike (the Markdown notice reads the same names)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from cadretrain.core.dates import format_span
from cadretrain.core.wording import cn_count, zh_date
from cadretrain.core.workcal import WorkCalendar
from cadretrain.documents.title_lines import plain, title_lines
from cadretrain.plan.model import Plan, TrainingClass
from cadretrain.plan.schedule import Schedule

_TIME_LEAD = "（一）培训时间。"


def imprint(plan: Plan, cls: TrainingClass | None = None) -> dict[str, Any]:
    """The 版记: ``cc`` (``抄送：甲，乙。`` or empty), ``printed_by`` and ``printed_on``
    (``2013年2月20日印发``). The class's ``cc`` replaces the plan's; ``printed_by`` defaults to
    the organizer and ``printed_on`` to the 成文日期 (``issued``)."""
    organs = plan.imprint.cc if cls is None or cls.cc is None else cls.cc
    organs = [o.strip().rstrip("，,、。;；") for o in organs if o.strip()]
    printed = plan.imprint.printed_on or plan.issued
    return {
        "cc": ("抄送：" + "，".join(organs) + "。") if organs else "",
        "cc_organs": organs,
        "printed_by": plan.imprint.printed_by or plan.organizer,
        "printed_on": f"{zh_date(printed)}印发",
    }


def _days_between(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def _rest_days(days: list[date], cal: WorkCalendar) -> str:
    """``3月23日（周六）``, or a span when several: why no training is held on them."""
    labels = sorted({cal.label(d) for d in days})
    span = format_span(days[0], days[-1]).split("年", 1)[1]
    return f"{span}（{'、'.join(labels)}）"


def dates_note(cls: TrainingClass, sched: Schedule, cal: WorkCalendar) -> str:
    """Why the scheduled dates differ from the plan's ``when``: empty when they agree, when the
    plan's dates are vague, or when a session could not be placed (CT301 says so).

    ``计划安排为2013年4月8日—19日；按培训日排定，4月19日（周五）不安排培训，实际为2013年4月8日—18日。``"""
    slots = sched.exact_slots
    when = cls.when
    if when is None or not when.exact or not slots or sched.unfitted or sched.left_out:
        return ""
    first, last = min(s.start for s in slots), max(s.end for s in slots)
    if (first, last) == (when.start, when.end):
        return ""
    why: list[str] = []
    for lo, hi in ((when.start, first - timedelta(days=1)), (last + timedelta(days=1), when.end)):
        if lo > hi:
            continue
        gap = _days_between(lo, hi)
        rest = [d for d in gap if not cls.weekends and not cal.is_workday(d)]
        if len(rest) == len(gap):
            why.append(f"{_rest_days(gap, cal)}不是工作日")
        else:
            need = sched.needed or len(sched.training_days)
            why.append(
                f"{cn_count(need)}个培训日排至{last.month}月{last.day}日已满，"
                f"{format_span(lo, hi).split('年', 1)[1]}不安排培训"
            )
    return (
        f"计划安排为{format_span(when.start, when.end)}，按培训日排定，{'；'.join(why)}，"
        f"实际为{format_span(first, last)}。"
    )


def lay_out(
    context: dict[str, Any], plan: Plan, cls: TrainingClass, sched: Schedule, cal: WorkCalendar
) -> dict[str, Any]:
    """Complete a notice's context (``notice_content.notice_context``) in place: title lines,
    attachments named by their titles, the 版记, and the dates note after 培训时间."""
    notice = context["notice"]
    notice["title_lines"] = title_lines(notice["title"])
    notice["title"] = plain(notice["title"])
    for a in context["attachments"]:
        a["title_lines"] = title_lines(a["title"])
        a["title"] = a["name"] = plain(a["title"])  # 附件说明 names the attachment by its title
    note = dates_note(cls, sched, cal)
    notice["dates_note"] = note
    if note:
        for section in notice["sections"]:
            for block in section["blocks"]:
                if block.get("lead") == _TIME_LEAD:
                    block["text"] = block["text"] + note
    notice["imprint"] = imprint(plan, cls)
    return _plain(context)  # type: ignore[no-any-return]


def _plain(value: Any) -> Any:
    """Every string of ``value`` without the ``|`` of forced title breaks (used by then)."""
    if isinstance(value, str):
        return plain(value)
    if isinstance(value, dict):
        for k, v in value.items():
            value[k] = _plain(v)
        return value
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
