"""Reading a filled 成绩登记表 (xlsx or CSV) and grading it.

- The header is the first row (of the first 10) holding 姓名 and every component of the
  class's weights; a heading may carry a suffix such as ``学习态度（20%）``.
- People are matched by 姓名 + 单位及职务 (spaces and full-width forms ignored), else by a
  姓名 unique on the enrollment. Unknown or repeated people: CT904.
- A score must be a number from 0 to 100 (``85``, ``85.5``, ``８５``); anything else is CT902 /
  CT903 with the cell (``成绩登记表!D7``) and is treated as missing.
"""

from __future__ import annotations

import math
import re
import unicodedata
from fractions import Fraction
from pathlib import Path

from cadretrain.core.diagnostics import Pos, Sink, some_names
from cadretrain.core.errors import CannotProceed
from cadretrain.enroll.enrollment import Enrollee, Enrollment
from cadretrain.files.tabular import Table, cell_text, read_tables
from cadretrain.plan.model import Plan, TrainingClass
from cadretrain.records.assessment import (
    Grading,
    Result,
    Scores,
    assign_grades,
    grading_for,
    weighted_total,
)
from cadretrain.records.attendance_sheet import cell_ref


def norm(text: object) -> str:
    """Compare names and units as people mean them: no spaces, half-width forms."""
    return "".join(unicodedata.normalize("NFKC", cell_text(text)).split())


def _head_name(text: object) -> str:
    t = norm(text)
    for bracket in ("(", "（"):
        t = t.split(bracket)[0]
    return t


def find_header(
    table: Table, wanted: list[str], key: str = "姓名"
) -> tuple[int, dict[str, int]] | None:
    """(row number, {heading: 1-based column}) of the first row with ``key`` and ``wanted``."""
    for line, row in table.rows[:10]:
        cols = {_head_name(c): i for i, c in reversed(list(enumerate(row, start=1))) if c}
        if key in cols and all(w in cols for w in wanted):
            return line, cols
    return None


_EXPONENT = re.compile(r"[eE][+-]?([0-9_]+)")


def parse_score(value: object) -> Fraction | str | None:
    """A score as a Fraction; None for blank; the text when it is not a number (also for an
    infinite or NaN cell, and for text like ``1e999999999`` that would take ages to expand)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        return cell_text(value)
    if isinstance(value, float) and not math.isfinite(value):
        return cell_text(value)
    if isinstance(value, int | float):
        return Fraction(value).limit_denominator(1000)
    text = norm(value).removesuffix("分")
    exponent = _EXPONENT.search(text)
    if len(text) > 40 or (exponent is not None and len(exponent.group(1)) > 3):
        return cell_text(value)
    try:
        return Fraction(text).limit_denominator(1000)
    except (ValueError, ZeroDivisionError, OverflowError):
        return cell_text(value)


class Matcher:
    """Finds the enrollee a sheet row means."""

    def __init__(self, plan: Plan, people: list[Enrollee]) -> None:
        from cadretrain.enroll.parts import unit_and_post

        self.full: dict[tuple[str, str], Enrollee] = {}
        by_name: dict[str, list[Enrollee]] = {}
        for p in people:
            self.full.setdefault((norm(p.name), norm(unit_and_post(plan, p))), p)
            by_name.setdefault(norm(p.name), []).append(p)
        self.unique = {k: v[0] for k, v in by_name.items() if len(v) == 1}

    def find(self, name: object, unit: object) -> Enrollee | None:
        return self.full.get((norm(name), norm(unit))) or self.unique.get(norm(name))


def read_sheet(
    plan: Plan,
    cls: TrainingClass,
    enrollment: Enrollment,
    grading: Grading,
    path: Path,
    sink: Sink,
) -> dict[int, Result]:
    """Scores by ``id(enrollee)``; problems as CT901–CT905."""
    file = str(path)
    tables = read_tables(path, sink, "CT901")
    if tables is None:
        return {}
    wanted = list(grading.weights)
    found = next(((t, h) for t in tables if (h := find_header(t, wanted)) is not None), None)
    if found is None:
        sink.add(
            "CT901",
            Pos(file),
            f"{file} 中找不到成绩登记表的表头（含“姓名”和 {'、'.join(wanted)} 的一行）",
            hint=f"请使用 cadretrain scores --class {cls.id} 生成的成绩登记表填写。",
        )
        return {}
    table, (head_at, cols) = found
    matcher = Matcher(plan, enrollment.people)
    out: dict[int, Result] = {}
    for line, row in table.rows:
        if line <= head_at:
            continue
        cell = {h: (row[c - 1] if c <= len(row) else None) for h, c in cols.items()}
        name = cell_text(cell["姓名"])
        if not name:
            continue
        unit = cell.get("单位及职务")
        person = matcher.find(name, unit)
        where = cell_ref(table.name, line, cols["姓名"])
        if person is None or id(person) in out:
            why = "在报名名单中出现过一次以上" if person else "不在报名名单中"
            sink.add(
                "CT904",
                Pos(file, line, cols["姓名"]),
                f"{where}：“{name} {cell_text(unit)}”{why}，此行未计入",
                hint="姓名、单位及职务应与成绩登记表生成时一致；同一人只填一行。",
            )
            continue
        scores: dict[str, Fraction | None] = {}
        for head in wanted:
            ref = cell_ref(table.name, line, cols[head])
            value = parse_score(cell[head])
            if isinstance(value, str):
                sink.add(
                    "CT902",
                    Pos(file, line, cols[head]),
                    f"{ref}：{name}的“{head}”成绩“{value}”不是数字，按未填处理",
                    hint="请填写 0—100 的分数，如 85 或 85.5。",
                )
                value = None
            elif value is not None and not 0 <= value <= 100:
                sink.add(
                    "CT903",
                    Pos(file, line, cols[head]),
                    f"{ref}：{name}的“{head}”成绩 {cell_text(cell[head])} 不在 0—100 之间，"
                    "按未填处理",
                    hint="各项成绩按百分制填写，权重由计划的 grading.weights 计算。",
                )
                value = None
            elif value is None:
                sink.add(
                    "CT905",
                    Pos(file, line, cols[head]),
                    f"{ref}：{name}的“{head}”成绩未填，暂不评定等次、不予结业",
                    hint="补齐成绩后重新运行 cadretrain scores；缺考请写“缺考”。",
                )
            scores[head] = value
        out[id(person)] = Result(person, scores, where=where)
    missing = [p for p in enrollment.people if id(p) not in out]  # the rest: named by cell
    if missing:
        sink.add(
            "CT905",
            Pos(file),
            f"{some_names(p.name for p in missing)}不在成绩登记表上，没有成绩，"
            "暂不评定等次、不予结业",
            hint="在成绩登记表上补上这些学员的一行和成绩后重新运行 cadretrain scores。",
        )
    return out


def read_scores(
    plan: Plan, cls: TrainingClass, enrollment: Enrollment, path: Path, sink: Sink
) -> list[Result]:
    """Read a filled 成绩登记表 and grade everyone on the enrollment (in its order)."""
    grading = grading_for(cls)
    found = read_sheet(plan, cls, enrollment, grading, path, sink)
    results = [
        found.get(id(p)) or Result(p, dict.fromkeys(grading.weights)) for p in enrollment.people
    ]
    for r in results:
        r.total = weighted_total(grading, r.scores)
    assign_grades(grading, results)
    return results


def usable_grading(cls: TrainingClass) -> None:
    """CannotProceed (exit 1) when the class's ``grading`` is one ``validate`` rejects (weights
    adding up to neither 1 nor 100, CT125; a weight that cannot be read, CT103): nobody is
    graded with weights the plan did not mean."""
    problem = cls.grading.weights_problem
    if problem:
        raise CannotProceed(
            f"班次“{cls.label}”的{problem}，未评定成绩",
            hint="请改正计划中该班次的 grading.weights（运行 cadretrain validate 查看），"
            "整数或百分数写法合计为 100，小数写法合计为 1。",
        )


def graded_scores(
    plan: Plan, cls: TrainingClass, enrollment: Enrollment, path: Path, sink: Sink
) -> Scores:
    """:func:`read_scores` for the 结业名单: CannotProceed when the class's grading is not
    usable (:func:`usable_grading`), or (with the problems found) when not one person's
    scores are complete."""
    usable_grading(cls)
    results = read_scores(plan, cls, enrollment, path, sink)
    if not any(r.total is not None for r in results):
        raise CannotProceed("成绩登记表中没有读到任何完整的成绩，未生成结业名单", sink.items)
    return Scores(cls, grading_for(cls), results)
