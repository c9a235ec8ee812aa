"""The after-class commands over a folder of plans: ``hours``, ``report`` and ``archive``.

The library (``cadretrain.records``) reads the plans, enrollments and records and builds the
ledger, the figures and the registers; here they are drawn on the terminal, the files written
and the exit code chosen (``docs/exit-codes.md``): 0 done (cadres short of the hours are a
finding, not an error); 1 an enrollment, the register or a records file has errors, a plan
would be counted twice (a copy, the same class ids in one year, a shared enrollment: refused
before anything is written), or an output was edited since it was written; 2 no plans in the folder,
no plan of the year, or an unknown unit or person (candidates listed).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from cadretrain.cli.app import show_cannot_proceed
from cadretrain.cli.diagnostics_out import print_diagnostics
from cadretrain.cli.outputs import write_output, write_outputs
from cadretrain.core.diagnostics import Severity, Sink
from cadretrain.core.errors import CannotProceed
from cadretrain.core.text import encoded
from cadretrain.records.archive import Record
from cadretrain.records.ledger import Thresholds
from cadretrain.records.ledger_check import Status
from cadretrain.records.plan_folder import Folder


def open_folder(plans_dir: Path) -> Folder:
    """The folder's plans; what was skipped is printed (stderr). CannotProceed (2) when the
    folder is missing or holds no plan; (1) when a plan would be counted twice (a copy of a
    plan, the same class ids in one year, a shared enrollment): nothing is written then."""
    from cadretrain.records.plan_folder import load_plans, refuse_double_counting

    if not plans_dir.exists():
        raise CannotProceed(f"找不到计划文件夹 {plans_dir}", unusable=True)
    folder = load_plans(plans_dir)
    for why in folder.skipped:
        print(f"提示：跳过 {why}", file=sys.stderr)
    if not folder.years:
        raise CannotProceed(f"{plans_dir} 中没有能读取的计划文件（*.yaml）", unusable=True)
    refuse_double_counting(folder)
    return folder


# --- hours ---------------------------------------------------------------------------------


def print_short(label: str, year: int, statuses: Sequence[Status], t: Thresholds) -> None:
    from cadretrain.cli.terminal import RIGHT, echo, rich_table
    from cadretrain.records.ledger import num

    columns: list[str | tuple[str, str]] = [("序号", RIGHT), "姓名", "单位", "职级"]
    columns += [("本年学时", RIGHT), (f"近{t.leader_years}年学时", RIGHT)]
    columns += [("要求学时", RIGHT), ("差学时", RIGHT)]
    table = rich_table(f"{label} {year} 年学时未达标的干部", columns)
    for n, s in enumerate((s for s in statuses if not s.ok), start=1):
        table.add_row(
            str(n),
            s.person.name,
            s.unit,
            s.rank or "（未填）",
            num(s.this_year.hours),
            num(s.window.hours),
            t.brief(s.group),
            num(s.short_hours),
        )
    echo(table)


def run_hours(
    plans_dir: Path,
    unit: str | None,
    year: int | None,
    output: Path | None,
    force: bool = False,
    register: Path | None = None,
    thresholds: Thresholds | None = None,
) -> int:
    """``cadretrain hours PLANS_DIR [--unit U] [--year Y] [-o DIR]``; returns the exit code."""
    try:
        return _hours(plans_dir, unit, year, output, force, register, thresholds)
    except CannotProceed as exc:
        return show_cannot_proceed(exc)


def _hours(
    plans_dir: Path,
    unit: str | None,
    year: int | None,
    output: Path | None,
    force: bool,
    register: Path | None,
    thresholds: Thresholds | None,
) -> int:
    from cadretrain.records.ledger import ledger
    from cadretrain.records.ledger_check import check
    from cadretrain.records.ledger_sheet import (
        ALL_UNITS,
        estimated_entries,
        ledger_bytes,
        plan_of_year,
        summary,
    )
    from cadretrain.records.plan_folder import plan_year, unit_label

    t = thresholds or Thresholds()
    folder = open_folder(plans_dir)
    for name in folder.with_errors:
        print(
            f"提示：{name} 有错误，学时按能读出的内容计算；请运行 cadretrain validate",
            file=sys.stderr,
        )
    plans = folder.plans
    year = plan_year(plans, year, plans_dir)
    label = unit_label(plans, unit, ALL_UNITS)
    sink = Sink()
    cadres = None
    base = plan_of_year(plans, year)
    if register is not None:
        from cadretrain.enroll.register import read_register

        cadres = read_register(register, base, sink)
    from cadretrain.records.folder import attended_half_days
    from cadretrain.records.outside import ledger_rows, online_lines, read_outside

    outside = read_outside(folder.years, sink, cadres)
    attended, notes = attended_half_days(folder.years, Sink())  # `report` tells their problems
    book = ledger(
        folder.years,
        sink,
        attended=attended,
        notes=notes,
        cadres=cadres,
        outside=ledger_rows(outside),
    )
    statuses = check(book, year, unit=None if unit is None else label, thresholds=t)
    print_diagnostics(sink.items)
    failed = sink.has_errors()
    if not statuses:
        print(f"{label} {year} 年没有培训记录（各班次的报名名单中没有此单位的干部）。")
    else:
        if any(not s.ok for s in statuses):
            print_short(label, year, statuses, t)
        print("\n".join(summary(label, year, statuses, book, t)))
        print("\n".join(online_lines(statuses, base.online_hours)))
        estimated = estimated_entries(statuses, t)
        if estimated:
            print(
                f"提示：其中 {estimated} 条培训记录的天数按计划估算或未计（期次未排定、日期未定、"
                "未分期），见台账“明细”表的备注",
                file=sys.stderr,
            )
    if output is not None:

        def sheet() -> bytes:
            return ledger_bytes(label, year, statuses, base.organizer, t)

        if write_output(output, force, f"{label}-学时台账.xlsx", sheet):
            return 1
    return 1 if failed else 0


# --- report --------------------------------------------------------------------------------


def run_report(plans_dir: Path, year: int, output: Path, force: bool = False) -> int:
    """``cadretrain report PLANS_DIR --year Y [-o DIR] [--force]``; returns the exit code:
    0 written, 1 a file not overwritten, enrollments or a records file unreadable, 2 no plans /
    no such year. Attendance and satisfaction come from the plans' ``records/`` folders; the
    year's training calendar (ics) is written beside the report."""
    try:
        return _report(plans_dir, year, output, force)
    except CannotProceed as exc:
        return show_cannot_proceed(exc)


def _report(plans_dir: Path, year: int, output: Path, force: bool) -> int:
    from cadretrain.documents.ics import ics_text
    from cadretrain.records.plan_folder import plan_year
    from cadretrain.records.report import (
        report_markdown,
        summary_text,
        year_report_from_records,
    )
    from cadretrain.records.report_charts import report_html

    folder = open_folder(plans_dir)
    year = plan_year(folder.plans, year, plans_dir)
    chosen = sorted((y for y in folder.years if y.plan.year == year), key=lambda y: y.plan.file)
    sink = Sink()
    records = Sink()  # problems in the after-class records do not fail the report …
    report = year_report_from_records(chosen, year, sink, records)
    print_diagnostics([*sink.items, *records.items])
    print(summary_text(report))
    texts = (
        (f"{year}年培训工作统计.md", report_markdown(report)),
        (f"{year}年培训工作统计.html", report_html(report)),
        (f"{year}年培训日历.ics", ics_text(chosen)),
    )
    if write_outputs(output, force, ((name, encoded(text)) for name, text in texts)):
        return 1
    unreadable = any(  # … unless a records file could not be read at all
        d.severity is Severity.ERROR and d.code in ("CT801", "CT901") for d in records.items
    )
    return 1 if sink.has_errors() or unreadable else 0


# --- archive -------------------------------------------------------------------------------


def print_records(label: str, records: Sequence[Record]) -> None:
    from cadretrain.cli.terminal import RIGHT, echo, rich_table
    from cadretrain.records.archive import TITLE_ZH
    from cadretrain.records.ledger import num

    table = rich_table(
        f"{label} {TITLE_ZH}",
        ["姓名", "单位及职务", ("班次", RIGHT), ("天数", RIGHT), ("学时", RIGHT)],
    )
    for r in records:
        t = r.totals
        table.add_row(r.name, r.post, str(len(r.lines)), num(t.days), num(t.hours))
    echo(table)


def run_archive(
    plans_dir: Path, unit: str | None, person: str | None, output: Path, force: bool = False
) -> int:
    """``cadretrain archive PLANS_DIR [--unit U] [--person P] -o DIR``; returns the exit code:
    0 written, 1 an enrollment or a score sheet unreadable or an output edited, 2 bad input.
    考核结果 come from each plan's ``records/scores/``."""
    try:
        return _archive(plans_dir, unit, person, output, force)
    except CannotProceed as exc:
        return show_cannot_proceed(exc)


def _archive(
    plans_dir: Path, unit: str | None, person: str | None, output: Path, force: bool
) -> int:
    from cadretrain.records.archive import (
        TITLE_ZH,
        archive_html,
        archive_records,
        archive_xlsx,
        folder_scores,
        records_of_person,
    )
    from cadretrain.records.ledger_sheet import ALL_UNITS
    from cadretrain.records.plan_folder import unit_label

    folder = open_folder(plans_dir)
    plans = folder.plans
    label = unit_label(plans, unit, ALL_UNITS)
    sink = Sink()
    marks = Sink()  # problems in the score sheets are shown but do not fail the archive …
    scores = folder_scores(folder.years, marks)
    unreadable = any(d.severity is Severity.ERROR and d.code == "CT901" for d in marks.items)
    from cadretrain.records.folder import attended_half_days
    from cadretrain.records.outside import read_outside

    attended, notes = attended_half_days(folder.years, Sink())  # `report` tells their problems
    outside = read_outside(folder.years, marks)  # shown; an unreadable file fails `hours`
    records = archive_records(
        folder.years,
        sink,
        unit=None if unit is None else label,
        scores=scores,
        attended=attended,
        notes=notes,
        outside=outside,
    )
    print_diagnostics([*sink.items, *marks.items])
    failed = 1 if sink.has_errors() or unreadable else 0  # … unless unreadable
    if person is not None:
        records = records_of_person(records, person, label)
        label = f"{label}-{person.strip()}"
    if not records:
        print(f"{label} 没有培训记录（各班次的报名名单中没有此单位的干部），未生成登记表。")
        return failed
    print_records(label, records)
    files = (
        (f"{label}-{TITLE_ZH}.xlsx", archive_xlsx(records)),
        (f"{label}-{TITLE_ZH}.html", encoded(archive_html(records))),
    )
    if write_outputs(output, force, files):
        return 1
    return failed
