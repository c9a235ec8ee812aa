"""A reply form's name against the cadre register's name for the same ID number
(``cadretrain collect``): a slip of one character is corrected and marked (CT716), another
name is held back for review (CT717)."""

from __future__ import annotations

from dataclasses import replace

from cadretrain.core.diagnostics import Related, Sink
from cadretrain.enroll.form_reader import FormRow
from cadretrain.enroll.register import Cadre


def near_miss(written: str, registered: str) -> bool:
    """Names of the same length that differ in one character (a slip when typing)."""
    if len(written) != len(registered):
        return False
    return sum(a != b for a, b in zip(written, registered, strict=True)) == 1


def name_differs(row: FormRow, cadre: Cadre, sink: Sink) -> FormRow | None:
    """The row whose name differs from the register's for its ID number: a near miss comes
    back under the register's name, marked in its note (CT716); another name is held back
    (CT717, None)."""
    person = row.person
    related = (Related(cadre.source, f"干部名册中的{cadre.name}"),)
    if near_miss(person.name, cadre.name):
        sink.add(
            "CT716",
            row.pos("name"),
            f"{row.where}：姓名“{person.name}”与干部名册中身份证号 {person.id_number} 的姓名"
            f"“{cadre.name}”差一个字，已按名册列为“{cadre.name}”，并在备注中注明",
            hint="请与该单位核实姓名。",
            related=related,
        )
        note = f"回执姓名“{person.name}”，按名册更正"
        marked = replace(
            person, name=cadre.name, note="；".join(x for x in (person.note, note) if x)
        )
        return replace(row, person=marked)
    sink.add(
        "CT717",
        row.pos("name"),
        f"{row.where}：姓名“{person.name}”与干部名册中身份证号 {person.id_number} 的姓名"
        f"“{cadre.name}”不符，此行未列入名单",
        hint="可能抄错了身份证号（如用了同事的号码）；请该单位核实后改正回执，再汇总一次。",
        related=related,
    )
    return None
