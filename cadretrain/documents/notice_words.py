"""Small wording helpers shared by the notice and the plan document: Chinese numerals,
dates without leading zeros, teachers and venues as the plan's source writes them, each
class's values as the templates see them (``cls`` in ``templates/README.md``), and the parts
of a notice the plan decides, defined once for every document: its organizers (主办 as the
发文机关, 承办 and 协办), its 主送机关 and its 有关要求."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cadretrain.core.wording import cn_count, cn_number, zh_date
from cadretrain.plan.model import Plan, TrainingClass
from cadretrain.plan.specs import Organizers

__all__ = [
    "class_values",
    "cn_count",
    "cn_number",
    "content_text",
    "organizers_of",
    "plan_values",
    "recipients",
    "requirements",
    "sentence",
    "sessions_phrase",
    "teacher_names",
    "venue_name",
    "zh_date",
]


_ENDS = "。！？!?…"


def sentence(text: str) -> str:
    """``text`` as one sentence: a full stop added unless it ends with one (a trailing ，；、：
    becomes 。); '' for blank text, so an empty value renders nothing (never ``。。``)."""
    text = text.strip()
    if not text:
        return ""
    if text[-1] in _ENDS:
        return text
    return text.rstrip("，,；;、：: ") + "。"


def teacher_names(plan: Plan, cls: TrainingClass, ids: Iterable[str] | None = None) -> list[str]:
    """``省妇联干校田瑞娟教授``: organisation, name and title, as the plan's source writes them
    (the class's teachers, or ``ids``: a session's)."""
    out = []
    for tid in cls.teachers if ids is None else ids:
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
    """培训内容 as the plan's source writes it: modules as 板块, else the topics; a module
    without topics is named but not described, and nothing is said of empty lists."""
    if cls.modules:
        names = list(cls.modules)
        each = "；".join(f"{name}板块包括{'、'.join(ts)}" for name, ts in cls.modules.items() if ts)
        return f"包括{'、'.join(names)}{cn_count(len(names))}大板块。" + (
            f"其中{each}。" if each else ""
        )
    return "、".join(cls.topics) + ("。" if cls.topics else "")


def organizers_of(plan: Plan, cls: TrainingClass) -> Organizers:
    """Who holds the class, role by role (``Plan.organizers_of``)."""
    return plan.organizers_of(cls)


_KIND_ADDRESSEES = {"乡镇": "各乡镇党委", "县直单位": "县直各单位党组（党委）"}
_SOME_OF_KIND = {"乡镇": "有关乡镇党委", "县直单位": "县直有关单位党组（党委）"}
_NAMED_UP_TO = 3  # a kind of which only so many units attend is addressed by their names


def recipients(plan: Plan, cls: TrainingClass, audience: Iterable[str] | None = None) -> str:
    """主送机关, ending with ``：``: the class's ``recipients``, else the plan's; else from the
    units the class is for (``audience``: unit ids, e.g. those with eligible cadres; a
    ``per_unit`` class: its own unit's name; None: every unit), kind by kind in the plan's order —
    every unit of a kind: ``各乡镇党委`` / ``县直各单位党组（党委）`` / ``各{kind}``; up to three of
    a kind: their names; more: ``有关乡镇党委`` / ``县直有关单位党组（党委）`` / ``有关{kind}``."""
    written = cls.recipients if cls.recipients is not None else plan.recipients
    if written is not None:
        names = [n.strip().rstrip("：:，,、") for n in written if n.strip()]
        return "，".join(names) + "：" if names else ""
    if cls.unit in plan.units:  # a ``per_unit`` class: its own unit, by name
        return plan.units[cls.unit].name + "："
    wanted = set(plan.units) if audience is None else set(audience)
    kinds: dict[str, list[str]] = {}
    for unit in plan.units.values():
        kinds.setdefault(unit.kind, []).append(unit.id)
    parts: list[str] = []
    for kind, ids in kinds.items():
        chosen = [uid for uid in ids if uid in wanted]
        if not chosen:
            continue
        if len(chosen) == len(ids) and kind:
            parts.append(_KIND_ADDRESSEES.get(kind, f"各{kind}"))
        elif len(chosen) <= _NAMED_UP_TO:
            parts += [plan.units[uid].name for uid in chosen]
        else:
            parts.append(_SOME_OF_KIND.get(kind, f"有关{kind}" if kind else "各有关单位"))
    return ("，".join(parts) or "各有关单位") + "："


DEFAULT_APPROVAL = "派出单位主要负责同志"
_DUTY = "各单位要高度重视，严格按照培训对象和分配名额选派学员，不得随意更换或减少名额。"
_COSTS = "培训期间统一安排学习和食宿，培训费用按有关规定执行。"


def leave_limit(plan: Plan, cls: TrainingClass) -> str:
    """The class's leave limit: its ``leave_limit``, else the plan's rule for its kind."""
    return cls.leave_limit or plan.leave_rule.for_kind(cls.kind)


def leave_requirement(plan: Plan, cls: TrainingClass) -> str:
    """The 请假 requirement as the plan's rules have it: who approves leave
    (``plan.leave_approval``) and the limit beyond which a trainee is withdrawn."""
    approval = plan.texts.leave_approval.strip() or DEFAULT_APPROVAL
    text = (
        "学员要严格遵守培训纪律，培训期间原则上不得请假；"
        f"确需请假的，须经{approval.removesuffix('同意')}同意，并向培训班办理请假手续。"
    )
    limit = leave_limit(plan, cls)
    if "/" in limit:
        num, den = (int(x) for x in limit.split("/"))
        part = f"{cn_number(den)}分之{cn_number(num)}"
        text += f"请假时间累计超过培训总学时{part}的，按退学处理。"
    return text


def requirements(plan: Plan, cls: TrainingClass) -> list[str]:
    """有关要求, one sentence each: the class's ``requirements``, else the plan's, else the
    default three; the 请假 requirement (:func:`leave_requirement`) is one of the default three
    and is added after written ones that say nothing of 请假."""
    written = cls.requirements if cls.requirements is not None else plan.texts.requirements
    leave = leave_requirement(plan, cls)
    if written is None:
        return [_DUTY, leave, _COSTS]
    items = [sentence(t) for t in written if t.strip()]
    if not any("请假" in t for t in items):
        items.append(leave)
    return items


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
        # 3月，每期三天，分两期进行: the dates as written already say it
        "sessions": "" if cls.sessions_from_when else sessions_phrase(cls),
        "venue": venue_name(plan, cls.venue),
        "topics": cls.all_topics,
        "modules": [{"name": k, "topics": v} for k, v in cls.modules.items()],
        "content": content_text(cls),
        "fieldwork_days": cls.fieldwork_days,
        "teachers": teacher_names(plan, cls),
        "notes": cls.notes,
    }
