"""The notice's text comes from the plan (issue 13, item 5): 主送 (``recipients``) at plan level
with per-class overrides, or derived from the units the class is for; 有关要求 from the plan's
``requirements`` and its actual leave rule; folded YAML text without spaces between Chinese
lines; empty lists render nothing; "did you mean" of related meaning.

Every notice here is rendered from a real plan file through the year pipeline and read back
from the HTML or Markdown it becomes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cadretrain.cli.main import app
from cadretrain.core.diagnostics import Sink
from cadretrain.documents.notice import render_notice
from cadretrain.documents.notice_words import DEFAULT_APPROVAL
from cadretrain.plan.lookup import find_class
from cadretrain.year.model import Year
from cadretrain.year.pipeline import load_year, parse_year
from tests.conftest import HEADER, codes

PLAN = """\
plan:
  title: 测试县2013年干部教育培训计划
  year: 2013
  organizer: 中共测试县委组织部
  issued: 2013-02-19
ranks: [乡科级正职, 科员]
units:
  - {id: jia, name: 甲镇, kind: 乡镇, counts: {乡科级正职: 20}}
  - {id: yi, name: 乙乡, kind: 乡镇, counts: {乡科级正职: 10}}
  - {id: czj, name: 县财政局, kind: 县直单位, counts: {乡科级正职: 10, 科员: 30}}
  - {id: jyj, name: 县教育局, kind: 县直单位, counts: {乡科级正职: 5}}
venues: [{id: ps, name: 县委党校, capacity: 100}]
classes:
  - id: all
    name: 全县乡科级干部专题培训班
    eligible: {rank: [乡科级正职]}
    planned: 40
    when: 2013年4月8日—12日
    venue: ps
    topics: [十八大精神]
EXTRA
"""


def year_of(tmp_path: Path, extra: str = "", plan_keys: str = "") -> Year:
    text = PLAN.replace("EXTRA\n", extra)
    if plan_keys:
        text = text.replace("  issued: 2013-02-19\n", "  issued: 2013-02-19\n" + plan_keys)
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    sink = Sink()
    year = load_year(path, sink)
    assert year is not None, sink.items
    return year


def notice(year: Year, cls_id: str, fmt: str = "html") -> str:
    out = render_notice(year, find_class(year.plan, cls_id), fmt)
    assert isinstance(out, str)
    return out


def section(html: str, heading: str) -> list[str]:
    """The paragraphs under a notice's heading, tags stripped."""
    part = html.split(f"<h2>{heading}</h2>", 1)[1].split("<h2>", 1)[0]
    part = part.split('<div class="annex">', 1)[0]
    return [re.sub(r"<[^>]+>", "", p) for p in re.findall(r"<p>(.*?)</p>", part)]


def addressee(html: str) -> str:
    found = re.findall(r'<p class="to">(.*?)</p>', html)
    return found[0] if found else ""


# ── 有关要求 ──────────────────────────────────────────────────────────────────


def test_default_requirements_are_todays_text(tmp_path: Path) -> None:
    items = section(notice(year_of(tmp_path), "all"), "六、有关要求")
    assert len(items) == 3
    assert items[0].startswith("（一）各单位要高度重视")
    assert f"须经{DEFAULT_APPROVAL}同意" in items[1]
    assert items[1].endswith("请假时间累计超过培训总学时七分之一的，按退学处理。")
    assert items[2].startswith("（三）培训期间统一安排学习和食宿")


@pytest.mark.parametrize(
    ("rule", "said", "not_said"),
    [
        ("  leave_rule: {脱产: 1/10}\n", "超过培训总学时十分之一的", "七分之一"),
        ("  leave_rule: {脱产: 1/5}\n", "超过培训总学时五分之一的", "七分之一"),
        ("  leave_rule: {脱产: 不限}\n", "并向培训班办理请假手续。", "退学"),
    ],
)
def test_the_leave_requirement_states_the_plans_rule(
    tmp_path: Path, rule: str, said: str, not_said: str
) -> None:
    items = section(notice(year_of(tmp_path, plan_keys=rule), "all"), "六、有关要求")
    leave = [t for t in items if "请假" in t]
    assert len(leave) == 1 and said in leave[0] and not_said not in leave[0]


def test_a_class_leave_limit_and_kind_choose_the_rule(tmp_path: Path) -> None:
    extra = (
        "  - {id: night, name: 业余读书班, kind: 业余, planned: 20, when: 2013-05-07}\n"
        "  - {id: tight, name: 封闭班, leave_limit: 1/10, planned: 20, when: 2013-05-08}\n"
    )
    year = year_of(tmp_path, extra, "  leave_rule: {业余: 1/4}\n")
    assert "四分之一" in "".join(section(notice(year, "night"), "六、有关要求"))
    assert "十分之一" in "".join(section(notice(year, "tight"), "六、有关要求"))
    assert "七分之一" in "".join(section(notice(year, "all"), "六、有关要求"))


def test_leave_approval_names_who_approves(tmp_path: Path) -> None:
    year = year_of(tmp_path, plan_keys="  leave_approval: 县委组织部\n")
    text = "".join(section(notice(year, "all"), "六、有关要求"))
    assert "须经县委组织部同意" in text and DEFAULT_APPROVAL not in text


def test_written_requirements_replace_the_default_and_keep_the_leave_rule(
    tmp_path: Path,
) -> None:
    keys = "  requirements: [学员须按时报到, 培训期间统一着装；]\n  leave_rule: {脱产: 1/10}\n"
    extra = (
        "  - id: own\n    name: 自定要求班\n    planned: 20\n    when: 2013-05-07\n"
        "    requirements: [本班实行封闭管理, 学员请假一律报县委组织部批准，"
        "请假超过总学时十分之一的按退学处理]\n"
    )
    year = year_of(tmp_path, extra, keys)
    items = section(notice(year, "all"), "六、有关要求")
    assert items[0] == "（一）学员须按时报到。"
    assert items[1] == "（二）培训期间统一着装。"  # a trailing ；becomes a full stop
    assert items[2].startswith("（三）学员要严格遵守培训纪律") and "十分之一" in items[2]
    assert len(items) == 3 and "各单位要高度重视" not in "".join(items)
    own = section(notice(year, "own"), "六、有关要求")
    assert own[0] == "（一）本班实行封闭管理。"
    assert len(own) == 2 and "派出单位" not in "".join(own)  # its own 请假 text, none added


def test_requirements_stating_another_limit_are_reported(tmp_path: Path) -> None:
    text = HEADER.replace(
        "}", ", requirements: [请假超过培训总学时七分之一的，按退学处理], leave_rule: {脱产: 1/10}}"
    ) + (
        "classes:\n"
        "  - {id: a, name: 甲班, when: 2013-05-07}\n"
        "  - {id: b, name: 乙班, when: 2013-05-08, leave_limit: 1/7}\n"
        "  - {id: c, name: 丙班, when: 2013-05-09, requirements: [请假不得超过总学时的1/10]}\n"
    )
    sink = Sink()
    assert parse_year(text, "t.yaml", sink) is not None
    found = [d for d in sink.items if d.code == "CT142"]
    assert (
        len(found) == 1
    )  # one fact: the plan's text against 甲班 (乙班 follows 1/7, 丙班 its own)
    assert (
        "7" in found[0].message and "“甲班”" in found[0].message and "乙班" not in found[0].message
    )
    assert found[0].pos.line == 1


# ── 主送 ──────────────────────────────────────────────────────────────────────


def test_recipients_default_to_every_kind_of_unit_the_class_is_for(tmp_path: Path) -> None:
    assert addressee(notice(year_of(tmp_path), "all")) == "各乡镇党委，县直各单位党组（党委）："


CLERKS = (
    "  - {id: clerks, name: 科员培训班, eligible: {rank: [科员]}, planned: 30, when: 2013-05-07}\n"
)


def test_a_class_for_county_units_only_is_not_addressed_to_the_townships(tmp_path: Path) -> None:
    extra = CLERKS
    year = year_of(tmp_path, extra)
    html = notice(year, "clerks")
    assert addressee(html) == "县财政局："  # the one 县直 unit with 科员; not 各乡镇党委
    assert "乡镇" not in addressee(html)


def test_some_of_many_units_are_called_the_relevant_ones(tmp_path: Path) -> None:
    units = (
        "".join(
            f"  - {{id: z{i}, name: 县直{i}局, kind: 县直单位, counts: {{科员: {i}}}}}\n"
            for i in range(1, 6)
        )
        + "  - {id: z6, name: 县直6局, kind: 县直单位}\n"
    )
    extra = CLERKS
    text = PLAN.replace("venues:", units + "venues:").replace("EXTRA\n", extra)
    (tmp_path / "plan.yaml").write_text(text, encoding="utf-8")
    year = load_year(tmp_path / "plan.yaml")
    assert year is not None
    assert addressee(notice(year, "clerks")) == "县直有关单位党组（党委）："


def test_plan_recipients_and_class_overrides(tmp_path: Path) -> None:
    keys = "  recipients: [各乡镇党委, 县直各单位：]\n"
    extra = (
        "  - {id: own, name: 自定主送班, planned: 20, when: 2013-05-07,"
        " recipients: [县委各部委, 县直各单位党组（党委）]}\n"
        "  - {id: none, name: 无主送班, planned: 20, when: 2013-05-08, recipients: []}\n"
    )
    year = year_of(tmp_path, extra, keys)
    assert addressee(notice(year, "all")) == "各乡镇党委，县直各单位："
    assert addressee(notice(year, "own")) == "县委各部委，县直各单位党组（党委）："
    html, md = notice(year, "none"), notice(year, "none", "md")
    assert addressee(html) == "" and 'class="to"' not in html
    assert "：\n\n根据《" not in md and "# 关于举办无主送班的通知\n\n根据《" in md


def test_a_per_unit_class_is_addressed_to_its_unit(tmp_path: Path) -> None:
    extra = (
        "  - id: village\n    name: 村干部培训班\n    eligible: {rank: [乡科级正职]}\n"
        "    planned: 20\n    when: 2013年6月3日—28日\n"
        "    per_unit: {units: [jia, yi], days: 2}\n"
    )
    year = year_of(tmp_path, extra)
    assert addressee(notice(year, "village-jia")) == "甲镇："
    assert addressee(notice(year, "village-yi")) == "乙乡："


# ── folded text, empty lists ─────────────────────────────────────────────────


def test_folded_text_joins_chinese_lines_without_spaces(tmp_path: Path) -> None:
    keys = (
        "  requirements:\n"
        "    - >-\n"
        "      学员要按照要求，\n"
        "      认真撰写学习体会，使用 Microsoft\n"
        "      Word 格式提交\n"
        "  notes: >-\n"
        "    第一段。\n"
        "    第二段。\n"
    )
    year = year_of(tmp_path, plan_keys=keys)
    assert year.plan.notes == "第一段。第二段。"
    items = section(notice(year, "all"), "六、有关要求")
    assert items[0] == "（一）学员要按照要求，认真撰写学习体会，使用 Microsoft Word 格式提交。"


def test_a_literal_block_keeps_its_line_breaks(tmp_path: Path) -> None:
    year = year_of(tmp_path, plan_keys="  notes: |\n    第一段。\n    第二段。\n")
    assert year.plan.notes == "第一段。\n第二段。"


def test_empty_lists_render_nothing(tmp_path: Path) -> None:
    extra = (
        "  - id: empty\n    name: 空内容班\n    planned: 20\n    when: 2013-05-07\n"
        "    topics: []\n    teachers: []\n"
        "    modules: {政治理论: [], 能力素质: [文秘写作知识]}\n"
    )
    year = year_of(tmp_path, extra)
    for fmt in ("html", "md"):
        out = notice(year, "empty", fmt)
        assert "。。" not in out and "：。" not in out and "包括。" not in out
    content = section(notice(year, "empty"), "三、培训内容")
    assert content[1] == "（一）政治理论。"  # the module named, nothing said of its topics
    assert content[2] == "（二）能力素质。文秘写作知识。"
    assert "授课教师" not in "".join(content)


def test_a_notice_without_audience_skips_the_section(tmp_path: Path) -> None:
    extra = "  - {id: bare, name: 无对象班, when: 2013-05-07}\n"
    html = notice(year_of(tmp_path, extra), "bare")
    headings = re.findall(r"<h2>(.*?)</h2>", html)
    assert not any("培训对象" in h for h in headings)
    assert [h.split("、")[0] for h in headings] == ["一", "二", "三", "四", "五", "六"]
    assert "。。" not in html


# ── did you mean ─────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("key", "meant"),
    [("hours", "hours_per_day"), ("date", "when"), ("place", "venue"), ("teacher", "teachers")],
)
def test_a_mistyped_key_suggests_one_of_related_meaning(
    tmp_path: Path, key: str, meant: str
) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(
        HEADER + f"classes:\n  - {{id: a, name: 甲班, when: 2013-05-07, {key}: 6}}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    line = next(x for x in result.output.splitlines() if "CT101" in x)
    hint = result.output.split(line, 1)[1].splitlines()[0:2]
    assert f"是否应为“{meant}”" in " ".join(hint) + line
    assert "short" not in " ".join(hint)


def test_validate_names_no_new_problem_in_the_notice_keys(tmp_path: Path) -> None:
    keys = "  recipients: [各乡镇党委]\n  requirements: [按时报到]\n  leave_approval: 县委组织部\n"
    sink = Sink()
    text = PLAN.replace("EXTRA\n", "").replace(
        "  issued: 2013-02-19\n", "  issued: 2013-02-19\n" + keys
    )
    assert parse_year(text, "t.yaml", sink) is not None
    assert not [c for c in codes(sink.items) if c.startswith(("CT10", "CT14"))]
