"""Hostile inputs through the real commands (issue 15): whatever a user points cadretrain at,
it answers in Chinese with a documented exit code, within bounded time and memory.

The cases come from ``tests/fuzz_strategies.py`` (mutated plans and workbooks) and run
in-process through typer's CliRunner, on a small deterministic budget (a derandomized
profile: the same cases on every run, no example database). ``bench/fuzz.py`` runs the same
strategies for hours. Every input that ever failed is a named case: plans in
``tests/broken/`` (``test_broken.py``), the rest at the end of this file.
"""

from __future__ import annotations

import json
import re
import resource
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from typer.testing import CliRunner, Result

from cadretrain.cli.main import app
from tests.fuzz_strategies import (
    SEEDS,
    SMALL_PLANS,
    BookCase,
    PlanCase,
    book_cases,
    plan_bytes,
    plan_cases,
    project,
    realize,
)

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
EXIT_CODES = {0, 1, 2}  # docs/退出码.md
CASE_SECONDS = 30  # a case that takes longer is a hang (most take well under a second)
MEMORY = 2 * 1024**3  # more address space than this for one case is a leak of bounds

FUZZ = settings(
    derandomize=True,
    database=None,
    deadline=timedelta(seconds=CASE_SECONDS),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=False,
)


@contextmanager
def bounded(seconds: float = CASE_SECONDS, memory: int = MEMORY) -> Iterator[None]:
    """Raise TimeoutError after ``seconds`` and MemoryError beyond ``memory`` more bytes of
    address space, instead of hanging or exhausting the machine (Unix; elsewhere no limit)."""
    if not hasattr(signal, "setitimer"):
        yield
        return

    def expired(signum: int, frame: object) -> None:
        raise TimeoutError(f"超过 {seconds} 秒")

    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    try:
        with open("/proc/self/statm") as f:  # Linux: the address space in use now
            used = int(f.read().split()[0]) * resource.getpagesize()
    except OSError:
        used = 0
    cap = used + memory if used else soft
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    old = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def run(args: list[str]) -> Result:
    with bounded():
        return CliRunner().invoke(app, args, env={"COLUMNS": "120", "NO_COLOR": "1"})


def is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def check(result: Result, case: PlanCase | BookCase) -> None:
    """The contract: no exception but SystemExit, a documented exit code, Chinese output."""
    what = case.describe()
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"{type(result.exception).__name__}: {result.exception}\n{what}")
    assert result.exit_code in EXIT_CODES, f"exit code {result.exit_code}\n{what}"
    text = result.output
    assert "Traceback" not in text, what
    if text.strip() and not is_json(text):  # quota --format json may print [] (data)
        assert CJK.search(text), f"output not in Chinese: {text[:300]!r}\n{what}"


def run_case(case: PlanCase | BookCase) -> Result:
    with tempfile.TemporaryDirectory(prefix="cadretrain-fuzz-") as tmp:
        args = realize(case, Path(tmp))
        result = run(args)
        check(result, case)
        return result


@settings(FUZZ, max_examples=200)
@given(plan_cases(commands=("validate", "quota")))
def test_mutated_plans_validate_and_quota(case: PlanCase) -> None:
    run_case(case)


@settings(FUZZ, max_examples=5)
@given(plan_cases(commands=("build",), bases=SMALL_PLANS))
def test_mutated_plans_build(case: PlanCase) -> None:
    run_case(case)


@settings(FUZZ, max_examples=20)
@given(plan_cases(bases=("enrollment",)))
def test_mutated_enrollments_attendance(case: PlanCase) -> None:
    run_case(case)


@settings(FUZZ, max_examples=20)
@given(book_cases(kinds=("form", "form-2")))
def test_mutated_reply_forms_collect(case: BookCase) -> None:
    run_case(case)


@settings(FUZZ, max_examples=16)
@given(book_cases(kinds=("signin",)))
def test_mutated_signin_sheets_attendance(case: BookCase) -> None:
    run_case(case)


@settings(FUZZ, max_examples=16)
@given(book_cases(kinds=("scores",)))
def test_mutated_score_sheets_scores(case: BookCase) -> None:
    run_case(case)


@settings(FUZZ, max_examples=16)
@given(book_cases(kinds=("ratings",)))
def test_mutated_rating_forms_ratings(case: BookCase) -> None:
    run_case(case)


@settings(FUZZ, max_examples=10)
@given(book_cases(kinds=("register",)))
def test_mutated_registers_quota(case: BookCase) -> None:
    run_case(case)


def test_the_strategies_change_their_inputs() -> None:
    """A mutation that changed nothing would test nothing: each kind of edit shows."""
    plain = plan_bytes(PlanCase("mini", (), (), (), "validate"))
    dropped = plan_bytes(PlanCase("mini", (("drop", ("classes",)),), (), (), "validate"))
    tagged = plan_bytes(PlanCase("mini", (), (("tag", 1, "!!binary"),), (), "validate"))
    cut = plan_bytes(PlanCase("mini", (), (), (("truncate", 0.5, 0),), "validate"))
    assert b"classes:" in plain and b"classes:" not in dropped
    assert b"!!binary" in tagged and len(cut) < len(plain)
    with tempfile.TemporaryDirectory() as tmp:
        args = realize(BookCase("scores", (("cell", 0, 5, 4, "=1/0"),), ()), Path(tmp))
        import openpyxl

        ws = openpyxl.load_workbook(args[4]).worksheets[0]
        assert ws.cell(5, 4).value == "=1/0"


# ----------------------------------------------------- regressions: inputs that once failed


def _enrollment_with_escapes(folder: Path) -> Path:
    plan = project(folder)
    target = plan.parent / "enrollments" / "women-leaders.yaml"
    text = target.read_text(encoding="utf-8")
    first = re.search(r"^- name: (\S+)$", text, re.M)
    assert first is not None
    text = text.replace(first.group(0), f'- name: "{first.group(1)}\\a\\e"', 1)
    target.write_text(text, encoding="utf-8")
    return plan


def test_control_characters_in_an_enrollment_are_reported_and_never_reach_the_roster(
    tmp_path: Path,
) -> None:
    """An enrollment edited by hand with YAML escapes: roster and sign-in sheet used to
    crash in openpyxl (IllegalCharacterError); now CT122 names the person, the commands stop
    with exit code 1, and build (which goes on) writes the roster with the character replaced."""
    plan = _enrollment_with_escapes(tmp_path)
    for command in ("roster", "signin"):
        result = run([command, "--class", "women-leaders", str(plan), "-o", str(tmp_path / "o")])
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert result.exit_code == 1, result.output
        assert "[CT122]" in result.output and "U+0007" in result.output
    # what build does with it: the enrollment loads with the character replaced (and CT122 in
    # the build's list of problems), and the roster is written
    from cadretrain.core.diagnostics import Sink
    from cadretrain.documents.roster import roster_bytes
    from cadretrain.enroll.enrollment import load_enrollments
    from cadretrain.plan.lookup import find_class
    from cadretrain.year.pipeline import load_year

    sink = Sink()
    year = load_year(plan, sink, checks=False)
    assert year is not None
    loaded = year.plan
    enrollment = load_enrollments(loaded, sink)["women-leaders"]
    assert [d.code for d in sink.items if d.code == "CT122"] == ["CT122"]
    assert enrollment.people[0].name.endswith("\ufffd\ufffd")
    assert roster_bytes(year, find_class(loaded, "women-leaders"), enrollment)


def test_control_characters_in_a_returned_form_are_reported_at_their_cell(
    tmp_path: Path,
) -> None:
    """A reply form whose cell holds an escaped control character (``_x0007_`` in the file,
    which python-calamine reads as U+0007): collect reports CT122 at the cell and writes the
    enrollment without it (the roster would have crashed on it)."""
    import openpyxl

    pytest.importorskip("python_calamine")
    args = realize(BookCase("form", (), ()), tmp_path)
    book = Path(args[-1])
    wb = openpyxl.load_workbook(book)
    ws = wb["报名回执"]
    row = next(r for r in range(1, 30) if ws.cell(r, 2).value not in (None, "姓名"))
    name = str(ws.cell(row, 2).value)
    ws.cell(row, 2).value = name + "_x0007_"
    wb.save(book)
    result = run(args)
    assert result.exit_code == 1, result.output
    assert f":{row}:2: 错误 [CT122]" in result.output, result.output
    written = (tmp_path / "plans" / "enrollments" / "youth-league.yaml").read_text("utf-8")
    # the cleaned name no longer matches the register's, so the row is left out (CT717) rather
    # than written with a replacement character
    assert "\\a" not in written and "\x07" not in written and "\ufffd" not in written
    assert f":{row}:2: 错误 [CT717]" in result.output, result.output


@pytest.mark.parametrize(
    "case",
    [
        # planned 999,999,999 with D'Hondt used to add seats one at a time, for ever
        PlanCase("mini", (("extreme", ("classes", 0, "planned"), 999_999_999),), (), (), "quota"),
        # a session count of 999,999,999 used to exhaust memory spreading seats over sessions
        PlanCase(
            "mini",
            (("extreme", ("classes", 0, "sessions", "count"), 999_999_999),),
            (),
            (),
            "quota",
        ),
        # per_unit with max_size 1 used to make one class per person until memory ran out
        PlanCase(
            "per-unit",
            (
                ("extreme", ("classes", 0, "per_unit", "max_size"), 1),
                ("extreme", ("units", 0, "counts", "两委成员"), 999_999_999),
            ),
            (),
            (),
            "validate",
        ),
        # a zero-day per_unit raised IndexError in every command
        PlanCase("mini", (("extreme", ("classes", 4, "per_unit", "days"), 0),), (), (), "validate"),
        # the default method and a huge headcount: build wrote a reply-form row per seat
        PlanCase("mini", (("extreme", ("classes", 3, "planned"), 999_999_999),), (), (), "build"),
        # found by bench/fuzz.py (seed 2): a unit name repeated 1,001 times made a reply form's
        # file name too long for the file system (OSError); build --ignore-errors now writes it
        # under a shortened name
        PlanCase(
            "per-unit",
            (("grow", ("units", 6, "name"), 1001),),
            (("dedent", 0, None),),
            (),
            "build",
        ),
    ],
    ids=[
        "dhondt-huge",
        "sessions-huge",
        "per-unit-one-each",
        "per-unit-zero-days",
        "build-huge",
        "fuzz-long-unit-name",
    ],
)
def test_fixed_hostile_plans(case: PlanCase) -> None:
    result = run_case(case)
    if case.command == "build" and case.base == "per-unit":  # problems go to index.html
        assert result.exit_code == 0, result.output
        return
    assert result.exit_code == 1
    assert re.search(r"\[CT12[01]\]", result.output), result.output


def test_sessions_beyond_the_limits_stop_roster_signin_and_attendance(tmp_path: Path) -> None:
    """A class of the bundled plan given 999,999,999 sessions of 999,999,999 days: roster,
    sign-in sheet and attendance used to build a list per session and per day until memory
    ran out (MemoryError); now they stop with CT120, exit code 1."""
    plan = project(tmp_path)
    text = plan.read_text(encoding="utf-8")
    when = "    when: 2013年5月7日---5月9日\n"
    assert when in text
    plan.write_text(
        text.replace(when, when + "    sessions: {count: 999999999, days: 999999999}\n", 1),
        encoding="utf-8",
    )
    sheet, cls = SEEDS["signin"]
    out = str(tmp_path / "out")
    for args in (
        ["roster", "--class", cls, str(plan), "-o", out],
        ["signin", "--class", cls, str(plan), "-o", out],
        ["attendance", "--class", cls, str(plan), str(sheet), "-o", out],
    ):
        result = run(args)
        assert result.exception is None or isinstance(result.exception, SystemExit), args
        assert result.exit_code == 1, result.output
        assert "[CT120]" in result.output and "超过上限 100 期" in result.output
