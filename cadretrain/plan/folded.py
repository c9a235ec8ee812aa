"""Text written over several lines in YAML (``>-`` or plain scalars): YAML joins the lines with
a space, which Chinese text does not have."""

from __future__ import annotations

import re

from yaml.nodes import ScalarNode

# Characters written without spaces between them: CJK ideographs, kana, CJK and full-width
# punctuation (，。、；：（）“” …).
_CJK = (
    "\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\uff00-\uffef“”‘’"
)
_FOLDED_BREAK = re.compile(f"(?<=[{_CJK}]) (?=[{_CJK}])")


def unfolded(node: ScalarNode, text: str) -> str:
    """The text of a scalar written over several lines (``>-`` or plain), with the space YAML
    puts for each line break taken out where both neighbours are Chinese: ``支持。 实施步骤``
    becomes ``支持。实施步骤``; ``Microsoft Word`` keeps its space. Literal blocks (``|``) and
    one-line values are left as written."""
    if node.style == "|" or node.start_mark.line == node.end_mark.line or " " not in text:
        return text
    return _FOLDED_BREAK.sub("", text)
