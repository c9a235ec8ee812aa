"""Checking a path written in a plan (``plan.register``, ``units_file``) before it is used.

A YAML escape can put any character into a string: ``"名册\\0.xlsx"`` holds a NUL, which the
operating system cannot take (Python raises ``ValueError``), and a lone surrogate cannot be
encoded as a file name at all. Such a path is a diagnostic at its place in the plan, never an
exception.
"""

from __future__ import annotations

import os
import unicodedata

MAX_CHARS = 1024  # Windows' classic limit is 260; Linux allows 4096 bytes
MAX_PART_BYTES = 255  # one file or folder name, on every common file system


def shown_path(text: str) -> str:
    """The path as a message quotes it: control characters escaped, long ones shortened."""
    short = text if len(text) <= 80 else text[:80] + "…"
    return "".join(
        ch.encode("unicode_escape", "backslashreplace").decode("ascii")
        if unicodedata.category(ch)[0] == "C"
        else ch
        for ch in short
    )


def check_user_path(text: str) -> str | None:
    """What is wrong with ``text`` as a file path (Chinese), or None when it can be used."""
    if not text.strip():
        return "路径是空的"
    if "\x00" in text:
        return "路径中含有空字符（\\0），不能作为文件名"
    if any(unicodedata.category(ch) == "Cc" for ch in text):
        return "路径中含有控制字符（如换行、制表符），不能作为文件名"
    try:
        os.fsencode(text)
    except UnicodeError:
        return "路径中含有无法用作文件名的字符"
    if len(text) > MAX_CHARS:
        return f"路径太长（{len(text)} 个字符，最多 {MAX_CHARS} 个）"
    for part in text.replace("\\", "/").split("/"):
        if len(part.encode("utf-8", "surrogateescape")) > MAX_PART_BYTES:
            return f"路径中的“{shown_path(part)}”太长（一个文件名最多 {MAX_PART_BYTES} 字节）"
    return None
