"""The annual plan document as a Word document (``notice --plan-document --format docx``), from
the same context as ``plan.html.j2`` (``plan_document.plan_document_context``) and laid out
like it: GB/T 9704 page and grid, title in 2号小标宋, 一、 headings in 黑体, classes in 楷体,
signature and date, odd and even page numbers."""

from __future__ import annotations

from typing import Any

from cadretrain.documents.notice_docx import blank, signature, title_paragraph
from cadretrain.files.docx_kit import (
    FANGSONG,
    HEITI,
    KAITI,
    add_run,
    new_document,
    paragraph,
    to_bytes,
)
from cadretrain.files.docx_parts import page_number_footers


def plan_docx(context: dict[str, Any]) -> bytes:
    doc = new_document()
    d = context["doc"]
    title_paragraph(doc, d["title_lines"])
    blank(doc)
    for text in d["intro"]:
        paragraph(doc, text, FANGSONG, indent_chars=2)
    for section in d["sections"]:
        paragraph(doc, section["heading"], HEITI, indent_chars=2, keep_with_next=True)
        for text in section["paragraphs"]:
            paragraph(doc, text, FANGSONG, indent_chars=2)
        for i, item in enumerate(section["entries"], start=1):
            paragraph(doc, f"{i}.{item}", FANGSONG, indent_chars=2)
        for half in section["halves"]:
            paragraph(doc, half["title"], FANGSONG, indent_chars=2)
            for i, c in enumerate(half["classes"], start=1):
                paragraph(doc, f"{i}.{c['name']}", KAITI, indent_chars=2, keep_with_next=True)
                p = paragraph(doc, "", FANGSONG, indent_chars=2)
                planned = f"，规划人数{c['planned']}人" if c["planned"] else ""
                sessions = f"，{c['sessions']}" if c["sessions"] else ""
                note = f"（{c['dates_note']}）" if c["dates_note"] else ""
                add_run(
                    p,
                    f"培训对象：{c['audience']}{planned}。培训时间：{c['when']}{sessions}。{note}",
                    FANGSONG,
                )
                if c["content"]:
                    field = (
                        f"其中安排{c['fieldwork_days']}天时间进行调研。"
                        if c["fieldwork_days"]
                        else ""
                    )
                    paragraph(doc, f"培训内容：{c['content']}{field}", FANGSONG, indent_chars=2)
                if c["teachers"]:
                    teachers = "、".join(c["teachers"])
                    paragraph(doc, f"授课教师：{teachers}。{c['notes']}", FANGSONG, indent_chars=2)
    signature(doc, d)
    page_number_footers(doc)
    return to_bytes(doc)
