"""The command line as a contract: exit codes, the line format of diagnostics, the JSON
report, how the plan is found when none is named, and help in Chinese.

Every test runs the real CLI (``python -m cadretrain``) in a subprocess; no run may print a
traceback. Known bugs are ``xfail(strict=True)``.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CJK = re.compile(r"[\u4e00-\u9fff]")
DIAG_LINE = re.compile(r"^[^:]+:\d+:\d+: (错误|警告|提示) \[CT\d{3}\] ")
FILE_LINE = re.compile(r"^[^:]+: (错误|警告|提示) \[CT\d{3}\] ")

CLEAN = """\
plan: {title: 测试计划, year: 2013}
venues: [{id: ps, name: 县委党校, capacity: 100}]
classes:
  - {id: a, name: 甲班, when: 2013年5月7日, planned: 40, venue: ps}
"""
# CT109 and CT110 (errors), nothing else
ERRORS = """\
plan: {title: 测试计划, year: 2013}
venues: [{id: ps, name: 县委党校, capacity: 100}]
classes:
  - id: a
    name: 甲班
    when: 2013年5月7日
    planned: 40
    venue: party-school
    teachers: [tian]
"""
# CT202 (a warning), nothing else
WARNINGS = """\
plan: {title: 测试计划, year: 2013}
classes:
  - {id: a, name: 甲班, when: 2013年5月7日}
"""
HEADER = "plan: {title: 测试计划, year: 2013}\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4


def cli(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m cadretrain`` with a clean environment (no CADRETRAIN_PLAN, no colour)."""
    base = {k: v for k, v in os.environ.items() if k not in ("CADRETRAIN_PLAN", "FORCE_COLOR")}
    base |= {
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        "PYTHONIOENCODING": "utf-8",
        "NO_COLOR": "1",
        "COLUMNS": "120",
    }
    base |= env or {}
    result = subprocess.run(
        [sys.executable, "-m", "cadretrain", *args],
        cwd=cwd,
        env=base,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert "Traceback" not in result.stdout + result.stderr, result.stdout + result.stderr
    return result


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """A folder with clean.yaml, errors.yaml, warnings.yaml and binary.yaml."""
    (tmp_path / "clean.yaml").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "errors.yaml").write_text(ERRORS, encoding="utf-8")
    (tmp_path / "warnings.yaml").write_text(WARNINGS, encoding="utf-8")
    (tmp_path / "binary.yaml").write_bytes(PNG)
    return tmp_path


def codes_of(result: subprocess.CompletedProcess[str]) -> list[str]:
    return re.findall(r"\[(CT\d{3})\]", result.stdout)


# ---------------------------------------------------------------- exit codes


def test_clean_plan_exits_0(work: Path) -> None:
    result = cli("validate", "clean.yaml", cwd=work)
    assert result.returncode == 0, result.stdout
    assert codes_of(result) == []
    assert cli("validate", "--strict", "clean.yaml", cwd=work).returncode == 0


def test_plan_with_errors_exits_1(work: Path) -> None:
    result = cli("validate", "errors.yaml", cwd=work)
    assert result.returncode == 1
    assert sorted(codes_of(result)) == ["CT109", "CT110"]


def test_warnings_exit_0_and_1_with_strict(work: Path) -> None:
    relaxed = cli("validate", "warnings.yaml", cwd=work)
    assert relaxed.returncode == 0
    assert codes_of(relaxed) == ["CT202"]
    strict = cli("validate", "--strict", "warnings.yaml", cwd=work)
    assert strict.returncode == 1
    assert codes_of(strict) == ["CT202"]


@pytest.mark.parametrize(
    ("name", "code"),
    [("missing.yaml", "CT001"), ("binary.yaml", "CT002"), (".", "CT001")],
    ids=["missing", "binary", "directory"],
)
def test_unreadable_file_exits_2(work: Path, name: str, code: str) -> None:
    result = cli("validate", name, cwd=work)
    assert result.returncode == 2
    assert codes_of(result) == [code]
    assert CJK.search(result.stdout)


def test_the_worst_file_decides_the_exit_code(work: Path) -> None:
    assert cli("validate", "clean.yaml", "warnings.yaml", cwd=work).returncode == 0
    assert cli("validate", "clean.yaml", "errors.yaml", cwd=work).returncode == 1
    assert cli("validate", "errors.yaml", "missing.yaml", cwd=work).returncode == 2


@pytest.mark.parametrize(
    "args",
    [
        ("validate", "--nope", "clean.yaml"),
        ("validate", "--format", "xml", "clean.yaml"),
        ("nope",),
    ],
    ids=["unknown-option", "bad-format", "unknown-command"],
)
def test_usage_errors_exit_2(work: Path, args: tuple[str, ...]) -> None:
    result = cli(*args, cwd=work)
    assert result.returncode == 2
    assert result.stdout.strip() == "" or "[CT" not in result.stdout


# ---------------------------------------------------------------- output format


def test_quiet_output_is_one_line_per_diagnostic(work: Path) -> None:
    result = cli("validate", "--quiet", "errors.yaml", "missing.yaml", cwd=work)
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    positioned = [line for line in lines if DIAG_LINE.match(line)]
    assert [line.split(":")[0] for line in positioned] == ["errors.yaml", "errors.yaml"]
    assert re.match(r"^errors\.yaml:8:12: 错误 \[CT109\] ", positioned[0])
    assert re.match(r"^errors\.yaml:9:16: 错误 \[CT110\] ", positioned[1])
    (whole,) = [line for line in lines if not DIAG_LINE.match(line)]
    assert FILE_LINE.match(whole) and whole.startswith("missing.yaml: 错误 [CT001] ")


def test_full_output_has_the_same_lines_plus_hints(work: Path) -> None:
    quiet = cli("validate", "--quiet", "errors.yaml", cwd=work).stdout.splitlines()
    full = cli("validate", "errors.yaml", cwd=work).stdout.splitlines()
    diag_lines = [line for line in full if "[CT" in line and not line.startswith(" ")]
    assert diag_lines == quiet
    assert all(DIAG_LINE.match(line) for line in diag_lines)
    assert any(line.startswith("    提示：") for line in full)


@pytest.mark.parametrize(
    ("args", "exit_code"),
    [
        (("clean.yaml",), 0),
        (("errors.yaml",), 1),
        (("warnings.yaml",), 0),
        (("--strict", "warnings.yaml"), 1),
        (("missing.yaml",), 2),
        (("binary.yaml",), 2),
        (("clean.yaml", "errors.yaml"), 1),
    ],
)
def test_json_report(work: Path, args: tuple[str, ...], exit_code: int) -> None:
    result = cli("validate", "--format", "json", *args, cwd=work)
    assert result.returncode == exit_code
    data = json.loads(result.stdout)
    assert data["summary"]["exit_code"] == result.returncode
    files = [a for a in args if not a.startswith("--")]
    assert [f["file"] for f in data["files"]] == files
    errors = 0
    for f in data["files"]:
        for d in f["diagnostics"]:
            assert re.fullmatch(r"CT\d{3}", d["code"])
            assert d["severity"] in ("error", "warning", "info")
            assert isinstance(d["line"], int) and isinstance(d["column"], int)
            assert d["line"] >= 0 and d["column"] >= 0
            assert CJK.search(d["message"])
            errors += d["severity"] == "error"
    assert data["summary"]["errors"] == errors
    if args == ("errors.yaml",):
        found = [(d["code"], d["line"], d["column"]) for d in data["files"][0]["diagnostics"]]
        assert found == [("CT109", 8, 12), ("CT110", 9, 16)]


def test_json_matches_text_output(work: Path) -> None:
    text = cli("validate", "--quiet", "errors.yaml", "warnings.yaml", cwd=work).stdout.splitlines()
    data = json.loads(
        cli("validate", "-f", "json", "errors.yaml", "warnings.yaml", cwd=work).stdout
    )
    from_json = [
        f"{d['file']}:{d['line']}:{d['column']}: [{d['code']}]"
        for f in data["files"]
        for d in f["diagnostics"]
    ]
    from_text = [re.sub(r" (错误|警告|提示) (\[CT\d{3}\]) .*", r" \2", line) for line in text]
    assert from_text == from_json


# ---------------------------------------------------------------- finding the plan


def test_env_var_names_the_plan(work: Path) -> None:
    (work / "plans").mkdir()
    (work / "plans" / "only.yaml").write_text(CLEAN, encoding="utf-8")
    result = cli("validate", cwd=work, env={"CADRETRAIN_PLAN": str(work / "errors.yaml")})
    assert result.returncode == 1
    assert str(work / "errors.yaml") in result.stdout


def test_the_only_plan_under_plans_is_used(work: Path) -> None:
    (work / "plans").mkdir()
    (work / "plans" / "county.yaml").write_text(ERRORS, encoding="utf-8")
    (work / "plans" / "plan.schema.json").write_text("{}", encoding="utf-8")
    (work / "plan.yaml").write_text(CLEAN, encoding="utf-8")
    result = cli("validate", "--quiet", cwd=work)
    assert result.returncode == 1
    assert all(
        line.startswith(os.path.join("plans", "county.yaml") + ":")
        for line in result.stdout.splitlines()
    )


def test_plan_yaml_is_used_last(work: Path) -> None:
    (work / "plan.yaml").write_text(WARNINGS, encoding="utf-8")
    result = cli("validate", "--quiet", cwd=work)
    assert result.returncode == 0
    assert result.stdout.startswith("plan.yaml:3:")
    assert cli("validate", "--strict", cwd=work).returncode == 1
    shown = cli("show", cwd=work)
    assert shown.returncode == 0 and "甲班" in shown.stdout


def test_no_plan_found_exits_2_in_chinese(tmp_path: Path) -> None:
    for command in ("validate", "show", "calendar"):
        result = cli(command, cwd=tmp_path)
        assert result.returncode == 2
        assert CJK.search(result.stderr), result.stderr
        assert "CADRETRAIN_PLAN" in result.stderr


def test_two_plans_under_plans_exit_2_naming_both(work: Path) -> None:
    (work / "plans").mkdir()
    (work / "plans" / "2013-county.yaml").write_text(CLEAN, encoding="utf-8")
    (work / "plans" / "2014-county.yml").write_text(CLEAN, encoding="utf-8")
    (work / "plan.yaml").write_text(CLEAN, encoding="utf-8")
    result = cli("validate", cwd=work)
    assert result.returncode == 2
    assert "2013-county.yaml" in result.stderr and "2014-county.yml" in result.stderr
    assert CJK.search(result.stderr)


# ---------------------------------------------------------------- help


def _commands() -> list[str]:
    import typer.main

    from cadretrain.cli.main import app

    group = typer.main.get_command(app)
    return sorted(getattr(group, "commands", {}))


@pytest.mark.parametrize("command", ["", *_commands()])
def test_help_is_in_chinese(tmp_path: Path, command: str) -> None:
    """Click's and Typer's own words (Usage, Options, Arguments, [default: …], [required],
    "Show this message and exit.") are replaced on every help page, in a real process."""
    args = [command, "--help"] if command else ["--help"]
    result = cli(*args, cwd=tmp_path, env={"COLUMNS": "100", "TERMINAL_WIDTH": "100"})
    page = result.stdout
    assert result.returncode == 0, result.stderr
    assert len(CJK.findall(page)) >= 4, page
    assert re.search(r"用法：\S*(python -m )?cadretrain", page), page
    assert "显示本帮助并退出。" in page and "选项" in page, page
    for english in ("Usage:", "Show this message", "Options", "Arguments", "[default:"):
        assert english not in page, english
    assert "[required]" not in page and "Commands" not in page


def test_bare_command_shows_help_and_exits_2(tmp_path: Path) -> None:
    result = cli(cwd=tmp_path)
    assert result.returncode == 2  # click's: no command given
    assert "用法：" in result.stdout and "命令" in result.stdout


def test_commands_are_discovered() -> None:
    assert {"validate", "show", "calendar", "explain", "codes", "schema"} <= set(_commands())


# ---------------------------------------------------------------- known bugs


def test_control_character_gives_one_positioned_line(work: Path) -> None:
    (work / "bell.yaml").write_text(
        HEADER + "classes:\n  - {id: a, name: 甲\x07班, when: 2013年5月7日}\n",
        encoding="utf-8",
    )
    result = cli("validate", "--quiet", "bell.yaml", cwd=work)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and DIAG_LINE.match(lines[0]), lines


@pytest.mark.parametrize("command", ["validate", "show"])
def test_zero_capacity_does_not_crash(work: Path, command: str) -> None:
    (work / "zero.yaml").write_text(
        "plan: {title: 测试计划, year: 2013}\nvenues: [{id: ps, name: 县委党校, capacity: 0}]\n"
        "classes:\n  - {id: a, name: 甲班, when: 2013年5月7日, planned: 40, venue: ps}\n",
        encoding="utf-8",
    )
    result = cli(command, "zero.yaml", cwd=work)
    # validate: the CT203 error (1); show: the plan loads, so it is shown (0)
    assert result.returncode == {"validate": 1, "show": 0}[command], result.stderr
    assert "Traceback" not in result.stderr


def test_calendar_of_a_five_digit_year_does_not_crash(work: Path) -> None:
    (work / "year.yaml").write_text(
        "plan: {title: 测试计划, year: 20133}\n"
        "classes:\n  - {id: a, name: 甲班, when: 5月7日, planned: 40}\n",
        encoding="utf-8",
    )
    result = cli("calendar", "year.yaml", cwd=work)
    # the year is a CT103 error, so there is no plan to draw: 1 with the diagnostic on stderr
    assert result.returncode == 1, result.stderr
    assert "CT103" in result.stderr and "Traceback" not in result.stderr


def test_usage_errors_are_in_chinese(work: Path) -> None:
    for args in (["validate", "--nope"], ["vali"], ["validate", "-f", "xml"], ["explain"]):
        result = cli(*args, cwd=work)
        assert result.returncode == 2, args
        assert result.stderr.startswith("用法错误："), result.stderr
        assert "--help" in result.stderr
        assert "No such" not in result.stderr and "Missing" not in result.stderr
