"""Citizen ID numbers (公民身份号码, GB 11643-1999): checksum, birth date and sex.

An 18-character number is a 6-digit area code, an 8-digit birth date, a 3-digit sequence
(odd for men, even for women) and a check character. The check character is
``"10X98765432"[S % 11]`` where ``S`` is the sum of the first 17 digits times the weights
7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2.
"""

from __future__ import annotations

import operator
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Literal

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
_ZERO_SUM = ord("0") * sum(WEIGHTS)  # check_char sums byte values: take the "0"s off
EARLIEST_BIRTH = date(1800, 1, 1)  # GB 11643 writes the full year; nobody alive is older

_SHAPE = re.compile(r"[0-9]{17}[0-9X]")
_SPACES = re.compile(r"[\s\u3000\u00a0'‘’]+")
_EXCEL_TEXT = re.compile(r'^="(.*)"$')  # ="110105…", how some exports keep text in CSV

ProblemKind = Literal["length", "chars", "date", "future", "checksum"]


@dataclass(frozen=True)
class IdProblem:
    """Why an ID number is invalid; ``message`` is Chinese, ``kind`` stable for programs."""

    kind: ProblemKind
    message: str


def normalize_id(text: str) -> str:
    """Full-width digits and letters to ASCII, spaces and quote marks removed, ``x`` → ``X``."""
    if len(text) == 18 and _SHAPE.fullmatch(text):
        return text  # already clean: the common case, kept fast for large registers
    text = unicodedata.normalize("NFKC", text).strip()
    m = _EXCEL_TEXT.match(text)
    if m:
        text = m.group(1)
    return _SPACES.sub("", text).upper()


def check_char(first17: str) -> str:
    """The check character for 17 ASCII digits."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError(f"need 17 digits, got {first17!r}")
    total = sum(map(operator.mul, first17.encode("ascii"), WEIGHTS)) - _ZERO_SUM
    return CHECK_CHARS[total % 11]


def validate_id(text: str, today: date | None = None) -> IdProblem | None:
    """None when ``text`` (normalised first) is a valid 18-character ID number.

    ``today`` bounds the birth date; without it only dates before 1800 are refused.
    """
    raw = normalize_id(text)
    if len(raw) != 18:
        if len(raw) == 15 and raw.isdigit():
            return IdProblem("length", "是 15 位的旧身份证号码，应换为 18 位号码")
        return IdProblem("length", f"应为 18 位，实际是 {len(raw)} 位")
    if not _SHAPE.fullmatch(raw):
        bad = next((i for i, ch in enumerate(raw[:17]) if ch not in "0123456789"), 17)
        return IdProblem(
            "chars", f"第 {bad + 1} 位“{raw[bad]}”不对：前 17 位应为数字，最后一位为数字或 X"
        )
    try:
        born = birth_date(raw)
    except ValueError:
        return IdProblem("date", f"第 7—14 位的出生日期“{raw[6:14]}”不存在")
    if born < EARLIEST_BIRTH:
        return IdProblem("date", f"第 7—14 位的出生日期“{raw[6:14]}”早于 1800 年")
    if today is not None and born > today:
        return IdProblem(
            "future", f"第 7—14 位的出生日期 {born.isoformat()} 晚于今天（{today.isoformat()}）"
        )
    expected = check_char(raw[:17])
    if raw[17] != expected:
        return IdProblem(
            "checksum",
            f"校验码不对：按前 17 位算出最后一位应为“{expected}”，实际是“{raw[17]}”"
            "（可能有数字录错）",
        )
    return None


def birth_date(id_number: str) -> date:
    """The birth date in digits 7–14; ValueError when it is not a real date."""
    raw = normalize_id(id_number)
    digits = raw[6:14]
    if len(digits) != 8 or not digits.isascii() or not digits.isdigit():
        raise ValueError(f"no birth date in {id_number!r}")
    return date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))


def sex(id_number: str) -> Literal["男", "女"]:
    """The 17th digit: odd for men, even for women."""
    digit = normalize_id(id_number)[16]
    return "男" if int(digit) % 2 == 1 else "女"
