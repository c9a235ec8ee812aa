"""An office's own 版头 for the Word notice: ``templates/letterhead.docx`` beside the plan, a
Word document holding the office's letterhead (its red 发文机关标志, a seal image, a rule …) with
placeholders such as ``{{发文字号}}``. The notice starts from that document, placeholders filled.

Filling is a strict replacer, not a template engine: ``{{名称}}`` is replaced by the value of a
known name (:data:`NAMES`) as plain text; nothing in the document is evaluated, and a name that
is not known is an error naming the placeholder and the template. Word often splits a
placeholder over several runs (a spell-check mark, an edit); a paragraph that holds one is
joined into its first run, whose formatting the filled text keeps. Paragraphs of the body, of
tables, and of headers and footers are filled.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")


class LetterheadProblem(Exception):
    """The letterhead cannot be used; the message (Chinese) names the template and why."""


NAMES: dict[str, Callable[[dict[str, Any]], str]] = {
    "发文机关": lambda c: c["plan"]["organizer"] or "",
    "发文机关标志": lambda c: c["notice"]["mark"],
    "发文字号": lambda c: c["notice"]["doc_number"] or "",
    "标题": lambda c: c["notice"]["title"],
    "成文日期": lambda c: c["notice"]["date"],
    "印发机关": lambda c: c["notice"]["imprint"]["printed_by"],
    "印发日期": lambda c: c["notice"]["imprint"]["printed_on"].removesuffix("印发"),
    "年度": lambda c: str(c["plan"]["year"]),
    "班次": lambda c: c["cls"]["name"],
}


def _paragraphs(doc: Any) -> list[Any]:
    out = list(doc.paragraphs)
    for t in doc.tables:
        out += [p for row in t.rows for cell in row.cells for p in cell.paragraphs]
    for section in doc.sections:
        for part in (section.header, section.first_page_header, section.even_page_header):
            if not part.is_linked_to_previous:
                out += list(part.paragraphs)
    return out


def _set_text(run: Any, text: str) -> None:
    """Replace the text of ``run``, keeping anything else in it (a picture, a seal)."""
    from docx.oxml.ns import qn

    for t in run._r.findall(qn("w:t")):
        run._r.remove(t)
    if text:
        run._r.add_t(text)


def fill_letterhead(path: Path, context: dict[str, Any]) -> bytes:
    """The letterhead at ``path`` with its placeholders filled from a notice's ``context``;
    raises :class:`LetterheadProblem` for an unreadable file or an unknown name."""
    import docx

    from cadretrain.core.text import printable
    from cadretrain.files.safe_read import TEMPLATE_LIMIT, Unreadable, read_limited

    try:
        data = read_limited(path, TEMPLATE_LIMIT, "版头模板")
        doc = docx.Document(io.BytesIO(data))
    except Unreadable as exc:
        raise LetterheadProblem(str(exc)) from None
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise LetterheadProblem(f"版头模板 {path} 不是可用的 Word 文档（.docx）：{exc}") from None
    for p in _paragraphs(doc):
        if "{{" not in p.text:
            continue
        text = p.text

        def value(m: re.Match[str]) -> str:
            name = m.group(1)
            if name not in NAMES:
                known = "、".join(NAMES)
                raise LetterheadProblem(
                    f"版头模板 {path}：未知的占位符“{{{{{name}}}}}”（可用：{known}）"
                )
            return printable(NAMES[name](context))

        filled = PLACEHOLDER.sub(value, text)
        runs = p.runs
        if not runs:
            continue
        _set_text(runs[0], filled)
        for run in runs[1:]:
            _set_text(run, "")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
