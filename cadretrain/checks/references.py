"""References to venues, teachers, ranks and tags must name something the plan declares."""

from __future__ import annotations

from cadretrain.checks.base import Context, rule
from cadretrain.plan.fields import Rec, did_you_mean
from cadretrain.plan.model import ROSTER_COLUMNS
from cadretrain.plan.specs import EligibleRule


@rule("CT109")
def unknown_venues(ctx: Context) -> None:
    """班次（或某一期）的 venue 必须是 venues 中声明过的场地代号。

    通过::

        venues: [{id: party-school, name: 县委党校, capacity: 200}]
        classes:
          - {id: a, name: 甲班, when: 2013-05-07, venue: party-school}

    不通过::

        venues: [{id: party-school, name: 县委党校, capacity: 200}]
        classes:
          - {id: a, name: 甲班, when: 2013-05-07, venue: party-schol}
    """
    known = list(ctx.plan.venues)
    for c in ctx.plan.classes:
        refs: list[tuple[str, Rec]] = [(c.venue, c.rec)] if c.venue else []
        refs += [(s.venue, s.rec) for s in c.sessions if s.venue]
        for ref, rec in refs:
            if ref not in ctx.plan.venues:
                ctx.sink.add(
                    "CT109",
                    rec.at("venue"),
                    f"班次“{c.label}”的场地“{ref}”没有在 venues 中声明",
                    hint=did_you_mean(ref, known)
                    or "请在 venues 中添加该场地，或改用已声明的代号。",
                )


@rule("CT110")
def unknown_teachers(ctx: Context) -> None:
    """班次的 teachers 必须是 teachers 中声明过的教师代号。

    通过::

        teachers: [{id: ps-faculty, name: 县委党校教师, pool: true}]
        classes:
          - {id: a, name: 甲班, when: 2013-05-07, teachers: [ps-faculty]}

    不通过::

        teachers: [{id: ps-faculty, name: 县委党校教师, pool: true}]
        classes:
          - {id: a, name: 甲班, when: 2013-05-07, teachers: [ps-facluty]}
    """
    known = list(ctx.plan.teachers)
    names = {t.name: t.id for t in ctx.plan.teachers.values()}
    for c in ctx.plan.classes:
        positions = c.rec.item_pos.get("teachers", [])
        for i, ref in enumerate(c.teachers):
            if ref in ctx.plan.teachers:
                continue
            hint = (
                f"“{ref}”是教师姓名，请改用其代号“{names[ref]}”。"
                if ref in names
                else did_you_mean(ref, known) or "请在 teachers 中添加该教师。"
            )
            ctx.sink.add(
                "CT110",
                positions[i] if i < len(positions) else c.rec.at("teachers"),
                f"班次“{c.label}”的授课教师“{ref}”没有在 teachers 中声明",
                hint=hint,
            )


@rule("CT114")
def unknown_units(ctx: Context) -> None:
    """单位的上级单位 parent 必须是 units 中声明过的单位代号。

    通过::

        units:
          - {id: chengguan, name: 城关镇, kind: 乡镇}
          - {id: cg-school, name: 城关一中, kind: 学校, parent: chengguan}
        classes: []

    不通过::

        units:
          - {id: cg-school, name: 城关一中, kind: 学校, parent: chengguan}
        classes: []
    """
    known = list(ctx.plan.units)
    for unit in ctx.plan.units.values():
        if unit.parent and unit.parent not in ctx.plan.units:
            ctx.sink.add(
                "CT114",
                unit.rec.at("parent"),
                f"单位“{unit.name}”的上级单位“{unit.parent}”没有在 units 中声明",
                hint=did_you_mean(unit.parent, known) or "请在 units 中添加该单位。",
            )


@rule("CT115")
def unknown_roster_columns(ctx: Context) -> None:
    """plan.roster_columns 中的每一栏都必须是花名册能给出的栏目。

    通过::

        plan: {title: 示例, year: 2013, roster_columns: [序号, 姓名, 单位及职务, 备注]}
        classes: []

    不通过::

        plan: {title: 示例, year: 2013, roster_columns: [序号, 名字, 单位及职务]}
        classes: []
    """
    for i, head in enumerate(ctx.plan.roster_columns):
        if head not in ROSTER_COLUMNS:
            ctx.sink.add(
                "CT115",
                ctx.plan.at("roster_columns", i),
                f"花名册没有“{head}”这一栏",
                hint=did_you_mean(head, ROSTER_COLUMNS) or "可选：" + "、".join(ROSTER_COLUMNS),
            )


@rule("CT111")
def unknown_ranks_or_tags(ctx: Context) -> None:
    """eligible 中的职级必须在 ranks 中声明；声明了 tags 时，标签也必须在其中。

    通过::

        ranks: [乡科级正职, 乡科级副职]
        classes:
          - {id: a, name: 甲班, when: 2013-05-07, eligible: {rank: [乡科级正职]}}

    不通过::

        ranks: [乡科级正职, 乡科级副职]
        classes:
          - {id: a, name: 甲班, when: 2013-05-07, eligible: {rank: [科级正职]}}
    """
    ranks = ctx.plan.ranks
    tags = ctx.plan.tags
    check_tags = ctx.plan.tags_declared
    for c in ctx.plan.classes:
        for elig in c.eligible_rules:
            _check_rule(ctx, c.label, elig, ranks, tags, check_tags)


def _check_rule(
    ctx: Context,
    label: str,
    elig: EligibleRule,
    ranks: list[str],
    tags: list[str],
    check_tags: bool,
) -> None:
    wanted: list[tuple[str, str, int]] = [("rank", v, i) for i, v in enumerate(elig.rank or [])]
    wanted += [("tags", v, i) for i, v in enumerate(elig.tags)]
    wanted += [
        (k, v, -1)
        for k, v in (("rank_at_least", elig.rank_at_least), ("rank_at_most", elig.rank_at_most))
        if v is not None
    ]
    for key, value, i in wanted:
        is_tag = key == "tags"
        if is_tag and (not check_tags or value in tags):
            continue
        if not is_tag and value in ranks:
            continue
        what, table, known = ("标签", "tags", tags) if is_tag else ("职级", "ranks", ranks)
        ctx.sink.add(
            "CT111",
            elig.rec.item_at(key, i),
            f"班次“{label}”的参训条件用到{what}“{value}”，但 {table} 中没有声明",
            hint=did_you_mean(value, known) or f"请在 {table} 中声明“{value}”。",
        )
