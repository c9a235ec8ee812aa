"""A filled 签到表 for the examples: the sheet ``cadretrain signin`` writes, filled the way an
office does (synthetic people from the bundled enrollment; deterministic, no randomness).

The 妇女干部班 (3 days, 6 half-days, 118 people) as filled here:

- mostly ✓, with √, 1 and typed names mixed in; three people 迟到;
- one person 请假 for a whole day (2 half-days: over 1/7 of 6, flagged under Art. 15);
- one cell reads 出差 — not a mark the tool knows, so it is reported (CT802), not guessed;
- the last afternoon (结业式) nobody signed: not recorded (CT803), not absence.

``python -m cadretrain.synth.attendance plans/2013-county.yaml women-leaders examples/attendance``
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from cadretrain.enroll.enrollment import Enrollment
from cadretrain.plan.model import TrainingClass
from cadretrain.year.model import Year

LATE = {20: 0, 45: 2, 77: 1}  # person index -> half-day index
LEAVE = {30: (2, 3)}  # a whole second day
UNREAD = {60: (3, "出差")}
UNSIGNED = 5  # the last half-day: nobody signed


def mark_for(index: int, half: int, name: str) -> str | int | None:
    if half == UNSIGNED:
        return None
    if LATE.get(index) == half:
        return "迟到"
    if half in LEAVE.get(index, ()):
        return "请假"
    if index in UNREAD and UNREAD[index][0] == half:
        return UNREAD[index][1]
    if index % 13 == 5:
        return name
    if index % 11 == 3:
        return 1
    return "√" if index % 7 == 2 else "✓"


def filled_signin(year: Year, cls: TrainingClass, enrollment: Enrollment) -> bytes:
    """The class's 签到表, filled in (first sheet's people and half-days as above)."""
    import openpyxl

    from cadretrain.documents.signin import signin_bytes
    from cadretrain.files.xlsx import put, to_bytes

    wb = openpyxl.load_workbook(io.BytesIO(signin_bytes(year, cls, enrollment)))
    for ws in wb.worksheets:
        halves = [c for c in range(4, ws.max_column) if ws.cell(4, c).value in ("上午", "下午")]
        for index, row in enumerate(range(5, ws.max_row + 1)):
            name = str(ws.cell(row, 2).value or "")
            for half, col in enumerate(halves):
                value = mark_for(index, half, name)
                if value is not None:
                    put(ws, row, col, value)
    return bytes(to_bytes(wb))


def main(argv: list[str]) -> int:
    from cadretrain.core.atomic import write_bytes
    from cadretrain.core.diagnostics import Sink
    from cadretrain.enroll.enrollment import enrollment_path, load_enrollment
    from cadretrain.plan.lookup import find_class
    from cadretrain.year.pipeline import load_year

    if len(argv) != 3:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    sink = Sink()
    year = load_year(Path(argv[0]), sink, checks=False)
    if year is None:
        return 1
    plan = year.plan
    cls = find_class(plan, argv[1])
    enrollment = load_enrollment(enrollment_path(plan, cls.id), sink)
    if enrollment is None:
        return 1
    target = Path(argv[2]) / f"{cls.id}-签到表（已填）.xlsx"
    write_bytes(target, filled_signin(year, cls, enrollment))
    print(f"已写入 {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
