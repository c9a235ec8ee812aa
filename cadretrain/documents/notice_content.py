"""What a training notice (培训通知) and the annual plan document say.

The wording is built here once, as plain strings, lists and dicts, so the HTML and Markdown
templates say the same thing and a user's own templates see a small, documented set of names
(``templates/README.md``). Dates are the class's schedule in the year model; the 成文日期 is
``plan.issued``, so the same plan always gives the same notice.
"""

from __future__ import annotations

from typing import Any

from cadretrain.core.dates import format_span
from cadretrain.core.workcal import WorkCalendar
from cadretrain.documents.notice_words import (
    class_values,
    cn_count,
    cn_number,
    organizers_of,
    plan_values,
    recipients,
    requirements,
    sentence,
    session_count,
    sessions_phrase,
    teacher_names,
    venue_name,
    zh_date,
)
from cadretrain.enroll.deadline import deadline_text
from cadretrain.enroll.form_layout import columns_for
from cadretrain.enroll.method import Decision, Method, how_chosen
from cadretrain.enroll.quota_table import QuotaTable
from cadretrain.plan.model import Plan, TrainingClass
from cadretrain.plan.schedule import Schedule, Slot

CONTACT = "联系人：____ 电话：____"  # placeholders: a notice never carries a real phone number


def addressees(plan: Plan, cls: TrainingClass, decision: Decision | None = None) -> str:
    """主送机关 of the class's notice (``notice_words.recipients``): as written, else from the
    units whose cadres the class admits (the decision table's population), else every unit."""
    population = decision.population if decision is not None else None
    audience = None
    if population is not None and any(population.counts.values()):
        audience = [uid for uid, n in population.counts.items() if n > 0]
    return recipients(plan, cls, audience)


def _slot_dates(slot: Slot) -> str:
    return "时间另行通知" if slot.possible or not slot.days else format_span(slot.start, slot.end)


def _session_details(plan: Plan, cls: TrainingClass, number: int) -> str:
    """What a listed session writes for itself (venue, headcount, teachers), as
    ``（地点：…，60人，授课教师：…）``; '' when it follows the class."""
    if not 0 < number <= len(cls.sessions):
        return ""
    spec = cls.sessions[number - 1]
    parts = []
    if spec.venue and spec.venue != cls.venue:
        parts.append(f"地点：{venue_name(plan, spec.venue)}")
    if spec.planned is not None:
        parts.append(f"{spec.planned}人")
    if spec.teachers is not None and spec.teachers != cls.teachers:
        names = teacher_names(plan, cls, spec.teachers)
        parts.append(f"授课教师：{'、'.join(names)}" if names else "授课教师另行确定")
    return f"（{'，'.join(parts)}）" if parts else ""


def time_text(cls: TrainingClass, sched: Schedule, plan: Plan | None = None) -> str:
    """The 培训时间 paragraph: each session's dates as scheduled, or the written text if vague;
    with ``plan``, a listed session's own venue, headcount and teachers after its dates."""
    count = session_count(cls)
    if cls.when is not None and not cls.when.exact and not cls.sessions:
        said = cls.sessions_from_when  # 3月，每期三天，分两期进行 says it already
        extra = f"，{sessions_phrase(cls)}" if count > 1 and not said else ""
        if cls.when.unscheduled:  # 另行通知, 待定: said once
            return (
                f"{sessions_phrase(cls)}，具体时间另行通知。" if count > 1 else "具体时间另行通知。"
            )
        return f"{cls.when.text}{extra}，具体时间另行通知。"
    if count > 1:
        dated = {s.number: s for s in sched.slots if s.number}
        parts = [
            f"第{cn_number(n)}期：{_slot_dates(dated[n]) if n in dated else '时间另行通知'}"
            + (_session_details(plan, cls, n) if plan is not None else "")
            for n in range(1, count + 1)
        ]
        return f"培训{sessions_phrase(cls)}。" + "；".join(parts) + "。"
    details = _session_details(plan, cls, 1) if plan is not None else ""
    if sched.slots and not sched.slots[0].possible and sched.slots[0].days:
        return f"{format_span(sched.slots[0].start, sched.slots[0].end)}{details}。"
    if cls.when is not None:
        return sentence(cls.when.text + details)
    return "另行通知。"


def places(plan: Plan, cls: TrainingClass, sched: Schedule) -> str:
    names: list[str] = []
    for vid in [s.venue for s in sched.slots] or [cls.venue]:
        name = venue_name(plan, vid)
        if name and name not in names:
            names.append(name)
    return "、".join(names)


def _block(text: str, lead: str = "") -> dict[str, str]:
    return {"lead": lead, "text": text}


def _content_blocks(plan: Plan, cls: TrainingClass) -> list[dict[str, str]]:
    blocks = []
    if cls.modules:
        names = list(cls.modules)
        blocks.append(_block(f"培训内容包括{'、'.join(names)}{cn_count(len(names))}个板块。"))
        for i, (name, topics) in enumerate(cls.modules.items(), start=1):
            blocks.append(_block(sentence("、".join(topics)), f"（{cn_number(i)}）{name}。"))
    elif cls.topics:
        blocks.append(_block(f"培训内容包括：{'、'.join(cls.topics)}。"))
    else:
        blocks.append(_block("培训内容另行通知。"))
    if cls.fieldwork_days:
        blocks.append(_block(f"其中安排{cls.fieldwork_days}天时间进行调研。"))
    teachers = teacher_names(plan, cls)
    if teachers:
        blocks.append(_block(f"授课教师：{'、'.join(teachers)}。"))
    return blocks


def quota_attachment(table: QuotaTable) -> dict[str, Any]:
    """附件1: units with seats, their seats and the split over sessions, and the totals."""
    several = table.sessions > 1
    headers = ["序号", "单位", "名额"] + (
        [f"第{i}期" for i in range(1, table.sessions + 1)] if several else []
    )
    rows: list[list[str]] = []
    for share in table.allocation.shares:
        if share.seats <= 0:
            continue
        row = [str(len(rows) + 1), table.unit_name(share.unit), str(share.seats)]
        if several:
            row += [str(n) for n in table.per_session.get(share.unit, [])]
        rows.append(row)
    total = ["", "合计", str(table.allocation.seats)]
    if several:
        total += [str(n) for n in table.session_totals()]
    return {
        "kind": "quota",
        "name": "名额分配表",
        "title": f"{table.cls.name}名额分配表",
        "headers": headers,
        "rows": rows,
        "total": total,
    }


def form_attachment(cls: TrainingClass, table: QuotaTable | None) -> dict[str, Any]:
    """附件2: the blank reply form, with the columns of the xlsx reply forms."""
    sessions = table.sessions if table is not None else max(session_count(cls), 1)
    columns = columns_for(sessions)
    # the xlsx widths, but wide enough for the header on one line (3 units a character)
    widths = [max(c[3], 3 * len(c[1]) + 2) for c in columns]
    most = max((s.seats for s in table.allocation.shares), default=0) if table else 0
    return {
        "kind": "form",
        "name": "报名回执",
        "title": f"{cls.name}报名回执",
        "unit_line": "单位（盖章）：",
        "headers": [c[1] for c in columns],
        "widths": [f"{100 * w / sum(widths):.1f}%" for w in widths],
        "rows": max(5, min(10, most)),  # one landscape page
    }


def headcount(cls: TrainingClass, table: QuotaTable | None) -> int | None:
    """The one headcount a notice states: its quota table's total, else ``planned``."""
    return table.allocation.seats if table is not None else cls.planned


def _shortfall(cls: TrainingClass, table: QuotaTable) -> str:
    """One sentence on why the quota table allots fewer (or more) than ``planned``."""
    seats, planned = table.allocation.seats, cls.planned or 0
    if seats == planned:
        return ""
    found = table.allocation.population
    if found < planned:
        why = f"符合参训条件的只有{found}人"
    elif cls.quota.max is not None:
        why = f"每个单位至多分配{cls.quota.max}人"
    else:
        why = "按分配规则取整"
    return f"本班次规划{planned}人，因{why}，实际分配{seats}人。"


def _quota_text(
    cls: TrainingClass, table: QuotaTable | None, decision: Decision | None, ref: dict[str, str]
) -> str:
    """The 名额分配 paragraph, by the class's row of the decision table."""
    method = decision.method if decision is not None else None
    if table is not None:
        basis = "申报人数" if method is Method.COUNTS else "符合参训条件的干部人数"
        return (
            f"按各单位{basis}比例分配名额"
            + (f"，分{cn_count(table.sessions)}期参训" if table.sessions > 1 else "")
            + f"，各单位名额{'及期次' if table.sessions > 1 else ''}见{ref['quota']}。"
            + _shortfall(cls, table)
        )
    if method is Method.SELECTION:
        return how_chosen(cls)
    if method in (Method.NO_UNITS, Method.UNPLANNED) or (method is None and not cls.planned):
        return "本班次不分配名额，请各单位按培训对象选派学员。"
    return "各单位名额另行通知。"


def notice_context(
    plan: Plan,
    cls: TrainingClass,
    sched: Schedule,
    table: QuotaTable | None,
    cal: WorkCalendar,
    decision: Decision | None = None,
) -> dict[str, Any]:
    """The names a notice template sees: ``plan``, ``cls``, ``notice``, ``attachments``.

    ``decision`` is the class's row of the decision table (``enroll.method``): a class whose
    people are chosen by ``selection`` carries no attachment."""
    if table is not None and table.allocation.seats <= 0:
        table = None
    selection = decision is not None and decision.method is Method.SELECTION
    attachments = [quota_attachment(table)] if table is not None else []
    if not selection:
        attachments.append(form_attachment(cls, table))
    numbered = len(attachments) > 1
    for i, a in enumerate(attachments, start=1):
        a["label"] = f"附件{i}" if numbered else "附件"
    ref = {a["kind"]: a["label"] for a in attachments}
    where = places(plan, cls, sched)
    several = session_count(cls) > 1
    audience = cls.audience or cls.eligible_text
    count = headcount(cls, table)
    if count:  # a headcount written 约80人 or 每期120人 is stated as written
        plain = table is not None or cls.planned_text.isdigit()
        audience += f"，共{count}人" if plain else f"，{cls.planned_words}"
    quota = _quota_text(cls, table, decision, ref)
    receiver = plan.receiver_of(cls) or "主办单位"
    if selection:
        enrol = f"学员名单确定后，由{receiver}另行通知本人及所在单位。"
    else:
        enrol = (
            f"请各单位按照{'分配名额和' if table is not None else ''}参训条件确定参训人员，"
            f"认真填写报名回执（{ref['form']}），加盖公章后于{deadline_text(plan, sched, cal)}"
            f"报送{receiver}。"
        )
    arrive = (
        f"{'各期' if several else ''}参训学员于开班当日上午到{where}报到。"
        if where
        else "报到时间和地点另行通知。"
    )
    sections = [
        (
            "培训时间和地点",
            [
                _block(time_text(cls, sched, plan), "（一）培训时间。"),
                _block(f"{where or '另行通知'}。", "（二）培训地点。"),
            ],
        ),
        ("培训对象", [_block(sentence(audience))]),
        ("培训内容", _content_blocks(plan, cls)),
        ("名额分配", [_block(quota)]),
        ("报名与报到", [_block(enrol, "（一）报名。"), _block(arrive, "（二）报到。")]),
        (
            "有关要求",
            [_block(t, f"（{cn_number(i)}）") for i, t in enumerate(requirements(plan, cls), 1)],
        ),
        ("联系方式", [_block(CONTACT)]),
    ]
    shown = [(name, kept) for name, blocks in sections if (kept := [b for b in blocks if _said(b)])]
    return {
        "plan": plan_values(plan),
        "cls": class_values(plan, cls),
        "notice": {
            **_head(plan, cls),
            "doc_number": plan.doc_number,
            "title": f"关于举办{cls.name}的通知",
            "addressees": addressees(plan, cls, decision),
            "sections": [
                {"heading": f"{cn_number(i)}、{name}", "blocks": blocks}
                for i, (name, blocks) in enumerate(shown, start=1)
            ],
            "date": zh_date(plan.issued),
        },
        "attachments": attachments,
    }


def _said(block: dict[str, str]) -> bool:
    """A block that says something (an empty list or text renders nothing, never ``。``)."""
    return bool(block["text"].strip("。 ") or block["lead"])


def _head(plan: Plan, cls: TrainingClass) -> dict[str, Any]:
    """发文机关标志, opening and signature from the organizers: the 主办 issue the notice
    (several: 联合行文, GB/T 9704 — the names stacked in the mark and signed one under the
    other, the lead organ first); 承办 and 协办 are named in the opening."""
    org = organizers_of(plan, cls)
    issuers = org.lead
    mark = "　".join(issuers) + "文件"
    # the size that fits the mark on one line: the whole mark, or a stacked name and 文件
    width = max(len(n) for n in issuers) + 2 if len(issuers) > 1 else len(mark)
    opening = (
        f"根据《{plan.title}》安排，经研究，决定{'联合' if len(issuers) > 1 else ''}举办{cls.name}"
    )
    roles = [(org.host, "承办"), (org.assist, "协办")]
    said = [f"{'、'.join(names)}{role}" for names, role in roles if names]
    opening += f"，由{'，'.join(said)}" if said else ""
    return {
        "mark": mark,
        "issuers": issuers,
        # 15 mm at most; as wide as the 版心 (154 mm) allows; stacked names within 30 mm
        "mark_size": f"{min(15.0, int(1540 / width) / 10, 30 / max(len(issuers), 1)):.1f}mm",
        "opening": f"{opening}。现将有关事项通知如下：",
        "signature": "、".join(issuers),
        "signatures": issuers,
    }
