"""The annual plan document (``plan.html.j2``): the plan shaped like its source — title,
introduction, 一、指导思想, 二、方法措施, 三、实施步骤 with the classes of each half-year,
四、组织领导, signature and date."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cadretrain.documents.notice_layout import dates_note
from cadretrain.documents.notice_words import class_values, cn_number, plan_values, zh_date
from cadretrain.documents.title_lines import plain, title_lines

if TYPE_CHECKING:
    from cadretrain.year.model import Year


def _paragraphs(value: str | list[str]) -> list[str]:
    """List items, or the lines of a text, without blank ones."""
    lines = value if isinstance(value, list) else value.splitlines()
    return [line.strip() for line in lines if line.strip()]


STEPS_MARK = "实施步骤："


def plan_document_context(year: Year) -> dict[str, Any]:
    """The annual plan shaped like its source: intro, 一、指导思想 … 四、组织领导, signature.

    A part of ``notes`` that begins with ``实施步骤：`` opens the 实施步骤 section instead of
    the introduction (the 2013 plan keeps both in ``notes``). Each class keeps the plan's own
    dates; where the notice states other dates (scheduled on training days), ``dates_note``
    says so and why.
    """
    plan = year.plan
    intro: list[str] = []
    steps: list[str] = []
    for para in _paragraphs(plan.notes):
        head, mark, tail = para.partition(STEPS_MARK)
        if head.strip():
            intro.append(head.strip())
        if mark and tail.strip():
            steps.append(tail.strip())
    halves: list[dict[str, Any]] = []
    for label in ("上半年", "下半年", ""):
        classes = [c for c in plan.classes if (c.half or "") == label]
        if label:
            title = f"{label}开设班次："
        else:
            title = "开设班次：" if len(classes) == len(plan.classes) else "其他班次："
        if classes:
            halves.append(
                {
                    "title": title,
                    "classes": [_class(year, c) for c in classes],
                }
            )
    sections: list[dict[str, Any]] = []
    parts: tuple[tuple[str, list[str], list[str], list[dict[str, Any]]], ...] = (
        ("指导思想", _paragraphs(plan.texts.guiding), [], []),
        ("方法措施", _paragraphs(plan.texts.measures), [], []),
        ("实施步骤", steps, [], halves),
        ("组织领导", [], _paragraphs(plan.texts.leadership), []),
    )
    for name, paragraphs, items, groups in parts:
        if paragraphs or items or groups:
            sections.append(
                {
                    "heading": f"{cn_number(len(sections) + 1)}、{name}",
                    "paragraphs": paragraphs,
                    "entries": items,
                    "halves": groups,
                }
            )
    return {
        "plan": plan_values(plan),
        "doc": {
            "title": plain(plan.title),
            "title_lines": title_lines(plan.title),
            "intro": intro,
            "sections": sections,
            "signature": plan.organizer,
            "date": zh_date(plan.issued),
        },
    }


def _class(year: Year, cls: Any) -> dict[str, Any]:
    values = class_values(year.plan, cls)
    values["name"] = plain(values["name"])
    note = dates_note(cls, year.schedule(cls), year.calendar)
    values["dates_note"] = f"培训通知中的时间：{note}" if note else ""
    return values
