"""The 版记 of a notice (GB/T 9704-2012 7.4) and which notice files ``build`` adds: ``plan:``
keys, written in the same mapping as ``title`` and ``issued`` (an inline group of ``Plan``).

``issued`` stays the 成文日期 (the date under the signature); the 印发日期 of the 版记 is
``printed_on``, a separate date (the day the office prints and sends the document)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from cadretrain.plan.keys import key

NOTICE_FORMATS = ("pdf", "docx")


@dataclass(kw_only=True)
class Imprint:
    cc: list[str] = field(
        default_factory=list,
        metadata=key(
            "list:str",
            "抄送机关（通知的版记），如 [县委办公室, 县政府办公室]；班次可用 cc 另写",
        ),
    )
    printed_by: str = field(
        default="",
        metadata=key("str", "印发机关（版记），如 中共县委组织部办公室；不写时用 organizer"),
    )
    printed_on: date | None = field(
        default=None,
        metadata=key("date", "印发日期（版记），如 2013-02-20；不写时同成文日期 issued"),
    )
    notice_formats: list[str] = field(
        default_factory=list,
        metadata=key(
            "list:enum",
            "build 另外生成的通知格式：pdf、docx（同 build --pdf、--docx）",
            choices=NOTICE_FORMATS,
            zh="通知格式",
        ),
    )
