"""Plan text placed inside other formats (Markdown), and text made safe for any output.

Pure functions of their arguments; nothing here reads a plan or a file.
"""

from __future__ import annotations

import re

_MD_SPECIAL = re.compile(r"([\\`*\[\]<>|#])")

# C0 controls except tab, line feed and carriage return; DEL; the non-characters U+FFFE/U+FFFF
# (never legal in XML); and lone surrogates (a YAML escape such as "\ud800" makes one, and it
# cannot be encoded as UTF-8)
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]|[\ud800-\udfff]")
_REPLACEMENT = "\ufffd"


def _replace(match: re.Match[str]) -> str:
    return _REPLACEMENT if match.group() >= "\ud800" else ""


def printable(text: str) -> str:
    """``text`` safe to write into any file the tool makes (xlsx, HTML, Markdown, ICS, PDF,
    YAML): control characters other than tab and line breaks are removed, lone surrogates and
    the non-characters U+FFFE/U+FFFF become U+FFFD (�). Text without them is returned as is
    (the same object, so a ``Markup`` stays one)."""
    if text.isprintable() or _UNPRINTABLE.search(text) is None:
        return text
    cleaned = _UNPRINTABLE.sub(_replace, text)
    return cleaned if type(text) is str else type(text)(cleaned)


def encoded(text: str) -> bytes:
    """A text output (HTML, Markdown, ICS, YAML, CSV) as the bytes to write: UTF-8, after
    :func:`printable`, so no odd character can make the encoding fail."""
    return printable(text).encode("utf-8")


def md_escape(value: object) -> str:
    """Plan text inside Markdown: ASCII markup characters are escaped, line breaks joined."""
    text = " ".join(printable(str(value)).splitlines())
    return _MD_SPECIAL.sub(r"\\\1", text)
