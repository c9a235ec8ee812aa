"""The README, the JSON Schema and the bundled plans agree with the program."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import typer.main

from cadretrain.cli.main import app
from cadretrain.core.codes import CODES
from cadretrain.plan.schema import SECTIONS, json_schema_text
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def commands() -> dict[str, Any]:
    """The click commands behind the Typer app (Typer vendors click; use it by duck typing)."""
    group: Any = typer.main.get_command(app)
    return dict(group.commands)


def test_every_code_is_in_the_readme_table() -> None:
    for code in CODES.values():
        row = f"| {code.code} | {code.severity.zh} | {code.title} |"
        assert row in README, row


def test_every_command_and_option_is_documented() -> None:
    for name, cmd in commands().items():
        assert f"cadretrain {name}" in README, name
        for param in cmd.params:
            if param.param_type_name == "option" and param.name != "help":
                assert any(opt in README for opt in param.opts), (name, param.opts)


def test_every_command_has_chinese_help() -> None:
    for name, cmd in commands().items():
        assert cmd.help and re.search(r"[\u4e00-\u9fff]", cmd.help), name


def test_every_class_key_is_in_the_readme() -> None:
    for key in SECTIONS["class"]:
        assert f"`{key}`" in README, key


def test_bundled_schema_is_current() -> None:
    committed = (ROOT / "plans" / "plan.schema.json").read_text(encoding="utf-8")
    assert committed == json_schema_text(), "run: cadretrain schema -o plans/plan.schema.json"


def test_bundled_plans_point_editors_at_the_schema() -> None:
    plans = sorted((ROOT / "plans").glob("*.yaml")) + sorted((ROOT / "examples").glob("*.yaml"))
    assert plans
    for plan in plans:
        first = plan.read_text(encoding="utf-8").splitlines()[0]
        m = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert m, plan
        assert (plan.parent / Path(m.group(1))).resolve().is_file(), plan
