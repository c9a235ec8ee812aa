"""CT206: the cadre register does not cover a class's audience (its eligible cadres are fewer
than ``register_share`` % of ``planned``), so quotas are not apportioned from it
(the decision table, ``enroll/method.py``)."""

from __future__ import annotations

from collections.abc import Iterator

from cadretrain.checks.base import Context, Prose, finding
from cadretrain.core.diagnostics import Diagnostic, Severity
from cadretrain.enroll.method import Method, decide

CODE = "CT206"
SEVERITY = Severity.WARNING
TITLE = "名册不覆盖培训对象"
EXPLANATION = """\
干部名册中符合班次参训条件的人数不足规划人数的一定比例（班次的 register_share，默认 50%）。
入党积极分子、村社区书记等多数不在干部名册中，按名册分配只会把名额分给找到的少数人。
这时不按名册分配名额：通知写规划人数、说明名额另行通知，不附名额分配表和报名回执。
请在各单位写申报人数（counts），或为班次写学员产生方式（selection: 推荐、考试、委托、指定）。"""
PASSING: str = Prose("名册中有 60 名符合条件的干部，班次规划 100 人（不少于 50%）")
FAILING: str = Prose("名册中只有 38 名入党积极分子，班次规划 200 人（不足 50%）")


def check(ctx: Context) -> Iterator[Diagnostic]:
    plan = ctx.plan
    if not plan.register or not plan.units:
        return
    cadres = ctx.cadres  # problems reading it are the register's own codes
    if cadres is None:
        return
    for cls in plan.classes:
        decision = decide(plan, cls, cadres)
        if decision.method is not Method.UNCOVERED or cls.planned is None:
            continue
        found = decision.found or 0
        yield finding(
            CODE,
            SEVERITY,
            cls.rec.at("planned"),
            f"班次“{cls.label}”规划 {cls.planned} 人，干部名册中符合条件的只有 {found} 人，"
            f"不足规划人数的 {cls.register_share}%，不按名册分配名额",
            hint="在各单位写申报人数（counts），或写 selection: 推荐（考试、委托、指定）；"
            "通知将写“名额另行通知”。",
        )
