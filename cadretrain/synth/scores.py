"""A filled 成绩登记表 for the examples: the sheet ``cadretrain scores`` writes, filled the way
an office does (deterministic scores, no randomness), with one cell of each problem the reader
reports: 缺考 written as text (CT902), 105 out of range (CT903), one blank (CT905).

``examples/scores/`` holds it for the 妇女干部班 (``tests/test_assessment.py`` checks that it
still matches); ``plans/records/scores/women-leaders.xlsx`` is a copy.
"""

from __future__ import annotations

from cadretrain.enroll.enrollment import Enrollment
from cadretrain.plan.model import Plan, TrainingClass

#: person index -> what the office wrote, to show each problem once
ODD_CELLS = {7: (1, "缺考"), 12: (2, 105), 40: (0, None)}


def example_score(index: int, component: int) -> int:
    """A deterministic score: mostly 66–100, about one in six 90 or more, a few low ones."""
    if index % 6 == 1:
        return 88 + (index + component * 3) % 13
    base = 66 + (index * 37 + component * 11) % 35
    return base - 40 if index % 23 == 9 else base


def filled_score_sheet(plan: Plan, cls: TrainingClass, enrollment: Enrollment) -> bytes:
    """The class's 成绩登记表, filled: every score set, plus the cells of ``ODD_CELLS``
    (缺考 written as text, 105 out of range, one blank)."""
    import io

    import openpyxl

    from cadretrain.files.xlsx import put, to_bytes
    from cadretrain.records.assessment import FIXED, grading_for, score_sheet_bytes

    wb = openpyxl.load_workbook(io.BytesIO(score_sheet_bytes(plan, cls, enrollment)))
    ws = wb.active
    n = len(grading_for(cls).weights)
    for index in range(len(enrollment.people)):
        for k in range(n):
            value: object = example_score(index, k)
            if index in ODD_CELLS and ODD_CELLS[index][0] == k:
                value = ODD_CELLS[index][1]
            put(ws, 4 + index, len(FIXED) + 1 + k, value)
    return bytes(to_bytes(wb))
