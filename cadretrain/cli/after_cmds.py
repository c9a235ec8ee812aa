"""Commands after the class: attendance, scores, ratings, hours, report, archive."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cadretrain.cli.app import (
    ClassOpt,
    ForceOpt,
    OutputOpt,
    RegisterOpt,
    app,
    load_or_exit,
    plan_and_files,
)

PLANS_DIR_HELP = "计划文件夹（可每年一个子文件夹），或一个计划文件。"


@app.command()
def attendance(
    class_: ClassOpt,
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="[计划] 签到表…：第一个是 .yaml 时作为计划，"
            "其余为填好的签到表（xlsx 或 csv）或其文件夹。",
            metavar="签到表",
            show_default=False,
        ),
    ],
    output: OutputOpt = Path("out"),
    force: ForceOpt = False,
) -> None:
    """读取填好的签到表，统计出勤、请假、缺勤，按条例第十五条标出请假超过 1/7 的学员。"""
    from cadretrain.cli.records_steps import run_attendance

    plan_file, files = plan_and_files(paths)
    year = load_or_exit(plan_file)
    raise typer.Exit(run_attendance(year, class_, files, output, force))


@app.command()
def scores(
    class_: ClassOpt,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="[计划] [成绩登记表]：第一个是 .yaml 时作为计划；"
            "给出填好的成绩登记表时生成结业名单。",
            metavar="成绩登记表",
            show_default=False,
        ),
    ] = None,
    output: OutputOpt = Path("out"),
    force: ForceOpt = False,
) -> None:
    """考核：生成成绩登记表；读取填好的登记表，按权重计算总分、评定等次，生成结业名单。"""
    from cadretrain.cli.records_steps import run_scores

    plan_file, sheets = plan_and_files(paths or [])
    if len(sheets) > 1:
        typer.echo("用法错误：一次只能读取一份成绩登记表。", err=True)
        raise typer.Exit(2)
    year = load_or_exit(plan_file)
    raise typer.Exit(run_scores(year, class_, sheets[0] if sheets else None, output, force))


@app.command()
def ratings(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="[计划] [测评表…]：第一个是 .yaml 时作为计划；给出填好的测评表时统计满意度。",
            metavar="测评表",
            show_default=False,
        ),
    ] = None,
    class_: Annotated[
        str | None,
        typer.Option("--class", "-c", help="班次（生成空白测评表时必填）。"),
    ] = None,
    output: OutputOpt = Path("out"),
    force: ForceOpt = False,
) -> None:
    """满意度测评：生成各班次的教师测评表；读取填好的测评表，统计满意率，按规则提出师资库变动。"""
    from cadretrain.cli.records_steps import run_ratings

    plan_file, files = plan_and_files(paths or [])
    year = load_or_exit(plan_file)
    raise typer.Exit(run_ratings(year.plan, class_, files, output, force))


@app.command()
def hours(
    plans_dir: Annotated[Path, typer.Argument(help=PLANS_DIR_HELP, metavar="计划文件夹")],
    unit: Annotated[
        str | None, typer.Option("--unit", "-u", help="只看这个单位（名称、代号或别名）。")
    ] = None,
    year: Annotated[
        int | None, typer.Option("--year", "-y", help="检查的年度，默认为最新的计划年度。")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="写出学时台账 xlsx 的文件夹。")
    ] = None,
    register: RegisterOpt = None,
    force: ForceOpt = False,
    three_months: Annotated[
        int,
        typer.Option(
            "--three-months-days",
            min=1,
            help="县处级干部“3个月”折算的培训天数（默认 66）。",
        ),
    ] = 66,
) -> None:
    """学时台账：按条例第十四条列出学时不足的干部（乡科级每年 90 学时，县处级 5 年 550 学时）。"""
    from decimal import Decimal

    from cadretrain.cli.records_folder_steps import run_hours
    from cadretrain.records.ledger import Thresholds

    t = Thresholds(leader_days=Decimal(three_months))
    raise typer.Exit(run_hours(plans_dir, unit, year, output, force, register, t))


@app.command()
def report(
    plans_dir: Annotated[Path, typer.Argument(help=PLANS_DIR_HELP, metavar="计划文件夹")],
    year: Annotated[int, typer.Option("--year", "-y", help="统计的年度。")],
    output: OutputOpt = Path("out"),
    force: ForceOpt = False,
) -> None:
    """培训工作统计：计划与实际的班次、人次、人天、学时（md、html），及全年培训日历（ics）。"""
    from cadretrain.cli.records_folder_steps import run_report

    raise typer.Exit(run_report(plans_dir, year, output, force))


@app.command()
def archive(
    plans_dir: Annotated[Path, typer.Argument(help=PLANS_DIR_HELP, metavar="计划文件夹")],
    unit: Annotated[
        str | None, typer.Option("--unit", "-u", help="只生成这个单位（名称、代号或别名）。")
    ] = None,
    person: Annotated[
        str | None, typer.Option("--person", "-p", help="只生成这个人（姓名）。")
    ] = None,
    output: OutputOpt = Path("out"),
    force: ForceOpt = False,
) -> None:
    """学员学习登记表：每位干部参加的班次、学时、考核结果，供存入本人档案。"""
    from cadretrain.cli.records_folder_steps import run_archive

    raise typer.Exit(run_archive(plans_dir, unit, person, output, force))
