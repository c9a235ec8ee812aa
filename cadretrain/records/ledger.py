"""The 学时 ledger (学时台账): each cadre's training hours per year, checked against 条例 Art. 14.

Rules, as implemented:

- Hours of one enrollment = training days of the person's session × the class's
  ``hours_per_day`` (else the plan's, default 7.5). A class's ``fieldwork_days`` lie inside its
  dates: they count at the same rate but are kept apart (classroom days = training days −
  fieldwork days, fieldwork capped at the training days). Online hours are a column of their own,
  0 for now, and do not count towards the thresholds (the regulation asks for them separately).
- Training days are the scheduled days of the person's session (the plan's year model,
  :mod:`cadretrain.year`).
  When there are none — the session could not be placed (CT301), the class has vague dates, or a
  person of a multi-session class has no session — the plan's ``sessions.days`` (or the stated
  length, 为期3天) is used and the entry says so; without it the entry counts 0 days and says why;
  a person without a session in a class of several dated sessions counts the shortest one.
- Attended half-days (from the sign-in sheets in the records folder:
  :func:`cadretrain.records.folder.attended_half_days`) may be given per enrollment as
  ``attended``, keyed by :func:`attended_key`; they replace the scheduled days (half-days ÷ 2,
  so 学时 per half-day = hours per day ÷ 2) and the entry is based on 签到 instead of 报名, with
  ``notes`` (e.g. 退学) as its note. An enrollment without one (no sign-in records for its class
  or session) keeps the enrollment basis: 依据 报名.
- A cadre is keyed by ID number, else by name and unit name; the same person in several plans
  and years is one cadre. Rank and unit are those of the latest enrollment up to the year asked
  about; a register, when given, overrides both and adds its cadres with 0 学时.
- Groups: a rank naming 县处级 or higher (厅局级, 省部级, 县级, 处级, 调研员, 巡视员 …), or standing
  above such a rank in the plan's ``ranks``, is the leader group: ≥ 550 学时 or 66 training days
  (3 months) over the last 5 years up to the year asked about. Every other rank (and an unknown
  one) is the 乡科级-and-below group: ≥ 90 学时 or 12 training days in the year. Meeting either
  figure passes; the shortfall is given in 学时 and in days. All figures are :class:`Thresholds`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from cadretrain.core.diagnostics import Sink
from cadretrain.core.wording import decimal_text
from cadretrain.enroll.enrollment import Enrollee
from cadretrain.enroll.register import Cadre
from cadretrain.plan.model import Plan, TrainingClass
from cadretrain.plan.schedule import Slot
from cadretrain.year.model import Year

ZERO = Decimal(0)
LEADER, BASIC = "leader", "basic"
GROUP_ZH = {LEADER: "县处级及以上", BASIC: "乡科级及以下"}
# 县处级 and above; 四级调研员 and above rank with them (Art. 14)
LEADER_WORDS: tuple[str, ...] = ("县处级", "厅局级", "省部级", "国家级", "县级", "处级", "厅级")
LEADER_WORDS += ("局级", "部级", "调研员", "巡视员")
BY_ENROLLMENT, BY_ATTENDANCE = "报名", "签到"

AttendedKey = tuple[str, str, str]  # (plan file, class id, person key)


@dataclass(frozen=True)
class Thresholds:
    """条例 Art. 14, configurable: per year for 乡科级 and below, per window for leaders."""

    hours_per_year: Decimal = Decimal(90)
    days_per_year: Decimal = Decimal(12)
    leader_hours: Decimal = Decimal(550)
    leader_days: Decimal = Decimal(66)  # 3 months ≈ 66 training days
    leader_years: int = 5

    def describe(self, group: str) -> str:
        if group == LEADER:
            return f"{self.leader_years}年{num(self.leader_hours)}学时或{num(self.leader_days)}天"
        return f"每年{num(self.hours_per_year)}学时或{num(self.days_per_year)}天"

    def brief(self, group: str) -> str:
        """The 学时 figure alone, for narrow tables: 90/年, 550/5年."""
        if group == LEADER:
            return f"{num(self.leader_hours)}/{self.leader_years}年"
        return f"{num(self.hours_per_year)}/年"


def num(value: Decimal) -> str:
    """22.5, 90, 0.5: no trailing zeros, no exponent."""
    return decimal_text(Fraction(value), 2, trim=True)


@dataclass(frozen=True, slots=True)
class Entry:
    """One person's attendance at one class (one session) of one plan."""

    year: int
    plan_file: str
    class_id: str
    class_name: str
    session: int
    unit: str  # unit name, as enrolled
    rank: str  # as enrolled
    days: Decimal  # training days counted, fieldwork included
    fieldwork_days: Decimal
    rate: Decimal  # 学时 per day
    online_hours: Decimal = ZERO
    basis: str = BY_ENROLLMENT
    note: str = ""

    @property
    def class_days(self) -> Decimal:
        return self.days - self.fieldwork_days

    @property
    def class_hours(self) -> Decimal:
        return self.class_days * self.rate

    @property
    def fieldwork_hours(self) -> Decimal:
        return self.fieldwork_days * self.rate

    @property
    def hours(self) -> Decimal:
        """学时 counted towards the regulation: classroom and fieldwork (not online)."""
        return self.days * self.rate


@dataclass(frozen=True)
class Totals:
    days: Decimal = ZERO
    fieldwork_days: Decimal = ZERO
    class_hours: Decimal = ZERO
    fieldwork_hours: Decimal = ZERO
    online_hours: Decimal = ZERO

    @property
    def hours(self) -> Decimal:
        return self.class_hours + self.fieldwork_hours

    @staticmethod
    def of(entries: Iterable[Entry]) -> Totals:
        got = list(entries)
        names = ("days", "fieldwork_days", "class_hours", "fieldwork_hours", "online_hours")
        return Totals(*(sum((getattr(e, n) for e in got), ZERO) for n in names))


@dataclass
class Person:
    key: str
    name: str
    id_number: str = ""
    entries: list[Entry] = field(default_factory=list)
    in_register: bool = False
    register_unit: str = ""  # from the register, when given: overrides the enrollments
    register_rank: str = ""

    def latest(self, year: int) -> list[Entry]:
        """Entries up to ``year``, latest year last (stable within a year)."""
        return sorted((e for e in self.entries if e.year <= year), key=lambda e: e.year)

    def unit_in(self, year: int) -> str:
        found = [e.unit for e in self.latest(year) if e.unit]
        return self.register_unit or (found[-1] if found else "")

    def rank_in(self, year: int) -> str:
        found = [e.rank for e in self.latest(year) if e.rank]
        return self.register_rank or (found[-1] if found else "")

    def totals(self, first: int, last: int) -> Totals:
        return Totals.of(e for e in self.entries if first <= e.year <= last)


@dataclass
class Ledger:
    plans: list[Plan]
    people: dict[str, Person] = field(default_factory=dict)
    from_register: bool = False

    @property
    def years(self) -> list[int]:
        return sorted({p.year for p in self.plans})

    def ranks(self) -> list[str]:
        """The plans' ranks, latest plan first (each listed from high to low)."""
        out: list[str] = []
        for plan in sorted(self.plans, key=lambda p: -p.year):
            out.extend(r for r in plan.ranks if r not in out)
        return out

    def unit_order(self) -> dict[str, int]:
        """Unit names in plan order (latest plan first), for sorting."""
        order: dict[str, int] = {}
        for plan in sorted(self.plans, key=lambda p: -p.year):
            for unit in plan.units.values():
                order.setdefault(unit.name, len(order))
        return order


def unit_name(plan: Plan, uid: str) -> str:
    unit = plan.units.get(uid)
    return unit.name if unit else uid


def person_key(plan: Plan, person: Enrollee) -> str:
    """ID number (upper case), else ``姓名|单位名称``."""
    ident = person.id_number.strip().upper()
    return ident or f"{person.name.strip()}|{unit_name(plan, person.unit)}"


def attended_key(plan: Plan, class_id: str, person: Enrollee) -> AttendedKey:
    """The key of ``ledger(attended=…)``: one person at one class of one plan."""
    return (plan.file, class_id, person_key(plan, person))


def _slot_days(cls: TrainingClass, slots: Sequence[Slot], session: int) -> tuple[Decimal, str]:
    """Training days for a person in ``session`` (0 = none given), and a note when estimated."""
    exact = {s.number: s for s in slots if not s.possible}
    numbered = max(len(slots), cls.session_count or 0, len(cls.sessions))
    per = cls.session_days
    if numbered <= 1:  # one session: whatever the person's session says
        slot = next(iter(exact.values()), None)
        if slot is not None:
            return Decimal(len(slot.days)), ""
        length = cls.when.length if cls.when is not None else None  # 2天半 keeps its half
        whole = length is not None and length == int(length)
        stated = per or (Decimal(int(length) if whole else str(length)) if length else None)
        if stated:
            return Decimal(stated), f"日期未定，按计划 {stated} 天计"
        return ZERO, "日期未定，未计学时"
    if session in exact and session:
        return Decimal(len(exact[session].days)), ""
    if not session:
        if per:
            return Decimal(per), f"未分期，按一期 {per} 天计"
        lengths = [len(s.days) for s in exact.values()]
        if lengths:
            return Decimal(min(lengths)), f"未分期，按最短一期 {min(lengths)} 天计"
        return ZERO, "未分期且各期日期未定，未计学时"
    if per:
        return Decimal(per), f"第{session}期日期未排定，按计划每期 {per} 天计"
    return ZERO, f"第{session}期日期未排定，未计学时"


def planned_days(cls: TrainingClass, slots: Sequence[Slot]) -> tuple[Decimal, str]:
    """Training days of one planned trainee (no session chosen), and the note when estimated
    (vague dates, sessions not placed: the length the plan states)."""
    return _slot_days(cls, slots, 0)


def class_entries(
    y: Year,
    cls: TrainingClass,
    people: Sequence[Enrollee],
    attended: Mapping[AttendedKey, float | int | Decimal] | None = None,
    notes: Mapping[AttendedKey, str] | None = None,
) -> list[tuple[str, Enrollee, Entry]]:
    """(person key, enrollee, entry) for everyone enrolled in ``cls``, a class of the year
    ``y`` (a person listed twice counts once); ``attended`` half-days and their ``notes``
    as in :func:`ledger`."""
    plan = y.plan
    slots = y.schedule(cls).slots
    rate = Decimal(str(cls.hours_per_day if cls.hours_per_day is not None else plan.hours_per_day))
    fieldwork = Decimal(cls.fieldwork_days or 0)
    out: list[tuple[str, Enrollee, Entry]] = []
    seen: set[str] = set()
    by_session: dict[int, tuple[Decimal, str]] = {}
    for p in people:
        key = person_key(plan, p)
        if key in seen:
            continue
        seen.add(key)
        found = by_session.get(p.session)
        if found is None:
            found = by_session[p.session] = _slot_days(cls, slots, p.session)
        days, note = found
        basis = BY_ENROLLMENT
        half_days = (attended or {}).get((plan.file, cls.id, key))
        if half_days is not None:
            days, basis = Decimal(str(half_days)) / 2, BY_ATTENDANCE
            note = (notes or {}).get((plan.file, cls.id, key), "")
        entry = Entry(
            year=plan.year,
            plan_file=plan.file,
            class_id=cls.id,
            class_name=cls.name,
            session=p.session,
            unit=unit_name(plan, p.unit),
            rank=p.rank.strip(),
            days=days,
            fieldwork_days=min(fieldwork, days),
            rate=rate,
            basis=basis,
            note=note,
        )
        out.append((key, p, entry))
    return out


def ledger(
    years: Sequence[Year],
    sink: Sink,
    *,
    attended: Mapping[AttendedKey, float | int | Decimal] | None = None,
    notes: Mapping[AttendedKey, str] | None = None,
    cadres: Sequence[Cadre] | None = None,
    outside: Iterable[OutsideRow] = (),
) -> Ledger:
    """Every cadre's entries over the classes that have an enrollment, in the plans of
    ``years`` (each plan's year model, :mod:`cadretrain.year`).

    ``attended``: half-days attended per :func:`attended_key`, replacing scheduled days;
    ``notes``: the note of such an entry (退学 …).
    ``outside``: entries from outside the plan (:func:`add_outside`).
    ``cadres``: a register; its cadres are added (0 学时 if never enrolled) and their unit and
    rank override the enrollments'. Unreadable enrollments are reported to ``sink`` (CT601).
    """
    chosen = sorted(years, key=lambda y: (y.plan.year, y.plan.file))
    book = Ledger([y.plan for y in chosen])
    for y in chosen:
        enrollments = y.enrollments(sink)
        for cls in y.plan.classes:
            enrollment = enrollments.get(cls.id)
            if enrollment is None:
                continue
            for key, p, entry in class_entries(y, cls, enrollment.people, attended, notes):
                person = book.people.setdefault(key, Person(key, p.name.strip()))
                person.id_number = person.id_number or p.id_number.strip().upper()
                person.entries.append(entry)
    add_outside(book, outside)
    if cadres is not None:
        book.from_register = True
        for c in cadres:
            key = c.id_number.strip().upper() or f"{c.name.strip()}|{c.unit_name}"
            person = book.people.setdefault(key, Person(key, c.name.strip(), c.id_number))
            person.in_register = True
            person.register_unit = c.unit_name
            person.register_rank = c.rank
    return book


# --- hours from outside the plan (调训, online: records/outside.py builds the rows) ---------

OutsideRow = tuple[str, str, str, Entry]  # (person key, name, ID number, entry)


def add_outside(book: Ledger, rows: Iterable[OutsideRow]) -> None:
    """Add entries from outside the plan (``records.outside.ledger_rows``) to their people."""
    for key, name, id_number, entry in rows:
        person = book.people.setdefault(key, Person(key, name))
        person.id_number = person.id_number or id_number
        person.entries.append(entry)
