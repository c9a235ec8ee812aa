"""Synthetic returned reply forms (报名回执) with the mistakes units really make.

For the bundled 2013 plan: every unit with seats fills in the form ``cadretrain forms`` made
for it, with its first eligible cadres from the synthetic register, and some units slip:
a renamed file, spaces inside a name and full-width digits, a wrong ID check character, one
person over quota, blank rows, no form at all, the same person sent by two units, an
ineligible person, an old form without the hidden sheet, a lowercase x in an ID. No real
person: the register is synthetic (area code 999999).

    python -m cadretrain.synth.returns plans/2013-county.yaml youth-league principal-leaders
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from cadretrain.core.diagnostics import Sink
from cadretrain.enroll.form_layout import FIRST_DATA_ROW, META_SHEET, columns_for, session_label
from cadretrain.enroll.forms import file_names, form_bytes
from cadretrain.enroll.population import admitted
from cadretrain.enroll.quota_table import QuotaTable, quota_table
from cadretrain.enroll.register import Cadre
from cadretrain.plan.lookup import find_class
from cadretrain.year.model import Year

_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _value(cadre: Cadre, field: str, session: int) -> object:
    if field == "session":
        return session_label(session) if session else ""
    if field == "post":
        return cadre.post
    return getattr(cadre, field, "")


def filled_forms(year: Year, table: QuotaTable, cadres: list[Cadre]) -> dict[str, bytes]:
    """File name → filled form bytes, with the slips listed in the module docstring."""
    import openpyxl

    from cadretrain.files.xlsx import put, to_bytes

    cls = table.cls
    sched = year.schedule(cls)
    names = file_names(table)
    fields = [c[0] for c in columns_for(table.sessions)]
    pools = {uid: [c for c in cadres if c.unit_id == uid and admitted(cls, c)] for uid in names}
    out: dict[str, bytes] = {}
    for k, (uid, file_name) in enumerate(names.items()):
        slip = k % 11
        if slip == 5:
            continue  # this unit sends nothing back
        seats = next(s.seats for s in table.allocation.shares if s.unit == uid)
        people = pools[uid][:seats]
        if slip == 3 and len(pools[uid]) > seats:
            people = pools[uid][: seats + 1]  # one more than the quota
        if slip == 6 and k + 1 < len(names):
            other = pools[list(names)[k + 1]]
            people = [*people[:-1], *other[:1]]  # someone the next unit also sends
        wrong = next((c for c in cadres if c.unit_id == uid and not admitted(cls, c)), None)
        if slip == 7 and wrong is not None:
            people = [*people[:-1], wrong]  # a colleague who does not qualify
        sessions = [
            n for n, count in enumerate(table.per_session.get(uid, []), 1) for _ in range(count)
        ]
        wb = openpyxl.load_workbook(io.BytesIO(form_bytes(table, uid, sched)))
        ws = wb["报名回执"]
        row = FIRST_DATA_ROW
        for i, cadre in enumerate(people):
            if slip == 4 and i == 1:
                row += 2  # two blank rows left in the middle
            session = sessions[i] if i < len(sessions) and table.sessions > 1 else 0
            for col, field in enumerate(fields, start=1):
                value = i + 1 if field == "seq" else _value(cadre, field, session)
                if slip == 1 and i == 0 and field == "name":
                    value = " ".join(cadre.name)
                if slip == 1 and i == 0 and field == "phone":
                    value = cadre.phone.translate(_FULL_WIDTH)
                if slip == 2 and i == 0 and field == "id_number":
                    value = cadre.id_number[:-1] + ("0" if cadre.id_number[-1] != "0" else "1")
                if slip == 9 and field == "id_number":
                    value = str(value).lower()
                put(ws, row, col, value)
            row += 1
        if slip == 8:
            del wb[META_SHEET]  # an old form, filled before the tool added its hidden sheet
        name = f"{Path(file_name).stem}报名表（已盖章）.xlsx" if slip == 0 else file_name
        out[name] = to_bytes(wb)
    return out


def write_returns(year: Year, class_id: str, folder: Path) -> int:
    sink = Sink()
    plan = year.plan
    cls = find_class(plan, class_id)
    cadres = year.register(sink) or []
    table = quota_table(plan, cls, cadres, sink)
    forms = filled_forms(year, table, cadres)
    target = folder / cls.id
    target.mkdir(parents=True, exist_ok=True)
    for name, data in forms.items():
        (target / name).write_bytes(data)
    return len(forms)


def main(argv: list[str]) -> int:
    from cadretrain.year.pipeline import load_year

    sink = Sink()
    year = load_year(argv[0], sink, checks=False)
    if year is None:
        print("错误：计划无法读取", file=sys.stderr)
        return 2
    folder = Path(year.plan.file).parent.parent / "examples" / "returns"
    for class_id in argv[1:]:
        count = write_returns(year, class_id, folder)
        print(f"已写入 {count} 份回执到 {folder / class_id}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
