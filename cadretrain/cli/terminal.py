"""Tables on the terminal (rich is imported here, only by the commands that draw tables)."""

from __future__ import annotations

from typing import Any

RIGHT = "R"  # mark a column right-aligned: ("人数", RIGHT)


def rich_table(title: str, columns: list[str | tuple[str, str]], lines: bool = False) -> Any:
    """A rich Table with Chinese headers; numeric columns given as ``(name, RIGHT)``."""
    from rich.table import Table

    table = Table(title=title, show_lines=lines)
    for column in columns:
        name, align = (column, "") if isinstance(column, str) else column
        table.add_column(  # fold, never cut with …: show keeps every character of a when
            name, justify="right" if align == RIGHT else "left", overflow="fold"
        )
    return table


def echo(*renderables: Any) -> None:
    from rich.console import Console

    console = Console(highlight=False)
    for item in renderables:
        console.print(item)
