"""``cadretrain show`` and ``calendar`` on the terminal: the rows and strips come from
:mod:`cadretrain.documents.class_table` and :mod:`cadretrain.documents.calendar_text`."""

from __future__ import annotations

from cadretrain.year.model import Year


def print_classes(year: Year) -> None:
    """The classes as one table: the rows of ``class_rows``."""
    from cadretrain.cli.terminal import RIGHT, echo, rich_table
    from cadretrain.documents.class_table import class_rows

    plan = year.plan
    columns: list[str | tuple[str, str]] = [("序号", RIGHT), "班次", "培训时间", "分期"]
    columns += [("规划人数", RIGHT), "场地", "授课教师"]
    table = rich_table(f"{plan.title}（共 {len(plan.classes)} 个班次）", columns, lines=True)
    for row in class_rows(year):
        table.add_row(*row)
    echo(table)


def print_calendar(year: Year) -> None:
    """Month by month, the strips of ``month_lines``; days where classes overlap in red."""
    from rich.console import Console
    from rich.text import Text

    from cadretrain.documents.calendar_text import month_lines

    plan = year.plan
    console = Console(highlight=False)
    console.print(Text(f"{plan.title} 日历", style="bold"))
    for month in range(1, 13):
        lines = month_lines(year, month)
        if not lines:
            continue
        console.print(Text(f"\n{plan.year}年{month}月", style="bold"))
        width = max(_width(label) for label, _ in lines)
        for label, strip in lines:
            text = Text(label + " " * (width - _width(label)) + " │")
            for ch in strip:
                style = "red bold" if label == "当天班次数" and ch not in " 1" else ""
                text.append(ch, style=style)
            console.print(text)


def _width(s: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)
