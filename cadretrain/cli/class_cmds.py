"""Commands for running a class: quota, forms, notice, collect, roster, signin, build."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from cadretrain.cli.app import (
    ClassOpt,
    ForceOpt,
    OutputOpt,
    PlanArg,
    RegisterOpt,
    app,
    load_or_exit,
    plan_and_files,
    plan_path,
)


class QuotaFormat(StrEnum):
    table = "table"
    json = "json"
    xlsx = "xlsx"


@app.command()
def quota(
    plan: PlanArg = None,
    class_: Annotated[
        str | None,
        typer.Option(
            "--class",
            "-c",
            help="班次：代号、全称、简称或能唯一确定的部分名称；省略时为全部有规划人数的班次。",
        ),
    ] = None,
    register: Annotated[
        Path | None,
        typer.Option(
            "--register", "-r", help="干部名册（xlsx 或 csv），默认用计划中的 plan.register。"
        ),
    ] = None,
    format: Annotated[
        QuotaFormat,
        typer.Option("--format", "-f", help="输出：table 终端表格、json、xlsx 名额分配表。"),
    ] = QuotaFormat.table,
    output: Annotated[Path, typer.Option("--output", "-o", help="xlsx 的输出文件夹。")] = Path(
        "out"
    ),
    force: Annotated[bool, typer.Option("--force", help="覆盖生成后被修改过的文件。")] = False,
) -> None:
    """按各单位符合条件的干部人数分配班次名额（最大余额法等），并分到各期。"""
    from cadretrain.cli.quota_cmd import run_quota

    year = load_or_exit(plan)
    raise typer.Exit(run_quota(year, class_, register, format.value, output, force))


@app.command()
def forms(
    class_: ClassOpt,
    plan: PlanArg = None,
    register: RegisterOpt = None,
    output: OutputOpt = Path("out"),
    force: ForceOpt = False,
) -> None:
    """为分到名额的各单位生成报名回执（xlsx），发给各单位填写后报回。"""
    from cadretrain.cli.enroll_steps import run_forms

    year = load_or_exit(plan)
    raise typer.Exit(run_forms(year, class_, register, output, force))


class NoticeFormat(StrEnum):
    html = "html"
    pdf = "pdf"
    md = "md"
    docx = "docx"


@app.command()
def notice(
    plan: PlanArg = None,
    class_: Annotated[
        str | None,
        typer.Option(
            "--class", "-c", help="班次：代号、全称、简称或能唯一确定的部分名称；省略时为全部班次。"
        ),
    ] = None,
    format: Annotated[
        NoticeFormat,
        typer.Option("--format", "-f", help="html（按 GB/T 9704 排版）、pdf、md 或 docx（Word）。"),
    ] = NoticeFormat.html,
    output: OutputOpt = Path("out"),
    plan_document: Annotated[
        bool, typer.Option("--plan-document", help="生成年度培训计划（方案）本身，而不是培训通知。")
    ] = False,
    register: RegisterOpt = None,
    force: ForceOpt = False,
) -> None:
    """生成培训通知（附名额分配表和报名回执），或用 --plan-document 生成年度计划文件。"""
    from cadretrain.cli.document_steps import run_notice

    year = load_or_exit(plan)
    code = run_notice(year, class_, format.value, output, force, plan_document, register)
    raise typer.Exit(code)


@app.command()
def collect(
    class_: ClassOpt,
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="[计划] 回执文件或文件夹…：第一个是 .yaml 时作为计划，其余为各单位报回的回执。",
            metavar="回执",
            show_default=False,
        ),
    ],
    register: RegisterOpt = None,
    force: ForceOpt = False,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="text（默认）或 json：json 时把问题清单以 JSON 写到标准输出。",
            metavar="<text|json>",
        ),
    ] = "text",
) -> None:
    """汇总各单位报回的报名回执，检查后生成班次的报名名单（enrollments/班次代号.yaml），
    有问题时在旁边写出问题清单（班次代号-问题清单.xlsx）。"""
    from cadretrain.cli.enroll_steps import run_collect

    plan_file, files = plan_and_files(paths)
    if not files:
        typer.echo("用法错误：没有给出回执文件或文件夹。", err=True)
        raise typer.Exit(2)
    if fmt not in ("text", "json"):
        typer.echo(f"用法错误：未知的格式“{fmt}”，可选：text、json。", err=True)
        raise typer.Exit(2)
    year = load_or_exit(plan_file)
    raise typer.Exit(run_collect(year, class_, files, register, force, fmt=fmt))


@app.command()
def roster(
    class_: ClassOpt,
    plan: PlanArg = None,
    output: OutputOpt = Path("out"),
    with_id: Annotated[
        bool, typer.Option("--with-id", help="加入身份证号一列（仅供内部使用，勿公开张贴）。")
    ] = False,
    groups: Annotated[
        int, typer.Option("--groups", min=0, help="分成 N 个讨论组（按单位、性别、年龄均衡）。")
    ] = 0,
    force: ForceOpt = False,
) -> None:
    """按报名名单生成学员花名册（xlsx，A4 横向，每期一页签，另有“全部”）。"""
    from cadretrain.cli.document_steps import run_roster

    year = load_or_exit(plan)
    raise typer.Exit(run_roster(year, class_, output, force, with_id, groups))


@app.command()
def signin(
    class_: ClassOpt,
    plan: PlanArg = None,
    output: OutputOpt = Path("out"),
    force: ForceOpt = False,
) -> None:
    """按报名名单生成签到表（每期每个培训日上午、下午各一栏；不含身份证号和电话）。"""
    from cadretrain.cli.document_steps import run_signin

    year = load_or_exit(plan)
    raise typer.Exit(run_signin(year, class_, output, force))


@app.command()
def build(
    plan: PlanArg = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="输出文件夹。")] = Path("out"),
    register: Annotated[
        Path | None,
        typer.Option("--register", "-r", help="干部名册，默认用计划中的 plan.register。"),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="覆盖生成后被修改过的文件。")] = False,
    ignore_errors: Annotated[
        bool, typer.Option("--ignore-errors", help="计划有错误时也生成（文件中保留原样的问题）。")
    ] = False,
    pdf: Annotated[
        bool, typer.Option("--pdf", help="另外生成 PDF 培训通知和年度计划（需要 WeasyPrint）。")
    ] = False,
    docx: Annotated[
        bool, typer.Option("--docx", help="另外生成 Word（.docx）培训通知和年度计划。")
    ] = False,
) -> None:
    """校验计划，然后生成全部文件：名额分配表、报名回执、培训通知、花名册、签到表、全年日历和首页。"""
    from cadretrain.cli.build_step import run_build

    formats = tuple(f for f, on in (("pdf", pdf), ("docx", docx)) if on)
    code = run_build(
        plan_path(plan),
        output,
        force=force,
        ignore_errors=ignore_errors,
        register=register,
        formats=formats,
    )
    raise typer.Exit(code)
