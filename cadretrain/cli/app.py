"""The ``cadretrain`` command: each command is a few lines over the library.

Heavy libraries (rich tables, openpyxl, jinja2) are imported inside the commands that use
them, so ``cadretrain validate`` starts fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

if TYPE_CHECKING:
    from cadretrain.core.errors import CannotProceed
    from cadretrain.year.model import Year

HELP_ZH = "显示本帮助并退出。"


HELP_TEXTS_ZH = {
    "DEFAULT_STRING": "[默认：{}]",
    "REQUIRED_LONG_STRING": "[必填]",
    "ENVVAR_STRING": "[环境变量：{}]",
    "DEPRECATED_STRING": "（已弃用）",
    "ARGUMENTS_PANEL_TITLE": "参数",
    "OPTIONS_PANEL_TITLE": "选项",
    "COMMANDS_PANEL_TITLE": "命令",
}


class _ChineseHelp:
    """Help pages in Chinese: click's and Typer's own words (Usage, Options, [default: …],
    the ``--help`` line) replaced. Typer's rich help is imported only when help is shown."""

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_ZH
        return option

    def get_usage(self, ctx: Any) -> str:
        usage: str = super().get_usage(ctx)  # type: ignore[misc]
        usage = usage.replace("Usage: ", "用法：", 1).replace("[OPTIONS]", "[选项]", 1)
        return usage.replace("COMMAND [ARGS]...", "命令 [参数]...", 1)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        try:
            from typer import rich_utils
        except ImportError:  # pragma: no cover - rich missing: plain click help
            pass
        else:
            for name, text in HELP_TEXTS_ZH.items():
                if hasattr(rich_utils, name):
                    setattr(rich_utils, name, text)
        super().format_help(ctx, formatter)  # type: ignore[misc]


class ChineseCommand(_ChineseHelp, TyperCommand):
    pass


class ChineseGroup(_ChineseHelp, TyperGroup):
    """The ``cadretrain`` group: every command runs inside it, so a :class:`CannotProceed`
    from any command (or the library under it) is shown here, the one way."""

    def invoke(self, ctx: Any) -> Any:
        from cadretrain.core.errors import CannotProceed

        try:
            return super().invoke(ctx)
        except CannotProceed as exc:
            raise typer.Exit(show_cannot_proceed(exc)) from None


def show_cannot_proceed(exc: CannotProceed) -> int:
    """Print why a command stopped, on stderr: its diagnostics (sorted, with hints), then
    ``错误：message`` and ``提示：hint``; returns the exit code (2 unusable input, else 1)."""
    import sys

    if exc.diagnostics:
        from cadretrain.cli.diagnostics_out import print_diagnostics

        print_diagnostics(exc.diagnostics)
    if exc.message:
        print(f"错误：{exc.message}", file=sys.stderr)
    if exc.hint:
        print(f"提示：{exc.hint}", file=sys.stderr)
    return exc.exit_code


app = typer.Typer(
    cls=ChineseGroup,
    name="cadretrain",
    help="干部教育培训计划工具：校验年度培训计划、检查排期冲突、生成培训文书。",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


PlanArg = Annotated[
    Path | None,
    typer.Argument(
        help="计划文件（YAML）。省略时依次使用环境变量 CADRETRAIN_PLAN、"
        "plans/ 下唯一的计划、plan.yaml。",
        metavar="计划",
        show_default=False,
    ),
]


def plan_path(plan: Path | None) -> Path:
    from cadretrain.plan.discover import PlanNotFound, find_plan

    try:
        return find_plan(plan)
    except PlanNotFound as exc:
        typer.echo(f"错误：{exc}", err=True)
        raise typer.Exit(2) from None


def load_or_exit(plan: Path | None) -> Year:
    """The plan's year model (the whole pipeline, checks included) for a command; print the
    diagnostics and exit 2/1 when there is no plan."""
    from cadretrain.cli.diagnostics_out import text_lines
    from cadretrain.year.validate import Report, validate_file

    report = validate_file(plan_path(plan))
    if report.year is None:
        for line in text_lines(Report([report])):
            typer.echo(line, err=True)
        raise typer.Exit(2 if report.unreadable else 1)
    return report.year


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


def plan_and_files(paths: list[Path]) -> tuple[Path | None, list[Path]]:
    """``[PLAN] FILES...``: the first path is the plan when it is a .yaml file."""
    if paths and paths[0].suffix.lower() in (".yaml", ".yml"):
        return paths[0], paths[1:]
    return None, paths


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
