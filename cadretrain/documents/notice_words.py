"""Small wording helpers shared by the notice and the plan document: Chinese numerals,
dates without leading zeros, teachers and venues as the plan's source writes them, and each
class's values as the templates see them (``cls`` in ``templates/README.md``)."""

from __future__ import annotations

from typing import Any

from cadretrain.core.wording import cn_count, cn_number, zh_date
from cadretrain.plan.model import Plan, TrainingClass

__all__ = [
    "class_values",
    "cn_count",
    "cn_number",
    "content_text",
    "plan_values",
    "sessions_phrase",
    "teacher_names",
    "venue_name",
    "zh_date",
]


def teacher_names(plan: Plan, cls: TrainingClass) -> list[str]:
    """``省妇联干校田瑞娟教授``: organisation, name and title, as the plan's source writes them."""
    out = []
    for tid in cls.teachers:
        t = plan.teachers.get(tid)
        out.append(f"{t.org}{t.name}{t.title}" if t is not None else tid)
    return out


def venue_name(plan: Plan, vid: str | None) -> str:
    venue = plan.venues.get(vid or "")
    return venue.name if venue is not None else (vid or "")


def session_count(cls: TrainingClass) -> int:
    return len(cls.sessions) or cls.session_count or 0


def sessions_phrase(cls: TrainingClass) -> str:
    """``每期三天，分三期进行`` (the plan's own wording), or empty for a class without sessions."""
    count = session_count(cls)
    if count < 2:
        return ""
    days = f"每期{cn_count(cls.session_days)}天，" if cls.session_days else ""
    return f"{days}分{cn_count(count)}期进行"


def plan_values(plan: Plan) -> dict[str, Any]:
    return {
        "title": plan.title,
        "year": plan.year,
        "organizer": plan.organizer,
        "issued": zh_date(plan.issued),
        "doc_number": plan.doc_number,
    }


def content_text(cls: TrainingClass) -> str:
    """培训内容 as the plan's source writes it: modules as 板块, else the topics."""
    if cls.modules:
        names = list(cls.modules)
        each = "；".join(f"{name}板块包括{'、'.join(ts)}" for name, ts in cls.modules.items())
        return f"包括{'、'.join(names)}{cn_count(len(names))}大板块。其中{each}。"
    return "、".join(cls.topics) + ("。" if cls.topics else "")


def class_values(plan: Plan, cls: TrainingClass) -> dict[str, Any]:
    return {
        "id": cls.id,
        "name": cls.name,
        "short": cls.short,
        "half": cls.half,
        "audience": cls.audience or cls.eligible_text,
        "planned": cls.planned,
        "planned_words": cls.planned_words,  # 900人, 约80人, 每期120人（共360人）
        "when": cls.when.text if cls.when is not None else "",
        "sessions": sessions_phrase(cls),
        "venue": venue_name(plan, cls.venue),
        "topics": cls.all_topics,
        "modules": [{"name": k, "topics": v} for k, v in cls.modules.items()],
        "content": content_text(cls),
        "fieldwork_days": cls.fieldwork_days,
        "teachers": teacher_names(plan, cls),
        "notes": cls.notes,
    }
