"""Reading a filled 满意度测评汇总表.

The class comes from the hidden ``_cadretrain`` sheet the form carries, else from ``--class``,
else from the title naming a class. A teacher row is matched by name against the class's
teachers; counts must be whole numbers ≥ 0 (blank counts as 0). A count that is not is CT902
and marks the row ``unread``: it proposes no teacher-pool change until corrected. A class's
form read from two files counts once (:func:`once_each`, CT908).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from cadretrain.core.diagnostics import Pos, Severity, Sink
from cadretrain.core.errors import CannotProceed
from cadretrain.files.tabular import Table, cell_text, read_tables
from cadretrain.plan.model import Plan, TrainingClass
from cadretrain.records.assessment_read import find_header, norm
from cadretrain.records.attendance_sheet import cell_ref
from cadretrain.records.satisfaction import LEVELS, ClassRatings, Rating


def _class_of(plan: Plan, tables: list[Table]) -> TrainingClass | None:
    by_id = {c.id: c for c in plan.classes}
    for t in tables:
        if t.name == "_cadretrain":
            for _line, row in t.rows:
                if len(row) >= 2 and cell_text(row[0]) == "class":
                    return by_id.get(cell_text(row[1]))
    for t in tables:
        for _line, row in t.rows[:2]:
            text = norm(row[0] if row else "")
            named = [c for c in plan.classes if text.startswith(norm(c.name))]
            if len(named) == 1:
                return named[0]
    return None


_MAX_COUNT = 10**9  # more people than that in one class is no count


def _count(value: object) -> int | None:
    """A whole number of people ≥ 0; None for anything else (a fraction, a negative or absurd
    number, infinity or NaN, text)."""
    if value is None or cell_text(value) == "":
        return 0
    if isinstance(value, bool):
        return None
    if isinstance(value, float):  # an infinite or NaN cell is not is_integer()
        return int(value) if value.is_integer() and 0 <= value < _MAX_COUNT else None
    if isinstance(value, int):
        return value if 0 <= value < _MAX_COUNT else None
    text = norm(value).removesuffix("人")
    return int(text) if text.isdigit() and len(text) <= 9 else None


def read_ratings(
    plan: Plan, path: Path, sink: Sink, fallback: TrainingClass | None = None
) -> ClassRatings | None:
    """One filled 测评汇总表; the class from the form itself, else ``fallback`` (``--class``)."""
    file = str(path)
    tables = read_tables(path, sink, "CT901")
    if tables is None:
        return None
    cls = _class_of(plan, tables) or fallback
    found = next(
        ((t, h) for t in tables if (h := find_header(t, list(LEVELS), "授课教师")) is not None),
        None,
    )
    if cls is None or found is None:
        why = "看不出是哪个班次（请加 --class）" if cls is None else "找不到表头"
        sink.add(
            "CT901",
            Pos(file),
            f"{file} 无法作为满意度测评汇总表读取：{why}",
            hint="请使用 cadretrain ratings --class 班次 生成的测评汇总表填写。",
        )
        return None
    table, (head_at, cols) = found
    teachers = {
        norm(plan.teachers[t].name): plan.teachers[t] for t in cls.teachers if t in plan.teachers
    }
    out = ClassRatings(cls, file)
    done: set[str] = set()
    for line, row in table.rows:
        if line <= head_at:
            continue
        cell = {h: (row[c - 1] if c <= len(row) else None) for h, c in cols.items()}
        name = cell_text(cell["授课教师"])
        if not name:
            continue
        teacher = teachers.get(norm(name))
        if teacher is None or teacher.id in done:
            why = "已填过一行" if teacher else f"不是班次“{cls.label}”的授课教师"
            sink.add(
                "CT904",
                Pos(file, line, cols["授课教师"]),
                f"{cell_ref(table.name, line, cols['授课教师'])}：“{name}”{why}，此行未计入",
                hint="授课教师应与计划中该班次的 teachers 一致，每位教师一行。",
            )
            continue
        counts: list[int] = []
        unread: list[str] = []
        for level in LEVELS:
            n = _count(cell[level])
            if n is None:
                sink.add(
                    "CT902",
                    Pos(file, line, cols[level]),
                    f"{cell_ref(table.name, line, cols[level])}：{name}的“{level}”人数"
                    f"“{cell_text(cell[level])}”不是非负整数；改正前此行不计满意率，"
                    "也不据此提出师资库变动",
                    hint="请填写人数，如 35。",
                )
                n = 0
                unread.append(level)
            counts.append(n)
        done.add(teacher.id)
        four = (counts[0], counts[1], counts[2], counts[3])
        out.ratings.append(Rating(teacher, four, tuple(unread)))
    silent = [
        plan.teachers[t].name
        for t in cls.teachers
        if t in plan.teachers and not any(r.teacher.id == t and r.responses for r in out.ratings)
    ]
    if silent:
        sink.add(
            "CT905",
            Pos(file),
            f"班次“{cls.label}”的授课教师 {'、'.join(silent)} 没有测评结果，不参与师资库评定",
        )
    return out


def once_each(results: Sequence[ClassRatings], sink: Sink) -> list[ClassRatings]:
    """Each class's form once, the first read: another form of the same class (handed in
    twice, a saved copy) is CT908 and not counted, an error when its counts differ."""
    first: dict[str, ClassRatings] = {}
    out: list[ClassRatings] = []
    for cr in results:
        other = first.setdefault(cr.cls.id, cr)
        if other is cr:
            out.append(cr)
            continue
        same = _counts(other) == _counts(cr)
        what = "内容相同" if same else "但人数不同"
        sink.add(
            "CT908",
            Pos(cr.file),
            f"{cr.file} 与 {other.file} 都是班次“{cr.cls.label}”的测评汇总表（{what}），"
            f"只计 {Path(other.file).name}，{Path(cr.file).name} 未计入",
            hint="每个班次只放一份测评汇总表；"
            + ("删去重复的一份。" if same else "请核实哪一份是对的，删去另一份。"),
            severity=Severity.WARNING if same else Severity.ERROR,
        )
    return out


def _counts(cr: ClassRatings) -> list[tuple[str, tuple[int, ...]]]:
    return sorted((r.teacher.id, r.counts) for r in cr.ratings)


def read_all_ratings(
    plan: Plan, files: Sequence[Path], sink: Sink, fallback: TrainingClass | None = None
) -> list[ClassRatings]:
    """Every form that could be read, in the order given; CannotProceed (with the problems
    found) when none could."""
    read = [r for f in files if (r := read_ratings(plan, f, sink, fallback)) is not None]
    results = once_each(read, sink)
    if not results:
        raise CannotProceed("没有读到任何测评结果，未生成师资库变动", sink.items)
    return results
