"""Commands that write plans: fmt (keys in one language), import (from an office's class
table) and new (next year's plan from this year's, or a starter plan)."""

from __future__ import annotations

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
