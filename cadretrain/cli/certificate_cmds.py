"""``cadretrain certificates``: 结业证书 for the trainees the records say completed."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from cadretrain.cli.app import ForceOpt, OutputOpt, PlanArg, app, load_or_exit
from cadretrain.year.model import Year


class Size(StrEnum):
    A4 = "A4"
    A5 = "A5"


class Format(StrEnum):
    pdf = "pdf"
    docx = "docx"


@app.command()
def certificates(
    plan: PlanArg = None,
    class_: Annotated[
        str | None,
        typer.Option("--class", "-c", help="只生成这个班次（默认：有成绩登记表的每个班次）。"),
    ] = None,
    size: Annotated[Size, typer.Option("--size", help="纸张（横向）：A4 或 A5。")] = Size.A4,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="格式：pdf 或 docx。")] = Format.pdf,
    output: OutputOpt = Path("out"),
    force: ForceOpt = False,
) -> None:
    """结业证书：按 records/ 中的成绩登记表和签到表，为每位结业学员生成一页证书（不含身份证号）。"""
    year = load_or_exit(plan)
    raise typer.Exit(run_certificates(year, class_, size.value, fmt.value, output, force))


def run_certificates(
    year: Year, query: str | None, size: str, fmt: str, output: Path, force: bool = False
) -> int:
    """Write ``{class-id}-结业证书-{size}.{fmt}`` for the class (or every class with a score
    sheet in ``records/scores/``). Exit code: 0 written; 1 a score sheet with errors, no one
    completed, no score sheet at all, or an output edited since; 2 an unknown class or no PDF
    engine. A class the user names without a score sheet raises ``CannotProceed`` (exit 1)."""
    from cadretrain.cli.diagnostics_out import print_diagnostics
    from cadretrain.cli.outputs import write_outputs
    from cadretrain.core.diagnostics import Sink
    from cadretrain.files.pdf import PdfUnavailable
    from cadretrain.plan.lookup import pick_class
    from cadretrain.records.certificates import certificates_bytes, file_name, year_certificates
    from cadretrain.records.folder import records_dir

    wanted = pick_class(year.plan, query).id if query else None
    sink = Sink()
    try:
        found = year_certificates(year, sink, wanted)
    finally:
        print_diagnostics(sink.items)
    status = 1 if sink.has_errors() else 0
    if not found:
        where = records_dir(year.plan) / "scores"
        print(f"错误：{where} 中没有任何班次的成绩登记表，未生成结业证书。", file=sys.stderr)
        return 1
    for cls, certs in found:
        print(f"{cls.label}：结业 {len(certs)} 人")
    if not any(certs for _cls, certs in found):
        print("错误：没有结业的学员，未生成结业证书。", file=sys.stderr)
        return 1

    def files() -> Iterator[tuple[str, bytes]]:
        for cls, certs in found:
            if not certs:
                continue
            notes: list[str] = []
            data = certificates_bytes(certs, size, fmt, notes)
            for note in notes:
                print(f"注意：{note}", file=sys.stderr)
            yield file_name(cls, size, fmt), data

    try:
        written = write_outputs(output, force, files())
    except PdfUnavailable as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    return written or status
