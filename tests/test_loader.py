"""Reading plan files: YAML 1.1 traps, duplicate keys, aliases, types, positions."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.conftest import HEADER, codes, load


def test_minimal_plan_loads() -> None:
    plan, diags = load(HEADER + "classes:\n  - {id: a, name: 甲班, when: 2013-05-07}\n")
    assert diags == []
    assert plan is not None
    assert plan.year == 2013
    assert plan.classes[0].when is not None
    assert plan.classes[0].when.start == date(2013, 5, 7)


def test_no_yes_on_off_stay_text_in_text_fields() -> None:
    text = HEADER + (
        "classes:\n  - {id: a, name: no, short: yes, audience: off, when: 2013-05-07, notes: on}\n"
    )
    plan, diags = load(text)
    assert diags == []
    assert plan is not None
    c = plan.classes[0]
    assert (c.name, c.short, c.audience, c.notes) == ("no", "yes", "off", "on")


def test_yes_no_are_booleans_where_a_boolean_is_expected() -> None:
    text = HEADER + (
        "venues: [{id: v, name: 场地, external: yes}]\n"
        "teachers: [{id: t, name: 教师, pool: no}]\n"
        "classes: []\n"
    )
    plan, diags = load(text)
    assert diags == []
    assert plan is not None
    assert plan.venues["v"].external is True
    assert plan.teachers["t"].pool is False


def test_leading_zero_time_and_octal_looking_values_are_read_as_written() -> None:
    text = HEADER + (
        "venues: [{id: v, name: 010, address: '08:30'}]\n"
        "classes:\n  - {id: a, name: '甲', when: 2013-05-07, planned: 010, notes: 08:30}\n"
    )
    plan, diags = load(text)
    assert diags == []
    assert plan is not None
    assert plan.venues["v"].name == "010"
    assert plan.classes[0].planned == 10  # decimal, not octal 8
    assert plan.classes[0].notes == "08:30"  # not 510


def test_headcount_written_with_unit_or_full_width_digits() -> None:
    text = HEADER + "classes:\n  - {id: a, name: 甲, when: 2013-05-07, planned: ４５人}\n"
    plan, diags = load(text)
    assert diags == []
    assert plan is not None and plan.classes[0].planned == 45


def test_duplicate_key_is_reported_at_the_second_with_the_first_related() -> None:
    text = HEADER + "classes: []\nclasses: []\n"
    _, diags = load(text)
    assert codes(diags) == ["CT007"]
    d = diags[0]
    assert (d.pos.line, d.pos.col) == (3, 1)
    assert d.related[0].pos.line == 2
    assert "classes" in d.message


def test_alias_is_reported_at_the_alias_itself() -> None:
    text = HEADER + "tags: &t [中青年]\nranks: *t\nclasses: []\n"
    _, diags = load(text)
    assert codes(diags) == ["CT006"]
    assert (diags[0].pos.line, diags[0].pos.col) == (3, 8)


def test_alias_bomb_is_cut_without_blowing_up() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 30):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 10)}]")
    text = HEADER + "\n".join(lines) + "\nclasses: []\n"
    _, diags = load(text)
    assert "CT006" in codes(diags)
    assert len([d for d in diags if d.code == "CT006"]) <= 20


def test_merge_key_is_refused() -> None:
    text = (
        HEADER
        + "base: &b {planned: 1}\nclasses:\n  - {<<: *b, id: a, name: 甲, when: 2013-05-07}\n"
    )
    _, diags = load(text)
    assert "CT006" in codes(diags)


def test_unknown_key_suggests_the_closest() -> None:
    text = HEADER + "classes:\n  - {id: a, name: 甲, when: 2013-05-07, planed: 10}\n"
    _, diags = load(text)
    assert codes(diags) == ["CT101"]
    assert "planed" in diags[0].message
    assert "planned" in diags[0].hint
    assert (diags[0].pos.line, diags[0].pos.col) == (3, 40)


def test_missing_required_and_wrong_type() -> None:
    text = (
        HEADER
        + "classes:\n  - {id: a, name: 甲}\n"
        + "  - {id: b, name: 乙, when: 2013-05-07, planned: 很多}\n"
    )
    _, diags = load(text)
    assert sorted(codes(diags)) == ["CT102", "CT103"]
    wrong = next(d for d in diags if d.code == "CT103")
    assert "很多" in wrong.message


def test_impossible_date_is_reported_with_position() -> None:
    text = HEADER + "classes:\n  - id: a\n    name: 甲\n    when: 2013-02-30\n"
    _, diags = load(text)
    assert codes(diags) == ["CT104"]
    assert diags[0].pos.line == 5
    assert "2013" in diags[0].message and "30" in diags[0].message


def test_unreadable_when_points_into_the_text() -> None:
    text = HEADER + "classes:\n  - id: a\n    name: 甲\n    when: 秋天\n"
    _, diags = load(text)
    assert codes(diags) == ["CT112"]
    assert diags[0].pos.line == 5
    assert diags[0].pos.col >= 11


def test_bad_id_is_reported() -> None:
    text = HEADER + "classes:\n  - {id: 春期班, name: 甲, when: 2013-05-07}\n"
    _, diags = load(text)
    assert codes(diags) == ["CT113"]


def test_top_level_list_is_not_a_plan() -> None:
    plan, diags = load("- a\n- b\n")
    assert plan is None
    assert codes(diags) == ["CT103"]


def test_syntax_error_has_line_and_column_in_chinese() -> None:
    plan, diags = load(HEADER + "classes: [\n  {id: a\n")
    assert plan is None
    assert codes(diags) == ["CT005"]
    assert diags[0].pos.line >= 2
    assert "YAML 语法错误" in diags[0].message


def test_empty_and_comment_only_files() -> None:
    for text in ("", "   \n\n", "# 只有注释\n"):
        plan, diags = load(text)
        assert plan is None
        assert codes(diags) == ["CT009"]


def test_units_can_live_in_their_own_file(tmp_path: Path) -> None:
    from cadretrain.year.validate import validate_file

    (tmp_path / "units.yaml").write_text(
        "- {id: chengguan, name: 城关镇, kind: 乡镇}\n"
        "- {id: zzb, name: 县委组织部, knd: 县直单位}\n",
        encoding="utf-8",
    )
    (tmp_path / "plan.yaml").write_text(
        HEADER + "units_file: units.yaml\nunits: [{id: fgw, name: 县发改委}]\nclasses: []\n",
        encoding="utf-8",
    )
    report = validate_file(tmp_path / "plan.yaml")
    assert report.plan is not None
    assert list(report.plan.units) == ["fgw", "chengguan", "zzb"]
    (typo,) = report.diagnostics
    assert typo.code == "CT101" and typo.pos.file.endswith("units.yaml")
    assert (typo.pos.line, typo.pos.col) == (2, 26)  # columns count characters, not bytes
