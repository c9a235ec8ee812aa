"""Applying a plan's ``ignore:`` entries (``plan.ignores``) to the findings of its rules.

- A plan entry (under ``plan:``) silences its code everywhere.
- A class entry silences its code's findings *about that class*: a finding is about a class
  when its position, or one of its related positions, is something written in the class's
  entry (a key, a value or a list item, its sessions and ``eligible`` included). Conflicts
  between two classes (CT305) are about both. Class entries are tried first, so a finding
  carries the most specific reason.
- Only the warnings and notes of the rules can be silenced. An entry with a code that is
  unknown or not a rule's (CT116), without a reason (CT117) or for an error (CT118) silences
  nothing; an entry that matches no finding is reported (CT119), so stale ones get removed.

Silenced findings are kept, marked ``ignored`` with the entry's ``reason``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from cadretrain.checks.base import Rule
from cadretrain.core.codes import CODES
from cadretrain.core.diagnostics import Diagnostic, Pos, Severity, Sink
from cadretrain.plan.ignores import Ignore, class_positions, read_ignores
from cadretrain.plan.model import Plan

ERROR = Severity.ERROR


def apply_ignores(
    plan: Plan, found: list[Diagnostic], ran: set[str], sink: Sink, rules: Iterable[Rule]
) -> list[Diagnostic]:
    """``found`` with the findings the plan silences marked ``ignored``; problems of the
    entries themselves go to ``sink``. ``ran``: the codes of the rules that ran (an entry for
    a rule that did not run is not reported as matching nothing)."""
    entries = read_ignores(plan, sink)
    if not entries:
        return found
    by_code = {r.CODE: r for r in rules}
    names = {c.id: f"班次“{c.label}”" for c in plan.classes}
    usable = sorted(
        (e for e in entries if _usable(e, by_code, names, sink)), key=lambda e: e.class_id is None
    )
    inside = class_positions(plan)
    used: set[Ignore] = set()
    errors_only: set[Ignore] = set()
    out: list[Diagnostic] = []
    for d in found:
        entry = _match(d, usable, inside)
        if entry is None:
            out.append(d)
        elif d.severity is ERROR:  # CT302 under calendar.weekend_days: error
            errors_only.add(entry)
            out.append(d)
        else:
            used.add(entry)
            out.append(replace(d, ignored=True, reason=entry.reason))
    for e in usable:
        if e in used or e.code not in ran:
            continue
        if e in errors_only:
            sink.add(
                "CT118",
                e.pos,
                f"{_owner(e, names)}要忽略的 {e.code} 在本计划中按错误报告，错误不能忽略",
                hint="错误需要改正；CT302 的级别由 calendar.weekend_days 决定。",
            )
        else:
            sink.add(
                "CT119",
                e.pos,
                f"{_owner(e, names)}要忽略的 {e.code}（{by_code[e.code].TITLE}）没有对应的问题",
                hint="问题已经不存在时，请删除这一项，以免日后掩盖新的问题。",
            )
    return out


def _usable(e: Ignore, by_code: dict[str, Rule], names: dict[str, str], sink: Sink) -> bool:
    """True when the entry may silence findings; otherwise say why (CT116–CT118)."""
    owner = _owner(e, names)
    rule = by_code.get(e.code)
    if rule is None:
        silenceable = "、".join(sorted(c for c, r in by_code.items() if r.SEVERITY is not ERROR))
        hint = f"可以忽略的代码：{silenceable}。"
        if e.code in CODES:
            message = (
                f"{owner}要忽略的 {e.code}（{CODES[e.code].title}）不是检查计划内容时"
                "报告的问题，不能在计划中忽略"
            )
        else:
            message = f"{owner}要忽略的代码“{e.code}”不存在"
            hint = "用 cadretrain codes 查看全部代码；" + hint
        sink.add("CT116", e.pos, message, hint=hint)
        return False
    if rule.SEVERITY is ERROR:
        sink.add(
            "CT118",
            e.pos,
            f"{owner}要忽略的 {e.code}（{rule.TITLE}）是错误，错误不能忽略",
            hint="错误会使生成的文书出错，请改正计划；只有警告和提示可以忽略。",
        )
        return False
    if not e.reason:
        sink.add(
            "CT117",
            e.pos,
            f"{owner}忽略 {e.code} 没有写理由",
            hint="写明为什么可以不管这个问题，如 CT302: 经县委同意，本班周六上课。",
        )
        return False
    return True


def _match(d: Diagnostic, usable: list[Ignore], inside: dict[str, set[Pos]]) -> Ignore | None:
    places = (d.pos, *(r.pos for r in d.related))
    for e in usable:
        if e.code != d.code:
            continue
        if e.class_id is None or any(p in inside.get(e.class_id, ()) for p in places):
            return e
    return None


def _owner(e: Ignore, names: dict[str, str]) -> str:
    """Who wrote the entry, for messages: 计划 or 班次“简称”."""
    if e.class_id is None:
        return "计划"
    return names.get(e.class_id, f"班次“{e.class_id}”")
