"""``cadretrain build``: validate the plan, then build everything
(:func:`cadretrain.documents.build.build_plan`) and say what was written."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

from cadretrain.documents.build import Job


def run_build(
    plan_path: Path,
    output: Path,
    *,
    force: bool = False,
    ignore_errors: bool = False,
    register: Path | None = None,
    progress: bool = True,
    formats: tuple[str, ...] = (),
) -> int:
    """Build everything; returns the exit code: 0 built, 1 plan errors or files refused,
    2 plan unreadable, 3 PDFs asked for (``--pdf`` or the plan's ``notice_formats``) without
    the PDF engine."""
    from cadretrain.cli.diagnostics_out import summary_text, text_lines
    from cadretrain.core.diagnostics import Severity
    from cadretrain.documents.build import build_plan
    from cadretrain.year.validate import Report, validate_file

    report = validate_file(plan_path)
    lines = text_lines(Report([report]), hints=False)
    if report.year is None:
        print("\n".join(lines), file=sys.stderr)
        return 2 if report.unreadable else 1
    if "pdf" in formats or "pdf" in report.year.plan.imprint.notice_formats:
        from cadretrain.files.pdf import unavailable

        missing = unavailable()
        if missing:
            print(f"错误：无法生成 PDF，未生成任何文件。{missing}", file=sys.stderr)
            return 3
    errors = report.count(Severity.ERROR)
    if errors and not ignore_errors:
        print("\n".join(lines), file=sys.stderr)
        print(
            f"计划有 {errors} 个错误，未生成文件；改正后再运行，或加 --ignore-errors。",
            file=sys.stderr,
        )
        return 1
    for d in report.diagnostics:  # --ignore-errors: the errors on the terminal, not only in
        if d.severity is Severity.ERROR and not d.ignored:  # index.html
            print(d.shown_line(), file=sys.stderr)
    result = build_plan(
        report.year,
        output,
        checked=[d for d in report.diagnostics if not d.ignored],  # not what the plan silences
        force=force,
        register=register,
        each=_progress if progress else None,
        formats=formats,
    )
    print(summary_text(Report([report])))
    for message in result.left_out:
        print(f"未分配名额：{message}")
    print(
        f"已生成到 {output}：新写入 {result.written} 个文件，{result.unchanged} 个未变；"
        f"首页 {output / 'index.html'}"
    )
    for note in result.notes:
        print(f"注意：{note}", file=sys.stderr)
    for message in result.refused:
        print(f"未覆盖：{message}", file=sys.stderr)
    for message in result.failed:
        print(f"未生成：{message}", file=sys.stderr)
    return 1 if result.refused or result.failed else 0


def _progress(todo: list[Job]) -> Iterator[Job]:
    """The jobs, with a progress bar on stderr when it is a terminal."""
    if not sys.stderr.isatty():
        yield from todo
        return
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task("生成文件", total=len(todo))
        for job in todo:
            bar.update(task, description=f"生成 {job.path}")
            yield job
            bar.advance(task)
