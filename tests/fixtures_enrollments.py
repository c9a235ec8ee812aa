"""Synthetic enrollments for the 2013 plan, from the synthetic register (no real people).

Each unit sends its quota (``cadretrain.enroll.quota_table.quota_table``): its first eligible
cadres in
register order, split over the sessions as the quota table's ``per_session`` says. Re-create
the committed files with ``python -m tests.fixtures_enrollments``; ``tests/test_roster.py``
checks that they equal what this generates.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from cadretrain.core.diagnostics import Sink
from cadretrain.enroll.enrollment import Enrollee, Enrollment, dump_enrollment, enrollment_path
from cadretrain.enroll.population import admitted
from cadretrain.enroll.quota_table import quota_table
from cadretrain.enroll.register import read_register
from cadretrain.plan.loader import load_plan
from cadretrain.plan.lookup import find_class
from cadretrain.plan.model import Plan

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "plans" / "2013-county.yaml"
REGISTER = "examples/register-2013.csv"
CLASSES = ("women-leaders", "rotation-18th")


def load() -> Plan:
    sink = Sink()
    plan = load_plan(PLAN, sink)
    assert plan is not None, sink.items
    return plan


def make(plan: Plan, class_id: str) -> str:
    """The enrollment YAML of one class."""
    sink = Sink()
    cadres = read_register(ROOT / REGISTER, plan, sink, today=date(2013, 12, 31))
    cls = find_class(plan, class_id)
    table = quota_table(plan, cls, cadres, sink)
    seats = {s.unit: s.seats for s in table.allocation.shares}
    people = []
    for uid in plan.units:
        pool = [c for c in cadres if c.unit_id == uid and admitted(cls, c)][: seats.get(uid, 0)]
        sessions: list[int] = []
        if table.sessions > 1:
            for n, count in enumerate(table.per_session.get(uid, []), start=1):
                sessions += [n] * count
        else:
            sessions = [0] * len(pool)
        for cadre, session in zip(pool, sessions, strict=True):
            people.append(
                Enrollee(
                    name=cadre.name,
                    unit=uid,
                    sex=cadre.sex,
                    ethnicity=cadre.ethnicity,
                    birth=cadre.birth,
                    post=cadre.post,
                    rank=cadre.rank,
                    politics=cadre.politics,
                    phone=cadre.phone,
                    id_number=cadre.id_number,
                    session=session,
                    source=f"{REGISTER}:{cadre.source.line}",
                )
            )
    return dump_enrollment(Enrollment(cls.id, people), plan)


def main() -> None:
    plan = load()
    for class_id in CLASSES:
        path = enrollment_path(plan, class_id)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(make(plan, class_id), encoding="utf-8")
        print(f"已写入 {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
