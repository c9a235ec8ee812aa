"""考勤 (attendance): who attended which half-day, from the filled 签到表, and the 条例 Art. 15
check — leave during a class may not exceed 1/7 of its hours, beyond that the trainee is
withdrawn (退学, 不予结业).

Reading is in :mod:`cadretrain.records.attendance_read` (:func:`read_attendance`; marks,
headers, CSV). Decisions:

- The unit is the half-day (上午 / 下午): a training day is two half-days of equal hours, so
  the share of half-days is the share of class hours (whatever ``hours_per_day`` is).
- A session's half-days are its scheduled training days × 2; for a session without dates,
  the dated columns found on its sheets. A half-day with no marks at all is 未记录: it is in
  the class's hours (Art. 15's denominator) but counts neither as present nor as absent.
- Art. 15 counts 请假 and 缺勤 together (缺课): an absence without leave is not better than
  leave. A person is flagged when 缺课 × 7 > half-days (exactly 1/7 is allowed); the
  fraction is configurable. In a 3-day class (6 half-days) one half-day already exceeds 1/7.
- Marks that could not be read (CT802) are 待核: counted nowhere, shown in their own column;
  a person whom they could push over the limit is marked 待核 rather than passed.
- Attendance rate = (出勤 + 迟到) ÷ recorded half-days (未记录 and 待核 left out).
- The limit is the class's: its ``leave_limit``, else the plan's ``leave_rule`` for the class's
  declared ``kind`` (脱产 by default), else Art. 15's 1/7 (:func:`leave_share`). 不限 is a
  share of 1: nobody can miss more than every half-day.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from fractions import Fraction
from typing import TYPE_CHECKING

from cadretrain.core.diagnostics import Pos, Sink, some_names
from cadretrain.core.wording import percent
from cadretrain.enroll.enrollment import Enrollee
from cadretrain.plan.model import Plan, TrainingClass

if TYPE_CHECKING:
    from cadretrain.enroll.parts import Part

HALVES = ("上午", "下午")
ART15 = Fraction(1, 7)
HalfDay = tuple[date, str]  # (day, 上午 or 下午)


class Mark(Enum):
    PRESENT = "出勤"
    LATE = "迟到"  # present, and late
    LEAVE = "请假"
    ABSENT = "缺勤"
    UNREAD = "待核"  # a mark that could not be read (CT802)


@dataclass
class PersonAttendance:
    person: Enrollee
    session: int  # 0 for a one-session class
    half_days: int  # the session's half-days (Art. 15's denominator)
    marks: dict[HalfDay, Mark] = field(default_factory=dict)

    def count(self, *kinds: Mark) -> int:
        return sum(1 for m in self.marks.values() if m in kinds)

    @property
    def present(self) -> int:
        """Half-days present, late ones included."""
        return self.count(Mark.PRESENT, Mark.LATE)

    @property
    def late(self) -> int:
        return self.count(Mark.LATE)

    @property
    def leave(self) -> int:
        return self.count(Mark.LEAVE)

    @property
    def absent(self) -> int:
        return self.count(Mark.ABSENT)

    @property
    def unread(self) -> int:
        return self.count(Mark.UNREAD)

    @property
    def not_recorded(self) -> int:
        return max(self.half_days - len(self.marks), 0)

    @property
    def missed(self) -> int:
        """请假 + 缺勤: what Art. 15 counts."""
        return self.leave + self.absent

    @property
    def rate(self) -> Fraction | None:
        known = self.present + self.missed
        return Fraction(self.present, known) if known else None

    def over(self, share: Fraction = ART15) -> bool:
        """Missed more than ``share`` of the session's half-days (exactly the share is allowed)."""
        return self.missed > share * self.half_days

    def maybe_over(self, share: Fraction = ART15) -> bool:
        """Not over now, but would be if the unreadable marks were leave or absence."""
        return not self.over(share) and self.missed + self.unread > share * self.half_days


@dataclass
class SessionAttendance:
    number: int
    label: str  # 第1期, or "" for a one-session class
    half_days: list[HalfDay]
    recorded: set[HalfDay]


@dataclass
class Attendance:
    cls: TrainingClass
    people: list[PersonAttendance]
    sessions: list[SessionAttendance]
    share: Fraction = ART15

    def flagged(self) -> list[PersonAttendance]:
        return [p for p in self.people if p.over(self.share)]

    def rate(self, session: int | None = None) -> Fraction | None:
        """Attendance rate of one session, or of the whole class (None: nothing recorded)."""
        people = [p for p in self.people if session is None or p.session == session]
        present = sum(p.present for p in people)
        known = present + sum(p.missed for p in people)
        return Fraction(present, known) if known else None

    def total(self, attr: str) -> int:
        return sum(int(getattr(p, attr)) for p in self.people)


NO_LIMIT = Fraction(1)


def leave_share(plan: Plan, cls: TrainingClass) -> Fraction:
    """The leave limit the class follows: ``leave_limit``, else ``plan.leave_rule`` for its
    ``kind`` (both default to 1/7, 条例第十五条); 不限 is :data:`NO_LIMIT`."""
    text = cls.leave_limit or plan.leave_rule.for_kind(cls.kind)
    return NO_LIMIT if text == "不限" else Fraction(text)


def credited(att: Attendance, p: PersonAttendance) -> int | None:
    """Half-days of 学时 credited to ``p``: those attended (late included) plus the half-days
    of the session nobody's mark was recorded for (the sheet was not passed round: credited
    to everyone, as they count in Art. 15's class hours). Leave, absence and unreadable marks
    are not credited. None when the session has no sign-in records at all: the enrollment is
    then the basis."""
    session = next((s for s in att.sessions if s.number == p.session), None)
    if session is None or not session.recorded:
        return None
    return p.present + sum(1 for h in session.half_days if h not in session.recorded)


def rule_basis(share: Fraction) -> str:
    """Whose rule a limit is: the regulation's (1/7) or the plan's own."""
    return "条例第十五条" if share == ART15 else "计划规定的请假上限"


def share_text(share: Fraction) -> str:
    if share == NO_LIMIT:
        return "不限"
    return f"{share.numerator}/{share.denominator}"


def verdict(p: PersonAttendance, share: Fraction) -> str:
    """The 处理 column: empty, or why the person is flagged."""
    if p.over(share):
        return f"缺课超过 {share_text(share)}（{rule_basis(share)}），应予退学、不予结业"
    if p.maybe_over(share):
        return f"有待核标记，核实后可能超过 {share_text(share)}"
    return ""


def build_attendance(
    plan: Plan,
    cls: TrainingClass,
    parts: Sequence[Part],
    marks: Mapping[int, dict[HalfDay, Mark]],
    seen: Mapping[int, set[HalfDay]],
    recorded: Mapping[int, set[HalfDay]],
    listed: set[int],
    files: Mapping[int, str],
    sink: Sink,
    share: Fraction | None = None,
) -> Attendance:
    """Assemble the per-person figures; warn (CT803, CT807) about what was not recorded.
    Without ``share`` (or with the readers' default, Art. 15's 1/7) the class's own limit
    applies (:func:`leave_share`)."""
    if share is None or share == ART15:
        share = leave_share(plan, cls)
    sessions: list[SessionAttendance] = []
    people: list[PersonAttendance] = []
    for part in parts:
        which = part.label or f"班次“{cls.label}”"
        if part.days:
            halves = [(d, h) for d in part.days for h in HALVES]
        else:
            halves = sorted(seen.get(part.number, set()), key=lambda h: (h[0], HALVES.index(h[1])))
        got = recorded.get(part.number, set())
        sessions.append(SessionAttendance(part.number, part.label, halves, set(got)))
        file = files.get(part.number)
        if file is None:
            sink.add(
                "CT807",
                Pos(plan.file),
                f"{which}没有签到表或考勤记录，{len(part.people)} 人均按未记录处理",
                hint="请把这一期填好的签到表一并给出。",
            )
        else:
            absent_days = [h for h in halves if h not in seen.get(part.number, set())]
            if absent_days:
                sink.add(
                    "CT803",
                    Pos(file),
                    f"{which}的 {'、'.join(_half(h) for h in absent_days)} 没有考勤记录"
                    "（没有这些日期的签到表，或签到表全为空白），按未记录处理（不计为缺勤）",
                    hint="若有这些日期填好的签到表，请一并给出。",
                )
            missing = [p for p in part.people if id(p) not in listed]
            if missing:
                names = some_names(p.name for p in missing)
                sink.add(
                    "CT807",
                    Pos(file),
                    f"{which}报名名单中的 {names}不在签到表上，按未记录处理",
                    hint="签到表上的姓名、单位及职务应与报名名单一致。",
                )
        for person in part.people:
            mine = dict(marks.get(id(person), {}))
            people.append(PersonAttendance(person, part.number, len(halves), mine))
    return Attendance(cls, people, sessions, share)


def _half(h: HalfDay) -> str:
    return f"{h[0].month}月{h[0].day}日{h[1]}"


# --- output --------------------------------------------------------------------------------

HEADS = ["序号", "姓名", "单位及职务", "期次", "应出勤", "出勤", "迟到", "请假", "缺勤"]
HEADS += ["未记录", "待核", "出勤率", "处理"]
NUMBER_HEADS = ("应出勤", "出勤", "迟到", "请假", "缺勤", "未记录", "待核")


def person_row(plan: Plan, n: int, p: PersonAttendance, share: Fraction) -> list[object]:
    from cadretrain.enroll.parts import unit_and_post

    return [
        n,
        p.person.name,
        unit_and_post(plan, p.person),
        f"第{p.session}期" if p.session else "",
        p.half_days,
        p.present,
        p.late,
        p.leave,
        p.absent,
        p.not_recorded,
        p.unread,
        percent(p.rate),
        verdict(p, share),
    ]


def total_row(att: Attendance, label: str, session: int | None = None) -> list[object]:
    people = [p for p in att.people if session is None or p.session == session]
    sums = [
        sum(int(getattr(p, a)) for p in people)
        for a in ("half_days", "present", "late", "leave", "absent", "not_recorded", "unread")
    ]
    flagged = sum(1 for p in people if p.over(att.share))
    return ["", label, f"{len(people)} 人", "", *sums, percent(att.rate(session)),
            f"{flagged} 人缺课超过 {share_text(att.share)}" if flagged else ""]  # fmt: skip


def headline(att: Attendance) -> str:
    half_days = sum(len(s.half_days) for s in att.sessions)
    return (
        f"{att.cls.name} 考勤统计：{len(att.people)} 人，"
        f"各期共 {half_days} 个半天，出勤率 {percent(att.rate())}"
    )


def attendance_bytes(plan: Plan, att: Attendance) -> bytes:
    """The 考勤统计 workbook (A4 landscape; byte-identical for the same figures)."""
    from cadretrain.files.sheet_styles import (
        BODY,
        HEAD,
        INFO,
        TITLE,
        WRAP,
        add_styles,
        merged,
        set_width,
        write,
    )
    from cadretrain.files.xlsx import a4, column_width, new_workbook, to_bytes

    wb = new_workbook()
    add_styles(wb)
    ws = wb.active
    ws.title = "考勤统计"
    width = len(HEADS)
    merged(ws, (1, 1), (1, width), f"{att.cls.name}考勤统计", TITLE)
    ws.row_dimensions[1].height = 32
    info = (
        f"统计单位：半天（上午、下午各计一次）　　出勤含迟到　　"
        f"缺课（请假、缺勤）超过本期半天数的 {share_text(att.share)} 者应予退学"
        + ("（《干部教育培训工作条例》第十五条）" if att.share == ART15 else "（计划规定）")
    )
    merged(ws, (2, 2), (1, width), info, INFO)
    for c, head in enumerate(HEADS, start=1):
        write(ws, 3, c, head, HEAD)
    lines = [person_row(plan, n, p, att.share) for n, p in enumerate(att.people, start=1)]
    if len(att.sessions) > 1:
        lines += [total_row(att, f"{s.label}小计", s.number) for s in att.sessions]
    lines.append(total_row(att, "合计"))
    for r, line in enumerate(lines, start=4):
        for c, value in enumerate(line, start=1):
            write(ws, r, c, value, WRAP if HEADS[c - 1] in ("单位及职务", "处理") else BODY)
    for c, head in enumerate(HEADS, start=1):
        values = [head, *(str(line[c - 1]) for line in lines)]
        wide = 30 if head in ("单位及职务", "处理") else 40
        set_width(
            ws, c, column_width(values, minimum=6 if head in NUMBER_HEADS else 4, maximum=wide)
        )
    ws.print_title_rows = "3:3"
    ws.freeze_panes = "A4"
    a4(ws, landscape=True)
    return bytes(to_bytes(wb))
