"""Facts the plan states about itself: class count, headcounts, seats."""

from __future__ import annotations

import math

from cadretrain.checks.base import Context, rule


@rule("CT201")
def classes_declared(ctx: Context) -> None:
    """plan.classes_declared（正文写的“全年共N个班次”）应与列出的班次数一致。

    通过::

        plan: {title: 示例, year: 2013, classes_declared: 1}
        classes:
          - {id: a, name: 甲班, when: 2013-05-07}

    不通过::

        plan: {title: 示例, year: 2013, classes_declared: 2}
        classes:
          - {id: a, name: 甲班, when: 2013-05-07}
    """
    declared = ctx.plan.classes_declared
    listed = ctx.plan.classes_listed  # per_unit templates count as the classes they become
    if declared is not None and declared != listed:
        ctx.sink.add(
            "CT201",
            ctx.plan.at("classes_declared"),
            f"计划写明全年共 {declared} 个班次，实际列出 {listed} 个",
            hint="核对是否漏列或多列了班次。",
        )


@rule("CT202")
def missing_planned(ctx: Context) -> None:
    """每个班次都应写规划人数 planned，名额分配和场地容量检查都依赖它。

    通过::

        classes:
          - {id: a, name: 甲班, when: 2013-05-07, planned: 50}

    不通过::

        classes:
          - {id: a, name: 甲班, when: 2013-05-07}
    """
    for c in ctx.plan.classes:
        written = "planned" in c.rec.key_pos  # a value that could not be read is CT103's
        if c.planned is None and not written and not any(s.planned for s in c.sessions):
            ctx.sink.add(
                "CT202",
                c.rec.at("name"),
                f"班次“{c.label}”没有写规划人数（planned）",
                hint="没有规划人数，就无法分配名额，也无法检查场地容量。",
            )


@rule("CT203")
def session_over_capacity(ctx: Context) -> None:
    """每期人数（规划人数 ÷ 期数，向上取整）不能超过场地容量，即 期数 × 容量 ≥ 规划人数。

    通过::

        venues: [{id: ps, name: 县委党校, capacity: 300}]
        classes:
          - {id: a, name: 轮训班, when: 2013年3月13日---29日, planned: 900,
             sessions: {count: 3, days: 3}, venue: ps}

    不通过::

        venues: [{id: ps, name: 县委党校, capacity: 200}]
        classes:
          - {id: a, name: 轮训班, when: 2013年3月13日---29日, planned: 900,
             sessions: {count: 3, days: 3}, venue: ps}
    """
    for c in ctx.plan.classes:
        venue = ctx.plan.venues.get(c.venue or "")
        if venue is None or venue.external or venue.capacity is None:
            continue
        if c.sessions:
            for n, s in enumerate(c.sessions, start=1):
                if s.planned is not None and s.planned > venue.capacity and not s.venue:
                    ctx.sink.add(
                        "CT203",
                        s.rec.at("planned"),
                        f"班次“{c.label}”第 {n} 期 {s.planned} 人，超过{venue.name}容量 "
                        f"{venue.capacity} 人",
                    )
            continue
        if c.planned is None:
            continue
        count = c.session_count or 1
        if count * venue.capacity < c.planned:
            per = math.ceil(c.planned / count)
            hint = (
                f"至少需要分 {math.ceil(c.planned / venue.capacity)} 期，或换用更大的场地。"
                if venue.capacity
                else f"{venue.name}的容量写的是 0，请核对。"
            )
            ctx.sink.add(
                "CT203",
                c.rec.at("planned"),
                f"班次“{c.label}”规划 {c.planned} 人，分 {count} 期每期 {per} 人，"
                f"超过{venue.name}容量 {venue.capacity} 人",
                hint=hint,
            )
