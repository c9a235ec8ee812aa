"""结业证书编号: stable across runs, unique per year, class and person, and free of ID numbers.

Format ``YYYY-CCCC-PPPPPP``, e.g. ``2013-7KQ2-4M9X8Q``:

- ``YYYY`` the plan's year;
- ``CCCC`` four characters of the class: SHA-256 of ``year|class id``, in Crockford's base 32
  (digits and capitals without I, L, O, U, so nothing is misread when copied by hand);
- ``PPPPPP`` six characters of the person in that class: SHA-256 of
  ``year|class id|name|unit name`` (a second person of the same name in the same unit adds
  ``|2``, in the order of their ledger keys).

The person's part is made from what the certificate shows anyway (name, unit, class, year),
never from the ID number: an 18-digit ID has so few possible values that a hash of it could be
reversed by trying them all.

Collision check: the plan's class codes, and each class's person codes, are assigned in sorted
order of their inputs; a code already taken is made again from the input with ``#1``, ``#2`` …
appended, so every number of a year's plan differs and the same plan gives the same numbers on
every run. (A code changes only if a person added later collides with it and sorts first: about
one chance in a billion per pair.)
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base 32
CLASS_CHARS, PERSON_CHARS = 4, 6


def code(text: str, chars: int) -> str:
    """``chars`` base-32 characters of the SHA-256 of ``text``."""
    value = int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")
    out = []
    for _ in range(chars):
        value, digit = divmod(value, 32)
        out.append(ALPHABET[digit])
    return "".join(out)


def unique_codes(inputs: Iterable[str], chars: int) -> dict[str, str]:
    """Input text → its code, all codes different: in sorted order of the inputs, a code
    already taken is made again from ``text#1``, ``text#2`` …"""
    texts = sorted(set(inputs))
    if len(texts) > len(ALPHABET) ** chars:
        raise ValueError(f"{len(texts)} inputs cannot have different {chars}-character codes")
    taken: set[str] = set()
    out: dict[str, str] = {}
    for text in texts:
        got, n = code(text, chars), 0
        while got in taken:
            n += 1
            got = code(f"{text}#{n}", chars)
        taken.add(got)
        out[text] = got
    return out


def class_codes(year: int, class_ids: Sequence[str], chars: int = CLASS_CHARS) -> dict[str, str]:
    """Class id → its ``CCCC``, unique over the plan's classes."""
    by_input = unique_codes((f"{year}|{cid}" for cid in class_ids), chars)
    return {cid: by_input[f"{year}|{cid}"] for cid in class_ids}


def person_inputs(year: int, class_id: str, people: Sequence[tuple[str, str, str]]) -> list[str]:
    """The hashed text of each ``(name, unit name, ledger key)``, in the same order: a second
    person with the same name and unit (by ledger key) gets ``|2`` and so on."""
    order = sorted(range(len(people)), key=lambda i: (people[i][0], people[i][1], people[i][2]))
    seen: dict[tuple[str, str], int] = {}
    texts = [""] * len(people)
    for i in order:
        name, unit, _key = people[i]
        n = seen[(name, unit)] = seen.get((name, unit), 0) + 1
        texts[i] = f"{year}|{class_id}|{name}|{unit}" + (f"|{n}" if n > 1 else "")
    return texts


def certificate_numbers(
    year: int,
    class_id: str,
    class_code: str,
    people: Sequence[tuple[str, str, str]],
    chars: int = PERSON_CHARS,
) -> list[str]:
    """``YYYY-CCCC-PPPPPP`` for each ``(name, unit name, ledger key)``, in the same order."""
    texts = person_inputs(year, class_id, people)
    codes = unique_codes(texts, chars)
    return [f"{year}-{class_code}-{codes[t]}" for t in texts]
