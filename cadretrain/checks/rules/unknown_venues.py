"""CT109: a class or session names a venue that ``venues`` does not declare."""

from __future__ import annotations

from collections.abc import Iterator

from cadretrain.checks.base import Context, finding
from cadretrain.core.diagnostics import Diagnostic, Severity
from cadretrain.plan.fields import Rec, did_you_mean

CODE = "CT109"
SEVERITY = Severity.ERROR
TITLE = "引用了未声明的场地"
EXPLANATION = """\
班次（或某一期）的 venue 必须是 venues 中声明过的场地代号。"""
PASSING = """\
venues: [{id: party-school, name: 县委党校, capacity: 200}]
classes:
  - {id: a, name: 甲班, when: 2013-05-07, venue: party-school}
"""
FAILING = """\
venues: [{id: party-school, name: 县委党校, capacity: 200}]
classes:
  - {id: a, name: 甲班, when: 2013-05-07, venue: party-schol}
"""


def check(ctx: Context) -> Iterator[Diagnostic]:
    known = list(ctx.plan.venues)
    for c in ctx.plan.classes:
        refs: list[tuple[str, Rec]] = [(c.venue, c.rec)] if c.venue else []
        refs += [(s.venue, s.rec) for s in c.sessions if s.venue]
        for ref, rec in refs:
            if ref not in ctx.plan.venues:
                yield finding(
                    CODE,
                    SEVERITY,
                    rec.at("venue"),
                    f"班次“{c.label}”的场地“{ref}”没有在 venues 中声明",
                    hint=did_you_mean(ref, known)
                    or "请在 venues 中添加该场地，或改用已声明的代号。",
                )
