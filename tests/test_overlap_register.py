"""Audience overlap of classes meeting on the same day, from a real register file: counted
(CT413) when the register covers both audiences, judged by the rules' shape (CT305)
otherwise."""

from __future__ import annotations

from pathlib import Path

from cadretrain.core.diagnostics import Diagnostic, Severity
from cadretrain.year.validate import validate_file

COLUMNS = "序号,姓名,性别,民族,出生年月,单位,职务,职级,政治面貌,学历,身份证号,联系电话,中青年"
SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜"


def id_number(n: int) -> str:
    body = f"999999198{n % 10}01{(n % 28) + 1:02d}{n:03d}"[:17]
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    check = "10X98765432"[sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11]
    return body + check


def write_register(path: Path, people: list[tuple[str, bool]]) -> list[str]:
    """One row per (rank, 中青年) pair; returns the names in register order."""
    rows = [COLUMNS]
    names = []
    for i, (rank, young) in enumerate(people, start=1):
        name = SURNAMES[i % len(SURNAMES)] + "某" + "一二三四五六七八九十"[i % 10] + str(i)
        names.append(name)
        rows.append(
            f"{i},{name},男,汉族,1980.01,城关镇,干部,{rank},中共党员,大学本科,"
            f"{id_number(i)},1390000{i:04d},{'是' if young else ''}"
        )
    path.write_text("\n".join(rows) + "\n", encoding="utf-8-sig")
    return names


def plan(tmp_path: Path, young_planned: int, rank_planned: int, rank_when: str) -> Path:
    text = f"""\
plan: {{title: 测试计划, year: 2013, register: reg.csv}}
ranks: [乡科级正职, 乡科级副职, 科员]
tags: [中青年]
units: [{{id: cg, name: 城关镇}}]
classes:
  - {{id: young, name: 中青年干部培训班, when: 2013年5月6日—10日, planned: {young_planned},
      eligible: {{tags: [中青年]}}}}
  - {{id: rank, name: 乡科级干部培训班, when: {rank_when}, planned: {rank_planned},
      eligible: {{rank: [乡科级副职]}}}}
"""
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def overlap(path: Path) -> list[Diagnostic]:
    return [d for d in validate_file(path).diagnostics if d.code in ("CT305", "CT413")]


# 10 young 乡科级副职, 30 young 科员, 20 乡科级副职 who are not young
MIXED = [("乡科级副职", True)] * 10 + [("科员", True)] * 30 + [("乡科级副职", False)] * 20


def test_register_counts_cadres_who_satisfy_both_rules_and_names_a_few(tmp_path: Path) -> None:
    names = write_register(tmp_path / "reg.csv", MIXED)
    (found,) = overlap(plan(tmp_path, 40, 30, "2013年5月8日—9日"))
    assert (found.code, found.severity, found.possible) == ("CT413", Severity.WARNING, False)
    assert "10 人" in found.message and "2013年5月8日—9日" in found.message
    assert "、".join(names[:3]) + "等" in found.message  # the first three, in register order
    assert found.pos.line == 8  # the later class's when
    assert found.related and found.related[0].pos.line == 6


def test_no_common_cadre_in_a_register_covering_both_audiences_is_silent(tmp_path: Path) -> None:
    people = [("科员", True)] * 40 + [("乡科级副职", False)] * 30
    write_register(tmp_path / "reg.csv", people)
    assert overlap(plan(tmp_path, 40, 30, "2013年5月8日—9日")) == []


def test_classes_on_different_days_are_never_compared(tmp_path: Path) -> None:
    write_register(tmp_path / "reg.csv", MIXED)
    assert overlap(plan(tmp_path, 40, 30, "2013年5月13日—14日")) == []


def test_a_register_that_barely_covers_one_audience_falls_back_to_the_rules(
    tmp_path: Path,
) -> None:
    write_register(tmp_path / "reg.csv", MIXED)
    # 30 乡科级副职 in the register, 200 planned: under the 50 % of the decision table
    (found,) = overlap(plan(tmp_path, 40, 200, "2013年5月8日—9日"))
    assert (found.code, found.severity, found.possible) == ("CT305", Severity.INFO, True)
    assert "一方限定职级" in found.message


def test_without_a_register_a_tag_rule_against_a_rank_rule_is_a_possible_note(
    tmp_path: Path,
) -> None:
    path = plan(tmp_path, 40, 30, "2013年5月8日—9日")
    path.write_text(path.read_text(encoding="utf-8").replace(", register: reg.csv", ""), "utf-8")
    (found,) = overlap(path)
    assert (found.code, found.severity, found.possible) == ("CT305", Severity.INFO, True)


def test_register_overlap_with_a_class_of_vague_dates_is_possible_and_softer(
    tmp_path: Path,
) -> None:
    write_register(tmp_path / "reg.csv", MIXED)
    (found,) = overlap(plan(tmp_path, 40, 30, "5月上旬"))
    assert (found.code, found.severity, found.possible) == ("CT413", Severity.INFO, True)
    assert "期间" in found.message


def test_the_2013_plan_counts_its_register_and_keeps_the_rule_check_for_the_rest() -> None:
    root = Path(__file__).resolve().parent.parent
    found = overlap(root / "plans" / "2013-county.yaml")
    counted = {d.message.split("”")[1].lstrip("与“") for d in found if d.code == "CT413"}
    assert counted == {"春期中青年班"}
    assert all(d.code == "CT305" and d.possible for d in found if d.code != "CT413")
    assert sum(d.code == "CT413" for d in found) == 3
