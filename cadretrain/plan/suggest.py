"""“Did you mean”: the hint for a key, value or name the plan does not know. An option of
related meaning comes before one of mere spelling: a mistyped ``hours`` suggests
``hours_per_day``, not ``short``."""

from __future__ import annotations

import re

# Words people write for a key, by the key they mean (a "did you mean" of related meaning
# before one of mere spelling: ``date`` → ``when``, not ``name``).
_RELATED = {
    "when": ("date", "dates", "time", "period", "schedule", "start", "days", "日期", "时间"),
    "venue": ("place", "location", "site", "room", "地点", "场地"),
    "planned": ("headcount", "people", "size", "number", "participants_count", "人数"),
    "audience": ("target", "trainees", "participants", "对象"),
    "topics": ("content", "contents", "subjects", "courses", "内容"),
    "teachers": ("lecturers", "speakers", "instructors", "师资", "教师"),
    "organizer": ("organiser", "sponsor", "host"),
    "organizers": (
        "organiser",
        "organisers",
        "sponsor",
        "sponsors",
        "host",
        "hosts",
        "主办",
        "承办",
    ),
    "recipients": ("addressees", "to", "主送"),
    "requirements": ("rules", "demands", "要求"),
    "hours_per_day": ("hours", "hour", "学时"),
    "weekends": ("weekend", "saturday", "sunday", "周末"),
}
_RELATED_TO: dict[str, list[str]] = {}
for _name, _words in _RELATED.items():
    for _word in _words:
        _RELATED_TO.setdefault(_word, []).append(_name)


def _parts(word: str) -> list[str]:
    return [p.removesuffix("s") for p in re.split(r"[_\-\s]+", word.lower()) if len(p) > 2]


def _related(word: str, options: list[str]) -> str:
    """The option closest in meaning to ``word``: one it names by a word people use for it
    (``date`` → ``when``), or one sharing a part with it (``hours`` → ``hours_per_day``, the
    option starting with the part first); else ''."""
    import difflib

    low = word.strip().lower()
    same = [o for o in options if o.lower() == low]
    if same:
        return same[0]
    meant = [name for name in _RELATED_TO.get(low, []) if name in options]
    if meant:
        return meant[0]
    if low.isascii():
        mine = set(_parts(low))
        sharing = [(o, _parts(o)) for o in options if mine & set(_parts(o))]
        scored = [
            (parts[0] in mine, difflib.SequenceMatcher(None, low, o.lower()).ratio(), o)
            for o, parts in sharing
        ]
    else:  # Chinese names: one contains the other (教育局 → 县教育局)
        scored = [
            (
                o.startswith(word) or word.startswith(o),
                difflib.SequenceMatcher(None, word, o).ratio(),
                o,
            )
            for o in options
            if word and (word in o or o in word)
        ]
    return max(scored, key=lambda t: (t[0], t[1]))[2] if scored else ""


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str:
    """A Chinese 'did you mean' hint, or '' when nothing is close: an option of related
    meaning first (``hours`` → ``hours_per_day``, not ``short``), else the closest spelling."""
    import difflib

    options = list(choices)
    close = _related(word, options)
    if not close:
        found = difflib.get_close_matches(word, options, n=1, cutoff=0.5)
        close = found[0] if found else ""
    return f"是否应为“{close}”？" if close else ""
