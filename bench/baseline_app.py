"""The start-up baseline for bench/bench_startup.py: the least a Typer command reading a plan
must do — import typer and PyYAML, load the file with CSafeLoader, print the class count.

    .venv/bin/python bench/baseline_app.py plans/2013-county.yaml
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
import yaml

app = typer.Typer(add_completion=False)


@app.command()
def main(plan: Annotated[Path, typer.Argument(help="计划文件（YAML）")]) -> None:
    """读入计划并输出班次数。"""
    data = yaml.load(plan.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    classes = data.get("classes") if isinstance(data, dict) else None
    typer.echo(f"{plan}：{len(classes or [])} 个班次")


if __name__ == "__main__":
    app()
