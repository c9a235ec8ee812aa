"""Chinese keys: every key of the format has one Chinese alias, derived from its declaration;
a plan may write either, mixed; the same key in both languages in one mapping is CT150;
diagnostics name the key as written; the JSON Schema accepts both.

The Chinese-key copy of the bundled plan (``examples/2013-county-zh.yaml``) is what
``cadretrain fmt --keys zh`` makes of it; regenerate it with ``python -m tests.test_keys_zh
--update``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from cadretrain.plan.fmt import rewrite_keys
from cadretrain.plan.schema import SECTIONS, json_schema
from cadretrain.year.validate import validate_text
from tests.conftest import HEADER, ROOT, codes, load

PLAN = ROOT / "plans" / "2013-county.yaml"
ZH_COPY = ROOT / "examples" / "2013-county-zh.yaml"
TRAILER = (
    "\n# 本文件是 plans/2013-county.yaml 的中文键版本（cadretrain fmt plans/2013-county.yaml "
    "--keys zh），\n# 只有键不同；放在 plans/ 中（与报名、培训记录文件夹同处）生成的文书与英文键"
    "版本相同。\n"
)


def zh_copy_text() -> str:
    """The bundled plan with Chinese keys, pointed at the schema from examples/."""
    text = rewrite_keys(PLAN.read_text(encoding="utf-8"), str(PLAN), "zh").text
    first, rest = text.split("\n", 1)
    assert first == "# yaml-language-server: $schema=./plan.schema.json"
    return "# yaml-language-server: $schema=../plans/plan.schema.json\n" + rest + TRAILER


# ---------------------------------------------------------------- the aliases


def test_every_key_has_one_chinese_alias_unique_in_its_section() -> None:
    for section, spec in SECTIONS.items():
        seen: dict[str, str] = {}
        for name, fld in spec.items():
            alias = fld.zh or name
            assert not alias.isascii(), (section, name)
            assert 2 <= len(alias) <= 8, (section, name, alias)
            assert alias not in seen, f"{section}: {name} and {seen[alias]} are both “{alias}”"
            assert alias not in spec or alias == name, (section, name, alias)
            seen[alias] = name


def test_every_alias_is_a_plain_yaml_key() -> None:
    for spec in SECTIONS.values():
        for fld in spec.values():
            if fld.zh:
                assert yaml.safe_load(f"{fld.zh}: 1") == {fld.zh: 1}, fld.zh


def test_the_aliases_the_issue_names() -> None:
    top = {k: f.zh for k, f in SECTIONS["root"].items()}
    assert top["plan"] == "计划" and top["classes"] == "班次" and top["calendar"] == "日历"
    assert (top["ranks"], top["venues"], top["teachers"], top["units"]) == (
        "职级",
        "场地",
        "教师",
        "单位",
    )
    cls = {k: f.zh for k, f in SECTIONS["class"].items()}
    assert cls["name"] == "班次名称" and cls["short"] == "简称"
    assert cls["audience"] == "培训对象" and cls["eligible"] == "参训条件"
    assert cls["planned"] == "规划人数" and cls["when"] == "培训时间"
    assert cls["sessions"] == "分期" and cls["venue"] == "培训地点"
    assert cls["teachers"] == "授课教师" and cls["topics"] == "培训内容"


# ---------------------------------------------------------------- reading


MIXED = """\
计划: {title: 混合计划, 计划年度: 2013}
职级: [乡科级正职, 科员]
场地: [{id: ps, 场地名称: 县委党校, capacity: 100}]
班次:
  - 班次代号: a
    name: 甲班
    培训时间: 2013年5月13日—15日
    planned: 40
    培训地点: ps
    参训条件: {职级: [科员]}
    分期: {期数: 1, days: 3}
"""

ENGLISH = """\
plan: {title: 混合计划, year: 2013}
ranks: [乡科级正职, 科员]
venues: [{id: ps, name: 县委党校, capacity: 100}]
classes:
  - id: a
    name: 甲班
    when: 2013年5月13日—15日
    planned: 40
    venue: ps
    eligible: {rank: [科员]}
    sessions: {count: 1, days: 3}
"""


def test_chinese_and_english_keys_mixed_read_as_the_english_plan() -> None:
    mixed, diags = load(MIXED)
    english, english_diags = load(ENGLISH)
    assert diags == [] and english_diags == []
    assert mixed is not None and english is not None
    (a,) = mixed.classes
    (b,) = english.classes
    assert (a.id, a.name, a.planned, a.venue, a.when) == (b.id, b.name, b.planned, b.venue, b.when)
    assert (a.session_count, a.session_days, a.eligible) == (b.session_count, 3, b.eligible)
    assert mixed.year == 2013 and mixed.venues["ps"].capacity == 100
    assert mixed.ranks == english.ranks
    assert a.rec.named("planned") == "planned" and a.rec.named("when") == "培训时间"
    assert a.rec.at("when").line == 7  # positions kept under the English name


def test_the_same_key_in_both_languages_is_ct150_naming_both_positions() -> None:
    text = HEADER + (
        "classes:\n  - id: a\n    name: 甲班\n    when: 2013年5月13日—15日\n    班次名称: 乙班\n"
    )
    plan, diags = load(text)
    (dup,) = [d for d in diags if d.code == "CT150"]
    assert (dup.pos.line, dup.pos.col) == (6, 5)
    assert "“班次名称”" in dup.message and "“name”" in dup.message and "第 4 行" in dup.message
    assert [(r.pos.line, r.pos.col) for r in dup.related] == [(4, 5)]
    assert plan is not None and plan.classes[0].name == "甲班"  # the first one is read


def test_both_languages_in_the_plan_header_and_a_flow_mapping() -> None:
    text = (
        "plan: {title: 甲, 计划标题: 乙, year: 2013}\n"
        "classes: [{id: a, name: 甲班, when: 2013年5月13日, 培训时间: 2013年5月14日}]\n"
    )
    _, diags = load(text)
    assert codes(diags) == ["CT150", "CT150"]
    assert [d.pos.line for d in diags] == [1, 2]


def test_the_same_chinese_key_twice_is_still_ct007() -> None:
    text = "classes:\n  - {id: a, 班次名称: 甲班, 班次名称: 乙班, when: 5月13日}\n"
    _, diags = load(HEADER + text)
    assert "CT007" in codes(diags) and "CT150" not in codes(diags)


def test_diagnostics_name_the_key_as_written() -> None:
    text = "班次:\n  - {id: a, name: 甲班, 培训时间: 2013年5月13日, 规划人数: 很多}\n"
    _, diags = load(HEADER + text)
    (bad,) = [d for d in diags if d.code == "CT103"]
    assert "“规划人数”" in bad.message and "planned" not in bad.message


def test_a_missing_key_is_named_in_the_language_of_its_mapping() -> None:
    _, diags = load(HEADER + "班次:\n  - {班次代号: a, 班次名称: 甲班}\n")
    (missing,) = [d for d in diags if d.code == "CT102"]
    assert "“培训时间”" in missing.message
    _, diags = load(HEADER + "classes:\n  - {id: a, name: 甲班}\n")
    (missing,) = [d for d in diags if d.code == "CT102"]
    assert "“when”" in missing.message


def test_unknown_key_hints_consider_both_languages() -> None:
    _, diags = load(HEADER + "班次:\n  - {id: a, 班次名: 甲班, when: 2013年5月13日}\n")
    unknown = next(d for d in diags if d.code == "CT101")
    assert "“班次名”" in unknown.message and "班次名称" in unknown.hint
    _, diags = load(HEADER + "classes:\n  - {id: a, nmae: 甲班, when: 2013年5月13日}\n")
    unknown = next(d for d in diags if d.code == "CT101")
    assert "“name”" in unknown.hint
    _, diags = load(HEADER + "classes:\n  - {id: a, 随便: 甲班, name: 乙, when: 2013年5月13日}\n")
    unknown = next(d for d in diags if d.code == "CT101")
    assert "班次名称" in unknown.hint and "audience" not in unknown.hint


def test_chinese_plan_keys_give_the_year_for_chinese_dates() -> None:
    report = validate_text(
        "计划: {计划标题: 甲, 计划年度: 2014}\n班次: [{id: a, 班次名称: 甲班, 培训时间: 5月13日}]\n"
    )
    assert report.plan is not None and report.plan.classes[0].when is not None
    assert report.plan.classes[0].when.start.year == 2014


# ---------------------------------------------------------------- the JSON Schema


def test_the_schema_accepts_both_languages() -> None:
    schema = json_schema()
    assert {"plan", "计划", "classes", "班次"} <= set(schema["properties"])
    cls = schema["$defs"]["class"]
    assert cls["properties"]["班次名称"] == cls["properties"]["name"]
    assert {"anyOf": [{"required": ["name"]}, {"required": ["班次名称"]}]} in cls["allOf"]
    assert "required" not in cls  # every required key can be written either way
    leave = schema["$defs"]["leave_rule"]["properties"]
    assert set(leave) == {"脱产", "业余", "网络"}  # keys already Chinese: no second name


# ---------------------------------------------------------------- the bundled plan in Chinese


def test_the_chinese_copy_of_the_bundled_plan_is_current() -> None:
    assert ZH_COPY.read_text(encoding="utf-8") == zh_copy_text(), (
        "run: python -m tests.test_keys_zh --update"
    )
    text = ZH_COPY.read_text(encoding="utf-8")
    assert not re.search(r"^\s*-?\s*(name|when|planned|classes|plan):", text, re.M)


IGN = ["--ignore-errors"]


def _build(root: Path) -> dict[str, bytes]:
    out = root / "out"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "cadretrain",
            "build",
            "plans/2013-county.yaml",
            "-o",
            str(out),
            *IGN,
        ],
        cwd=root,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert run.returncode == 0, run.stderr
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def _tree(root: Path, plan_text: str) -> Path:
    shutil.copytree(ROOT / "plans", root / "plans")
    (root / "examples").mkdir()
    shutil.copy(ROOT / "examples" / "register-2013.csv", root / "examples")
    (root / "plans" / "2013-county.yaml").write_text(plan_text, encoding="utf-8")
    return root


_POSITION = re.compile(rb"(plans/2013-county\.yaml:\d+):\d+:")


def test_the_chinese_copy_builds_the_same_files(tmp_path: Path) -> None:
    """Both plans built in the same place (plans/, beside the enrollments and records): every
    file is byte-identical, but for the index page's list of findings, whose columns point at
    values in each file as written (``planned: 900`` and ``规划人数: 900``): there only the
    columns may differ."""
    english = _build(_tree(tmp_path / "en", PLAN.read_text(encoding="utf-8")))
    chinese = _build(_tree(tmp_path / "zh", ZH_COPY.read_text(encoding="utf-8")))
    assert len(english) > 300 and english.keys() == chinese.keys()
    differ = sorted(k for k in english if english[k] != chinese[k])
    assert differ in ([], [".cadretrain-manifest.json", "index.html"]), differ
    assert _POSITION.sub(rb"\1:", english["index.html"]) == _POSITION.sub(
        rb"\1:", chinese["index.html"]
    )


if __name__ == "__main__":  # pragma: no cover - the maintainer's update step
    if sys.argv[1:] != ["--update"]:
        sys.exit(__doc__)
    ZH_COPY.write_text(zh_copy_text(), encoding="utf-8")
    print(f"{ZH_COPY.relative_to(ROOT)} written")
