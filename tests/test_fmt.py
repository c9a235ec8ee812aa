"""``cadretrain fmt``: keys in one language, everything else kept byte for byte."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from cadretrain.plan.fmt import rewrite_keys
from tests.conftest import ROOT, load

BUNDLED = ROOT / "plans" / "2013-county.yaml"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cadretrain", "fmt", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def comments(text: str) -> list[str]:
    return [line[line.index("#") :] for line in text.splitlines() if "#" in line]


def test_round_trip_of_the_bundled_plan_is_byte_identical() -> None:
    english = BUNDLED.read_text(encoding="utf-8")
    chinese = rewrite_keys(english, "p.yaml", "zh")
    assert len(chinese.changed) > 300
    assert comments(chinese.text) == comments(english)
    assert len(chinese.text.splitlines()) == len(english.splitlines())
    back = rewrite_keys(chinese.text, "p.yaml", "en")
    assert back.text == english
    assert rewrite_keys(chinese.text, "p.yaml", "zh").changed == []


SAMPLE = """\
# 顶部注释
plan: {title: 甲, "year": 2013}   # 行尾注释
classes:
  - id: a
    'name': 甲班
    when: 2013年5月13日—15日
    unknown_key: 保留
    grading:
      weights: {name: 50, 考勤: 50}   # 考核项目名不是键
    ignore: {CT302: 经同意}
units:
  - {id: u, name: 城关镇, counts: {科员: 3}}
"""


def test_only_declared_keys_change_quotes_and_data_keys_kept() -> None:
    out = rewrite_keys(SAMPLE, "p.yaml", "zh").text
    assert '计划: {计划标题: 甲, "计划年度": 2013}   # 行尾注释' in out
    assert "'班次名称': 甲班" in out
    assert "unknown_key: 保留" in out  # not the format's: left for validate to report
    assert "考核权重: {name: 50, 考勤: 50}" in out  # a component called “name” stays
    assert "忽略: {CT302: 经同意}" in out and "申报人数: {科员: 3}" in out
    assert out.startswith("# 顶部注释\n")
    english, _ = load(SAMPLE)
    chinese, _ = load(out)
    assert english is not None and chinese is not None
    assert chinese.classes[0].grading.weights == english.classes[0].grading.weights
    assert yaml.safe_load(rewrite_keys(out, "p.yaml", "en").text) == yaml.safe_load(SAMPLE)


def test_check_fails_until_fmt_rewrites_in_place(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(SAMPLE, encoding="utf-8")
    check = run(str(plan), "--keys", "zh", "--check", cwd=tmp_path)
    assert check.returncode == 1
    assert "plan.yaml:2:1: 键“plan”应写作“计划”" in check.stdout
    assert plan.read_text(encoding="utf-8") == SAMPLE  # --check writes nothing
    done = run(str(plan), "--keys", "zh", cwd=tmp_path)
    assert done.returncode == 0 and "改写为中文" in done.stdout
    assert run(str(plan), "--keys", "zh", "--check", cwd=tmp_path).returncode == 0
    assert run(str(plan), "--keys", "en", "--check", cwd=tmp_path).returncode == 1
    assert run(str(plan), "-k", "en", cwd=tmp_path).returncode == 0
    assert plan.read_text(encoding="utf-8") == SAMPLE


def test_output_elsewhere_never_overwrites_without_force(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(SAMPLE, encoding="utf-8")
    other = tmp_path / "zh.yaml"
    other.write_text("旧内容\n", encoding="utf-8")
    refused = run(str(plan), "-o", str(other), cwd=tmp_path)
    assert refused.returncode == 1 and "已存在" in refused.stderr
    assert other.read_text(encoding="utf-8") == "旧内容\n"
    assert run(str(plan), "-o", str(other), "--force", cwd=tmp_path).returncode == 0
    assert other.read_text(encoding="utf-8").startswith("# 顶部注释\n计划:")
    assert plan.read_text(encoding="utf-8") == SAMPLE


def test_a_plan_yaml_cannot_read_is_left_alone(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    broken = "plan: {title: 甲\nclasses: []\n"
    plan.write_text(broken, encoding="utf-8")
    done = run(str(plan), cwd=tmp_path)
    assert done.returncode == 2 and "CT005" in done.stderr and "未作改动" in done.stderr
    assert plan.read_text(encoding="utf-8") == broken
    missing = run(str(tmp_path / "none.yaml"), cwd=tmp_path)
    assert missing.returncode == 2 and "none.yaml" in missing.stderr
