"""Merged cells of an xlsx workbook, read from the file itself.

openpyxl's read-only mode (and python-calamine) give the values of a sheet but not its merged
ranges: a value written once into merged cells sits in the top-left cell only. Offices merge
the 上午 and 下午 cells of a sign-in sheet and write one mark for the day; reading that as one
half-day present and one blank would be wrong. :func:`merged_ranges` reads the ``mergeCell``
elements of every sheet straight from the xlsx package (a zip of XML), and :func:`fill_merged`
copies each range's value into the other cells it covers. Nothing raises: a file that is not a
readable xlsx has no merges (its reader reports the file).
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from xml.etree import ElementTree

from cadretrain.files.tabular import Table

# (first row, first column, last row, last column), 1-based and inclusive
Range = tuple[int, int, int, int]

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Za-z]+\d+):([A-Za-z]+\d+)\"")
_CELL = re.compile(r"([A-Za-z]+)(\d+)")


def _cell(ref: str) -> tuple[int, int]:
    match = _CELL.fullmatch(ref)
    if match is None:
        return 0, 0
    col = 0
    for letter in match.group(1).upper():
        col = col * 26 + ord(letter) - ord("A") + 1
    return int(match.group(2)), col


def _sheet_parts(z: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → the part (``xl/worksheets/sheet1.xml``) that holds it."""
    book = ElementTree.fromstring(z.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_PKG_REL}Relationship")}
    out: dict[str, str] = {}
    for sheet in book.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(_REL))
        if not target:
            continue
        part = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
        out[sheet.get("name", "")] = posixpath.normpath(part)
    return out


def merged_ranges(path: Path | str) -> dict[str, list[Range]]:
    """Every sheet's merged ranges by sheet name; empty for a CSV, an .xls or a broken file."""
    try:
        with zipfile.ZipFile(path) as z:
            out: dict[str, list[Range]] = {}
            for name, part in _sheet_parts(z).items():
                ranges = []
                for first, last in _MERGE.findall(z.read(part)):
                    (r1, c1), (r2, c2) = _cell(first.decode()), _cell(last.decode())
                    if r1 and c1 and (r1, c1) != (r2, c2):
                        ranges.append((min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)))
                if ranges:
                    out[name] = ranges
            return out
    except (OSError, KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return {}


def fill_merged(table: Table, ranges: Sequence[Range], below: int = 0) -> None:
    """Copy each range's top-left value into every other cell of the range, in the rows of
    ``table`` after row ``below`` (so headers keep their one cell per merged date)."""
    rows = dict(table.rows)
    changed: dict[int, list[object]] = {}
    for r1, c1, r2, c2 in ranges:
        if r1 <= below or r1 not in rows:
            continue
        top = rows[r1]
        value = top[c1 - 1] if c1 <= len(top) else None
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        for line in range(r1, r2 + 1):
            if line not in rows:
                continue
            row = changed.setdefault(line, list(rows[line]))
            if len(row) < c2:
                row.extend([None] * (c2 - len(row)))
            for col in range(c1, c2 + 1):
                row[col - 1] = value
    if changed:
        table.rows = [(line, changed.get(line, row)) for line, row in table.rows]
