"""Broken plan files: each must give its findings at the right place, in Chinese, and never a
traceback or a hang.

The inputs are ``tests/broken/NNN-name.*``; the few that are binary, huge or made of special
bytes are written into ``tmp_path`` by ``GENERATED`` instead of being committed. ``CASES``
lists, for each input, the findings (code, line, column) that must all be present (line 0 is
the whole file; ``None`` means any column) and the codes that must be absent (``ALL``: no
diagnostic at all). Known bugs are marked ``xfail(strict=True)`` with the reason, so a fix
shows up as an unexpected pass and the marker can go.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from cadretrain.core.diagnostics import Diagnostic, Severity
from cadretrain.year.validate import FileReport, validate_file, validate_files
from tests.conftest import time_limit

BROKEN = Path(__file__).resolve().parent / "broken"
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
ENGLISH_SENTENCE = re.compile(r"\b[A-Za-z]{2,} [A-Za-z]{2,}\b")
ALL = ("*",)
MB = 1024 * 1024

Expect = tuple[str, int, int | None]
Case = tuple[str, list[Expect], tuple[str, ...]]

HEADER = "plan: {title: 测试计划, year: 2013}\n"
CLEAN_CLASS = "  - {id: a, name: 中青年干部培训班, when: 2013年5月7日, planned: 40}\n"


# ---------------------------------------------------------------- generated inputs


def _write_text(text: str, encoding: str = "utf-8") -> Callable[[Path], None]:
    def write(path: Path) -> None:
        path.write_bytes(text.encode(encoding))

    return write


def _png(path: Path) -> None:
    noise = bytes((i * 37 + 11) % 256 for i in range(2000))  # deterministic "random" bytes
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + noise)


def _xlsx(path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        z.writestr("xl/workbook.xml", "<workbook><sheets/></workbook>")
    path.write_bytes(buf.getvalue())


def _huge(path: Path) -> None:
    line = CLEAN_CLASS.encode()
    with path.open("wb") as f:
        f.write((HEADER + "classes:\n").encode())
        block = line * 10_000
        while f.tell() < 50 * MB:
            f.write(block)


def _nul(path: Path) -> None:
    path.write_bytes((HEADER + "classes:\n").encode() + b"  - {id: a, name: \x00}\n")


def _directory(path: Path) -> None:
    path.mkdir()


def _missing(path: Path) -> None:
    pass


def _not_utf8_nor_gbk(path: Path) -> None:
    path.write_bytes(b"\x80\x80\x80 plan: x\n")


GENERATED: dict[str, Callable[[Path], None]] = {
    "038-gbk.yaml": _write_text(
        "# 记事本另存的 GBK 文件\n" + HEADER + "classes:\n" + CLEAN_CLASS, "gbk"
    ),
    "040-utf16.yaml": _write_text(
        "# UTF-16 带 BOM\n" + HEADER + "classes:\n" + CLEAN_CLASS, "utf-16"
    ),
    "041-binary.png": _png,
    "042-workbook.xlsx": _xlsx,
    "043-huge-50mb.yaml": _huge,
    "044-nul-byte.yaml": _nul,
    "045-directory.yaml": _directory,
    "046-missing.yaml": _missing,
    "047-long-line-notes.yaml": _write_text(
        HEADER
        + "classes:\n  - {id: a, name: 甲班, when: 2013年5月7日, planned: 40, notes: "
        + "长" * (MB // 3)
        + "}\n"
    ),
    "048-long-line-id.yaml": _write_text(
        "# 1 MB 的代号\n"
        + HEADER
        + "classes:\n  - {id: "
        + "A" * MB
        + ", name: 甲班, when: 2013年5月7日}\n"
    ),
    "050-ten-thousand-null-classes.yaml": _write_text(HEADER + "classes:\n" + "  -\n" * 10_000),
    "066-neither-utf8-nor-gbk.yaml": _not_utf8_nor_gbk,
}

# ---------------------------------------------------------------- expectations

CASES: list[Case] = [
    ("001-empty.yaml", [("CT009", 0, 0)], ()),
    ("002-only-comments.yaml", [("CT009", 0, 0)], ()),
    ("003-unclosed-bracket.yaml", [("CT005", 3, 10)], ()),  # at the opening bracket
    ("004-bad-indentation.yaml", [("CT005", 4, 8)], ()),
    ("005-tab-indentation.yaml", [("CT005", 3, 1)], ()),
    ("006-unclosed-quote.yaml", [("CT005", 3, 10)], ()),  # at the opening quote
    ("007-colon-without-space.yaml", [("CT005", 4, None)], ()),
    ("008-top-level-list.yaml", [("CT103", 2, 1)], ()),
    ("009-top-level-scalar.yaml", [("CT103", 2, 1)], ()),
    ("010-planned-chinese-number.yaml", [("CT103", 7, 14)], ()),
    ("011-classes-mapping.yaml", [("CT103", 4, 3)], ()),
    ("012-venues-string.yaml", [("CT103", 3, 9)], ()),
    ("013-year-chinese.yaml", [("CT103", 4, 9)], ()),
    ("014-issued-feb-30.yaml", [("CT104", 5, 11)], ()),
    ("015-when-feb-30.yaml", [("CT104", 6, 11)], ()),
    ("016-end-before-start.yaml", [("CT105", 6, 11)], ()),
    ("017-outside-plan-year.yaml", [("CT106", 6, 11), ("CT106", 10, 11)], ()),
    ("018-unknown-keys.yaml", [("CT101", 9, 5), ("CT101", 10, 5), ("CT101", 11, 5)], ()),
    ("019-missing-required.yaml", [("CT102", 3, 3), ("CT102", 5, 5)], ()),
    ("020-duplicate-keys.yaml", [("CT007", 8, 5)], ()),
    ("021-duplicate-class-ids-and-names.yaml", [("CT107", 5, 10), ("CT108", 6, 25)], ()),
    (
        "022-undeclared-references.yaml",
        [("CT109", 12, 12), ("CT110", 13, 28), ("CT111", 14, 23), ("CT111", 14, 37)],
        (),
    ),
    ("023-bad-ids.yaml", [("CT113", 4, 10), ("CT113", 5, 10), ("CT113", 6, 10)], ()),
    ("024-classes-declared-mismatch.yaml", [("CT201", 5, 21)], ()),
    ("025-rotation-sessions-dont-fit.yaml", [("CT301", 10, 15), ("CT302", 9, 11)], ("CT203",)),
    ("026-weekend-class.yaml", [("CT302", 7, 11)], ()),
    ("027-venue-over-capacity.yaml", [("CT303", 14, 12)], ("CT203",)),
    ("028-teacher-double-booked.yaml", [("CT304", 14, 15)], ()),
    ("029-two-youth-classes-same-day.yaml", [("CT305", 12, 11)], ()),
    (
        "030-vague-date-conflicts.yaml",
        [("CT204", 8, 11), ("CT303", 16, 12), ("CT304", 17, 15)],
        (),
    ),
    ("031-unknown-holiday-year.yaml", [("CT205", 4, 9)], ()),
    ("032-yaml11-traps.yaml", [], ALL),
    ("033-alias-bomb.yaml", [("CT006", 5, 8), ("CT101", 4, 1)], ()),
    ("034-self-referencing-alias.yaml", [("CT006", 3, 14)], ()),
    ("035-merge-key.yaml", [("CT006", 8, 5)], ()),
    ("036-deep-flow-nesting.yaml", [("CT008", 3, 73)], ()),
    ("037-deep-block-nesting.yaml", [("CT008", 68, 129)], ()),
    ("038-gbk.yaml", [("CT003", 0, 0)], ("CT002", "CT005", "CT101", "CT102", "CT103")),
    ("039-utf8-bom.yaml", [], ALL),
    ("040-utf16.yaml", [], ALL),
    ("041-binary.png", [("CT002", 0, 0)], ("CT005",)),
    ("042-workbook.xlsx", [("CT002", 0, 0)], ("CT005",)),
    ("043-huge-50mb.yaml", [("CT004", 0, 0)], ()),
    ("044-nul-byte.yaml", [("CT002", 0, 0)], ("CT005",)),
    ("045-directory.yaml", [("CT001", 0, 0)], ()),
    ("046-missing.yaml", [("CT001", 0, 0)], ()),
    ("047-long-line-notes.yaml", [], ALL),
    ("048-long-line-id.yaml", [("CT113", 4, 10)], ()),
    ("049-control-characters.yaml", [("CT005", 4, 20)], ()),
    ("050-ten-thousand-null-classes.yaml", [("CT123", 3, 4), ("CT123", 23, 4)], ("CT005", "CT008")),
    ("051-duplicate-venue-and-teacher-ids.yaml", [("CT107", 5, 10), ("CT107", 8, 10)], ()),
    ("052-when-unrecognised.yaml", [("CT112", 6, 11)], ()),
    ("053-when-bad-end-day.yaml", [("CT104", 6, 22)], ()),
    ("054-venue-capacity-zero.yaml", [("CT203", 5, 49)], ()),
    ("055-listed-sessions-overlap.yaml", [("CT306", 10, 16), ("CT306", 11, 16)], ()),
    ("056-undefined-alias.yaml", [("CT005", 4, 63)], ()),
    ("057-two-documents.yaml", [("CT005", 4, 1)], ()),
    ("058-crlf-line-endings.yaml", [("CT101", 7, 5)], ()),
    ("059-top-level-null.yaml", [("CT009", 0, 0)], ()),  # a lone ~ is an empty plan
    (
        "060-huge-date-span.yaml",
        # a span longer than a year leaves the plan year (CT106) and is not scheduled
        [("CT106", 6, 29), ("CT106", 7, 29)],
        ("CT303", "CT304"),
    ),
    ("061-year-out-of-range.yaml", [("CT103", 2, 27)], ()),
    ("062-huge-session-count.yaml", [("CT301", 9, 15)], ()),
    ("063-missing-planned.yaml", [("CT202", 5, 11)], ()),
    ("064-session-over-capacity.yaml", [("CT203", 8, 14)], ()),
    ("065-year-zero-padded.yaml", [("CT103", 2, 27)], ()),
    ("066-neither-utf8-nor-gbk.yaml", [("CT002", 1, 1)], ("CT003",)),
    ("067-duplicate-anchor.yaml", [("CT006", 4, 7)], ()),
    ("068-list-on-the-key-line.yaml", [("CT005", 3, 10)], ()),
    ("069-tab-inside-class.yaml", [("CT005", 5, 1)], ()),
    (
        "070-null-list-items.yaml",
        [("CT123", 5, 5), ("CT123", 11, 21), ("CT123", 12, 4), ("CT123", 13, 5)],
        (),
    ),
    (
        "071-control-character-escapes.yaml",
        [("CT122", 4, 21), ("CT122", 9, 16), ("CT122", 9, 26)],
        ("CT005",),
    ),
    ("072-huge-planned-dhondt.yaml", [("CT120", 10, 14)], ()),
    ("073-per-unit-zero-days.yaml", [("CT121", 9, 22), ("CT121", 9, 35)], ("CT301",)),
    ("074-per-unit-one-class-per-person.yaml", [("CT120", 9, 26)], ()),
    (
        "075-sessions-beyond-limits.yaml",
        [("CT120", 8, 23), ("CT120", 8, 40), ("CT120", 13, 36), ("CT301", 8, 15)],
        (),
    ),
    ("076-names-too-long.yaml", [("CT120", 2, 15), ("CT120", 4, 27), ("CT120", 6, 10)], ()),
]

DEADLINE = 5.0  # seconds for any one case
DEADLINES = {
    "043-huge-50mb.yaml": 2.0,
    "033-alias-bomb.yaml": 2.0,
    "060-huge-date-span.yaml": 2.0,  # one such class alone takes about 0.2 s
    "072-huge-planned-dhondt.yaml": 2.0,
    "074-per-unit-one-class-per-person.yaml": 2.0,
    "075-sessions-beyond-limits.yaml": 2.0,
}


def case_path(name: str, tmp_path: Path) -> Path:
    if name in GENERATED:
        path = tmp_path / name
        GENERATED[name](path)
        return path
    path = BROKEN / name
    assert path.is_file(), f"missing input {path}"
    return path


def run_case(name: str, tmp_path: Path) -> tuple[Path, FileReport]:
    path = case_path(name, tmp_path)
    with time_limit(DEADLINES.get(name, DEADLINE)):
        report = validate_file(path)
    return path, report


def params(names: list[str] | None = None) -> list[object]:
    """One test per case, named by its number and title. A bug found by a case is fixed in
    cadretrain/, never marked as expected here."""
    return [
        pytest.param(name, id=name.split(".")[0])
        for name in (names if names is not None else [c[0] for c in CASES])
    ]


EXPECT = {name: (present, absent) for name, present, absent in CASES}


def _lines(path: Path) -> list[str] | None:
    """The file's lines as the tool decodes them (UTF-8, BOM, UTF-16, GBK), for checking
    positions; None when the tool cannot read it as text (missing, a folder, too big, binary),
    where every position must then be the whole file or the line the decoding stopped at."""
    from cadretrain.files.source import MAX_BYTES, sniff

    if not path.is_file() or path.stat().st_size > MAX_BYTES:
        return None
    text, _ = sniff(path.read_bytes())
    return None if text is None else text.lstrip("\ufeff").splitlines()


def _show(diags: list[Diagnostic]) -> str:
    return "\n".join(f"{d.pos.line}:{d.pos.col} {d.code} {d.message[:120]}" for d in diags)


# ---------------------------------------------------------------- tests


def test_at_least_forty_cases_and_every_input_exists() -> None:
    names = [c[0] for c in CASES]
    assert len(names) >= 40
    assert len(set(names)) == len(names)
    committed = {p.name for p in BROKEN.iterdir()}
    assert committed | set(GENERATED) == set(names), "CASES and tests/broken/ differ"
    assert not committed & set(GENERATED)


@pytest.mark.parametrize("name", params())
def test_broken_case(name: str, tmp_path: Path) -> None:
    path, report = run_case(name, tmp_path)
    present, absent = EXPECT[name]
    diags = report.diagnostics
    found = {(d.code, d.pos.line, d.pos.col) for d in diags}
    for code, line, col in present:
        hit = (code, line, col) in found or (
            col is None and any(c == code and ln == line for c, ln, _ in found)
        )
        assert hit, f"expected {code} at {line}:{col}, got\n{_show(diags)}"
    codes = {d.code for d in diags}
    if absent == ALL:
        assert not diags, _show(diags)
    else:
        assert not codes & set(absent), _show(diags)
    lines = _lines(path)
    for d in diags:
        assert CJK.search(d.message), f"message not in Chinese: {d.message!r}"
        assert d.pos.file == str(path)
        for pos in (d.pos, *(r.pos for r in d.related)):
            assert pos.line >= 0 and pos.col >= 0
            assert (pos.line == 0) == (pos.col == 0), f"half a position: {pos}"
            if lines is None:  # not text: the whole file, or where the decoding stopped
                assert pos.col in (0, 1), f"a column in a file that is not text: {pos}"
            elif pos.line:
                assert pos.line <= len(lines) + 1, f"line {pos.line} beyond the file"
                if pos.line <= len(lines):
                    assert pos.col <= len(lines[pos.line - 1]) + 1, f"column beyond the line: {pos}"
    if report.unreadable:
        assert report.plan is None


@pytest.mark.parametrize("name", params())
def test_messages_are_chinese_and_one_line(name: str, tmp_path: Path) -> None:
    _, report = run_case(name, tmp_path)
    for d in report.diagnostics:
        for text in (d.message, d.hint, *(r.label for r in d.related)):
            assert "\n" not in text, f"{d.code} spans lines: {text!r}"
            unquoted = re.sub(r"“[^”]*”", "", text)
            assert not ENGLISH_SENTENCE.search(unquoted), f"{d.code} untranslated: {text!r}"


DISPLAYABLE = [
    name
    for name, _, _ in CASES
    if name not in GENERATED
    or name in ("038-gbk.yaml", "040-utf16.yaml", "047-long-line-notes.yaml")
]


@pytest.mark.parametrize("name", params(DISPLAYABLE))
def test_show_and_calendar_survive(name: str, tmp_path: Path) -> None:
    """``cadretrain show`` and ``calendar`` render whatever plan validate could load, with the
    exit code of the contract: 2 unreadable, 1 not loadable, else 0 with every class shown."""
    from typer.testing import CliRunner

    from cadretrain.cli.main import app

    path, report = run_case(name, tmp_path)
    expected = 2 if report.unreadable else 1 if report.plan is None else 0
    runner = CliRunner()
    for command in ("show", "calendar"):
        with time_limit(DEADLINE):
            result = runner.invoke(app, [command, str(path)], env={"COLUMNS": "200"})
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(
            result.exception
        )
        assert result.exit_code == expected, (command, result.output)
        if expected:
            assert CJK.search(result.output), result.output
    if report.plan is not None:
        shown = runner.invoke(app, ["show", str(path)], env={"COLUMNS": "200"}).output
        for cls in report.plan.classes:
            assert (cls.short or cls.name)[:2] in shown, (cls.name, shown)


# ------------------------------------------------- details of particular cases


def test_unknown_keys_suggest_the_intended_key(tmp_path: Path) -> None:
    _, report = run_case("018-unknown-keys.yaml", tmp_path)
    hints = {
        d.message.split("“")[-1].rstrip("”"): d.hint
        for d in report.diagnostics
        if d.code == "CT101"
    }
    assert "“planned”" in hints["planed"]
    assert "“venue”" in hints["venu"]
    assert "“teachers”" in hints["teacher"]


def test_yaml_1_1_values_are_read_as_written(tmp_path: Path) -> None:
    _, report = run_case("032-yaml11-traps.yaml", tmp_path)
    assert report.plan is not None
    c = report.plan.classes[0]
    assert (c.name, c.short, c.audience, c.notes) == ("no", "yes", "off", "08:30")
    assert c.planned == 10


@pytest.mark.parametrize("name", ["038-gbk.yaml", "039-utf8-bom.yaml", "040-utf16.yaml"])
def test_other_encodings_read_without_mojibake(name: str, tmp_path: Path) -> None:
    path, report = run_case(name, tmp_path)
    assert report.plan is not None
    assert report.plan.title == "测试计划"
    assert [c.name for c in report.plan.classes] == ["中青年干部培训班"]
    notes = [d for d in report.diagnostics if d.code == "CT003"]
    assert len(notes) == (1 if name == "038-gbk.yaml" else 0)
    assert all(d.severity is Severity.INFO for d in notes)
    assert validate_files([path]).exit_code(strict=True) == 0


def test_weekend_class_reports_opening_and_closing_day(tmp_path: Path) -> None:
    _, report = run_case("026-weekend-class.yaml", tmp_path)
    (weekend,) = [d for d in report.diagnostics if d.code == "CT302"]  # one fact, one finding
    assert "开班日 2013年5月11日（周六）" in weekend.message
    assert "结业日 5月12日（周日）" in weekend.message


def test_conflicts_of_a_vague_class_are_possible_and_one_level_softer(tmp_path: Path) -> None:
    path, report = run_case("030-vague-date-conflicts.yaml", tmp_path)
    by_code = {d.code: d for d in report.diagnostics}
    assert by_code["CT204"].severity is Severity.WARNING
    for code in ("CT303", "CT304"):
        assert by_code[code].possible
        assert by_code[code].severity is Severity.WARNING  # an error when both dates are fixed
        assert by_code[code].related
    assert not report.count(Severity.ERROR)
    assert validate_files([path]).exit_code() == 0
    assert validate_files([path]).exit_code(strict=True) == 1


def test_fixed_conflicts_are_errors(tmp_path: Path) -> None:
    for name, code in (
        ("027-venue-over-capacity.yaml", "CT303"),
        ("028-teacher-double-booked.yaml", "CT304"),
    ):
        _, report = run_case(name, tmp_path)
        d = next(d for d in report.diagnostics if d.code == code)
        assert d.severity is Severity.ERROR and not d.possible
        assert d.related and d.related[0].pos.line < d.pos.line


def test_alias_bomb_is_cut_quickly_and_reported_a_bounded_number_of_times(tmp_path: Path) -> None:
    _, report = run_case("033-alias-bomb.yaml", tmp_path)
    assert (BROKEN / "033-alias-bomb.yaml").stat().st_size < 2048
    assert 1 <= sum(d.code == "CT006" for d in report.diagnostics) <= 20


def test_ten_thousand_null_classes_load_quickly(tmp_path: Path) -> None:
    _, report = run_case("050-ten-thousand-null-classes.yaml", tmp_path)
    assert report.plan is not None
    assert report.plan.classes == []
    nulls = [d for d in report.diagnostics if d.code == "CT123"]
    assert len(nulls) == 21  # 20 one by one, then one counting the other 9,980
    assert "另有 9980 个" in nulls[-1].message


def test_control_characters_from_escapes_are_replaced_in_the_plan(tmp_path: Path) -> None:
    _, report = run_case("071-control-character-escapes.yaml", tmp_path)
    assert report.plan is not None
    assert [c.name for c in report.plan.classes] == ["甲\ufffd班", "乙班"]
    assert report.plan.classes[1].notes == "第一行\ufffd[31m红字\ufffd"
    (bell,) = [d for d in report.diagnostics if d.pos.line == 4]
    assert "U+0007" in bell.message and "甲\\x07班" in bell.message


def test_beyond_the_limits_the_quota_command_refuses_in_chinese(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from cadretrain.cli.main import app

    for name, query in (
        ("072-huge-planned-dhondt.yaml", "a"),
        ("075-sessions-beyond-limits.yaml", "a"),
    ):
        path = tmp_path / name  # with a unit, so the class gets quotas (the decision table)
        text = case_path(name, tmp_path).read_text(encoding="utf-8")
        if "\nunits:" not in text:
            text += "units: [{id: u1, name: 城关镇, counts: {科员: 10}}]\n"
        path.write_text(text, encoding="utf-8")
        with time_limit(5.0):
            result = CliRunner().invoke(app, ["quota", str(path), "--class", query])
        assert result.exit_code == 1, result.output
        assert "[CT120]" in result.output and "超过上限" in result.output


@pytest.mark.parametrize("name", ["041-binary.png", "042-workbook.xlsx", "043-huge-50mb.yaml"])
def test_unreadable_files_exit_2(name: str, tmp_path: Path) -> None:
    path = case_path(name, tmp_path)
    with time_limit(2.0):
        assert validate_files([path]).exit_code() == 2


def test_deep_block_nesting_is_reported_once(tmp_path: Path) -> None:
    _, report = run_case("037-deep-block-nesting.yaml", tmp_path)
    assert sum(d.code == "CT008" for d in report.diagnostics) == 1


def test_invalid_planned_is_not_reported_as_missing(tmp_path: Path) -> None:
    _, report = run_case("010-planned-chinese-number.yaml", tmp_path)
    assert "CT202" not in {d.code for d in report.diagnostics}


def test_long_values_are_shortened_in_messages(tmp_path: Path) -> None:
    _, report = run_case("048-long-line-id.yaml", tmp_path)
    assert report.diagnostics
    assert all(len(d.message) < 300 for d in report.diagnostics)


def test_control_character_in_text_has_a_position() -> None:
    from cadretrain.year.validate import validate_text

    report = validate_text(HEADER + "classes:\n  - {id: a, name: 甲\x07班, when: 2013年5月7日}\n")
    (d,) = report.diagnostics
    assert (d.code, d.pos.line, d.pos.col) == ("CT005", 3, 20)
