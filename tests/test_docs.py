"""The documentation follows the program: the README (the landing page), the stage pages under
``docs/``, the JSON Schema and the bundled plans agree with the app and with each other."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
import typer.main

from cadretrain.checks.catalog import CATALOG, with_table
from cadretrain.cli.main import app
from cadretrain.plan.schema import SECTIONS, json_schema_text
from tests.conftest import ROOT

DOCS = ROOT / "docs"
README = ROOT / "README.md"

# each command is documented on the page of its stage (docs/development.md, “Docs”)
STAGE_PAGES: dict[str, tuple[str, ...]] = {
    "计划格式.md": (
        "validate",
        "show",
        "calendar",
        "explain",
        "codes",
        "schema",
        "fmt",
        "import",
        "new",
    ),
    "报名与名额.md": ("quota", "forms", "collect"),
    "文书.md": ("notice", "roster", "signin", "build"),
    "培训之后.md": (
        "attendance",
        "scores",
        "ratings",
        "hours",
        "report",
        "archive",
        "certificates",
    ),
}
PAGE_OF = {command: page for page, names in STAGE_PAGES.items() for command in names}


def commands() -> dict[str, Any]:
    """The click commands behind the Typer app (Typer vendors click; use it by duck typing)."""
    group: Any = typer.main.get_command(app)
    return dict(group.commands)


def text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def without_code_blocks(markdown: str) -> str:
    """The Markdown with fenced code blocks blanked out (their lines kept, emptied)."""
    out, fenced = [], False
    for line in markdown.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
            out.append("")
        else:
            out.append("" if fenced else line)
    return "\n".join(out)


def sections(markdown: str) -> list[tuple[str, str]]:
    """``(heading, body)`` for every heading outside code blocks; the body runs to the next
    heading of the same or a higher level."""
    lines = without_code_blocks(markdown).splitlines()
    raw = markdown.splitlines()
    heads = [
        (i, len(m.group(1)), line)
        for i, line in enumerate(lines)
        if (m := re.match(r"^(#{1,6}) ", line))
    ]
    out = []
    for n, (i, level, heading) in enumerate(heads):
        end = next((j for j, lv, _ in heads[n + 1 :] if lv <= level), len(raw))
        out.append((heading, "\n".join(raw[i:end])))
    return out


@cache
def command_sections() -> dict[str, list[tuple[str, str]]]:
    """For each command, the sections (page, body) whose heading names `cadretrain NAME`."""
    found: dict[str, list[tuple[str, str]]] = {}
    for page in STAGE_PAGES:
        for heading, body in sections(text(DOCS / page)):
            for name in re.findall(r"`cadretrain ([a-z]+)\b", heading):
                found.setdefault(name, []).append((page, body))
    return found


def table_rows(markdown: str) -> list[list[str]]:
    """The cells of every Markdown table row (header and separator rows included)."""
    rows = []
    for line in without_code_blocks(markdown).splitlines():
        if line.startswith("|") and line.rstrip().endswith("|"):
            cells = re.split(r"(?<!\\)\|", line.strip()[1:-1])
            rows.append([c.strip() for c in cells])
    return rows


def section_named(markdown: str, title: str) -> str:
    matches = [body for heading, body in sections(markdown) if heading == f"## {title}"]
    assert len(matches) == 1, f"one “## {title}” section expected"
    return matches[0]


# ---------------------------------------------------------------- codes


def test_every_code_is_in_the_code_page() -> None:
    page = text(DOCS / "诊断代码.md")
    for code in CATALOG.values():
        row = f"| {code.code} | {code.severity.zh} | {code.title} |"
        assert row in page, row


def test_the_code_page_lists_no_other_codes() -> None:
    listed = re.findall(r"^\| (CT\d{3}) \|", text(DOCS / "诊断代码.md"), re.M)
    assert sorted(listed) == sorted(CATALOG), "rows in docs/诊断代码.md without a code, or twice"


def test_the_code_table_is_generated_from_the_catalogue() -> None:
    """The table in 诊断代码.md is exactly what the catalogue generates; after adding or
    changing a code run ``python -m cadretrain.checks.catalog --write docs/诊断代码.md``."""
    page = text(DOCS / "诊断代码.md")
    assert with_table(page) == page, (
        "run: python -m cadretrain.checks.catalog --write docs/诊断代码.md"
    )


def test_the_table_generator_rewrites_a_drifted_page(tmp_path: Path) -> None:
    page = text(DOCS / "诊断代码.md")
    drifted = page.replace("| CT302 | 警告 |", "| CT302 | 错误 |").replace(
        "| CT119 | 警告 | ignore 没有对应的问题 |\n", ""
    )
    assert drifted != page
    path = tmp_path / "诊断代码.md"
    path.write_text(drifted, encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "cadretrain.checks.catalog", "--write", str(path)],
        cwd=ROOT,
        check=True,
    )
    assert path.read_text(encoding="utf-8") == page


# ---------------------------------------------------------------- commands


def test_every_command_belongs_to_a_stage_page() -> None:
    assert set(PAGE_OF) == set(commands()), "add the command to STAGE_PAGES and its page"


@pytest.mark.parametrize("name", sorted(PAGE_OF))
def test_each_command_and_its_options_are_on_its_stage_page(name: str) -> None:
    """A section of the command's stage page is headed `cadretrain NAME`, and names every
    option (long and short forms) of the command."""
    found = command_sections().get(name, [])
    assert [page for page, _ in found] == [PAGE_OF[name]], (name, found and found[0][0])
    body = found[0][1]
    for param in commands()[name].params:
        if param.param_type_name != "option" or param.name == "help":
            continue
        for opt in param.opts:
            assert re.search(rf"(?<![\w-]){re.escape(opt)}(?![\w-])", body), (name, opt)


def test_each_command_is_in_the_readme_workflow_table() -> None:
    """One row per stage: its commands, and a link to the stage page that documents them."""
    rows = table_rows(section_named(text(README), "工作流程"))[2:]
    listed: dict[str, str] = {}
    for row in rows:
        links = re.findall(r"\]\(docs/([^)]+)\)", row[-1])
        assert len(links) == 1, row
        for name in re.findall(r"`(?:cadretrain )?([a-z]+)[^`]*`", row[1]):
            assert name not in listed, f"{name} in two rows"
            listed[name] = unquote(links[0])
    assert listed == PAGE_OF


def test_each_command_has_one_row_in_the_exit_code_table() -> None:
    rows = table_rows(section_named(text(DOCS / "退出码.md"), "各命令"))
    assert rows[0] == ["命令", "0", "1", "2"]
    named = [m.group(1) for row in rows[2:] if (m := re.fullmatch(r"`([a-z]+)`", row[0]))]
    assert len(named) == len(rows) - 2, "every row starts with a command in backticks"
    assert sorted(named) == sorted(commands()), "one row per command, no other rows"
    for row in rows[2:]:
        assert len(row) == 4 and all(row), row


def test_every_command_has_chinese_help() -> None:
    for name, cmd in commands().items():
        assert cmd.help and re.search(r"[\u4e00-\u9fff]", cmd.help), name


# ---------------------------------------------------------------- plan format


def test_every_class_key_is_on_the_plan_format_page() -> None:
    page = text(DOCS / "计划格式.md")
    for key in SECTIONS["class"]:
        assert f"`{key}`" in page, key


# ---------------------------------------------------------------- links


def markdown_files() -> list[Path]:
    return [README, *sorted(DOCS.glob("*.md"))]


def relative_links(markdown: str) -> list[str]:
    """Targets of inline links and images outside code blocks and code spans, except URLs
    and in-page anchors."""
    prose = re.sub(r"`[^`\n]*`", "", without_code_blocks(markdown))
    targets = re.findall(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)", prose)
    return [t for t in targets if not re.match(r"^(?:[a-z][a-z0-9+.-]*:|#)", t, re.I)]


@pytest.mark.parametrize("doc", markdown_files(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_relative_link_resolves_to_a_file(doc: Path) -> None:
    for link in relative_links(text(doc)):
        target = (doc.parent / unquote(link.split("#", 1)[0])).resolve()
        assert target.is_relative_to(ROOT.resolve()), (doc.name, link)
        assert target.is_file(), (doc.name, link)


def test_the_readme_links_every_docs_page() -> None:
    linked = {unquote(t) for t in relative_links(text(README))}
    for page in sorted(DOCS.glob("*.md")):
        if page.name != "exit-codes.md":  # a forwarding page for code comments
            assert f"docs/{page.name}" in linked, page.name


# ---------------------------------------------------------------- schema and bundled plans


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


def _console_blocks(page: Path, command: str) -> list[list[str]]:
    """The output lines of each ```console block on ``page`` that starts with ``$ command``."""
    out = []
    for block in re.findall(r"```console\n(.*?)```", text(page), flags=re.S):
        lines = block.splitlines()
        if lines and lines[0].strip() == f"$ {command}":
            out.append(lines[1:])
    return out


def test_the_documented_validate_output_is_what_validate_prints() -> None:
    """Every line shown under ``$ cadretrain validate plans/2013-county.yaml`` (``...`` marks
    lines left out) is a line validate prints today, the summary line included."""
    blocks = _console_blocks(DOCS / "计划格式.md", "cadretrain validate plans/2013-county.yaml")
    assert blocks, "the plan-format page shows validate's output on the bundled plan"
    done = subprocess.run(
        [sys.executable, "-m", "cadretrain", "validate", "plans/2013-county.yaml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "COLUMNS": "1000"},
    )
    printed = (done.stdout + done.stderr).splitlines()
    for lines in blocks:
        shown = [line for line in lines if line.strip() and line.strip() != "..."]
        assert shown[-1].startswith("检查了 ")
        for line in shown:
            assert line in printed, f"docs/计划格式.md shows a line validate does not print: {line}"
