"""Finding the plan a command works on when none is named."""

from __future__ import annotations

import os
from pathlib import Path


class PlanNotFound(Exception):
    """Raised with a Chinese message when no plan can be chosen."""


def find_plan(given: Path | None, cwd: Path | None = None) -> Path:
    """The plan to use: ``given``; else ``$CADRETRAIN_PLAN``; else the only ``*.yaml`` under
    ``./plans/``; else ``./plan.yaml``."""
    if given is not None:
        return given
    env = os.environ.get("CADRETRAIN_PLAN")
    if env:
        return Path(env)
    here = cwd or Path.cwd()
    plans_dir = here / "plans"
    if plans_dir.is_dir():
        found = sorted(p for p in plans_dir.iterdir() if p.suffix in (".yaml", ".yml"))
        if len(found) == 1:
            return found[0].relative_to(here) if cwd is None else found[0]
        if len(found) > 1:
            names = "、".join(p.name for p in found)
            raise PlanNotFound(
                f"plans/ 下有 {len(found)} 个计划（{names}），请指明用哪一个，"
                "或设置环境变量 CADRETRAIN_PLAN"
            )
    default = here / "plan.yaml"
    if default.is_file():
        return Path("plan.yaml") if cwd is None else default
    raise PlanNotFound(
        "没有指定计划文件：请在命令后写计划文件路径，或设置环境变量 CADRETRAIN_PLAN，"
        "或在当前文件夹放置 plans/ 下唯一的计划或 plan.yaml"
    )
