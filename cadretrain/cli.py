"""The ``cadretrain`` command: each command is a few lines over the library.

Heavy libraries (rich tables, openpyxl, jinja2) are imported inside the commands that use
them, so ``cadretrain validate`` starts fast.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    name="cadretrain",
    help="干部教育培训计划工具：校验年度培训计划、检查排期冲突、生成培训文书。",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Format(StrEnum):
    text = "text"
    json = "json"


PlanArg = Annotated[
    Path | None,
    typer.Argument(
        help="计划文件（YAML）。省略时依次使用环境变量 CADRETRAIN_PLAN、"
        "plans/ 下唯一的计划、plan.yaml。",
        show_default=False,
    ),
]


def _plan_path(plan: Path | None) -> Path:
    from cadretrain.discover import PlanNotFound, find_plan

    try:
        return find_plan(plan)
    except PlanNotFound as exc:
        typer.echo(f"错误：{exc}", err=True)
        raise typer.Exit(2) from None


def _load_or_exit(plan: Path | None):  # type: ignore[no-untyped-def]
    """Load a plan for a display command; print diagnostics and exit 2/1 when unusable."""
    from cadretrain.output import text_lines
    from cadretrain.validate import Report, validate_file

    report = validate_file(_plan_path(plan))
    if report.plan is None:
        for line in text_lines(Report([report])):
            typer.echo(line, err=True)
        raise typer.Exit(2 if report.unreadable else 1)
    return report


@app.command()
def validate(
    files: Annotated[
        list[Path] | None,
        typer.Argument(help="一个或多个计划文件；省略时自动查找。", show_default=False),
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
) -> None:
    """校验计划文件：格式、引用、日期、分期、场地容量、教师和学员冲突。

    退出码：0 没有错误；1 有错误（加 --strict 时有警告也算）；2 用法错误或文件无法读取。
    """
    from cadretrain.output import summary_lines, text_lines, to_json, use_color
    from cadretrain.validate import validate_files

    paths = files or [_plan_path(None)]
    report = validate_files(paths)
    if format is Format.json:
        typer.echo(to_json(report, strict))
    else:
        for line in text_lines(report, hints=not quiet):
            typer.echo(line)
        if not quiet:
            for line in summary_lines(report, use_color()):
                typer.echo(line)
    raise typer.Exit(report.exit_code(strict))


@app.command()
def show(plan: PlanArg = None) -> None:
    """以表格列出各班次：名称、日期或各期日期、人数、场地、教师。"""
    from cadretrain.show import print_classes

    report = _load_or_exit(plan)
    print_classes(report.plan)


@app.command()
def calendar(plan: PlanArg = None) -> None:
    """按月显示全年日历：每天有哪些班次上课、哪里重叠。"""
    from cadretrain.calview import print_calendar

    report = _load_or_exit(plan)
    print_calendar(report.plan)


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
    from cadretrain.quota_cmd import run_quota

    report = _load_or_exit(plan)
    raise typer.Exit(run_quota(report.plan, class_, register, format.value, output, force))


ClassOpt = Annotated[
    str,
    typer.Option("--class", "-c", help="班次：代号、全称、简称或能唯一确定的部分名称。"),
]
RegisterOpt = Annotated[
    Path | None,
    typer.Option(
        "--register", "-r", help="干部名册（xlsx 或 csv），默认用计划中的 plan.register。"
    ),
]
OutputOpt = Annotated[Path, typer.Option("--output", "-o", help="输出文件夹。")]
ForceOpt = Annotated[bool, typer.Option("--force", help="覆盖生成后被手工修改过的文件。")]


@app.command()
def forms(
    class_: ClassOpt,
    plan: PlanArg = None,
    register: RegisterOpt = None,
    output: OutputOpt = Path("out"),
    force: ForceOpt = False,
) -> None:
    """为分到名额的各单位生成报名回执（xlsx），发给各单位填写后报回。"""
    from cadretrain.forms import run_forms

    report = _load_or_exit(plan)
    raise typer.Exit(run_forms(report.plan, class_, register, output, force))


class NoticeFormat(StrEnum):
    html = "html"
    pdf = "pdf"
    md = "md"


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
        NoticeFormat, typer.Option("--format", "-f", help="html（按 GB/T 9704 排版）、pdf 或 md。")
    ] = NoticeFormat.html,
    output: OutputOpt = Path("out"),
    plan_document: Annotated[
        bool, typer.Option("--plan-document", help="生成年度培训计划（方案）本身，而不是培训通知。")
    ] = False,
    register: RegisterOpt = None,
    force: ForceOpt = False,
) -> None:
    """生成培训通知（附名额分配表和报名回执），或用 --plan-document 生成年度计划文件。"""
    from cadretrain.notice import run_notice

    report = _load_or_exit(plan)
    code = run_notice(report.plan, class_, format.value, output, force, plan_document, register)
    raise typer.Exit(code)


@app.command()
def collect(
    class_: ClassOpt,
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="[计划] 回执文件或文件夹…：第一个是 .yaml 时作为计划，其余为各单位报回的回执。",
            show_default=False,
        ),
    ],
    register: RegisterOpt = None,
    force: ForceOpt = False,
) -> None:
    """汇总各单位报回的报名回执，检查后生成班次的报名名单（enrollments/班次代号.yaml）。"""
    from cadretrain.collect import run_collect

    plan_file, files = _plan_and_files(paths)
    if not files:
        typer.echo("用法错误：没有给出回执文件或文件夹。", err=True)
        raise typer.Exit(2)
    report = _load_or_exit(plan_file)
    raise typer.Exit(run_collect(report.plan, class_, files, register, force))


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
    from cadretrain.roster import run_roster

    report = _load_or_exit(plan)
    raise typer.Exit(run_roster(report.plan, class_, output, force, with_id, groups))


@app.command()
def signin(
    class_: ClassOpt,
    plan: PlanArg = None,
    output: OutputOpt = Path("out"),
    force: ForceOpt = False,
) -> None:
    """按报名名单生成签到表（每期每个培训日上午、下午各一栏；不含身份证号和电话）。"""
    from cadretrain.signin import run_signin

    report = _load_or_exit(plan)
    raise typer.Exit(run_signin(report.plan, class_, output, force))


@app.command()
def attendance(
    class_: ClassOpt,
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="[计划] 签到表…：第一个是 .yaml 时作为计划，"
            "其余为填好的签到表（xlsx 或 csv）或其文件夹。",
            show_default=False,
        ),
    ],
    output: OutputOpt = Path("out"),
    force: ForceOpt = False,
) -> None:
    """读取填好的签到表，统计出勤、请假、缺勤，按条例第十五条标出请假超过 1/7 的学员。"""
    from cadretrain.attendance import run_attendance

    plan_file, files = _plan_and_files(paths)
    report = _load_or_exit(plan_file)
    raise typer.Exit(run_attendance(report.plan, class_, files, output, force))


def _plan_and_files(paths: list[Path]) -> tuple[Path | None, list[Path]]:
    """``[PLAN] FILES...``: the first path is the plan when it is a .yaml file."""
    if paths and paths[0].suffix.lower() in (".yaml", ".yml"):
        return paths[0], paths[1:]
    return None, paths


@app.command()
def scores(
    class_: ClassOpt,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="[计划] [成绩登记表]：第一个是 .yaml 时作为计划；"
            "给出填好的成绩登记表时生成结业名单。",
            show_default=False,
        ),
    ] = None,
    output: OutputOpt = Path("out"),
    force: ForceOpt = False,
) -> None:
    """考核：生成成绩登记表；读取填好的登记表，按权重计算总分、评定等次，生成结业名单。"""
    from cadretrain.assessment import run_scores

    plan_file, sheets = _plan_and_files(paths or [])
    if len(sheets) > 1:
        typer.echo("用法错误：一次只能读取一份成绩登记表。", err=True)
        raise typer.Exit(2)
    report = _load_or_exit(plan_file)
    raise typer.Exit(run_scores(report.plan, class_, sheets[0] if sheets else None, output, force))


@app.command()
def ratings(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="[计划] [测评表…]：第一个是 .yaml 时作为计划；给出填好的测评表时统计满意度。",
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
    from cadretrain.satisfaction import run_ratings

    plan_file, files = _plan_and_files(paths or [])
    report = _load_or_exit(plan_file)
    raise typer.Exit(run_ratings(report.plan, class_, files, output, force))


@app.command()
def hours(
    plans_dir: Annotated[
        Path, typer.Argument(help="计划文件夹（各年度的计划放在一起），也可以是一个计划文件。")
    ],
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
) -> None:
    """学时台账：按条例第十四条列出学时不足的干部（乡科级每年 90 学时，县处级 5 年 550 学时）。"""
    from cadretrain.hours_out import run_hours

    raise typer.Exit(run_hours(plans_dir, unit, year, output, force, register))


@app.command()
def report(
    plans_dir: Annotated[
        Path, typer.Argument(help="计划文件夹（各年度的计划放在一起），也可以是一个计划文件。")
    ],
    year: Annotated[int, typer.Option("--year", "-y", help="统计的年度。")],
    output: OutputOpt = Path("out"),
    force: ForceOpt = False,
) -> None:
    """培训工作统计：计划与实际的班次、人次、人天、学时（md、html），及全年培训日历（ics）。"""
    from cadretrain.report import run_report

    raise typer.Exit(run_report(plans_dir, year, output, force))


@app.command()
def archive(
    plans_dir: Annotated[
        Path, typer.Argument(help="计划文件夹（各年度的计划放在一起），也可以是一个计划文件。")
    ],
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
    from cadretrain.archive import run_archive

    raise typer.Exit(run_archive(plans_dir, unit, person, output, force))


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
) -> None:
    """校验计划，然后生成全部文件：名额分配表、报名回执、培训通知、花名册、签到表、全年日历和首页。"""
    from cadretrain.build import build as run_build

    code = run_build(
        _plan_path(plan), output, force=force, ignore_errors=ignore_errors, register=register
    )
    raise typer.Exit(code)


@app.command()
def explain(code: Annotated[str, typer.Argument(help="诊断代码，如 CT301。")]) -> None:
    """说明一个诊断代码的含义，并给出通过和不通过的例子。"""
    from cadretrain.explain import explain_code

    text = explain_code(code)
    if text is None:
        typer.echo(f"错误：没有诊断代码“{code}”。用 cadretrain codes 查看全部。", err=True)
        raise typer.Exit(2)
    typer.echo(text)


@app.command()
def codes() -> None:
    """列出全部诊断代码及其级别和含义。"""
    from cadretrain.explain import code_table

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
    from cadretrain.schema import SCHEMA_ID, json_schema_text
    from cadretrain.writer import write_text

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


_USAGE_ZH = (
    (r"No such option: (\S+)", r"没有选项 \1"),
    (r"No such command '([^']*)'\.", r"没有命令“\1”。"),
    (r"Missing argument '([^']*)'\.", r"缺少参数 \1"),
    (r"Missing option '([^']*)'\.", r"缺少选项 \1"),
    (r"Invalid value for (.*?): (?:Value error, )?", r"\1 的值无效："),
    (r"Got unexpected extra arguments? \((.*)\)", r"多余的参数：\1"),
    (r"Option '([^']*)' requires an argument\.", r"选项 \1 需要一个值"),
    (r"Did you mean (\S+)\?", r"是否应为 \1？"),
    (r"\(Possible options: (.*)\)", r"（可选：\1）"),
    (r"'([^']*)' is not one of (.*)\.", r"“\1”不是可选值 \2 之一"),
)


def usage_zh(message: str) -> str:
    """Click's usage messages in Chinese (the common ones; anything else is kept)."""
    import re

    for pattern, replacement in _USAGE_ZH:
        message = re.sub(pattern, replacement, message)
    return message


def main() -> None:
    """Console-script entry point: usage errors in Chinese, exit code 2."""
    try:
        code = app(standalone_mode=False)
    except KeyboardInterrupt:
        typer.echo("已中止。", err=True)
        sys.exit(130)
    except Exception as exc:  # click's UsageError and Abort, vendored or not, by duck typing
        name = type(exc).__name__
        if name == "Abort":
            typer.echo("已中止。", err=True)
            sys.exit(1)
        if not hasattr(exc, "format_message") or not hasattr(exc, "exit_code"):
            raise
        ctx = getattr(exc, "ctx", None)
        if name == "NoArgsIsHelpError" and ctx is not None:
            typer.echo(ctx.get_help())
        else:
            where = ctx.command_path if ctx is not None else "cadretrain"
            typer.echo(f"用法错误：{usage_zh(exc.format_message())}", err=True)
            typer.echo(f"运行“{where} --help”查看用法。", err=True)
        sys.exit(exc.exit_code)
    sys.exit(code if isinstance(code, int) else 0)
