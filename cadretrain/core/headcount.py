"""Headcounts as plans write them (``planned:``): ``45``, ``45人``, ``约80人``, ``80余人``,
``45人左右``, ``30至40人``, ``每期120人`` / ``120人/期``, ``1.2万人次``.

A headcount is a number plus what the text says about it: approximate (约, 左右, 余, 多),
a range (the larger end is the number used), per session (每期, /期: the class's total is the
number times its sessions) or person-times over all sessions (人次). ``describe`` writes it
back as honestly as it was written (``约80人``, ``每期120人（3期共360人）``)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_NUM = r"(\d{1,15}(?:\.\d{1,4})?)(万)?"
_UNIT = r"(?:人次|人·次|名学员|名|个人|人|位|个)?"
_RE = re.compile(
    r"^(?P<pre>(?:规划人数|计划人数|培训人数|人数|计划|规划|拟|共计|共|合计|总计)?(?:每期|每班)?(?:培训|参训)?(?:约|大约|近|预计|不少于|至少)?)"
    rf"{_NUM}(?P<more>余|多)?{_UNIT}"
    rf"(?:(?:至|到|-|~|—)(?:约)?{_NUM}(?:余|多)?{_UNIT})?"
    r"(?P<post>左右|上下|以内|以上)?"
    r"(?P<per>/期|/班|每期)?$"
)
# Only what a float holds exactly; the documented limit (core/limits.py MAX_SEATS) is checked
# by the loader, which reports it with its reason (CT120) rather than as an unreadable number.
MAX_HEADCOUNT = 10**15


@dataclass(frozen=True)
class Headcount:
    number: int  # the number used: the larger end of a range, per session as written
    text: str  # as written
    low: int | None = None  # the smaller end of a range
    approximate: bool = False  # 约, 左右, 上下, 近
    at_least: bool = False  # 余, 多, 以上: "more than" the number
    per_session: bool = False  # 每期, /期
    person_times: bool = False  # 人次: a total over sessions, a person may count twice

    @property
    def plain(self) -> bool:
        """Nothing but a whole number of people."""
        flags = (self.approximate, self.at_least, self.per_session, self.person_times)
        return self.low is None and not any(flags)

    def total(self, sessions: int) -> int:
        """The class's headcount: per session times ``sessions``, else the number."""
        return self.number * max(sessions, 1) if self.per_session else self.number

    def describe(self, total: int | None = None) -> str:
        """``约80人``, ``80余人``, ``30—40人``, ``每期120人（共360人）``, ``12000人次``."""
        unit = "人次" if self.person_times else "人"
        if self.low is not None:
            core = f"{self.low}—{self.number}{unit}"
        elif self.at_least:
            core = f"{self.number}余{unit}"
        else:
            core = f"{self.number}{unit}"
        if self.approximate:
            core = "约" + core
        if self.per_session:
            core = "每期" + core
            if total is not None and total != self.number:
                core += f"（共{total}{unit}）"
        return core

    def reading(self) -> str:
        """What the number used is, for the notes of ``validate``."""
        if self.low is not None:
            return f"“{self.text}”是范围：按较大的 {self.number} 人计"
        if self.at_least:
            return f"“{self.text}”是下限：按 {self.number} 人计"
        return f"“{self.text}”是约数：按 {self.number} 人计"


def _value(digits: str, wan: str | None) -> int | None:
    value = float(digits) * (10_000 if wan else 1)
    if value != int(value) or not 0 <= value <= MAX_HEADCOUNT:
        return None
    return int(value)


def parse_headcount(text: str) -> Headcount | None:
    """The headcount ``text`` states, or None when it is not one (a diagnostic's business)."""
    norm = unicodedata.normalize("NFKC", text).replace(",", "").replace("_", "")
    norm = re.sub(r"\s+", "", norm).replace("－", "-").replace("～", "~")
    norm = norm.replace("人/期", "/期").replace("人次/期", "/期")
    m = _RE.match(norm)
    if m is None:
        return None
    groups = m.groups()
    first = _value(groups[1], groups[2])
    second = _value(groups[4], groups[5]) if groups[4] is not None else None
    if first is None or (groups[4] is not None and second is None):
        return None
    pre, post = m["pre"] or "", m["post"] or ""
    number, low = (first, None) if second is None else (max(first, second), min(first, second))
    return Headcount(
        number=number,
        text=text.strip(),
        low=low if low != number else None,
        approximate=any(w in pre for w in ("约", "近", "预计")) or post in ("左右", "上下"),
        at_least=m["more"] is not None or post == "以上" or "不少于" in pre or "至少" in pre,
        per_session="每期" in pre or "每班" in pre or m["per"] is not None,
        person_times="人次" in norm or "人·次" in norm,
    )


def headcount_text(hc: Headcount | None, planned: int | None, *, expanded: bool = False) -> str:
    """The headcount as outputs show it: ``900`` for a plain number, else as written
    (``约80人``, ``每期120人（共360人）``); the number alone when ``planned`` no longer is what
    was written (an ``expanded`` ``per_unit`` class has its own size)."""
    if planned is None:
        return ""
    if hc is None or hc.plain or expanded:
        return str(planned)
    fits = planned % hc.number == 0 if hc.per_session and hc.number else planned == hc.number
    return hc.describe(planned) if fits else str(planned)
