"""How a register sheet is written: the header row, the known columns, the tag columns,
and the formats of its cells (出生年月, 联系电话, 职级 synonyms).

The header row is the first of the first 10 non-blank rows with at least 3 known column
names, so title rows above it (a merged “××县干部名册”, a date line) are skipped. Column
names are compared without spaces, line breaks, a required-mark ``*`` or a bracketed note
(``出生年月（年.月）``). Any other column whose values are only 是/否/√/1/Y/blank is a tag
column (``中青年``, ``是否中青年``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from cadretrain.files.tabular import Table, cell_text

HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("姓名",),
    "sex": ("性别",),
    "ethnicity": ("民族",),
    "birth": ("出生年月", "出生日期", "出生年月日"),
    "unit": ("单位", "工作单位", "所在单位"),
    "post": ("职务", "现任职务"),
    "unit_post": ("单位及职务", "工作单位及职务"),
    "rank": ("职级", "级别", "职务级别"),
    "politics": ("政治面貌",),
    "phone": ("联系电话", "手机", "手机号码", "电话"),
    "id": ("身份证号", "身份证号码", "公民身份号码"),
    "education": ("学历",),
}
IGNORED_HEADERS = frozenset({"序号", "编号", "备注"})
TAG_TRUE = frozenset({"是", "√", "✓", "✔", "1", "Y", "y"})
TAG_VALUES = TAG_TRUE | {"否", "×", "0", "N", "n", "/", "-"}
HEADER_ROWS = 10
MIN_KNOWN = 3

FIELD_OF = {variant: key for key, variants in HEADERS.items() for variant in variants}
_HEADER_NOISE = re.compile(r"[\s*]+|[(\[【].*?[)\]】]")
RANK_SYNONYMS = {  # how registers usually write ranks → the names plans use (when declared)
    "正科": "乡科级正职",
    "正科级": "乡科级正职",
    "副科": "乡科级副职",
    "副科级": "乡科级副职",
    "正处": "县处级正职",
    "正处级": "县处级正职",
    "正县级": "县处级正职",
    "副处": "县处级副职",
    "副处级": "县处级副职",
    "副县级": "县处级副职",
}

_SPACE = re.compile(r"\s+")
_BIRTH = re.compile(r"(\d{4})\s*[-./年]\s*(\d{1,2})(?:\s*[-./月]\s*(\d{1,2})\s*日?|\s*月)?")
_BIRTH_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})?")
_MOBILE = re.compile(r"(?:\+?86)?1[3-9]\d{9}")
_LANDLINE = re.compile(r"0\d{2,3}-?\d{7,8}(?:(?:-|转)\d{1,6})?")
_PHONE_SPLIT = re.compile(r"[/,;、]+")


@dataclass
class Layout:
    """The header of one sheet: ``rows[header_index]`` is the header row."""

    header_index: int
    header_line: int
    heads: list[str]  # normalised column names, by column
    columns: dict[str, list[int]] = field(default_factory=dict)  # field → its columns
    tags: dict[int, str] = field(default_factory=dict)  # column → tag name

    def missing(self) -> list[str]:
        """The required columns that are absent: 姓名, and 单位 (or 单位及职务)."""
        out = [] if "name" in self.columns else ["姓名"]
        if "unit" not in self.columns and "unit_post" not in self.columns:
            out.append("单位")
        return out


def normalize_header(cell: object) -> str:
    """``出生\\n年月（年.月）`` → ``出生年月``; a leading ``*`` (required mark) dropped."""
    return _HEADER_NOISE.sub("", unicodedata.normalize("NFKC", cell_text(cell)))


def find_layout(table: Table, declared_tags: Sequence[str]) -> Layout | None:
    """The layout of a sheet, or None when no header row is found."""
    for index, (line, row) in enumerate(table.rows[:HEADER_ROWS]):
        heads = [normalize_header(c) for c in row]
        if sum(h in FIELD_OF for h in heads) >= MIN_KNOWN:
            layout = Layout(index, line, heads)
            for col, head in enumerate(heads):
                if head in FIELD_OF:
                    layout.columns.setdefault(FIELD_OF[head], []).append(col)
            layout.tags = _tag_columns(heads, table.rows[index + 1 :], declared_tags)
            return layout
    return None


def _tag_columns(
    heads: list[str], data: list[tuple[int, Sequence[object]]], declared: Sequence[str]
) -> dict[int, str]:
    """Unknown columns holding only tag values, with at least one 是 (or a declared name)."""
    out: dict[int, str] = {}
    for col, head in enumerate(heads):
        if not head or head in FIELD_OF or head in IGNORED_HEADERS:
            continue
        tag = head.removeprefix("是否") or head
        values = {cell_text(row[col]) for _line, row in data if col < len(row)}
        values.discard("")
        if values <= TAG_VALUES and (values & TAG_TRUE or tag in declared):
            out[col] = tag
    return out


def phone_ok(text: str) -> bool:
    """True when each number (several may be separated by / , ; 、) is a mainland mobile
    number or a landline number with its area code."""
    parts = _PHONE_SPLIT.split(unicodedata.normalize("NFKC", text).strip())
    for part in parts:
        bare = part.replace(" ", "").replace("(", "").replace(")", "-").strip("-")
        if not (_MOBILE.fullmatch(bare.replace("-", "")) or _LANDLINE.fullmatch(bare)):
            return False
    return True


def parse_birth(text: str) -> tuple[int, int] | None:
    """``1975.03``, ``1975.3``, ``1975年3月``, ``1975-03-12``, ``197503`` → (1975, 3)."""
    text = unicodedata.normalize("NFKC", text).strip()
    m = _BIRTH.fullmatch(text) or _BIRTH_COMPACT.fullmatch(text)
    if not m:
        return None
    year, month = int(m.group(1)), int(m.group(2))
    if not (1800 <= year <= 2100 and 1 <= month <= 12):
        return None
    if m.group(3):
        try:
            date(year, month, int(m.group(3)))
        except ValueError:
            return None
    return year, month


def squeeze(text: str) -> str:
    """Full-width forms folded and every space removed: ``张　三`` → ``张三``."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))
