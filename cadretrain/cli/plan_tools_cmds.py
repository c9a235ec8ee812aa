"""Commands that write plans: fmt (keys in one language), import (from an office's class
table) and new (next year's plan from this year's, or a starter plan)."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from cadretrain.cli.app import app


class KeyLang(StrEnum):
    zh = "zh"
    en = "en"


_FORCE = typer.Option("--force", help="覆盖已存在的输出文件。")


def _read_plan_text(path: Path) -> tuple[str, str]:
    """The plan's text and the name it is shown by; CannotProceed when it cannot be read."""
    from cadretrain.core.diagnostics import Sink
    from cadretrain.core.errors import CannotProceed
    from cadretrain.files.source import read_source

    sink = Sink()
    source = read_source(path, sink)
    if source is None:
        raise CannotProceed(f"无法读取计划文件 {path}", sink.items, unusable=True)
    return source.text, source.path


def write_new_file(path: Path, text: str, force: bool) -> None:
    """Write ``text`` to ``path`` atomically; an existing file only with ``--force``."""
    from cadretrain.core.atomic import write_text
    from cadretrain.core.errors import CannotProceed

    if path.exists() and not force:
        raise CannotProceed(
            f"{path} 已存在，未覆盖",
            hint="换一个文件名，或加 --force 覆盖。",
        )
    write_text(path, text)


@app.command()
def fmt(
    plan: Annotated[Path, typer.Argument(help="计划文件（YAML）。", metavar="计划")],
    keys: Annotated[
        KeyLang, typer.Option("--keys", "-k", help="键写成中文（zh）还是英文（en）。")
    ] = KeyLang.zh,
    check: Annotated[
        bool,
        typer.Option("--check", help="只检查不改写：有键不是所要的写法时退出码为 1。"),
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="写到另一个文件；省略时改写计划文件本身。"),
    ] = None,
    force: Annotated[bool, _FORCE] = False,
) -> None:
    """把计划中的键统一写成中文或英文；注释、顺序、缩进和各项的值都原样保留。

    退出码：0 已改写或无需改写（--check：都已是所要的写法）；1 --check 发现需要改写的键，
    或输出文件已存在；2 计划文件无法读取或有 YAML 语法错误。
    """
    from cadretrain.plan.fmt import rewrite_keys

    text, name = _read_plan_text(plan)
    result = rewrite_keys(text, name, keys.value)
    lang = "中文" if keys is KeyLang.zh else "英文"
    if check:
        for pos, written, want in result.changed:
            typer.echo(f"{pos}: 键“{written}”应写作“{want}”")
        if result.changed:
            typer.echo(f"{name}：有 {len(result.changed)} 个键不是{lang}写法", err=True)
            typer.echo(f"提示：运行 cadretrain fmt {plan} --keys {keys.value} 即可改写。", err=True)
            raise typer.Exit(1)
        typer.echo(f"{name}：键都已是{lang}写法")
        return
    target = output or plan
    if output is not None:
        write_new_file(output, result.text, force)
    elif result.changed:
        from cadretrain.core.atomic import write_text

        write_text(plan, result.text)
    if not result.changed:
        written = f"；已写入 {target}" if output else ""
        typer.echo(f"{name}：键都已是{lang}写法，无需改写{written}")
        return
    typer.echo(f"已把 {len(result.changed)} 个键改写为{lang}，写入 {target}")


def _default_new_path(source: Path | None, old: int | None, year: int) -> Path:
    if source is None:
        return Path(f"{year}-plan.yaml")
    name = source.name
    if old is not None and str(old) in name:
        return source.with_name(name.replace(str(old), str(year)))
    return source.with_name(f"{source.stem}-{year}{source.suffix or '.yaml'}")


def _validate_and_show(path: Path) -> None:
    """Validate a plan just written and print its findings (the exit code stays 0: the plan
    was written; the findings are for the person who edits it next)."""
    from cadretrain.cli.diagnostics_out import summary_lines, text_lines, use_color
    from cadretrain.year.validate import validate_files

    report = validate_files([path])
    for line in text_lines(report, hints=True):
        typer.echo(line)
    for line in summary_lines(report, use_color()):
        typer.echo(line)


@app.command()
def new(
    year: Annotated[int, typer.Argument(help="新计划的年度，如 2014。", metavar="年度")],
    source: Annotated[
        Path | None,
        typer.Option("--from", help="以这个计划（通常是今年的）为底稿。", metavar="计划"),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="新计划的文件名；省略时把原文件名中的年份换成新年度"
            "（没有 --from 时为 年度-plan.yaml）。",
        ),
    ] = None,
    force: Annotated[bool, _FORCE] = False,
) -> None:
    """开始新年度的计划：以今年的计划为底稿（--from），或写一份带注释的中文键起步模板。

    以今年的计划为底稿时：班次、内容、人数照旧；日期移到新年度的同一周、同一星期几，并按新年度的
    节假日核对；标题、班名、发文字号中的年份改为新年度；报名和培训记录不复制；需要人工决定的事项
    列在新计划开头的注释中，也显示在屏幕上。写完后校验新计划并显示结果。

    退出码：0 已写入；1 输出文件已存在（加 --force 覆盖）；2 底稿无法读取或年度不对。
    """
    from cadretrain.core.errors import CannotProceed
    from cadretrain.core.workcal import known
    from cadretrain.plan.keys import YEAR_MAX, YEAR_MIN

    if not YEAR_MIN <= year <= YEAR_MAX:
        raise CannotProceed(f"年度应在 {YEAR_MIN}—{YEAR_MAX} 之间，实际是 {year}", unusable=True)
    if source is None:
        from cadretrain.plan.starter import starter_plan

        target = output or _default_new_path(None, None, year)
        write_new_file(target, starter_plan(year), force)
        typer.echo(f"已写入起步模板 {target}（中文键，带注释）")
        _validate_and_show(target)
        return
    from cadretrain.plan.next_year import holiday_reviews, next_year_plan, with_review

    text, name = _read_plan_text(source)
    result = next_year_plan(text, name, year)
    target = output or _default_new_path(source, result.old_year, year)
    if target.resolve() == source.resolve():
        raise CannotProceed(f"新计划不能写到底稿 {source} 本身", hint="用 -o 指定另一个文件名。")
    review = list(result.review)
    if result.moved:
        from cadretrain.core.diagnostics import Sink
        from cadretrain.year.pipeline import parse_year

        built = parse_year(result.text, str(target), Sink(), checks=False)
        if built is not None:
            review += holiday_reviews(result.moved, built.calendar)
    write_new_file(target, with_review(result.text, review, result.old_year, year), force)
    typer.echo(f"已由 {name} 写出 {year} 年计划 {target}；报名和培训记录未复制。")
    if not known(year):
        typer.echo(
            f"警告：节假日库中还没有 {year} 年的放假安排（国务院通常在上一年年底公布），"
            "移过去的日期只按周末和推定的节日核对过；公布后请再运行 cadretrain validate。"
        )
    typer.echo(f"需要人工核对的事项（{len(review)} 项，也写在新计划开头的注释中）：")
    for item in review:
        typer.echo(f"  - {item.where}：{item.what}")
    _validate_and_show(target)


@app.command("import")
def import_(
    table: Annotated[
        Path, typer.Argument(help="班次表：xlsx、csv 或含表格的 docx。", metavar="班次表")
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="写出的计划文件；省略时与班次表同名（.yaml）。"),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option("--year", help="计划年度；省略时取标题或日期中的年份。", metavar="年度"),
    ] = None,
    force: Annotated[bool, _FORCE] = False,
) -> None:
    """把单位现有的班次表（Excel、CSV 或 Word 中的表格）转成计划文件（中文键）。

    表头可以在标题、日期行下面，栏目名称各单位不同也能认出（班次 / 培训班名称 / 项目，对象 /
    参训人员，规模 / 人数 / 期数，时间 / 举办时间 / 时长，地点 / 培训机构，主办 / 承办单位，备注）；
    没有对应键的单元格、合计和表格下方的说明都以注释保留在计划中。写完后校验新计划并显示结果。

    退出码：0 已写入；1 输出文件已存在（加 --force 覆盖）；2 班次表无法读取、没有表格或找不到表头。
    """
    from cadretrain.cli.diagnostics_out import print_diagnostics
    from cadretrain.core.diagnostics import Pos, Sink
    from cadretrain.core.errors import CannotProceed
    from cadretrain.files.docx_table import read_docx_tables
    from cadretrain.files.tabular import read_tables
    from cadretrain.plan.table_import import import_table

    sink = Sink()
    name = str(table)
    if table.suffix.lower() == ".docx":
        tables = read_docx_tables(table, sink, "CT151")
    else:
        tables = read_tables(table, sink, "CT151")
    if tables is not None and not any(t.rows for t in tables):
        sink.add("CT151", Pos(name), f"文件 {name} 中没有表格（或表格是空的）")
        tables = None
    if tables is None:
        raise CannotProceed(f"无法从 {name} 导入班次表", sink.items, unusable=True)
    result = import_table(tables, name, sink, year=year)
    if result is None:
        raise CannotProceed(f"无法从 {name} 导入班次表", sink.items, unusable=True)
    target = output or table.with_suffix(".yaml")
    write_new_file(target, result.text, force)
    typer.echo(f"已从 {name} 导入 {result.classes} 个班次，写入 {target}（中文键）")
    if sink.items:
        typer.echo(f"有 {len(sink.items)} 处内容未能放入计划，已作为注释保留：")
        print_diagnostics(sink.items, sys.stdout)
    _validate_and_show(target)
