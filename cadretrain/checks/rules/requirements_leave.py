"""CT142: a written 有关要求 states a leave limit other than the class's leave rule."""

from __future__ import annotations

import re
from collections.abc import Iterator

from cadretrain.checks.base import Context, finding
from cadretrain.core.dates_base import num_value
from cadretrain.core.diagnostics import Diagnostic, Pos, Severity
from cadretrain.plan.model import TrainingClass

CODE = "CT142"
SEVERITY = Severity.WARNING
TITLE = "有关要求写的请假上限与请假规则不符"
EXPLANATION = """\
培训通知的“有关要求”取自 requirements（计划或班次的）；其中写明请假上限的（如“超过总学时
七分之一”），应与该班次实际执行的请假上限一致：班次的 leave_limit，或 plan.leave_rule 中该类
班次的规定（默认 1/7）。否则通知说的是一个比例，结业时按另一个比例判断。没有写请假的
requirements，通知会按请假规则自动加上一条。"""
PASSING = """\
plan:
  title: 示例
  year: 2013
  requirements: [学员请假超过总学时十分之一的，按退学处理]
  leave_rule: {脱产: 1/10}
classes:
  - {id: a, name: 甲班, when: 2013-05-07}
"""
FAILING = """\
plan:
  title: 示例
  year: 2013
  requirements: [学员请假超过总学时七分之一的，按退学处理]
  leave_rule: {脱产: 1/10}
classes:
  - {id: a, name: 甲班, when: 2013-05-07}
"""

_CN = "一二三四五六七八九十"
_STATED = re.compile(rf"([0-9]+|[{_CN}]+)\s*分之\s*([0-9]+|[{_CN}]+)|([0-9]+)\s*/\s*([0-9]+)")


def _value(text: str) -> int:
    return num_value(text) or 0  # 7 or 七, 10 or 十


def stated_limits(text: str) -> list[str]:
    """The leave limits a text states, as ``1/7``: ``七分之一``, ``1/7``."""
    if "请假" not in text and "缺课" not in text:
        return []
    out = []
    for m in _STATED.finditer(text):
        if m.group(1):
            out.append(f"{_value(m.group(2))}/{_value(m.group(1))}")
        else:
            out.append(f"{m.group(3)}/{m.group(4)}")
    return out


def check(ctx: Context) -> Iterator[Diagnostic]:
    plan = ctx.plan
    # each written text: where it is, and the classes whose notices use it
    texts: list[tuple[str, Pos, list[TrainingClass]]] = []
    inheriting = [c for c in plan.classes if c.requirements is None]
    for i, text in enumerate(plan.texts.requirements or []):
        texts.append((text, plan.at("requirements", i), inheriting))
    for c in plan.classes:
        for i, text in enumerate(c.requirements or []):
            texts.append((text, c.rec.item_at("requirements", i), [c]))
    for text, pos, classes in texts:
        for stated in dict.fromkeys(stated_limits(text)):
            differing: dict[str, list[str]] = {}
            for c in classes:
                limit = c.leave_limit or plan.leave_rule.for_kind(c.kind)
                if limit != stated:
                    differing.setdefault(limit, []).append(c.label)
            for limit, labels in differing.items():
                shown = "、".join(f"“{x}”" for x in labels[:3]) + ("等" if len(labels) > 3 else "")
                yield finding(
                    CODE,
                    SEVERITY,
                    pos,
                    f"有关要求写的请假上限是 {stated}，但班次{shown}的请假上限是 {limit}",
                    hint="改正这一条的比例，或班次的 leave_limit / plan.leave_rule；"
                    "也可以删去这一条，通知会按请假规则自动写明。",
                )
