"""CT110: a class names a teacher that ``teachers`` does not declare."""

from __future__ import annotations

from collections.abc import Iterator

from cadretrain.checks.base import Context, finding
from cadretrain.core.diagnostics import Diagnostic, Severity
from cadretrain.plan.fields import did_you_mean

CODE = "CT110"
SEVERITY = Severity.ERROR
TITLE = "引用了未声明的教师"
EXPLANATION = """\
班次（及逐期列出的每一期）的 teachers 必须是 teachers 中声明过的教师代号。"""
PASSING = """\
teachers: [{id: ps-faculty, name: 县委党校教师, pool: true}]
classes:
  - {id: a, name: 甲班, when: 2013-05-07, teachers: [ps-faculty]}
"""
FAILING = """\
teachers: [{id: ps-faculty, name: 县委党校教师, pool: true}]
classes:
  - {id: a, name: 甲班, when: 2013-05-07, teachers: [ps-facluty]}
"""


def check(ctx: Context) -> Iterator[Diagnostic]:
    known = list(ctx.plan.teachers)
    names = {t.name: t.id for t in ctx.plan.teachers.values()}
    for c in ctx.plan.classes:
        refs = [(ref, c.rec.item_at("teachers", i), "") for i, ref in enumerate(c.teachers)]
        for n, s in enumerate(c.sessions, start=1):
            refs += [
                (r, s.rec.item_at("teachers", i), f"第 {n} 期")
                for i, r in enumerate(s.teachers or [])
            ]
        for ref, pos, session in refs:
            if ref in ctx.plan.teachers:
                continue
            hint = (
                f"“{ref}”是教师姓名，请改用其代号“{names[ref]}”。"
                if ref in names
                else did_you_mean(ref, known) or "请在 teachers 中添加该教师。"
            )
            yield finding(
                CODE,
                SEVERITY,
                pos,
                f"班次“{c.label}”{session}的授课教师“{ref}”没有在 teachers 中声明",
                hint=hint,
            )
