"""Shapes real plans have (issue 13, item 4): several organizers per class with their roles,
sessions with their own teachers, headcount and venue, parallel rank ladders mapped to the
条例 Art. 14 groups, and the list form of ``eligible`` documented up front.

Plans are real YAML run through the year pipeline; notices are rendered and read back."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import yaml

from cadretrain.core.diagnostics import Sink
from cadretrain.documents.ics import ics_text
from cadretrain.documents.notice import render_notice
from cadretrain.enroll.forms import instructions
from cadretrain.enroll.quota_table import class_quota
from cadretrain.plan.lookup import find_class
from cadretrain.records.ledger import BASIC, LEADER, Entry, Ledger, Person
from cadretrain.records.ledger_check import check, rank_group
from cadretrain.year.model import Year
from cadretrain.year.pipeline import load_year, parse_year
from tests.conftest import HEADER, ROOT, codes

PLAN = """\
plan:
  title: 测试县2013年干部教育培训计划
  year: 2013
  organizer: 中共测试县委组织部
  issued: 2013-02-19
PLAN_KEYS
ranks: [乡科级正职, 科员]
units:
  - {id: jia, name: 甲镇, kind: 乡镇, counts: {乡科级正职: 20}}
  - {id: czj, name: 县财政局, kind: 县直单位, counts: {乡科级正职: 10}}
venues:
  - {id: ps, name: 县委党校, capacity: 100}
  - {id: south, name: 县委党校南校区, capacity: 40}
teachers:
  - {id: t, name: 县委党校教师, pool: true}
  - {id: w, name: 王静, title: 教授, org: 河南省团校}
  - {id: tian, name: 田瑞娟, title: 教授, org: 省妇联干校}
classes:
  - id: c1
    name: 全县乡科级干部专题培训班
    eligible: {rank: [乡科级正职]}
    planned: 30
    when: 2013年4月8日—12日
    venue: ps
    topics: [十八大精神]
CLASS_KEYS
"""


def year_of(
    tmp_path: Path, plan_keys: str = "", class_keys: str = "", more: str = "", month: bool = False
) -> Year:
    text = PLAN.replace("PLAN_KEYS\n", plan_keys).replace("CLASS_KEYS\n", class_keys + more)
    if month:  # the class runs through April
        text = text.replace("2013年4月8日—12日", "2013年4月8日—30日")
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    sink = Sink()
    year = load_year(path, sink)
    assert year is not None, sink.items
    assert not [d for d in sink.items if d.severity.name == "ERROR"], sink.items
    return year


def notice(year: Year, cls_id: str, fmt: str = "html") -> str:
    out = render_notice(year, find_class(year.plan, cls_id), fmt)
    assert isinstance(out, str)
    return out


def signatures(html: str) -> list[str]:
    block = html.split('<div class="sign">', 1)[1].split("</div>", 1)[0]
    return re.findall(r"<p>(.*?)</p>", block)


def opening(html: str) -> str:
    return re.findall(r"<p>(根据《.*?)</p>", html)[0]


# ── organizers ───────────────────────────────────────────────────────────────


def test_a_plan_with_one_organizer_keeps_its_notice(tmp_path: Path) -> None:
    html = notice(year_of(tmp_path), "c1")
    assert '<div class="mark" style="font-size: ' in html and ">中共测试县委组织部文件<" in html
    assert signatures(html) == ["中共测试县委组织部", "2013年2月19日"]
    assert opening(html) == (
        "根据《测试县2013年干部教育培训计划》安排，经研究，决定举办全县乡科级干部专题培训班。"
        "现将有关事项通知如下："
    )
    assert "报送中共测试县委组织部。" in html


def test_several_lead_organizers_issue_the_notice_jointly(tmp_path: Path) -> None:
    keys = (
        "    organizers:\n      主办: [中共测试县委组织部, 测试县人力资源和社会保障局]\n"
        "      承办: 县委党校\n      协办: [县妇联, 团县委]\n"
    )
    year = year_of(tmp_path, class_keys=keys)
    html = notice(year, "c1")
    mark = html.split('<div class="mark joint"', 1)[1].split("</div>", 1)[0]
    assert re.findall(r'<span style="display: block">(.*?)</span>', mark) == [
        "中共测试县委组织部",
        "测试县人力资源和社会保障局",
    ]
    assert mark.rstrip().endswith("文件</span>")
    assert signatures(html) == ["中共测试县委组织部", "测试县人力资源和社会保障局", "2013年2月19日"]
    assert opening(html) == (
        "根据《测试县2013年干部教育培训计划》安排，经研究，决定联合举办全县乡科级干部专题培训班，"
        "由县委党校承办，县妇联、团县委协办。现将有关事项通知如下："
    )
    assert "报送县委党校。" in html  # reply forms go to the unit that runs the class
    cls = find_class(year.plan, "c1")
    _, table = class_quota(year.plan, cls, None, Sink())
    assert table is not None
    # the forms agree
    assert "报送县委党校。" in instructions(table, year.schedule(cls), year.calendar)
    md = notice(year, "c1", "md")
    assert md.startswith("中共测试县委组织部　测试县人力资源和社会保障局文件\n")
    tail = md.split("2.全县乡科级干部专题培训班报名回执", 1)[1]
    assert "\n中共测试县委组织部\n测试县人力资源和社会保障局\n2013年2月19日\n" in tail


def test_plan_organizers_are_the_default_and_a_class_overrides_a_role(tmp_path: Path) -> None:
    plan_keys = "  organizers: {主办: [县委组织部, 县委宣传部], 承办: 县委党校}\n"
    more = (
        "  - {id: c2, name: 宣传干部培训班, planned: 20, when: 2013-05-07,"
        " organizers: {主办: [县委宣传部]}}\n"
    )
    year = year_of(tmp_path, plan_keys=plan_keys, more=more)
    first, second = notice(year, "c1"), notice(year, "c2")
    assert signatures(first)[:2] == ["县委组织部", "县委宣传部"]
    assert signatures(second)[:-1] == ["县委宣传部"]
    assert ">县委宣传部文件<" in second
    assert "由县委党校承办" in opening(second)  # the role the class does not write: the plan's


# ── sessions with their own values ───────────────────────────────────────────

SESSIONS = """\
    sessions:
      - {when: 2013年4月8日—9日, planned: 20, venue: south, teachers: [w]}
      - {when: 2013年4月11日—12日, planned: 10}
      - {when: 4月下旬}
"""


def test_each_session_shows_its_own_venue_headcount_and_teachers(tmp_path: Path) -> None:
    year = year_of(tmp_path, class_keys="    teachers: [t]\n" + SESSIONS, month=True)
    html = notice(year, "c1")
    when = re.findall(r"（一）培训时间。</span>(.*?)</p>", html)[0]
    parts = when.split("。")[1].split("；")
    assert (
        parts[0]
        == "第一期：2013年4月8日—9日（地点：县委党校南校区，20人，授课教师：河南省团校王静教授）"
    )
    assert parts[1] == "第二期：2013年4月11日—12日（10人）"
    assert parts[2] == "第三期：时间另行通知"
    where = re.findall(r"（二）培训地点。</span>(.*?)</p>", html)[0]
    assert where == "县委党校南校区、县委党校。"
    ics = ics_text([year])
    assert "LOCATION:县委党校南校区" in ics and "LOCATION:县委党校\r\n" in ics


def test_a_session_teacher_must_be_declared(tmp_path: Path) -> None:
    text = PLAN.replace("PLAN_KEYS\n", "").replace(
        "CLASS_KEYS\n", "    sessions:\n      - {when: 2013年4月8日—9日, teachers: [wang]}\n"
    )
    sink = Sink()
    assert parse_year(text, "t.yaml", sink) is not None
    found = [d for d in sink.items if d.code == "CT110"]
    assert len(found) == 1 and "第 1 期" in found[0].message and "“wang”" in found[0].message
    assert (
        found[0].pos.line
        == text.splitlines().index("      - {when: 2013年4月8日—9日, teachers: [wang]}") + 1
    )


def test_a_teacher_is_double_booked_by_session_not_by_class(tmp_path: Path) -> None:
    # tian teaches only session 2 of c1 (11–12 April); c2 meets on 8–9 April
    keys = (
        "    teachers: [t]\n    sessions:\n"
        "      - {when: 2013年4月8日—9日}\n      - {when: 2013年4月11日—12日, teachers: [tian]}\n"
    )
    more = "  - {id: c2, name: 妇女干部班, planned: 20, when: 2013年4月8日—9日, teachers: [tian]}\n"
    clash = "  - {id: c3, name: 青年干部班, planned: 20, when: 2013年4月12日, teachers: [tian]}\n"
    for extra, expected in ((more, 0), (more + clash, 1)):
        text = PLAN.replace("PLAN_KEYS\n", "").replace("CLASS_KEYS\n", keys + extra)
        sink = Sink()
        assert parse_year(text, "t.yaml", sink) is not None
        found = [d for d in sink.items if d.code == "CT304"]
        assert len(found) == expected, found
    assert "田瑞娟" in found[0].message and "青年干部班" in found[0].message


# ── rank ladders ─────────────────────────────────────────────────────────────

LADDERS = """\
ranks: [县处级正职, 县处级副职, 乡科级正职, 乡科级副职]
rank_ladders:
  - name: 领导职务
    ranks: [县处级正职, 县处级副职, 乡科级正职, 乡科级副职]
    leaders: [县处级正职, 县处级副职]
  - name: 职级
    ranks: [一级调研员, 二级调研员, 三级调研员, 四级调研员, 一级主任科员, 二级主任科员, 一级科员]
    leaders: [一级调研员, 二级调研员, 三级调研员, 四级调研员]
"""


def ladder_plan(classes: str) -> tuple[object, list[str]]:
    sink = Sink()
    year = parse_year(HEADER + LADDERS + "classes:\n" + classes, "t.yaml", sink)
    assert year is not None
    return year, codes(sink.items)


def test_both_ladders_are_ranks_of_the_plan() -> None:
    year, found = ladder_plan(
        "  - {id: a, name: 甲班, when: 2013-05-07, eligible: {rank: [一级主任科员, 乡科级正职]}}\n"
    )
    assert "CT111" not in found and "CT140" not in found and "CT141" not in found
    plan = year.plan  # type: ignore[attr-defined]
    assert plan.ranks[:4] == ["县处级正职", "县处级副职", "乡科级正职", "乡科级副职"]
    assert "四级调研员" in plan.ranks and "一级科员" in plan.ranks
    assert plan.ladders[0] == ["县处级正职", "县处级副职", "乡科级正职", "乡科级副职"]
    groups = plan.leader_ranks()
    assert groups["四级调研员"] and groups["县处级副职"]
    assert not groups["一级主任科员"] and not groups["乡科级正职"]


def test_rank_at_least_counts_within_the_ladder_of_the_rank() -> None:
    year, _ = ladder_plan(
        "  - id: a\n    name: 甲班\n    when: 2013-05-07\n"
        "    eligible:\n"
        "      - {rank_at_least: 乡科级正职}\n"
        "      - {rank_at_least: 一级主任科员, rank_at_most: 二级调研员}\n"
    )
    first, second = year.plan.classes[0].eligible  # type: ignore[attr-defined]
    assert first.ranks == {"县处级正职", "县处级副职", "乡科级正职"}
    assert second.ranks == {"二级调研员", "三级调研员", "四级调研员", "一级主任科员"}


def test_leaders_outside_their_ladder_or_below_others_are_reported() -> None:
    _, found = ladder_plan("  - {id: a, name: 甲班, when: 2013-05-07}\n")
    assert "CT140" not in found and "CT141" not in found
    wrong = LADDERS.replace("leaders: [一级调研员, 二级调研员,", "leaders: [一级调研, 二级调研员,")
    sink = Sink()
    parse_year(HEADER + wrong + "classes: [{id: a, name: 甲班, when: 2013-05-07}]\n", "t", sink)
    ct140 = [d for d in sink.items if d.code == "CT140"]
    assert len(ct140) == 1 and "“一级调研”" in ct140[0].message
    assert "是否应为“一级调研员”" in ct140[0].hint
    below = LADDERS.replace(
        "leaders: [县处级正职, 县处级副职]", "leaders: [县处级正职, 乡科级正职]"
    )
    sink = Sink()
    parse_year(HEADER + below + "classes: [{id: a, name: 甲班, when: 2013-05-07}]\n", "t", sink)
    ct141 = [d for d in sink.items if d.code == "CT141"]
    assert len(ct141) == 1 and "县处级副职" in ct141[0].message


def _entry(rank: str, days: int) -> Entry:
    return Entry(
        2013, "t.yaml", "a", "甲班", 0, "甲镇", rank, Decimal(days), Decimal(0), Decimal("7.5")
    )


def test_the_ledger_groups_ranks_as_the_plan_declares() -> None:
    year, _ = ladder_plan("  - {id: a, name: 甲班, when: 2013-05-07}\n")
    plan = year.plan  # type: ignore[attr-defined]
    people = {
        rank: Person(rank, f"干部{i}", entries=[_entry(rank, 12)])
        for i, rank in enumerate(["四级调研员", "一级主任科员", "乡科级正职", "县处级副职"])
    }
    statuses = {s.rank: s for s in check(Ledger([plan], people), 2013)}
    assert statuses["四级调研员"].group == LEADER
    assert statuses["县处级副职"].group == LEADER
    # 乡科级正职 is not "above" 四级调研员: the two ladders are not one list
    assert statuses["乡科级正职"].group == BASIC and statuses["乡科级正职"].ok
    assert statuses["一级主任科员"].group == BASIC


def test_a_declared_group_overrides_the_name_rule() -> None:
    assert rank_group("四级调研员", []) == LEADER  # by name
    assert rank_group("四级调研员", [], {"四级调研员": False}) == BASIC
    assert rank_group("专业技术十级", [], {"专业技术十级": True}) == LEADER


def test_the_plan_format_page_shows_eligible_as_a_list_up_front() -> None:
    page = (ROOT / "docs" / "计划格式.md").read_text(encoding="utf-8")
    head = page.split("### 各部分的键", 1)[0]
    blocks = re.findall(r"```yaml\n(.*?)```", head, re.S)
    lists = [b for b in blocks if re.search(r"eligible:[^\n]*\n\s+- ", b)]
    assert lists, "an example of eligible as a list before the key tables"
    parsed = yaml.safe_load(lists[0])
    rules = next(c["eligible"] for c in parsed["classes"] if isinstance(c.get("eligible"), list))
    assert len(rules) >= 2
    sink = Sink()
    assert parse_year(lists[0], "doc.yaml", sink) is not None
    assert not [d for d in sink.items if d.severity.name == "ERROR"], sink.items
