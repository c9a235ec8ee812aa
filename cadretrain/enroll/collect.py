"""The returned reply forms (报名回执) of a class → its enrollment (``cadretrain collect``).

Each form is read by ``collect_rows``; here the forms are put in order (units in plan order,
then file name) and checked together: the same person twice (the later row is not enrolled,
both places are named), seats per unit (over quota: every person kept, the extra rows listed;
under quota and units without a form: warnings), a session over its venue's capacity,
eligibility against the cadre register, and people already enrolled in another class that
meets on the same day. Every row read is either enrolled or reported as not enrolled, so
``rows_read == enrolled + len(rejected)``. The command (``cli.enroll_steps``) prints the
summary and writes the enrollment only when it changed. The schedules, the register and the
other classes' enrollments come from the year model (``cadretrain.year.collect``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from cadretrain.core.diagnostics import Pos, Related, Sink
from cadretrain.enroll.enrollment import (
    Enrollee,
    Enrollment,
    enrollment_path,
    person_key,
)
from cadretrain.enroll.form_reader import Form, FormRow, read_form
from cadretrain.enroll.quota_table import QuotaTable
from cadretrain.enroll.register import Cadre, index_by_id
from cadretrain.files.tabular import is_table_file
from cadretrain.plan.model import Plan, TrainingClass
from cadretrain.plan.schedule import Schedule


@dataclass
class Collected:
    """What ``collect`` found: the enrollment, the usable forms and the rows not enrolled."""

    enrollment: Enrollment
    files: int  # files given
    forms: list[Form]  # usable forms, in unit order

    @property
    def rejected(self) -> list[Pos]:
        return [pos for form in self.forms for pos in form.rejected]

    @property
    def rows_read(self) -> int:
        return sum(form.read for form in self.forms)


def form_files(paths: Sequence[Path]) -> list[Path]:
    """Each file given, and the spreadsheets in each folder given (not Excel's ``~$`` lock
    files); each once, in the order given."""
    out: dict[Path, Path] = {}
    for path in paths:
        inside = sorted(path.iterdir()) if path.is_dir() else []
        found = [p for p in inside if is_table_file(p)]
        for p in found if path.is_dir() else [path]:
            out.setdefault(p.resolve(), p)
    return list(out.values())


_COPY = re.compile(r"\s*-\s*(副本|Copy)(\s*\(\d+\))?$", re.IGNORECASE)
_NOT_READ = {
    ".doc": "Word 文件，不能读取；请单位用发下的 xlsx 回执填写后报回",
    ".docx": "Word 文件，不能读取；请单位用发下的 xlsx 回执填写后报回",
    ".wps": "WPS 文字文件，不能读取；请单位用发下的 xlsx 回执填写后报回",
    ".pdf": "PDF 文件，不能读取；请单位报回 xlsx 回执（盖章件可另行留存）",
    ".jpg": "图片，不能读取；请单位报回 xlsx 回执",
    ".jpeg": "图片，不能读取；请单位报回 xlsx 回执",
    ".png": "图片，不能读取；请单位报回 xlsx 回执",
    ".zip": "压缩包，不能读取；请解压后把其中的回执放入文件夹",
    ".rar": "压缩包，不能读取；请解压后把其中的回执放入文件夹",
}


def copy_of(path: Path) -> str | None:
    """The original's file stem when ``path`` is named as Windows names a copy
    (``城关镇 - 副本.xlsx``, ``城关镇 - 副本 (2).xlsx``, ``城关镇 - Copy.xlsx``), else None."""
    stem = _COPY.sub("", path.stem)
    return stem if stem != path.stem else None


def not_read(paths: Sequence[Path]) -> list[tuple[Path, str]]:
    """Each file inside the folders given that ``form_files`` leaves out, with the reason
    (Chinese): a unit whose Word or PDF reply is skipped is then not “没有交回” unexplained."""
    out = []
    for path in paths:
        for p in sorted(path.iterdir()) if path.is_dir() else []:
            if p.is_dir() or is_table_file(p):
                continue
            if p.name.startswith("~$"):
                why = "Excel 打开文件时留下的临时文件，已忽略"
            elif p.name.startswith("."):
                why = "隐藏文件，已忽略"
            else:
                why = _NOT_READ.get(p.suffix.lower(), "不是表格文件（xlsx、xls、csv），不能读取")
            out.append((p, why))
    return out


def collect_forms(
    plan: Plan,
    cls: TrainingClass,
    table: QuotaTable,
    files: list[Path],
    sink: Sink,
    *,
    schedules: dict[str, Schedule],
    cadres: list[Cadre] | None,
    others: dict[str, Enrollment],
    today: date | None = None,
) -> Enrollment:
    """The enrollment of ``cls`` from its returned forms; every problem goes to ``sink``.
    ``schedules``: every class's by id, from the year model (``cadretrain.year``)."""
    found = collect(
        plan,
        cls,
        table,
        files,
        sink,
        schedules=schedules,
        cadres=cadres,
        others=others,
        today=today,
    )
    return found.enrollment


def collect(
    plan: Plan,
    cls: TrainingClass,
    table: QuotaTable,
    files: Sequence[Path],
    sink: Sink,
    *,
    schedules: dict[str, Schedule],
    cadres: list[Cadre] | None,
    others: dict[str, Enrollment],
    today: date | None = None,
) -> Collected:
    """Like ``collect_forms``, with the forms read and the rows not enrolled."""
    when = today or date.today()
    read = (read_form(p, plan, cls, sink, sessions=table.sessions, today=when) for p in files)
    forms = [form for form in read if form is not None]
    order = {uid: i for i, uid in enumerate(plan.units)}
    forms.sort(
        key=lambda f: (
            order.get(f.unit, len(order)),
            copy_of(Path(f.file)) is not None,  # an original before its copies
            Path(f.file).name,
            f.file,
        )
    )
    _drop_copies(plan, forms, sink)
    _drop_repeats(forms, sink)
    rows = [row for form in forms for row in form.rows]
    _per_unit(plan, table, forms, sink)
    _capacity(plan, cls, table.sessions, schedules[cls.id], rows, sink)
    if cadres is not None:
        changed = _eligibility(cls, cadres, rows, sink)
        for form in forms:
            form.rejected += [
                Pos(r.file, r.line, 0) for r in form.rows if changed.get(id(r), r) is None
            ]
            form.rows = [new for r in form.rows if (new := changed.get(id(r), r)) is not None]
        rows = [row for form in forms for row in form.rows]
    _conflicts(plan, cls, schedules, others, rows, sink)
    enrollment = Enrollment(cls.id, [r.person for r in rows], str(enrollment_path(plan, cls.id)))
    return Collected(enrollment, len(files), forms)


def _drop_copies(plan: Plan, forms: list[Form], sink: Sink) -> None:
    """A unit's form and a copy of it (``城关镇 - 副本.xlsx`` beside ``城关镇.xlsx``): the
    original is read, the copy is left out and named (CT704)."""
    names = {(f.unit, Path(f.file).stem) for f in forms}
    for form in list(forms):
        original = copy_of(Path(form.file))
        if original is None or (form.unit, original) not in names:
            continue
        forms.remove(form)
        unit = plan.units[form.unit].name if form.unit in plan.units else form.unit
        sink.add(
            "CT704",
            Pos(form.file),
            f"{unit}的回执 {Path(form.file).name} 是 {original}{Path(form.file).suffix} 的副本，"
            "已按原件读取，副本未读取",
            hint="如果副本才是更正后的回执，请删去原件或把副本改名为原件的名称，再运行一次。",
        )


def _drop_repeats(forms: list[Form], sink: Sink) -> None:
    """The same ID number twice: the first row is kept, a later one is not enrolled."""
    first: dict[str, FormRow] = {}
    for form in forms:
        kept = []
        for row in form.rows:
            earlier = first.setdefault(row.person.id_number, row)
            if earlier is row:
                kept.append(row)
                continue
            sink.add(
                "CT708",
                row.pos("id"),
                f"{row.where}：{row.person.name}的身份证号 {row.person.id_number} "
                f"已在{earlier.place}报名，此行未列入名单",
                hint="同一人报了两次，或有一行的身份证号录错；请与有关单位核实。",
                related=(Related(earlier.pos("id"), f"第一次出现：{earlier.place}"),),
            )
            form.rejected.append(Pos(row.file, row.line, 0))
        form.rows = kept


def _per_unit(plan: Plan, table: QuotaTable, forms: list[Form], sink: Sink) -> None:
    """Several forms from a unit (CT704); with seats allocated, a unit over its seats (CT712:
    the rows beyond them, in reading order), under them (CT713), or without a form (CT714)."""
    seats = {share.unit: share.seats for share in table.allocation.shares}
    for uid, unit in plan.units.items():
        mine = [form for form in forms if form.unit == uid]
        rows, quota = [row for form in mine for row in form.rows], seats.get(uid, 0)
        if len(mine) > 1:
            names = "、".join(Path(f.file).name for f in mine)
            sink.add(
                "CT704",
                Pos(mine[1].file),
                f"{unit.name}交了 {len(mine)} 份回执（{names}），已全部读取",
                hint="如果后一份是更正后的回执，请只保留它，再运行一次。",
            )
        if not table.allocation.seats:
            continue
        if not mine and quota:
            sink.add("CT714", unit.rec.pos, f"{unit.name}（名额 {quota} 人）没有交回报名回执")
        elif mine and len(rows) > quota:
            extra = rows[quota:]
            listed = "、".join(f"{r.person.name}（第 {r.line} 行）" for r in extra)
            sink.add(
                "CT712",
                extra[0].pos(),
                f"{unit.name}报名 {len(rows)} 人，超过名额 {quota} 人；超出的 {len(extra)} 人："
                f"{listed}（均已列入名单）",
                hint="请与该单位核实谁参加，再修改报名名单或回执。",
                related=[Related(r.pos(), f"超出名额：{r.place}") for r in extra],
            )
        elif mine and len(rows) < quota:
            sink.add(
                "CT713",
                Pos(mine[0].file),
                f"{unit.name}报名 {len(rows)} 人，名额 {quota} 人，少 {quota - len(rows)} 人",
            )


def _capacity(
    plan: Plan,
    cls: TrainingClass,
    sessions: int,
    schedule: Schedule,
    rows: list[FormRow],
    sink: Sink,
) -> None:
    """A session (or the class) with more people than its venue holds: the extra rows."""
    slots = {slot.number: slot for slot in schedule.slots}
    for number in range(1, sessions + 1) if sessions > 1 else [0]:
        slot = slots.get(number)
        venue = plan.venues.get((slot.venue if slot else None) or cls.venue or "")
        if venue is None or venue.external or venue.capacity is None:
            continue
        people = [r for r in rows if r.person.session == number]
        if len(people) <= venue.capacity:
            continue
        extra = people[venue.capacity :]
        label = f"第 {number} 期" if number else "本班"
        sink.add(
            "CT715",
            extra[0].pos("session" if number else "name"),
            f"{label}已报 {len(people)} 人，超过{venue.name}的容量 {venue.capacity} 人；"
            f"从{extra[0].place}起的 {len(extra)} 人超出",
            hint="请与有关单位商量改报其他期次，或另找场地。",
            related=[Related(r.pos(), f"超出容量：{r.place}") for r in extra],
        )


def _eligibility(
    cls: TrainingClass, cadres: list[Cadre], rows: list[FormRow], sink: Sink
) -> dict[int, FormRow | None]:
    """Each row against the register: its name (CT716, CT717: ``enroll.name_check``), its
    presence (CT710) and the class's rules (CT709); returns the rows changed by their ``id``:
    renamed to the register's name, or None when held back."""
    from cadretrain.enroll.name_check import name_differs
    from cadretrain.enroll.population import admitted

    changed: dict[int, FormRow | None] = {}
    by_id = index_by_id(cadres, {row.person.id_number for row in rows})
    for row in rows:
        person = row.person
        cadre = by_id.get(person.id_number)
        if cadre is not None and cadre.name and person.name != cadre.name:
            fixed = changed[id(row)] = name_differs(row, cadre, sink)
            if fixed is None:
                continue
            person = fixed.person
        if cadre is None:
            sink.add(
                "CT710",
                row.pos("id"),
                f"{row.where}：{person.name}（身份证号 {person.id_number}）不在干部名册中，"
                "无法核对参训条件",
                hint="请核对身份证号；名册缺此人的，请补入名册。",
            )
        elif not admitted(cls, cadre):
            tags = f"，标签{'、'.join(sorted(cadre.tags))}" if cadre.tags else ""
            sink.add(
                "CT709",
                row.pos("rank" if "rank" in row.cols else "name"),
                f"{row.where}：{person.name}在干部名册中为{cadre.unit_name}"
                f"{cadre.rank or '（无职级）'}、{cadre.sex}性{tags}，"
                f"不符合“{cls.label}”的参训条件（{cls.eligible_text}）",
                hint="请与该单位核实；仍需参加的，由组织部门决定。",
                related=(Related(cadre.source, "干部名册中的此人"),),
            )
    return changed


def _days(schedule: Schedule, session: int) -> tuple[set[date], bool, str]:
    """The days a person attends (session 0: every session, said so), and whether the
    dates are only possible (a class not yet scheduled)."""
    several = len(schedule.slots) > 1
    slots = [s for s in schedule.slots if not several or session in (0, s.number)]
    days = {day for slot in slots for day in slot.days}
    note = "（未填期次，按参加全部各期计）" if several and session == 0 else ""
    return days, any(s.possible for s in slots), note


def _conflicts(
    plan: Plan,
    cls: TrainingClass,
    schedules: dict[str, Schedule],
    others: dict[str, Enrollment],
    rows: list[FormRow],
    sink: Sink,
) -> None:
    """A person (by ID number; name and unit for someone enrolled without one, as CT307 does)
    already enrolled in another class whose days overlap this one's."""
    from cadretrain.core.sweep import days_text

    enrolled: dict[str, list[tuple[TrainingClass, Enrollee, str]]] = defaultdict(list)
    for other_cls in plan.classes:
        other = others.get(other_cls.id)
        for p in other.people if other is not None and other_cls is not cls else []:
            enrolled[person_key(p)].append((other_cls, p, other.file if other else ""))
    for row in rows:
        me = row.person
        for other_cls, p, file in enrolled[me.id_number] + enrolled[f"{me.name}@{me.unit}"]:
            mine, maybe_mine, note_mine = _days(schedules[cls.id], me.session)
            theirs, maybe_theirs, note_theirs = _days(schedules[other_cls.id], p.session)
            common = mine & theirs
            if not common:
                continue
            ours = f"第 {me.session} 期" if me.session else "本班"
            label = f"“{other_cls.label}”" + (f"第 {p.session} 期" if p.session else "")
            possible = maybe_mine or maybe_theirs
            sink.add(
                "CT711",
                row.pos("name"),
                f"{row.where}：{me.name}已报名{label}{note_theirs}，与{ours}{note_mine}"
                f"在 {days_text(common, possible)} 同时上课（{len(common)} 天）",
                hint="请与该单位核实此人参加哪个班，并从另一个班的报名名单中去掉。",
                related=(
                    Related(
                        Pos(file, p.line, 1 if p.line else 0), f"“{other_cls.label}”的报名名单"
                    ),
                ),
                possible=possible,
            )
