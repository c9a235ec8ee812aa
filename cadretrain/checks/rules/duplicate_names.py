"""CT108: a class's name or short name equal to another class's (``--class NAME`` is ambiguous)."""

from __future__ import annotations

from collections.abc import Iterator

from cadretrain.checks.base import Context, finding
from cadretrain.core.diagnostics import Diagnostic, Pos, Related, Severity

CODE = "CT108"
SEVERITY = Severity.ERROR
TITLE = "名称重复"
EXPLANATION = """\
班次的全称和简称不得与其他班次的全称或简称相同，否则“--class 名称”无法确定是哪个班。"""
PASSING = """\
classes:
  - {id: a, name: 春期中青年干部理论培训班, short: 春期中青年班, when: 2013-05-13}
  - {id: b, name: 秋期中青年干部理论培训班, short: 秋期中青年班, when: 2013-10-08}
"""
FAILING = """\
classes:
  - {id: a, name: 中青年干部理论培训班, when: 2013-05-13}
  - {id: b, name: 中青年干部理论培训班, when: 2013-10-08}
"""


def check(ctx: Context) -> Iterator[Diagnostic]:
    seen: dict[str, tuple[str, Pos]] = {}
    for c in ctx.plan.classes:
        names = [("name", c.name)] + ([("short", c.short)] if c.short else [])
        for key, name in names:
            if c.short == c.name and key == "short":
                continue
            if name in seen and seen[name][0] != c.id:
                other = seen[name][1]
                yield finding(
                    CODE,
                    SEVERITY,
                    c.rec.at(key),
                    f"班次名称“{name}”与第 {other.line} 行的班次重名",
                    related=[Related(other, "同名班次")],
                    hint="给两个班次加以区分，如“春期”“秋期”或“第一期”。",
                )
            else:
                seen.setdefault(name, (c.id, c.rec.at(key)))
