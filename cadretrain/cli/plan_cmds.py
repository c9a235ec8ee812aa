"""Commands on the plan itself: validate, show, calendar, explain, codes, schema."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from cadretrain.cli.app import (
    PlanArg,
    app,
    load_or_exit,
    plan_path,
)


class Format(StrEnum):
    text = "text"
    json = "json"


@app.command()
def validate(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            help="一个或多个计划文件；省略时自动查找。", metavar="计划", show_default=False
        ),
    ] = None,
    format: Annotated[
        Format, typer.Option("--format", "-f", help="输出格式：text 或 json。")
    ] = Format.text,
    strict: Annotated[
        bool, typer.Option("--strict", help="有警告也视为不通过（退出码 1）。")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="只输出问题行，不输出提示和汇总。")
    ] = False,
    show_ignored: Annotated[
        bool,
        typer.Option("--show-ignored", help="也列出计划中用 ignore 忽略了的问题及理由。"),
    ] = False,
) -> None:
    """校验计划文件：格式、引用、日期、分期、场地容量、教师和学员冲突。

    退出码：0 没有错误；1 有错误（加 --strict 时有警告也算，用 ignore 忽略的除外）；
    2 用法错误或文件无法读取。
    """
    from cadretrain.cli.diagnostics_out import summary_lines, text_lines, to_json, use_color
    from cadretrain.year.validate import validate_files

    paths = files or [plan_path(None)]
    report = validate_files(paths)
    if format is Format.json:
        typer.echo(to_json(report, strict))
    else:
        for line in text_lines(report, hints=not quiet, show_ignored=show_ignored):
            typer.echo(line)
        if not quiet:
            for line in summary_lines(report, use_color()):
                typer.echo(line)
    raise typer.Exit(report.exit_code(strict))


@app.command()
def show(plan: PlanArg = None) -> None:
    """以表格列出各班次：名称、日期或各期日期、人数、场地、教师。"""
    from cadretrain.cli.views import print_classes

    print_classes(load_or_exit(plan))


@app.command()
def calendar(plan: PlanArg = None) -> None:
    """按月显示全年日历：每天有哪些班次上课、哪里重叠。"""
    from cadretrain.cli.views import print_calendar

    print_calendar(load_or_exit(plan))


@app.command()
def explain(
    code: Annotated[str, typer.Argument(help="诊断代码，如 CT301。", metavar="代码")],
) -> None:
    """说明一个诊断代码的含义，并给出通过和不通过的例子。"""
    from cadretrain.checks.explain import explain_code

    text = explain_code(code)
    if text is None:
        typer.echo(f"错误：没有诊断代码“{code}”。用 cadretrain codes 查看全部。", err=True)
        raise typer.Exit(2)
    typer.echo(text)


@app.command()
def codes() -> None:
    """列出全部诊断代码及其级别和含义。"""
    from cadretrain.checks.explain import code_table

    typer.echo(code_table())


@app.command()
def schema(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="写入的文件；省略时输出到屏幕。")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="覆盖一个不是由本工具生成的同名文件。")
    ] = False,
) -> None:
    """输出计划文件格式的 JSON Schema，供编辑器自动补全和检查键名。"""
    from cadretrain.core.atomic import write_text
    from cadretrain.plan.schema import SCHEMA_ID, json_schema_text

    text = json_schema_text()
    if output is None:
        sys.stdout.write(text)
        return
    if output.is_file() and not force:
        old = output.read_text(encoding="utf-8", errors="replace")
        if old != text and SCHEMA_ID not in old:
            typer.echo(
                f"错误：{output} 已存在且不是本工具生成的，未覆盖；确需覆盖请加 --force。", err=True
            )
            raise typer.Exit(1)
    write_text(output, text)
    typer.echo(f"已写入 {output}")
