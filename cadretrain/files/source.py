"""Reading a plan file's bytes into text: regular files only, size limit, binary files, BOMs
and GBK.

Chinese Windows editors often save GBK (GB18030); such a file is read correctly and a
note says so, never turned into mojibake. A file that is neither UTF-8 nor GB18030 is refused.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from cadretrain.core.diagnostics import Pos, Sink

MAX_BYTES = 20 * 1024 * 1024  # a province-size plan of 2,000 classes is about 1.5 MB


@dataclass(frozen=True)
class Source:
    path: str
    text: str
    encoding: str


def sniff(data: bytes) -> tuple[str | None, str]:
    """Decode text files as offices save them: ``(text, encoding)`` with encoding ``utf-8``
    (BOM optional), ``utf-16`` (with BOM) or ``gb18030`` (GBK); or ``(None, why)`` with why
    ``utf-16`` (a BOM but no valid UTF-16), ``binary`` (NUL bytes) or ``unknown``."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            return None, "utf-16"
    if b"\x00" in data:
        return None, "binary"
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return None, "unknown"


def decode(data: bytes, name: str, sink: Sink) -> str | None:
    """Decode a plan file's bytes; each failure, and GBK, becomes a diagnostic."""
    whole = Pos(name)
    text, encoding = sniff(data)
    if text is None and encoding == "utf-16":
        sink.add("CT002", whole, f"文件 {name} 以 UTF-16 标记开头，但内容无法按 UTF-16 读取")
    elif text is None and encoding == "binary":
        sink.add(
            "CT002",
            whole,
            f"文件 {name} 含有空字节，不是文本文件",
            hint="请确认选择的是 YAML 计划文件，而不是 Excel、Word 或压缩包。",
        )
    elif text is None:
        try:
            data.decode("utf-8")
            line = 1
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
        sink.add(
            "CT002",
            Pos(name, line, 1),
            f"文件 {name} 既不是 UTF-8 也不是 GBK 编码，无法读取",
            hint="请用记事本或 WPS 打开后“另存为”UTF-8 编码。",
        )
    elif encoding == "gb18030":
        sink.add(
            "CT003",
            whole,
            f"文件 {name} 是 GBK 编码，已按 GBK 读取",
            hint="建议另存为 UTF-8 编码，便于在不同电脑和版本管理中使用。",
        )
    return text


def read_source(path: Path | str, sink: Sink) -> Source | None:
    """Read a plan file; every failure becomes a diagnostic and the result is None.

    Only a regular file is read (a pipe, device or folder is refused: CT001), at most
    ``MAX_BYTES`` (CT004), counted while reading (:mod:`cadretrain.files.safe_read`)."""
    from cadretrain.files.safe_read import TOO_BIG, Unreadable, read_limited, size_text

    name = str(path)
    try:
        data = read_limited(path, MAX_BYTES, "计划文件")
    except Unreadable as exc:
        if exc.kind != TOO_BIG:
            sink.add("CT001", Pos(name), exc.message)
            return None
        sink.add(
            "CT004",
            Pos(name),
            f"文件 {name} 有 {size_text(exc.size or MAX_BYTES + 1)}，超过计划文件上限 "
            f"{size_text(MAX_BYTES)}",
            hint="计划文件只应包含班次安排；学员名册请使用 Excel 或 CSV 文件。",
        )
        return None
    text = decode(data, name, sink)
    if text is None:
        return None
    return Source(name, text, "utf-8")
