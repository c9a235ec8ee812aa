"""``cadretrain forms`` and ``collect``: the commands' steps over :mod:`cadretrain.enroll`,
callable from tests. Each returns the exit code; a class that cannot be found raises
:class:`~cadretrain.core.errors.CannotProceed` (shown by ``cli.app``)."""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from cadretrain.cli.outputs import write_outputs
from cadretrain.core.diagnostics import Diagnostic
from cadretrain.enroll.collect import Collected
from cadretrain.enroll.enrollment import Enrollment
from cadretrain.enroll.quota_table import QuotaTable
from cadretrain.plan.model import Plan
from cadretrain.year.model import Year


def run_forms(
    year: Year, query: str, register: Path | None, output: Path, force: bool = False
) -> int:
    """Write the class's reply forms; returns the exit code (0 ok, 1 problems)."""
    from cadretrain.cli.diagnostics_out import print_diagnostics
    from cadretrain.cli.outputs import close_folder
    from cadretrain.core.diagnostics import Severity, Sink
    from cadretrain.enroll.forms import (
        FOLDER_SUFFIX,
        INSTRUCTIONS,
        file_names,
        form_bytes,
        instructions_bytes,
    )
    from cadretrain.enroll.method import why_no_quota
    from cadretrain.enroll.quota_table import class_quota
    from cadretrain.files.output_folder import OutputFolder, OutputRefused
    from cadretrain.plan.lookup import pick_class

    plan = year.plan
    cls = pick_class(plan, query)
    sched = year.schedule(cls)
    sink = Sink()
    decision, table = class_quota(plan, cls, year.register(sink, register), sink)
    print_diagnostics(sink.items)
    status = 1 if any(d.severity is Severity.ERROR for d in sink.items) else 0
    if table is None:  # a row of the decision table without forms (docs/报名与名额.md)
        print(
            f"提示：班次“{cls.label}”{why_no_quota(cls, decision)}，不生成报名回执"
            "（培训通知照常生成）。"
        )
        return status
    names = file_names(table)
    if not names:
        print(f"错误：班次“{cls.label}”没有单位分到名额，未生成报名回执", file=sys.stderr)
        return 1
    sub = f"{cls.id}{FOLDER_SUFFIX}"
    folder = OutputFolder(output, force=force)
    jobs = [(name, uid) for uid, name in names.items()] + [(INSTRUCTIONS, "")]
    done = 0
    try:
        for name, uid in jobs:
            try:
                if uid:
                    folder.write(f"{sub}/{name}", form_bytes(table, uid, sched))
                    done += 1
                else:
                    folder.write(f"{sub}/{name}", instructions_bytes(table, sched, year.calendar))
            except OutputRefused as exc:
                print(f"错误：{exc}", file=sys.stderr)
                status = 1
    finally:
        close_folder(folder)
    print(f"已写入 {done} 份报名回执到 {folder.path_for(sub)}")
    return status


def run_collect(
    year: Year,
    query: str,
    files: Sequence[Path],
    register: Path | None,
    force: bool = False,
    *,
    today: date | None = None,
    fmt: str = "text",
) -> int:
    """Collect the forms, print the problems and a summary (``fmt`` json: the problem list
    as JSON on stdout, the rest on stderr), write the enrollment when it changed and the
    problem list (问题清单) beside it; returns the exit code (0 ok, 1 errors or not written,
    2 no forms given)."""
    import contextlib

    if fmt == "json":
        with contextlib.redirect_stdout(sys.stderr):
            code, rows = _collect(year, query, files, register, force, today)
        from cadretrain.enroll.problems import problems_json

        print(problems_json(rows))
        return code
    return _collect(year, query, files, register, force, today)[0]


def _collect(
    year: Year,
    query: str,
    files: Sequence[Path],
    register: Path | None,
    force: bool,
    today: date | None,
) -> tuple[int, list[dict[str, object]]]:
    from cadretrain.core.diagnostics import sorted_diagnostics
    from cadretrain.enroll.collect import form_files, not_read
    from cadretrain.enroll.enrollment import enrollment_path
    from cadretrain.enroll.problems import problem_rows, problems_xlsx
    from cadretrain.plan.lookup import pick_class
    from cadretrain.year.collect import collect_class

    plan = year.plan
    cls = pick_class(plan, query)
    paths = form_files(files)
    for skipped, why in not_read(files):
        print(f"未读取：{skipped}：{why}")
    if not paths:
        print("错误：没有报名回执：请给出回执文件（xlsx、csv）或其文件夹。", file=sys.stderr)
        return 2, []
    collected, table, sink = collect_class(year, cls, paths, register, today=today)
    _report(plan, collected, sink.items, table)
    people = {(r.file, r.line): r.person.name for f in collected.forms for r in f.rows}
    rows = problem_rows(sorted_diagnostics(sink.items), people)
    if not collected.forms:
        print("没有可用的回执，报名名单未写。")
        return 1, rows
    target = enrollment_path(plan, cls.id)
    code = _write(plan, target, collected.enrollment, force)
    if rows:
        sheet = problems_xlsx(f"{cls.name}报名回执问题清单", rows)
        code = write_outputs(target.parent, force, [(f"{cls.id}-问题清单.xlsx", sheet)]) or code
    return code or int(sink.has_errors()), rows


def _report(plan: Plan, c: Collected, diags: list[Diagnostic], table: QuotaTable) -> None:
    """The problems (on stdout, with hints), what each form gave, and counts by kind."""
    from collections import Counter

    from cadretrain.checks.catalog import title
    from cadretrain.cli.diagnostics_out import text_lines
    from cadretrain.core.diagnostics import Severity, sorted_diagnostics
    from cadretrain.year.validate import FileReport, Report

    shown = sorted_diagnostics(diags)
    for line in text_lines(Report([FileReport(plan.file, None, shown)])):
        print(line)
    unusable = c.files - len(c.forms)
    head = f"读取回执 {len(c.forms)} 份" + (f"（另有 {unusable} 份未能使用）" if unusable else "")
    tail = f"，未列入 {len(c.rejected)} 行" if c.rejected else ""
    print(f"{head}，共 {c.rows_read} 行：列入名单 {len(c.enrollment.people)} 人{tail}。")
    for form in c.forms:
        skipped = f"，未列入 {len(form.rejected)} 行" if form.rejected else ""
        print(
            f"  {plan.units[form.unit].name}：{Path(form.file).name}（按{form.how}识别），"
            f"{len(form.rows)} 人{skipped}"
        )
    if not table.allocation.seats:
        print(f"“{table.cls.label}”没有分配名额，未核对各单位人数。")
    for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO):
        counts = Counter(d.code for d in shown if d.severity is severity)
        if counts:
            kinds = "、".join(f"{title(k)} {n}" for k, n in sorted(counts.items()))
            print(f"{severity.zh} {sum(counts.values())} 条：{kinds}")


def _write(plan: Plan, target: Path, enrollment: Enrollment, force: bool) -> int:
    """Write the enrollment unless unchanged; a hand-edited one only with ``force``."""
    from cadretrain.cli.outputs import close_folder
    from cadretrain.core.text import encoded
    from cadretrain.enroll.enrollment import dump_enrollment
    from cadretrain.files.output_folder import OutputFolder, OutputRefused
    from cadretrain.files.safe_read import Unreadable, digest_of

    data = encoded(dump_enrollment(enrollment, plan))
    try:
        same = digest_of(target) == hashlib.sha256(data).hexdigest()
    except Unreadable:
        same = False  # a folder or pipe by that name: the output folder refuses it
    if same:
        print(f"报名名单 {target} 没有变化，未重写。")
        return 0
    folder = OutputFolder(target.parent, force=force)
    try:
        folder.write(target.name, data)
    except OutputRefused as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    finally:
        close_folder(folder)
    print(f"已写入 {target}（{len(enrollment.people)} 人）")
    return 0
