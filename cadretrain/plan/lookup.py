"""Finding the class a user means by ``--class``: its id, full name, short name, or an
unambiguous part of a name."""

from __future__ import annotations

from cadretrain.core.errors import CannotProceed
from cadretrain.plan.model import Plan, TrainingClass


class ClassNotFound(Exception):
    """Raised with a Chinese message that lists the candidates."""


def find_class(plan: Plan, query: str) -> TrainingClass:
    """Exact id, full name or short name first; then the classes whose names contain the text.

    >>> # find_class(plan, "春期中青年班") -> the class whose short name is 春期中青年班
    """
    q = query.strip()
    for c in plan.classes:
        if q in (c.id, c.name, c.short):
            return c
    partial = [c for c in plan.classes if q and (q in c.name or q in c.short or q in c.id)]
    if len(partial) == 1:
        return partial[0]
    if partial:
        names = "、".join(f"{c.label}（{c.id}）" for c in partial)
        raise ClassNotFound(f"“{q}”可指多个班次：{names}；请写得更具体，或使用代号")
    from cadretrain.plan.fields import did_you_mean

    hint = did_you_mean(q, [c.label for c in plan.classes])
    listing = "、".join(f"{c.label}（{c.id}）" for c in plan.classes)
    raise ClassNotFound(f"计划中没有班次“{q}”。{hint}全部班次：{listing}")


def pick_class(plan: Plan, query: str) -> TrainingClass:
    """For commands: the class, or :class:`CannotProceed` (unusable input, exit code 2) with
    :func:`find_class`'s message listing the candidates."""
    try:
        return find_class(plan, query)
    except ClassNotFound as exc:
        raise CannotProceed(str(exc), unusable=True) from None
