"""The console-script entry point: the app with every command registered, Chinese usage
errors, and the exit-code contract (``docs/exit-codes.md``)."""

from __future__ import annotations

import sys

import typer
from typer.core import TyperCommand

from cadretrain.cli.app import ChineseCommand, app, usage_zh

# the commands register themselves on ``app`` when their modules are imported, in workflow order
# isort: off
from cadretrain.cli import plan_cmds  # noqa: F401
from cadretrain.cli import class_cmds  # noqa: F401
from cadretrain.cli import after_cmds  # noqa: F401

# isort: on

for _info in app.registered_commands:
    if _info.cls in (None, TyperCommand):
        _info.cls = ChineseCommand


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
