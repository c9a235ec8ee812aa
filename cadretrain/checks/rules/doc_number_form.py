"""CT170: a 发文字号 not in the form GB/T 9704-2012 7.2.4 gives (``县组〔2013〕12号``)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from cadretrain.checks.base import Context, finding
from cadretrain.core.diagnostics import Diagnostic, Severity

CODE = "CT170"
SEVERITY = Severity.WARNING
TITLE = "发文字号格式不规范"
EXPLANATION = """\
GB/T 9704-2012 规定发文字号由发文机关代字、年份和发文顺序号组成：年份用六角括号“〔〕”括入，
序号不加“第”字，不编虚位（1 不编为 01），如 县组〔2013〕12号。通知照计划中写的字号印出，
所以字号不规范时报告，并给出改正后的写法。"""
PASSING = """\
plan: {title: 示例, year: 2013, doc_number: 县组〔2013〕12号}
classes:
  - {id: a, name: 甲班, when: 2013-05-07}
"""
FAILING = """\
plan: {title: 示例, year: 2013, doc_number: "县组[2013]第012号"}
classes:
  - {id: a, name: 甲班, when: 2013-05-07}
"""

_GOOD = re.compile(r"(?P<org>\S+?)〔(?P<year>\d{4})〕(?P<n>[1-9]\d*)号")
_LOOSE = re.compile(
    r"\s*(?P<org>\S*?)\s*[\[［【〔(（<《{｛]?\s*(?P<year>\d{4})\s*[\]］】〕)）>》}｝]?"
    r"\s*第?\s*(?P<n>\d+)\s*号?\s*"
)


def corrected(number: str) -> str | None:
    """The standard form of ``number`` (``县组[2013]第012号`` → ``县组〔2013〕12号``), the
    same string when it already is, or None when it cannot be read as 代字, 年份, 序号."""
    if _GOOD.fullmatch(number):
        return number
    m = _LOOSE.fullmatch(number)
    if m is None or not m.group("org") or int(m.group("n")) == 0:
        return None
    return f"{m.group('org')}〔{m.group('year')}〕{int(m.group('n'))}号"


def _faults(number: str) -> list[str]:
    faults = []
    if "〔" not in number or "〕" not in number:
        faults.append("年份应括入六角括号“〔〕”")
    if "第" in number:
        faults.append("序号前不加“第”")
    if re.search(r"(?<![\d])0\d*号", number):
        faults.append("序号不编虚位（不写前导 0）")
    if not number.rstrip().endswith("号"):
        faults.append("以“号”结尾")
    return faults or ["应为 代字〔年份〕序号号"]


def check(ctx: Context) -> Iterator[Diagnostic]:
    number = ctx.plan.doc_number
    if not number or _GOOD.fullmatch(number):
        return
    better = corrected(number)
    hint = f"改为 {better}" if better else "写成 代字〔年份〕序号号，如 县组〔2013〕12号"
    yield finding(
        CODE,
        SEVERITY,
        ctx.plan.at("doc_number"),
        f"发文字号“{number}”不规范：{'；'.join(_faults(number))}",
        hint=f"{hint}（GB/T 9704-2012 7.2.4）。",
    )
