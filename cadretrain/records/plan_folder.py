"""All the plans in one folder (several years' plans kept together), for the 学时 ledger,
``report`` and ``archive``.

Layouts read (both may be mixed):

- flat: ``计划/2013-county.yaml``, ``计划/2014-county.yaml`` sharing ``计划/enrollments/``;
- a subfolder per year: ``计划/2013/2013-county.yaml`` with ``计划/2013/enrollments/`` …

A plan's enrollments and records sit beside the plan file, so in the flat layout two plans
with a class of the same id would read the same ``enrollments/<id>.yaml`` (and count its
people twice in the ledger). That is reported (``Folder.shared``): the fix is the subfolder
layout. Two plan files that hold the same plan (a Windows copy ``计划 - 副本.yaml`` beside the
plan) or the same class ids for the same year would count every class twice wherever they sit
(``Folder.duplicates``). :func:`refuse_double_counting` turns either into ``CannotProceed``
(exit 1), which ``hours``, ``report`` and ``archive`` raise before they write anything.
The subfolders ``enrollments``, ``records`` and ``templates`` and hidden ones are never
searched for plans.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cadretrain.core.diagnostics import Sink
from cadretrain.core.errors import CannotProceed
from cadretrain.plan.model import Plan
from cadretrain.year.model import Year


@dataclass
class Folder:
    years: list[Year]  # each plan's year model (loaded, expanded, scheduled; not checked)
    skipped: list[str]  # “file：why”, for files that are not plans
    with_errors: list[str]  # plans that loaded with errors (hours from what could be read)
    shared: list[str] = field(default_factory=list)  # enrollments two plans would both read
    duplicates: list[str] = field(default_factory=list)  # plans that would be counted twice

    @property
    def plans(self) -> list[Plan]:
        return [y.plan for y in self.years]


RESERVED = frozenset({"enrollments", "records", "templates"})


def _yaml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def plan_files(where: Path, skipped: list[str] | None = None) -> list[Path]:
    """``where`` itself when it is a file; else the ``*.yaml``/``*.yml`` directly in it and in
    its subfolders one level down (not ``enrollments``, ``records``, ``templates``, hidden).
    A folder that cannot be listed is noted in ``skipped``."""
    if where.is_file():
        return [where]
    files: list[Path] = []
    for folder in (where, *_subfolders(where)):
        try:
            files += _yaml_files(folder)
        except OSError as exc:
            if skipped is not None:
                skipped.append(f"{folder}：无法读取（{exc.strerror or exc}）")
    return files


def _subfolders(where: Path) -> list[Path]:
    try:
        subs = sorted(p for p in where.iterdir() if p.is_dir())
    except OSError:
        return []  # reported when the folder itself is listed
    return [p for p in subs if p.name not in RESERVED and not p.name.startswith((".", "_"))]


def _shared(plans: Sequence[Plan]) -> list[str]:
    """Class ids that two plans in the same folder have, where that enrollment exists."""
    from cadretrain.enroll.enrollment import enrollment_path

    out: list[str] = []
    first: dict[tuple[Path, str], Plan] = {}
    for plan in plans:
        for cls in plan.classes:
            key = (Path(plan.file).parent, cls.id)
            other = first.setdefault(key, plan)
            if other is not plan and enrollment_path(plan, cls.id).exists():
                out.append(
                    f"{Path(other.file).name} 与 {Path(plan.file).name} 在同一文件夹中，都有班次"
                    f"“{cls.id}”，会共用报名名单 {enrollment_path(plan, cls.id)}（学时重复计算）。"
                    "请把每个年度的计划连同它的 enrollments/、records/ 放进各自的子文件夹，"
                    "如 2013/、2014/"
                )
    return out


def _same_text(a: Plan, b: Plan) -> bool:
    try:
        return Path(a.file).read_bytes() == Path(b.file).read_bytes()
    except OSError:
        return False


def _duplicates(plans: Sequence[Plan]) -> list[str]:
    """Pairs of plans of the same year with class ids in common (a copy of a plan has all of
    them): every such class would be counted twice in the ledger, the report and the archive."""
    out: list[str] = []
    for i, plan in enumerate(plans):
        ids = {c.id for c in plan.classes}
        for other in plans[:i]:
            if other.year != plan.year:
                continue
            common = [c.id for c in other.classes if c.id in ids]
            if not common:
                continue
            first, second = Path(other.file), Path(plan.file)
            if _same_text(other, plan):
                what = "是同一份计划（内容完全相同）"
            else:
                listed = "、".join(f"“{c}”" for c in common[:5])
                more = f"等 {len(common)} 个" if len(common) > 5 else ""
                what = f"都是 {plan.year} 年的计划，且有相同的班次 {listed}{more}"
            out.append(
                f"{first} 与 {second} {what}，这些班次的学时、人次会被重复计算。"
                f"请删除或移出多余的一份（如“{second.name}”），只保留一份计划；"
                "若确是两个不同的计划，请把其中一个的班次 id 改为不同的名称"
            )
    return out


def refuse_double_counting(folder: Folder) -> None:
    """CannotProceed (exit 1, not unusable) when plans in the folder would be counted twice:
    a duplicate plan or class ids (:attr:`Folder.duplicates`) or an enrollment two plans
    share (:attr:`Folder.shared`). Callers raise it before writing anything."""
    problems = [*folder.duplicates, *folder.shared]
    if problems:
        raise CannotProceed(
            "计划文件夹中有会重复计算的计划，未写入任何文件：\n"
            + "\n".join(f"  {n}. {why}" for n, why in enumerate(problems, start=1)),
            hint="改正后重新运行；每个年度只保留一份计划，班次 id 在同一年度内不重复",
        )


def load_plans(where: Path) -> Folder:
    """Every plan file of :func:`plan_files` that loads as a plan, through the year pipeline
    up to its schedules (``cadretrain.year.pipeline``; the checks are ``validate``'s)."""
    from cadretrain.year.pipeline import load_year

    folder = Folder([], [], [])
    files = plan_files(where, folder.skipped)
    for path in files:
        sink = Sink()
        year = load_year(path, sink, checks=False)
        if year is None:
            why = sink.items[0].message if sink.items else "没有 plan 的 title 和 year"
            folder.skipped.append(f"{path}：{why}")
            continue
        if sink.has_errors():
            folder.with_errors.append(str(path))
        folder.years.append(year)
    folder.shared = _shared(folder.plans)
    folder.duplicates = _duplicates(folder.plans)
    return folder


def find_unit(plans: Sequence[Plan], query: str) -> str | None:
    """The unit name that ``query`` means (name, id or alias in any plan), or None."""
    q = query.strip()
    for plan in sorted(plans, key=lambda p: -p.year):
        for u in plan.units.values():
            if q in (u.name, u.id, *u.aliases):
                return u.name
    return None


def plan_year(plans: Sequence[Plan], year: int | None, where: Path) -> int:
    """``year``, or the latest plan year when None; CannotProceed (unusable) when no plan in
    ``where`` is of that year (the years there are listed)."""
    years = sorted({p.year for p in plans})
    chosen = years[-1] if year is None else year
    if chosen not in years:
        listed = "、".join(str(y) for y in years)
        raise CannotProceed(
            f"{where} 中没有 {chosen} 年的计划；有计划的年份：{listed}", unusable=True
        )
    return chosen


def unit_label(plans: Sequence[Plan], unit: str | None, everyone: str) -> str:
    """The unit name ``unit`` means (``everyone`` when None); CannotProceed (unusable) naming
    the closest units when no plan has it."""
    from cadretrain.plan.fields import did_you_mean

    if unit is None:
        return everyone
    found = find_unit(plans, unit)
    if found is None:
        names = sorted({u.name for p in plans for u in p.units.values()})
        hint = did_you_mean(unit.strip(), names)
        raise CannotProceed(f"计划中没有单位“{unit}”。{hint}", unusable=True)
    return found
