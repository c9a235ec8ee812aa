"""A command that cannot go on: the library raises ``CannotProceed``; the CLI shows it in one
place (``cli.app.show_cannot_proceed``) and exits 2 for unusable input, else 1."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cadretrain.cli.app import show_cannot_proceed
from cadretrain.core.diagnostics import Pos, Severity, Sink
from cadretrain.core.errors import CannotProceed
from cadretrain.enroll.enrollment import enrollment_path, load_for_class
from cadretrain.plan.loader import load_plan
from cadretrain.plan.lookup import pick_class
from cadretrain.plan.model import Plan
from tests.conftest import ROOT
from tests.test_cli_contract import cli

PLAN = "plans/2013-county.yaml"


def the_plan(path: Path = ROOT / PLAN) -> Plan:
    plan = load_plan(path, Sink())
    assert plan is not None
    return plan


def test_pick_class_raises_with_the_candidates() -> None:
    with pytest.raises(CannotProceed) as ambiguous:
        pick_class(the_plan(), "中青年")
    assert ambiguous.value.unusable and ambiguous.value.exit_code == 2
    assert ambiguous.value.message == (
        "“中青年”可指多个班次：春期中青年班（youth-spring）、秋期中青年班（youth-autumn）；"
        "请写得更具体，或使用代号"
    )
    with pytest.raises(CannotProceed) as unknown:
        pick_class(the_plan(), "不存在的班")
    assert unknown.value.exit_code == 2
    assert unknown.value.message.startswith("计划中没有班次“不存在的班”。")
    assert "全部班次：十八大轮训班（rotation-18th）、" in unknown.value.message


def test_load_for_class_returns_the_enrollment_or_raises(tmp_path: Path) -> None:
    shutil.copy(ROOT / PLAN, tmp_path / "plan.yaml")
    plan = the_plan(tmp_path / "plan.yaml")
    with pytest.raises(CannotProceed) as missing:
        load_for_class(plan, "妇女干部班")
    assert missing.value.exit_code == 1
    path = enrollment_path(plan, "women-leaders")
    assert missing.value.message == (
        f"班次“妇女干部班”还没有报名名单（{path}），请先运行 cadretrain collect"
    )
    (tmp_path / "enrollments").mkdir()
    shutil.copy(ROOT / "plans" / "enrollments" / "women-leaders.yaml", tmp_path / "enrollments")
    cls, enrollment = load_for_class(plan, "妇女干部班")
    assert cls.id == "women-leaders" and len(enrollment.people) == 118
    (tmp_path / "enrollments" / "women-leaders.yaml").write_text(
        "class: women-leaders\npeople:\n  - {name: 甲}\n  - {unit: x}\n", encoding="utf-8"
    )
    with pytest.raises(CannotProceed) as broken:
        load_for_class(plan, "妇女干部班")
    assert broken.value.exit_code == 1
    lines = broken.value.message.split("\n错误：")
    assert len(lines) == 2 and all(line.startswith("[CT601] 报名名单 ") for line in lines)


def test_show_cannot_proceed_prints_diagnostics_message_and_hint(
    capsys: pytest.CaptureFixture[str],
) -> None:
    sink = Sink()
    sink.add("CT601", Pos("e.yaml", 3, 1), "报名名单 e.yaml 第 1 人缺少姓名或单位")
    assert sink.items[0].severity is Severity.ERROR
    stop = CannotProceed("不能继续", sink.items, hint="先改正报名名单。")
    assert show_cannot_proceed(stop) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        "e.yaml:3:1: 错误 [CT601] 报名名单 e.yaml 第 1 人缺少姓名或单位",
        "错误：不能继续",
        "提示：先改正报名名单。",
    ]
    assert show_cannot_proceed(CannotProceed("无法读取", unusable=True)) == 2
    assert capsys.readouterr().err == "错误：无法读取\n"


@pytest.mark.parametrize(
    ("args", "code", "first_line"),
    [
        (["quota", PLAN, "--class", "中青年", "-f", "xlsx", "-o", "OUT"], 2, "错误：“中青年”可指"),
        (["forms", "--class", "不存在的班", PLAN, "-o", "OUT"], 2, "错误：计划中没有班次"),
        (["collect", "--class", "中青年", PLAN, "examples/returns"], 2, "错误：“中青年”可指"),
        (["notice", PLAN, "--class", "中青年", "-o", "OUT"], 2, "错误：“中青年”可指"),
        (["roster", "--class", "中青年", PLAN, "-o", "OUT"], 2, "错误：“中青年”可指"),
        (
            ["signin", "--class", "春期中青年班", PLAN, "-o", "OUT"],
            1,
            "错误：班次“春期中青年班”还没",
        ),
        # an after-class command goes through the same lookup and the same one place
        (
            ["attendance", "--class", "没有这个班", PLAN, "x.xlsx", "-o", "OUT"],
            2,
            "错误：计划中没有",
        ),
    ],
)
def test_every_command_shows_it_the_same_way(
    args: list[str], code: int, first_line: str, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = cli(*(str(out) if a == "OUT" else a for a in args), cwd=ROOT)
    assert result.returncode == code, result.stderr
    assert result.stderr.startswith(first_line), result.stderr
    assert result.stdout == "" and not out.exists()
