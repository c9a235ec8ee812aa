"""CT107: an id used twice in one list (classes, units, venues, teachers); ids name output files."""

from __future__ import annotations

from collections.abc import Iterator

from cadretrain.checks.base import Context, finding
from cadretrain.core.diagnostics import Diagnostic, Pos, Related, Severity

_LISTS = {"classes": "班次", "units": "单位", "venues": "场地", "teachers": "教师"}

CODE = "CT107"
SEVERITY = Severity.ERROR
TITLE = "代号重复"
EXPLANATION = """\
同一列表（班次、场地、教师）中的代号 id 必须唯一。"""
PASSING = """\
classes:
  - {id: a, name: 甲班, when: 2013-05-07}
  - {id: b, name: 乙班, when: 2013-05-08}
"""
FAILING = """\
classes:
  - {id: a, name: 甲班, when: 2013-05-07}
  - {id: a, name: 乙班, when: 2013-05-08}
"""


def check(ctx: Context) -> Iterator[Diagnostic]:
    for key, what in _LISTS.items():
        first: dict[str, Pos] = {}
        for ident, pos in ctx.plan.listed_ids(key):
            if ident in first:
                yield finding(
                    CODE,
                    SEVERITY,
                    pos,
                    f"{what}代号“{ident}”重复，第 {first[ident].line} 行已使用",
                    related=[Related(first[ident], "第一次使用")],
                    hint="每个代号只能用一次；代号会用作输出文件名。",
                )
            else:
                first[ident] = pos
