"""The console-script entry point: the app with every command registered, Chinese usage
errors, and the exit-code contract (``docs/退出码.md``).

Beyond usage errors, every command runs inside :class:`CheckedCommand`, which

- refuses a pipe, device or socket named on the command line before any work (exit 2): such a
  "file" would hang the command or never end;
- answers Ctrl-C with what was written and what was not, and exit code 130 (Typer's own
  handling says nothing and, depending on its version, exits 130 or 1). Ctrl-C while files are
  being written stops between two files (:mod:`cadretrain.files.interrupts`); an error raised
  while a Ctrl-C was being handled counts as the Ctrl-C.

:func:`main` also turns a failing standard output (``> /dev/full``, a closed pipe) into a
message and exit code 2.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import typer
from typer.core import TyperCommand

from cadretrain.cli.app import ChineseCommand, app, usage_zh

# the commands register themselves on ``app`` when their modules are imported, in workflow order
# isort: off
from cadretrain.cli import plan_cmds  # noqa: F401
from cadretrain.cli import class_cmds  # noqa: F401
from cadretrain.cli import after_cmds  # noqa: F401
from cadretrain.cli import plan_tools_cmds  # noqa: F401
from cadretrain.cli import certificate_cmds  # noqa: F401
import contextlib

# isort: on

INTERRUPTED = 130
_NOT_INPUTS = frozenset({"output", "plan", "files"})  # outputs; plans: reported as CT001


def _named_paths(params: dict[str, Any]) -> Iterator[Path]:
    for name, value in params.items():
        if name in _NOT_INPUTS:
            continue
        for item in value if isinstance(value, list | tuple) else [value]:
            if isinstance(item, Path):
                yield item


def interrupted_message() -> str:
    """What the user is told after Ctrl-C: what was written, what was not."""
    from cadretrain.files.output_folder import PROGRESS

    if not PROGRESS.folders:
        return "已中止。"
    if not PROGRESS.written:
        return "已中止：没有写入任何文件；再次运行同一命令即可。"
    return f"已中止：已写入 {PROGRESS.written} 个文件，其余未生成；再次运行同一命令即可补齐。"


class CheckedCommand(ChineseCommand):
    """A command whose file arguments are checked first and whose Ctrl-C is answered."""

    def invoke(self, ctx: Any) -> Any:
        from cadretrain.files import interrupts
        from cadretrain.files.safe_read import not_regular

        for path in _named_paths(ctx.params):
            problem = not_regular(path)
            if problem:
                typer.echo(f"错误：{problem}", err=True)
                typer.echo("提示：命令行上的文件只能是普通文件或文件夹。", err=True)
                raise typer.Exit(2)
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            typer.echo(interrupted_message(), err=True)
            raise typer.Exit(INTERRUPTED) from None
        except Exception as exc:
            if isinstance(exc, typer.Exit) or not interrupts.signalled():
                raise
            typer.echo(interrupted_message(), err=True)  # a Ctrl-C a library turned into this
            raise typer.Exit(INTERRUPTED) from None


for _info in app.registered_commands:
    if _info.cls in (None, TyperCommand, ChineseCommand):
        _info.cls = CheckedCommand


def _deferred_notice() -> None:
    """Said (from the signal handler, straight to stderr) when Ctrl-C waits for a file."""
    text = "\n正在写完当前文件，随后停止；再按一次 Ctrl-C 立即停止。\n"
    with contextlib.suppress(OSError):
        os.write(2, text.encode("utf-8"))


def _stdout_failed(exc: OSError) -> None:
    """Standard output cannot be written (a full disk behind ``>``, a closed pipe): say so on
    stderr, throw away what is still buffered, and exit 2."""
    from cadretrain.core.atomic import write_problem

    reason, _hint = write_problem(Path("-"), exc)
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # the buffer's last flush goes nowhere
    except (OSError, ValueError):
        pass
    with contextlib.suppress(OSError):
        print(f"错误：无法输出到标准输出：{reason}", file=sys.stderr)
    sys.exit(2)


def main() -> None:
    """Console-script entry point: usage errors in Chinese, exit code 2; Ctrl-C 130."""
    from cadretrain.files import interrupts

    for stream in (sys.stdout, sys.stderr):  # plan text with odd characters never crashes
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    interrupts.install(on_defer=_deferred_notice)
    try:
        code = app(standalone_mode=False)
        sys.stdout.flush()
    except KeyboardInterrupt:
        typer.echo(interrupted_message(), err=True)
        sys.exit(INTERRUPTED)
    except OSError as exc:
        if exc.filename is not None:
            raise
        _stdout_failed(exc)
    except Exception as exc:  # click's UsageError and Abort, vendored or not, by duck typing
        name = type(exc).__name__
        if name == "Abort":
            typer.echo(interrupted_message(), err=True)
            sys.exit(INTERRUPTED if isinstance(exc.__cause__, KeyboardInterrupt) else 1)
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
