"""Next year's plan from this year's (``cadretrain new YEAR --from PLAN``), and a starter plan.

The plan's text is edited in place, value by value, like ``fmt`` edits keys: comments, order
and everything not named here stay as written. What changes:

- ``plan.year``; the year inside the title, class names and short names (Arabic or Chinese
  numerals), and inside ``doc_number``, whose serial number is left for review;
- every exact date (``when``, each listed session's ``when``, ``{start, end}``, ``issued``)
  moves to the same week and weekday of the new year, counted from the first ISO week: a
  Monday stays a Monday and a class keeps its length. A date that would fall into the year
  before or after moves by a week, and says so;
- ``calendar.extra_holidays`` and ``extra_workdays`` (last year's days) are emptied.

Headcounts, texts, venues, teachers and units stay. Whatever needs a person's decision is a
:class:`Review` item: vague dates, texts that name the old year, the register, ``ignore``
entries and approved exceptions, which were about last year's classes. The caller checks the
moved dates against the new year's calendar (:func:`holiday_reviews`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Protocol

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from cadretrain.core.dates import DateParseError, format_span, parse_date, parse_when
from cadretrain.core.errors import CannotProceed
from cadretrain.plan.aliases import key_names
from cadretrain.plan.fmt import plan_tree
from cadretrain.plan.schema import SECTIONS
from cadretrain.plan.yaml_scalar import yaml_scalar


@dataclass(frozen=True)
class Review:
    """One thing a person has to decide about the new plan (Chinese)."""

    where: str  # 计划 / 班次“…”
    what: str


@dataclass(frozen=True)
class Moved:
    """A class (or one of its sessions) whose exact dates moved."""

    where: str
    start: date
    end: date


@dataclass
class NextYear:
    text: str
    old_year: int
    review: list[Review] = field(default_factory=list)
    moved: list[Moved] = field(default_factory=list)


_CN_DIGITS = "〇一二三四五六七八九"


def _cn_year(year: int) -> str:
    return "".join(_CN_DIGITS[int(d)] for d in str(year))


def replace_year(text: str, old: int, new: int) -> str:
    """``text`` with the year ``old`` written as ``new`` (``2013`` and ``二〇一三``/``二○一三``)."""
    out = re.sub(rf"(?<!\d){old}(?!\d)", str(new), text)
    for zero in ("〇", "○", "零"):
        out = out.replace(_cn_year(old).replace("〇", zero), _cn_year(new).replace("〇", zero))
    return out


def _mentions(text: str, year: int) -> bool:
    return replace_year(text, year, year + 1) != text


def same_week(day: date, old_year: int, new_year: int) -> tuple[date, bool]:
    """``day`` moved to the same week and weekday of ``new_year`` (weeks counted from the
    first ISO week of each year); True when it had to move a week more to stay in the same
    year relative to the plan's (a class in the first days of January or the last of
    December)."""
    moved = date.fromisocalendar(new_year, 1, 1) + (day - date.fromisocalendar(old_year, 1, 1))
    target = new_year + (day.year - old_year)
    shifted = False
    while moved.year < target:
        moved += timedelta(days=7)
        shifted = True
    while moved.year > target:
        moved -= timedelta(days=7)
        shifted = True
    return moved, shifted


_RISKY = re.compile(r"[,\[\]{}#:]")  # in a block mapping's value


def scalar_text(value: str, node: ScalarNode) -> str:
    """``value`` written where ``node`` was: plain when it was plain and reads back as the same
    text there, else double-quoted."""
    if node.style not in (None, ""):
        return json.dumps(value, ensure_ascii=False)
    return yaml_scalar(value, _RISKY)


class _Edits:
    def __init__(self, text: str) -> None:
        self.text = text
        self.spans: list[tuple[int, int, str]] = []

    def scalar(self, node: Node, value: str) -> bool:
        """Replace a scalar written on one line; False for block scalars (left for review)."""
        if not isinstance(node, ScalarNode) or node.style in ("|", ">"):
            return False
        self.spans.append((node.start_mark.index, node.end_mark.index, scalar_text(value, node)))
        return True

    def raw(self, node: Node, value: str) -> None:
        """Replace a whole value; a block list ends at its last item (its end mark lies past
        the line break, on the next key)."""
        end = node.end_mark.index
        if isinstance(node, SequenceNode) and not node.flow_style and node.value:
            end = node.value[-1].end_mark.index
        self.spans.append((node.start_mark.index, end, value))

    def apply(self) -> str:
        out = self.text
        for start, end, new in sorted(self.spans, reverse=True):
            out = out[:start] + new + out[end:]
        return out


def _entries(node: Node, section: str) -> dict[str, Node]:
    """A mapping's declared keys (either language; the first of a key) → their values."""
    if not isinstance(node, MappingNode):
        return {}
    names = key_names(SECTIONS[section])
    out: dict[str, Node] = {}
    for k, v in node.value:
        if isinstance(k, ScalarNode) and str(k.value) in names:
            out.setdefault(names[str(k.value)], v)
    return out


def _text(node: Node | None) -> str | None:
    return str(node.value) if isinstance(node, ScalarNode) else None


def _all_text(node: Node) -> Iterable[str]:
    if isinstance(node, ScalarNode):
        yield str(node.value)
    elif isinstance(node, SequenceNode):
        for item in node.value:
            yield from _all_text(item)
    elif isinstance(node, MappingNode):
        for k, v in node.value:
            yield from _all_text(k)
            yield from _all_text(v)


class _Mover:
    def __init__(self, text: str, old: int, new: int) -> None:
        self.edits = _Edits(text)
        self.old, self.new = old, new
        self.result = NextYear("", old)

    def review(self, where: str, what: str) -> None:
        self.result.review.append(Review(where, what))

    def rename(self, node: Node | None, where: str, label: str) -> None:
        """Rewrite the year inside a name-like scalar."""
        text = _text(node)
        if node is None or text is None or not _mentions(text, self.old):
            return
        new = replace_year(text, self.old, self.new)
        if self.edits.scalar(node, new):
            self.review(where, f"{label}已由“{text}”改为“{new}”，请核对")
        else:
            self.review(where, f"{label}中写有 {self.old} 年，请改为 {self.new} 年")

    def mention(self, node: Node | None, where: str, label: str) -> None:
        """Texts are not rewritten: a text naming the old year is listed for review."""
        if node is not None and any(_mentions(t, self.old) for t in _all_text(node)):
            self.review(where, f"{label}中提到 {self.old} 年，请按 {self.new} 年的情况修改")

    def move_date(self, node: Node | None, where: str, label: str) -> date | None:
        text = _text(node)
        if node is None or text is None:
            return None
        try:
            day = parse_date(text, self.old)
        except DateParseError:
            self.review(where, f"{label}“{text}”无法读取，请填写 {self.new} 年的日期")
            return None
        moved, shifted = same_week(day, self.old, self.new)
        self.edits.scalar(node, moved.isoformat())
        if shifted:
            self.review(where, f"{label}移到同周同星期会跨年，已再移一周，为 {moved.isoformat()}")
        return moved

    def move_when(self, node: Node | None, where: str) -> None:
        if isinstance(node, MappingNode):  # {start, end}: the end keeps its distance
            parts = _entries(node, "span")
            first, last = _text(parts.get("start")), _text(parts.get("end"))
            start = self.move_date(parts.get("start"), where, "开始日期")
            if start and first and last:
                try:
                    delta = start - parse_date(first, self.old)
                    end = parse_date(last, self.old) + delta
                except DateParseError:
                    return
                self.edits.scalar(parts["end"], end.isoformat())
                self.result.moved.append(Moved(where, start, end))
            return
        text = _text(node)
        if node is None or text is None:
            return
        try:
            span = parse_when(text, self.old)
        except DateParseError:
            self.review(where, f"培训时间“{text}”无法读取，请填写 {self.new} 年的日期")
            return
        if not span.exact:
            self.rename(node, where, "培训时间")
            self.review(where, f"培训时间“{text}”尚未确定到具体日期，请定下 {self.new} 年的日期")
            return
        start, shifted = same_week(span.start, self.old, self.new)
        end = span.end + (start - span.start)
        new = format_span(start, end)
        if not self.edits.scalar(node, new):
            self.review(where, f"培训时间“{text}”请改为 {self.new} 年的日期")
            return
        self.result.moved.append(Moved(where, start, end))
        why = "（跨年，已再移一周）" if shifted else ""
        self.review(where, f"培训时间由“{text}”移到同周同星期的“{new}”{why}，请核对")

    def plan_section(self, node: Node) -> None:
        head = _entries(node, "plan")
        where = "计划"
        year = head.get("year")
        if year is not None:
            self.edits.scalar(year, str(self.new))
        self.rename(head.get("title"), where, "标题")
        number = head.get("doc_number")
        if _text(number):
            self.rename(number, where, "发文字号")
            self.review(where, "发文字号的序号沿用了去年的，请按今年的发文重新编号")
        issued = self.move_date(head.get("issued"), where, "印发日期")
        if issued:
            self.review(where, f"印发日期已移到 {issued.isoformat()}，请改为实际印发的日期")
        if _text(head.get("register")):
            self.review(where, f"干部名册“{_text(head.get('register'))}”是去年的，请换成今年的名册")
        for key in ("guiding", "measures", "notes", "leadership", "assessment", "topic_menu"):
            zh = SECTIONS["plan"][key].zh
            if key in head:
                self.mention(head[key], where, zh)
        if "ignore" in head:
            self.review(where, "忽略（ignore）的理由是针对去年的问题写的，请逐条核对")

    def calendar_section(self, node: Node) -> None:
        cal = _entries(node, "calendar")
        for key in ("extra_holidays", "extra_workdays"):
            value = cal.get(key)
            if isinstance(value, SequenceNode) and value.value:
                self.edits.raw(value, "[]")
                zh = SECTIONS["calendar"][key].zh
                self.review("日历", f"去年的{zh}已清空，请按今年的安排补充")

    def class_entry(self, node: Node, index: int) -> None:
        cls = _entries(node, "class")
        label = _text(cls.get("short")) or _text(cls.get("name")) or f"第 {index} 个"
        where = f"班次“{label}”"
        self.rename(cls.get("name"), where, "班次名称")
        self.rename(cls.get("short"), where, "简称")
        self.mention(cls.get("audience"), where, "培训对象")
        self.mention(cls.get("notes"), where, "备注")
        self.move_when(cls.get("when"), where)
        sessions = cls.get("sessions")
        if isinstance(sessions, SequenceNode):
            for i, item in enumerate(sessions.value, start=1):
                self.move_when(_entries(item, "session").get("when"), f"{where}第 {i} 期")
        if "ignore" in cls:
            self.review(where, "忽略（ignore）的理由是针对去年的问题写的，请核对")
        if "exceptions" in cls:
            self.review(where, "结业例外（exceptions）是去年学员的，请删除")


def next_year_plan(text: str, file: str, new_year: int) -> NextYear:
    """Next year's plan from ``text`` (this year's plan)."""
    root = plan_tree(text, file)
    top = _entries(root, "root")
    head = _entries(top["plan"], "plan") if "plan" in top else {}
    old_text = _text(head.get("year")) or ""
    if not re.fullmatch(r"\d{4}年?", old_text.strip()):
        raise CannotProceed(
            f"{file} 中没有可读的计划年度（plan 的 year），无法推算新年度的日期", unusable=True
        )
    old = int(old_text.strip()[:4])
    if new_year <= old:
        raise CannotProceed(f"新年度 {new_year} 应晚于原计划的年度 {old}", unusable=True)
    mover = _Mover(text, old, new_year)
    if "plan" in top:
        mover.plan_section(top["plan"])
    if "calendar" in top:
        mover.calendar_section(top["calendar"])
    classes = top.get("classes")
    if isinstance(classes, SequenceNode):
        for i, item in enumerate(classes.value, start=1):
            mover.class_entry(item, i)
    result = mover.result
    result.text = mover.edits.apply()
    return result


class Calendar(Protocol):
    """What :func:`holiday_reviews` needs of the year's work calendar."""

    def is_workday(self, day: date) -> bool: ...

    def label(self, day: date) -> str: ...


def holiday_reviews(moved: Iterable[Moved], cal: Calendar) -> list[Review]:
    """The moved dates checked against the new year's calendar: a first or last day that is
    not a working day, and holidays inside a class's dates."""
    out: list[Review] = []
    for m in moved:
        for day, what in ((m.start, "开班日"), (m.end, "结业日")):
            if not cal.is_workday(day):
                out.append(Review(m.where, f"新的{what} {day.isoformat()} 是{cal.label(day)}"))
        inside = [
            m.start + timedelta(days=i)
            for i in range(1, (m.end - m.start).days)
            if not cal.is_workday(m.start + timedelta(days=i))
            and cal.label(m.start + timedelta(days=i)) not in ("周六", "周日")
        ]
        if inside:
            names = "、".join(dict.fromkeys(cal.label(d) for d in inside))
            out.append(Review(m.where, f"新的培训时间中有节假日（{names}），请核对培训日"))
    return out


def review_comment(review: list[Review], old: int, new: int) -> str:
    """The review list as a YAML comment block for the top of the new plan."""
    lines = [
        f"# 由 {old} 年计划生成的 {new} 年计划（cadretrain new）。"
        "以下各项需要人工核对，核对后可删除本段："
    ]
    lines += [f"#   - {r.where}：{r.what}" for r in review] or ["#   （无）"]
    return "\n".join(lines) + "\n"


def with_review(text: str, review: list[Review], old: int, new: int) -> str:
    """``text`` with the review comment after its schema line (or at the top)."""
    block = review_comment(review, old, new)
    first, sep, rest = text.partition("\n")
    if first.startswith("# yaml-language-server:"):
        return first + sep + block + rest
    return block + text
