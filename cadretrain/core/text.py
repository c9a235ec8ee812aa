"""Plan text placed inside other formats (Markdown).

Pure functions of their arguments; nothing here reads a plan or a file.
"""

from __future__ import annotations

import re

_MD_SPECIAL = re.compile(r"([\\`*\[\]<>|#])")


def md_escape(value: object) -> str:
    """Plan text inside Markdown: ASCII markup characters are escaped, line breaks joined."""
    text = " ".join(str(value).splitlines())
    return _MD_SPECIAL.sub(r"\\\1", text)
