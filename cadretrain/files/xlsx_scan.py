"""Whether python-calamine may read an xlsx: the grid it would allocate, from the real cells.

calamine lays each sheet out as one dense grid from its first to its last cell, so a single
non-empty cell at ``XFD1048576`` makes it allocate 16,384 × 1,048,576 cells and abort the
process natively. :func:`calamine_safe` inflates, before calamine sees the bytes, every part
calamine could open as a sheet — calamine resolves a sheet to ``xl/worksheets/…``,
``xl/chartsheets/…`` or ``xl/dialogsheets/…`` and refuses any other path, matching zip names
without regard to case — checking each part's stated size, and measures it with
:func:`dense_cells`: the largest column and row among the cell references, never the
``<dimension>`` the sheet states.

The scan reads the zip directory itself (no ``zipfile`` objects) and, for the usual sheet,
makes one regular-expression pass: it costs a fraction of calamine's own reading, which keeps
``cadretrain collect`` near a bare calamine read. Anything it cannot vouch for — zip64,
encryption, an unknown compression, a cell or row without its reference as first attribute,
namespace prefixes, an error cell (``#N/A``: calamine reads it as blank, openpyxl as its
text) — answers False, and openpyxl's streaming reader reads the workbook instead.
"""

from __future__ import annotations

import re
import struct
import zlib

DENSE_LIMIT = 5_000_000  # cells calamine may allocate for one sheet (about 160 MB)
SCAN_LIMIT = 512 * 1024 * 1024  # one part inflated in memory; a larger one: openpyxl

_CELL_COLS = re.compile(rb'<c r="([A-Za-z]*)')
_CELL_ROWS = re.compile(rb'<c r="[A-Za-z]*([0-9]*)')
# a <c> or <row> whose reference is not its first attribute: calamine counts positions
_ODD = re.compile(rb'<(?:c|row)(?:[>/\t\n\r]| (?!r="))')
# the same, or a cell beyond column CZ or row 9999, in one pass (factored: twice as fast)
_ODD_OR_FAR = re.compile(
    rb'<(?:c(?:[>/\t\n\r]| (?:(?!r=")|r="(?:[A-Za-z]{3}|[D-Zd-z][A-Za-z]|[A-Za-z]+[0-9]{5})))'
    rb'|row(?:[>/\t\n\r]| (?!r=")))'
)
_NEAR = 104 * 9_999  # cells up to CZ9999
_PREFIXED = re.compile(rb":(?:c|row)[\s/>]")
# calamine opens a sheet at xl/<worksheets|chartsheets|dialogsheets>/… (the second part of the
# path it resolves is checked), matching names without regard to case
_SHEET_DIRS = re.compile(r"xl/(?:worksheets|chartsheets|dialogsheets)/", re.IGNORECASE)
_END = b"PK\x05\x06"
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_LOCAL = struct.Struct("<IHHHHHIIIHH")

Entry = tuple[int, int, int, int, int, int]  # flags, method, crc, compressed, size, offset


def _column(letters: bytes) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ch - 64
    return n


def dense_cells(xml: bytes) -> int | None:
    """At most how many cells calamine would allocate for this worksheet XML (rows up to the
    last cell reference × columns up to the rightmost), or None when the XML is not in the
    plain form this scan can vouch for (Excel, WPS, LibreOffice and openpyxl all write it).

    One pass answers for the usual sheet (no cell beyond CZ9999: at most ``_NEAR`` cells);
    only a sheet with a farther cell has its references read one by one."""
    if _PREFIXED.search(xml) or b' t="e"' in xml or b" t='e'" in xml:
        return None
    if _ODD_OR_FAR.search(xml) is None:
        return _NEAR if b'<c r="' in xml else 0
    if _ODD.search(xml) is not None:
        return None
    cols = _CELL_COLS.findall(xml)
    rows = max(int(digits or b"0") for digits in set(_CELL_ROWS.findall(xml)))
    return rows * max(_column(letters) for letters in set(cols))


def _directory(data: bytes) -> dict[str, list[Entry]] | None:
    """The zip's central directory by name; None for zip64 or anything malformed."""
    end = data.rfind(_END, max(0, len(data) - 65_557))
    if end < 0 or end + 22 > len(data):
        return None
    count, _size, offset = struct.unpack_from("<HII", data, end + 10)
    if count == 0xFFFF or offset == 0xFFFFFFFF:
        return None
    out: dict[str, list[Entry]] = {}
    pos = offset
    for _ in range(count):
        if pos + _CENTRAL.size > len(data):
            return None
        f = _CENTRAL.unpack_from(data, pos)
        if f[0] != 0x02014B50:
            return None
        name = data[pos + 46 : pos + 46 + f[10]].decode("utf-8", "replace")
        out.setdefault(name, []).append((f[3], f[4], f[7], f[8], f[9], f[16]))
        pos += 46 + f[10] + f[11] + f[12]
    return out


def _inflate(data: bytes, entry: Entry) -> bytes | None:
    """One part's bytes, checked against the stated size and CRC; None when it cannot be."""
    flags, method, _crc, compressed, size, local = entry
    if flags & 1 or size > SCAN_LIMIT or 0xFFFFFFFF in (compressed, size, local):
        return None
    if local + _LOCAL.size > len(data):
        return None
    head = _LOCAL.unpack_from(data, local)
    if head[0] != 0x04034B50:
        return None
    start = local + _LOCAL.size + head[9] + head[10]
    raw = data[start : start + compressed]
    try:
        if method == 8:
            out = zlib.decompressobj(-15).decompress(raw, size + 1)
        elif method == 0:
            out = raw
        else:
            return None
    except zlib.error:
        return None
    # the length, not the CRC, is what matters: calamine inflates the same bytes to the same
    # text, and a zip whose CRC is wrong fails in calamine before any grid is built
    return out if len(out) == size else None


def calamine_safe(data: bytes) -> bool:
    """Whether calamine may read the zip workbook ``data``: every part it could read as a
    sheet is plain XML laying out at most ``DENSE_LIMIT`` cells. False for anything doubtful."""
    directory = _directory(data)
    if directory is None:
        return False
    sheets = [name for name in directory if _SHEET_DIRS.search(name.replace("\\", "/"))]
    if not sheets:
        return False
    for name in sheets:
        for entry in directory[name]:
            xml = _inflate(data, entry)
            if xml is None:
                return False
            cells = dense_cells(xml)
            if cells is None or cells > DENSE_LIMIT:
                return False
    return True


def zip_part(data: bytes, name: str, limit: int = SCAN_LIMIT) -> bytes | None:
    """One part of the zip ``data`` (``word/document.xml``), inflated and checked against its
    stated size, at most ``limit`` bytes; None when it is missing, doubled or doubtful."""
    directory = _directory(data)
    entries = (directory or {}).get(name, [])
    if len(entries) != 1 or entries[0][4] > limit:
        return None
    return _inflate(data, entries[0])
