"""Filled 满意度测评汇总表 for the examples: the form ``cadretrain ratings --class`` writes, with
deterministic tallies (no randomness).

``examples/ratings/`` holds them for the 妇女干部班 and the 团干部班
(``tests/test_satisfaction.py`` checks that they still match); ``plans/records/ratings/`` has
copies.
"""

from __future__ import annotations

from cadretrain.plan.model import Plan, TrainingClass

#: class id -> per teacher id the tally (很满意, 满意, 基本满意, 不满意); deterministic
EXAMPLE_COUNTS: dict[str, dict[str, tuple[int, int, int, int]]] = {
    "women-leaders": {"tian-ruijuan": (80, 30, 6, 2), "ps-faculty": (70, 38, 8, 2)},
    "youth-league": {"wang-jing": (10, 15, 12, 11), "ps-faculty": (30, 14, 3, 1)},
}


def filled_rating_form(plan: Plan, cls: TrainingClass) -> bytes:
    """The class's 测评汇总表 with the tallies of :data:`EXAMPLE_COUNTS`."""
    import io

    import openpyxl

    from cadretrain.files.xlsx import put, to_bytes
    from cadretrain.records.satisfaction import rating_form_bytes

    wb = openpyxl.load_workbook(io.BytesIO(rating_form_bytes(plan, cls)))
    ws = wb["测评汇总表"]
    tallies = EXAMPLE_COUNTS.get(cls.id, {})
    for i, tid in enumerate(cls.teachers):
        for k, n in enumerate(tallies.get(tid, (0, 0, 0, 0))):
            put(ws, 4 + i, 4 + k, n)
    return bytes(to_bytes(wb))
