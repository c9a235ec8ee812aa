"""Reading the two values plans write in prose: a class's dates (``when``) and its headcount
(``planned``). Each reading the grammar had to assume, and each word it could not use, becomes
a diagnostic at its place in the value (CT130–CT136); ``fields.Reader`` calls these."""

from __future__ import annotations

from yaml.nodes import ScalarNode

from cadretrain.core.dates import DateParseError, DateSpan, WhenSettings, parse_when
from cadretrain.core.diagnostics import Pos, Sink
from cadretrain.core.headcount import Headcount, parse_headcount

_WHEN_HINT = (
    "可写 2013年3月13日---23日、5月11日—12日、2013-05-13 ~ 2013-07-13、十月中下旬，为期一周、"
    "11月份、上半年、9月底前、秋季学期、另行通知 等。"
)


def char_at(pos: Pos, node: ScalarNode, offset: int) -> Pos:
    """Where the ``offset``-th character of a scalar is, when the scalar is on one line;
    the scalar's start otherwise."""
    value = str(node.value)
    if "\n" in value or node.style not in (None, "", '"', "'"):
        return pos
    lead = len(value) - len(value.lstrip())
    quote = 1 if node.style in ('"', "'") else 0
    return Pos(pos.file, pos.line, pos.col + quote + lead + offset)


def read_when(
    sink: Sink, pos: Pos, node: ScalarNode, where: str, year: int, settings: WhenSettings
) -> DateSpan | None:
    text = str(node.value).strip()
    try:
        span = parse_when(text, year, settings)
    except DateParseError as exc:
        code = "CT104" if "不存在" in exc.message else "CT112"
        at = char_at(pos, node, exc.offset)
        sink.add(code, at, f"{where}：{exc.message}", hint=_WHEN_HINT)
        return None
    for note in span.notes:
        at = char_at(pos, node, note.start)
        sink.add(note.code, at, f"{where}：{note.message}", hint=note.hint)
    return span


def read_headcount(sink: Sink, pos: Pos, text: str, where: str, shown: str) -> Headcount | None:
    found = parse_headcount(text)
    if found is None:
        sink.add(
            "CT103",
            pos,
            f"{where}应为人数，实际是“{shown}”",
            hint="可写 45、45人、约80人、80余人、45人左右、30至40人、每期120人、1.2万人次。",
        )
        return None
    if found.approximate or found.at_least or found.low is not None:
        sink.add("CT135", pos, f"{where}：{found.reading()}")
    if found.per_session:
        message = f"“{found.text}”是每期人数：全班人数按每期 {found.number} 人乘以期数计"
        sink.add("CT136", pos, f"{where}：{message}")
    elif found.person_times:
        message = f"“{found.text}”是各期合计的人次：按 {found.number} 人次计，同一人参加几期计几次"
        sink.add("CT136", pos, f"{where}：{message}")
    return found
