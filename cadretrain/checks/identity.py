"""Ids and names must be unique: they name output files and are how users pick a class."""

from __future__ import annotations

from cadretrain.checks.base import Context, rule
from cadretrain.core.diagnostics import Pos, Related

_LISTS = {"classes": "班次", "units": "单位", "venues": "场地", "teachers": "教师"}


@rule("CT107")
def duplicate_ids(ctx: Context) -> None:
    """同一列表（班次、场地、教师）中的代号 id 必须唯一。

    通过::

        classes:
          - {id: a, name: 甲班, when: 2013-05-07}
          - {id: b, name: 乙班, when: 2013-05-08}

    不通过::

        classes:
          - {id: a, name: 甲班, when: 2013-05-07}
          - {id: a, name: 乙班, when: 2013-05-08}
    """
    for key, what in _LISTS.items():
        first: dict[str, Pos] = {}
        for ident, pos in ctx.plan.listed_ids(key):
            if ident in first:
                ctx.sink.add(
                    "CT107",
                    pos,
                    f"{what}代号“{ident}”重复，第 {first[ident].line} 行已使用",
                    related=[Related(first[ident], "第一次使用")],
                    hint="每个代号只能用一次；代号会用作输出文件名。",
                )
            else:
                first[ident] = pos


@rule("CT108")
def duplicate_names(ctx: Context) -> None:
    """班次的全称和简称不得与其他班次的全称或简称相同，否则“--class 名称”无法确定是哪个班。

    通过::

        classes:
          - {id: a, name: 春期中青年干部理论培训班, short: 春期中青年班, when: 2013-05-13}
          - {id: b, name: 秋期中青年干部理论培训班, short: 秋期中青年班, when: 2013-10-08}

    不通过::

        classes:
          - {id: a, name: 中青年干部理论培训班, when: 2013-05-13}
          - {id: b, name: 中青年干部理论培训班, when: 2013-10-08}
    """
    seen: dict[str, tuple[str, Pos]] = {}
    for c in ctx.plan.classes:
        names = [("name", c.name)] + ([("short", c.short)] if c.short else [])
        for key, name in names:
            if c.short == c.name and key == "short":
                continue
            if name in seen and seen[name][0] != c.id:
                other = seen[name][1]
                ctx.sink.add(
                    "CT108",
                    c.rec.at(key),
                    f"班次名称“{name}”与第 {other.line} 行的班次重名",
                    related=[Related(other, "同名班次")],
                    hint="给两个班次加以区分，如“春期”“秋期”或“第一期”。",
                )
            else:
                seen.setdefault(name, (c.id, c.rec.at(key)))
