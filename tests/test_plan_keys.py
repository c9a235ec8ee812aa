"""Each key of the plan format is declared once, on the model attribute it fills
(``cadretrain.plan.keys``): the schema, the loader and the key tables of docs/计划格式.md all
follow that one declaration.

The tables in the page are regenerated with::

    python -m tests.test_plan_keys --update
"""

from __future__ import annotations

import re
import sys
from dataclasses import fields
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from cadretrain.plan.keys import Inline, declarations
from cadretrain.plan.model import Plan
from cadretrain.plan.schema import MODELS, SECTIONS, TITLES, keys_markdown, section_keys
from cadretrain.year.pipeline import parse_year
from tests.conftest import HEADER, ROOT, codes, load

PAGE = ROOT / "docs" / "计划格式.md"
BLOCK = re.compile(r"(<!-- 键表：([a-z_ ]+) -->\n)(.*?)(<!-- 键表结束 -->)", re.S)


def regenerated(page: str) -> str:
    """The page with every key table block rewritten from the declarations."""
    return BLOCK.sub(
        lambda m: m.group(1) + "\n" + keys_markdown(m.group(2).split()) + "\n" + m.group(4), page
    )


def test_the_key_tables_on_the_plan_format_page_are_current() -> None:
    page = PAGE.read_text(encoding="utf-8")
    assert page == regenerated(page), "run: python -m tests.test_plan_keys --update"


def test_the_page_has_a_table_for_every_section_once() -> None:
    listed = [n for m in BLOCK.finditer(PAGE.read_text(encoding="utf-8")) for n in m[2].split()]
    assert sorted(listed) == sorted(SECTIONS) == sorted(TITLES)


def test_every_declared_key_is_a_field_of_its_model() -> None:
    for name, (cls, section) in MODELS.items():
        owners = [cls] + [d.cls for d in declarations(cls, section) if isinstance(d, Inline)]
        attrs = {f.name for owner in owners for f in fields(owner)}
        declared = section_keys(name)
        assert declared, name
        assert [k.name for k in declared] == list(SECTIONS[name]), name
        for k in declared:
            assert k.attr in attrs, (name, k)
            assert re.search(r"[\u4e00-\u9fff]", k.field.desc), (name, k)
            enum = k.field.kind in ("enum", "list:enum")
            assert enum == bool(k.field.choices), (name, k)


# A plan that writes every key of every section, none with its default value.
FULL = """\
plan:
  title: 测试计划
  year: 2013
  organizer: 县委组织部
  issued: 2013-02-19
  doc_number: 县组〔2013〕1号
  classes_declared: 3个班次、4期
  guiding: 指导思想
  measures: 方法措施
  leadership: [加强领导]
  assessment: [考核内容]
  topic_menu: [专题一]
  register: 名册.csv
  hours_per_day: 6
  online_hours: 20
  teacher_pool: {satisfied: 0.8, classes: 1, floor: 0.5}
  leave_rule: {脱产: 1/5, 业余: 1/6, 网络: 不限}
  roster_columns: [序号, 姓名]
  organizers: {主办: [县委组织部, 县人社局]}
  recipients: [各乡镇党委]
  requirements: [按时报到]
  leave_approval: 县委组织部
  notes: 备注
  ignore: {CT204: 待定}
  length_unit: 培训日
  spring_term: 3月4日—7月12日
  autumn_term: 9月2日—12月27日
  cc: [县委办公室]
  printed_by: 县委组织部办公室
  printed_on: 2013-02-20
  notice_formats: [pdf]
calendar:
  weekend_days: allow
  extra_holidays: [2013-05-06]
  extra_workdays: [2013-05-11]
  closed: [7月15日—8月31日]
ranks: [正职, 副职]
rank_ladders: [{name: 职级, ranks: [一级调研员, 一级主任科员], leaders: [一级调研员]}]
tags: [中青年]
units:
  - {id: u1, name: 城关镇, kind: 镇, parent: u2, aliases: [城关], counts: {正职: 5}}
  - {id: u2, name: 县委办, kind: 县直}
units_file: units.yaml
venues: [{id: ps, name: 党校, capacity: 100, external: true, address: 路一号}]
teachers: [{id: t1, name: 张三, title: 教授, org: 大学, pool: true}]
classes:
  - id: a
    name: 甲班
    short: 甲
    half: 下半年
    audience: 对象
    eligible: {rank: [正职], rank_at_least: 副职, rank_at_most: 正职, gender: 女, tags: [中青年]}
    planned: 40
    when: 2013年9月2日—13日
    sessions: {count: 2, days: 3}
    weekends: true
    closed_door: true
    fieldwork_days: 1
    hours_per_day: 6.5
    venue: ps
    topics: [专题]
    modules: {板块: [专题]}
    teachers: [t1]
    quota: {method: dhondt, min: 1, max: 30, per_session_max: 10}
    grading: {weights: {笔试: 1}, excellent: 85, pass: 55, excellent_share: 0.25}
    kind: 业余
    leave_limit: 1/10
    exceptions: [{name: 李四, id_number: 110101198001010016, reason: 经批准}]
    selection: 推荐
    register_share: 60
    organizers: {主办: [县委组织部], 承办: [县委党校], 协办: [县妇联]}
    recipients: [县直各单位]
    requirements: [遵守纪律]
    notes: 班次备注
    cc: [县委宣传部]
    ignore: {CT302: 经同意周末上课}
  - id: b
    name: 乙班
    when: {start: 2013-10-08, end: 2013-10-18}
    sessions: [{when: 10月8日—9日, planned: 20, venue: ps, teachers: [t1]}]
  - id: c
    name: 丙班
    when: 2013年11月4日—15日
    per_unit: {kind: [镇], units: [u1], max_size: 10, days: 2}
"""


def written(plan: Plan) -> dict[str, Any]:
    """The object each section of ``FULL`` fills."""
    a, b, c = plan.classes  # c: the class per_unit makes for u1
    return {
        "root": plan,
        "plan": plan,
        "calendar": plan.calendar,
        "unit": plan.units["u1"],
        "venue": plan.venues["ps"],
        "teacher": plan.teachers["t1"],
        "class": a,
        "per_unit": c.per_unit,
        "grading": a.grading,
        "teacher_pool": plan.teacher_pool,
        "quota": a.quota,
        "eligible": a.eligible_rules[0],
        "session": b.sessions[0],
        "leave_rule": plan.leave_rule,
        "exception": a.exceptions[0],
        "organizers": a.organizers,
        "rank_ladder": plan.rank_ladders[0],
    }


SPECIAL = {  # keys read into another shape than the attribute's own (tested below)
    ("root", "plan"),  # the plan: mapping itself
    ("class", "eligible"),  # resolved into Eligible
    ("class", "sessions"),  # {count, days} fill session_count and session_days
}


@pytest.mark.parametrize("section", sorted(set(MODELS) - {"sessions", "span"}))
def test_every_key_written_reaches_its_attribute(section: str, tmp_path: Path) -> None:
    (tmp_path / "units.yaml").write_text("- {id: u3, name: 三镇}\n", encoding="utf-8")
    plan, diags = load(FULL, str(tmp_path / "plan.yaml"))
    assert plan is not None
    assert not [d for d in diags if d.code in ("CT101", "CT102", "CT103")], diags
    target = written(plan)[section]
    for k in section_keys(section):
        if (section, k.name) in SPECIAL:
            continue
        owner = target
        if section == "plan" and hasattr(plan.texts, k.attr):
            owner = plan.texts  # guiding … are written in plan: and read into plan.texts
        elif section == "plan" and hasattr(plan.dates, k.attr):
            owner = plan.dates  # length_unit, spring_term, autumn_term: read into plan.dates
        elif section == "plan" and hasattr(plan.imprint, k.attr):
            owner = plan.imprint  # cc, printed_by … (the 版记) are read into plan.imprint
        elif (section, k.name) == ("class", "per_unit"):
            owner = plan.classes[2]
        value = getattr(owner, k.attr)
        assert value not in (None, "", [], {}) and value != k.default, (section, k.name, value)


def test_special_keys_are_read_into_their_shapes(tmp_path: Path) -> None:
    (tmp_path / "units.yaml").write_text("- {id: u3, name: 三镇}\n", encoding="utf-8")
    plan, _ = load(FULL, str(tmp_path / "plan.yaml"))
    assert plan is not None
    a, b, c = plan.classes
    assert (a.session_count, a.session_days) == (2, 3)
    assert a.eligible is not None and a.eligible[0].ranks == frozenset({"正职"})
    assert plan.plan_rec.pos.line == 2  # the plan: mapping, for positions
    assert b.when is not None and (b.when.start.day, b.when.end.day) == (8, 18)
    assert (c.id, c.per_unit is not None) == ("c", True)  # loading keeps the template
    year = parse_year(FULL, str(tmp_path / "plan.yaml"), checks=False)
    assert year is not None
    expanded = year.plan.classes[2]
    assert (expanded.id, expanded.template, year.plan.classes_listed) == ("c-u1", "c", 3)
    assert list(plan.units) == ["u1", "u2", "u3"]  # units_file adds to units


def test_grading_is_read_once_with_the_plan() -> None:
    text = HEADER + (
        "classes:\n"
        "  - {id: a, name: 甲班, when: 2013-05-07,\n"
        "     grading: {weights: {笔试: 3, 面试: 0}, excellent: 87.5, excellent_share: 0.2}}\n"
        "  - {id: b, name: 乙班, when: 2013-05-08, grading: {weights: {笔试: 0}}}\n"
        "  - {id: c, name: 丙班, when: 2013-05-09, grading: {pass: 六十}}\n"
    )
    plan, diags = load(text)
    assert plan is not None
    a, b, c = (cls.grading for cls in plan.classes)
    assert a.weights == {"笔试": 3}  # a weight of 0 leaves the component out
    assert (a.excellent, a.passing, a.excellent_share) == (Fraction(175, 2), 60, Fraction(1, 5))
    assert b.weights == {"学习态度": 20, "培训考勤": 30, "学习结果": 30, "成果转化": 20}
    assert c.passing == 60 and codes(diags) == ["CT103"]  # reported where it is, default kept
    assert (diags[0].pos.line, "六十" in diags[0].message) == (6, True)


def test_teacher_pool_is_read_once_with_the_plan() -> None:
    head = HEADER.replace("}", ", teacher_pool: {satisfied: 0.85, classes: 0}}")
    plan, _ = load(head + "classes: []\n")
    assert plan is not None
    assert (plan.teacher_pool.satisfied, plan.teacher_pool.classes) == (Fraction(17, 20), 2)
    assert plan.teacher_pool.floor == Fraction(3, 5)


if __name__ == "__main__":  # pragma: no cover - the maintainer's update step
    if sys.argv[1:] != ["--update"]:
        sys.exit(__doc__)
    PAGE.write_text(regenerated(PAGE.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"{PAGE.relative_to(ROOT)}: key tables rewritten")
