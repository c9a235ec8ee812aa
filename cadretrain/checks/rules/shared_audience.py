"""CT305: two classes on the same days whose audiences can hold the same cadre, judged by the
shape of their ``eligible`` rules (no register, or one that does not cover both audiences)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from cadretrain.checks.audience import Meeting, Overlap, by_register, meetings
from cadretrain.checks.base import Context, finding
from cadretrain.core.diagnostics import Diagnostic, Related, Severity
from cadretrain.core.sweep import days_text

CODE = "CT305"
SEVERITY = Severity.WARNING
TITLE = "学员可能同时在两个班"
EXPLANATION = """\
两个班次日期重叠，而两者的参训条件（eligible）可能是同一批人（有共同标签，或职级
有交集且性别不矛盾）时，同一干部可能被两个班同时选调。一方按标签、一方按职级（如 中青年 与
乡科级）时无从判断，报告为“可能”（提示），每个班次一条，列出同期的这些班次；有一方时间未定时
也报告为“可能”（级别降一级）。
计划有干部名册且名册覆盖两个班的培训对象时，改按名册核对（CT413），不再按条件的写法推断。
没有写 eligible 的班次不参与此检查。"""
PASSING = """\
classes:
  - {id: a, name: 甲班, when: 2013年5月7日---5月9日, eligible: {tags: [中青年]}}
  - {id: b, name: 乙班, when: 2013年5月10日, eligible: {tags: [中青年]}}
"""
FAILING = """\
classes:
  - {id: a, name: 甲班, when: 2013年5月7日---5月9日, eligible: {tags: [中青年]}}
  - {id: b, name: 乙班, when: 2013年5月9日, eligible: {tags: [中青年]}}
"""


def check(ctx: Context) -> Iterator[Diagnostic]:
    guesses: dict[int, list[Meeting]] = defaultdict(list)  # by the later class
    for m in meetings(ctx):
        if m.overlap is None or by_register(ctx, m):
            continue
        if m.overlap is Overlap.POSSIBLE:
            guesses[m.second.index].append(m)
            continue
        first, second = m.first, m.second
        yield finding(
            CODE,
            SEVERITY,
            second.rec.at("when"),
            f"“{second.label}”与“{first.label}”在 {days_text(m.days, m.possible)} 同时上课，"
            f"两班的参训对象可能是同一批人（“{second.label}”：{second.eligible_text}；"
            f"“{first.label}”：{first.eligible_text}）",
            related=[Related(first.rec.at("when"), f"“{first.label}”")],
            hint=HINT,
            possible=m.possible,
        )
    for found in guesses.values():
        yield _guess(found)


HINT = "选调学员时避免同一人同时参加两个班；报名汇总后可按身份证号精确核对。"
SHOWN = 3  # other classes a note names


def _guess(found: list[Meeting]) -> Diagnostic:
    """One note for a class and every class meeting on its days whose rule only possibly
    shares people with its own (a tag against a rank): a fact about the class, told once."""
    second = found[0].second
    parts = [f"“{m.first.label}”（{days_text(m.days, m.possible)}）" for m in found[:SHOWN]]
    more = f"等 {len(found)} 个班次" if len(found) > SHOWN else ""
    return finding(
        CODE,
        SEVERITY,
        second.rec.at("when"),
        f"“{second.label}”（{second.eligible_text}）与{'、'.join(parts)}{more}同时上课，"
        "两班条件没有共同的标签，一方限定职级，参训对象是否交叉无从判断",
        related=[Related(m.first.rec.at("when"), f"“{m.first.label}”") for m in found[:SHOWN]],
        hint=HINT + "计划有干部名册时按名册核对（CT413）。",
        possible=True,
    )
