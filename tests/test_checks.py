"""Checks on real plans and on small ones: what is found, where, and how severe."""

from __future__ import annotations

from collections import Counter

from cadretrain.core.diagnostics import Severity
from cadretrain.year.validate import validate_file, validate_text
from tests.conftest import HEADER, ROOT


def found(text: str) -> list[tuple[str, str, int]]:
    return [
        (d.code, d.severity.value, d.pos.line) for d in validate_text(HEADER + text).diagnostics
    ]


def test_2013_plan_findings_are_what_a_careful_reader_finds() -> None:
    report = validate_file(ROOT / "plans" / "2013-county.yaml")
    by_code = Counter(d.code for d in report.diagnostics)
    # 3/13–3/23 holds 8 workdays; 3 sessions × 3 days need 9
    assert by_code["CT301"] == 1
    # weekend start/end days: 3/23 Sat, 5/11 Sat + 5/12 Sun (one finding: the class is held on
    # that weekend only), 7/13 Sat, 8/10 Sat, 8/18 Sun, 12/8 Sun
    assert by_code["CT302"] == 6
    # no headcount: 党务干部班, 县域经济研修班, 赊店大讲坛
    assert by_code["CT202"] == 3
    # vague dates: 十月中下旬 and 11月份
    assert by_code["CT204"] == 2
    # the 县域经济 class (vague) may take 中青年 cadres away from the autumn 中青年 class, and
    # so may the 赊店大讲坛 (11月份, 主要领导 of 乡科级正职): neither has planned, so the
    # register does not decide for them and the rules' shape does
    assert by_code["CT305"] == 2
    for possible in (d for d in report.diagnostics if d.code == "CT305"):
        assert possible.possible and possible.severity is Severity.INFO
    # the register covers the spring 中青年 class and the three classes meeting during it
    assert by_code["CT413"] == 3
    # 入党积极分子 and 村社区书记 are (mostly) not in the cadre register: 38 of 200, 0 of 257
    uncovered = sorted(d.message.split("”")[0] for d in report.diagnostics if d.code == "CT206")
    assert uncovered == ["班次“入党积极分子班", "班次“村社区书记班"]
    assert set(by_code) == {"CT301", "CT302", "CT202", "CT204", "CT206", "CT305", "CT413"}
    assert report.count(Severity.ERROR) == 1
    rotation = next(d for d in report.diagnostics if d.code == "CT301")
    assert "需要 9 个培训日" in rotation.message and "只有 8 个培训日" in rotation.message


def test_examples_load_without_shape_errors() -> None:
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        report = validate_file(path)
        assert report.plan is not None, path
        shape = [
            d
            for d in report.diagnostics
            if d.code.startswith(("CT0", "CT1")) and d.severity is not Severity.INFO
        ]  # notes (CT133 …) say how a date or headcount was read
        assert shape == [], (path, [d.line() for d in shape])


def test_venue_capacity_is_summed_per_day() -> None:
    text = (
        "venues: [{id: ps, name: 县委党校, capacity: 200}]\n"
        "classes:\n"
        "  - {id: a, name: 甲班, when: 2013年5月7日---5月9日, planned: 150, venue: ps}\n"
        "  - {id: b, name: 乙班, when: 2013年5月9日---5月10日, planned: 60, venue: ps}\n"
        "  - {id: c, name: 丙班, when: 2013年5月10日, planned: 100, venue: ps}\n"
    )
    report = validate_text(HEADER + text)
    over = [d for d in report.diagnostics if d.code == "CT303"]
    assert len(over) == 1  # 5/9: 150 + 60 = 210 > 200; 5/10: 60 + 100 = 160 fits
    assert "2013年5月9日" in over[0].message and "210 人" in over[0].message
    assert over[0].pos.line == 5 and over[0].related[0].pos.line == 4


def test_external_venue_is_not_checked() -> None:
    text = (
        "venues: [{id: x, name: 南阳师院, capacity: 10, external: true}]\n"
        "classes:\n"
        "  - {id: a, name: 甲班, when: 2013年5月7日, planned: 150, venue: x}\n"
        "  - {id: b, name: 乙班, when: 2013年5月7日, planned: 150, venue: x}\n"
    )
    codes = {c for c, _, _ in found(text)}
    assert "CT303" not in codes and "CT203" not in codes


def test_pool_teacher_is_never_double_booked_but_a_named_one_is() -> None:
    text = (
        "teachers: [{id: ps, name: 县委党校教师, pool: true}, {id: tian, name: 田瑞娟}]\n"
        "classes:\n"
        "  - {id: a, name: 甲班, when: 2013年5月7日---5月9日, teachers: [ps, tian]}\n"
        "  - {id: b, name: 乙班, when: 2013年5月9日, teachers: [ps, tian]}\n"
    )
    report = validate_text(HEADER + text)
    booked = [d for d in report.diagnostics if d.code == "CT304"]
    assert len(booked) == 1
    assert "田瑞娟" in booked[0].message and "县委党校教师" not in booked[0].message
    assert "2013年5月9日" in booked[0].message


def test_teacher_on_touching_but_not_shared_days_is_fine() -> None:
    text = (
        "teachers: [{id: tian, name: 田瑞娟}]\n"
        "classes:\n"
        "  - {id: a, name: 甲班, when: 2013年5月7日---5月9日, teachers: [tian]}\n"
        "  - {id: b, name: 乙班, when: 2013年5月10日, teachers: [tian]}\n"
    )
    assert "CT304" not in {c for c, _, _ in found(text)}


def test_conflict_with_an_unscheduled_class_is_possible_and_softer() -> None:
    text = (
        "teachers: [{id: tian, name: 田瑞娟}]\n"
        "classes:\n"
        "  - {id: a, name: 甲班, when: 2013年10月14日---18日, teachers: [tian]}\n"
        "  - {id: b, name: 乙班, when: 十月中下旬，为期一周, teachers: [tian]}\n"
    )
    report = validate_text(HEADER + text)
    booked = next(d for d in report.diagnostics if d.code == "CT304")
    assert booked.possible
    assert booked.severity is Severity.WARNING  # an exact double booking is an error


def test_audience_rules_rank_sets_gender_and_tags() -> None:
    base = "classes:\n  - {id: a, name: 甲班, when: 2013年5月7日, eligible: %s}\n"
    base += "  - {id: b, name: 乙班, when: 2013年5月7日, eligible: %s}\n"
    ranks = "ranks: [县处级, 乡科级正职, 乡科级副职]\n"

    def clash(a: str, b: str) -> bool:
        return ("CT305", "warning") in {(c, s) for c, s, _ in found(ranks + base % (a, b))}

    def maybe(a: str, b: str) -> bool:  # a tag rule against a rank rule: a possible note
        return ("CT305", "info") in {(c, s) for c, s, _ in found(ranks + base % (a, b))}

    assert clash("{rank: [乡科级正职]}", "{rank: [乡科级正职, 乡科级副职]}")
    assert not clash("{rank: [乡科级正职]}", "{rank: [乡科级副职]}")
    assert not clash("{gender: 女, rank_at_least: 乡科级副职}", "{gender: 男, rank: [乡科级正职]}")
    assert clash("{gender: 女, rank_at_least: 乡科级副职}", "{rank: [乡科级正职]}")
    assert clash("{tags: [中青年]}", "{tags: [中青年, 女干部]}")
    assert not clash("{tags: [中青年]}", "{tags: [团干部]}")
    assert not clash("{tags: [中青年]}", "{rank: [乡科级正职]}")
    assert maybe("{tags: [中青年]}", "{rank: [乡科级正职]}")
    assert not maybe("{tags: [中青年]}", "{tags: [团干部]}")
    assert clash("[{tags: [团干部]}, {tags: [中青年]}]", "{tags: [中青年]}")


def test_weekend_policy_allow_warn_error() -> None:
    cls = "classes:\n  - {id: a, name: 甲班, when: 2013年5月11日—12日}\n"
    for policy, expected in (("allow", None), ("warn", "warning"), ("error", "error")):
        got = {
            sev
            for c, sev, _ in found(f"calendar: {{weekend_days: {policy}}}\n" + cls)
            if c == "CT302"
        }
        assert got == (set() if expected is None else {expected}), policy
    weekends = "classes:\n  - {id: a, name: 甲班, when: 2013年5月11日—12日, weekends: true}\n"
    assert "CT302" not in {c for c, _, _ in found(weekends)}


def test_holiday_start_is_reported_with_its_name_and_extra_workday_overrides() -> None:
    cls = "classes:\n  - {id: a, name: 甲班, when: 2013年10月7日---10日}\n"
    report = validate_text(HEADER + cls)
    holiday = next(d for d in report.diagnostics if d.code == "CT302")
    assert "2013年10月7日" in holiday.message and "国庆" in holiday.message
    override = "calendar: {extra_workdays: [2013-10-07]}\n"
    assert "CT302" not in {c for c, _, _ in found(override + cls)}


def test_shifted_workday_is_not_a_weekend() -> None:
    # 2013-09-22 (Sunday) was a 调休 working day
    cls = "classes:\n  - {id: a, name: 甲班, when: 2013年9月22日---24日}\n"
    assert "CT302" not in {c for c, _, _ in found(cls)}


def test_unknown_year_warns_once() -> None:
    text = "classes:\n  - {id: a, name: 甲班, when: 2099年5月7日, planned: 9}\n"
    report = validate_text("plan: {title: 计划, year: 2099}\n" + text)
    assert [d.code for d in report.diagnostics] == ["CT205"]
