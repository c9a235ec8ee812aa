"""How a class gets its people: the one decision table that ``quota``, ``forms``, ``notice``,
``build`` and ``validate`` (CT206) all follow (``docs/报名与名额.md``, “班次怎样确定学员”).

In order, the first row that applies:

1. no units in the plan → ``NO_UNITS`` (a warning, CT501): no quota table, no forms;
2. ``selection`` written (推荐, 考试, 委托, 指定) → ``SELECTION``: no quota table, no forms;
3. no ``planned`` → ``UNPLANNED`` (CT202): no quota table, no forms;
4. a register, and its eligible cadres reach ``register_share`` % of ``planned`` (the class's
   own unit only for a ``per_unit`` class) → ``REGISTER``: quotas from the register;
5. units' declared ``counts`` for the class → ``COUNTS``: quotas from the counts (also when a
   register falls short of the share but the units declared counts);
6. otherwise → ``UNCOVERED`` (CT206 with a register, CT502 without): no quota table, no forms.

Every row gets a notice; only ``REGISTER`` and ``COUNTS`` have a quota table and forms.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from cadretrain.enroll.population import Population, from_declared, from_register
from cadretrain.enroll.register import Cadre
from cadretrain.plan.model import Plan, TrainingClass


class Method(Enum):
    REGISTER = "register"
    COUNTS = "counts"
    UNCOVERED = "uncovered"
    SELECTION = "selection"
    UNPLANNED = "unplanned"
    NO_UNITS = "no_units"


QUOTA_METHODS = (Method.REGISTER, Method.COUNTS)


@dataclass(frozen=True)
class Decision:
    method: Method
    population: Population | None  # what quotas are shared by (REGISTER, COUNTS), else None
    found: int | None = None  # eligible cadres in the register (None: no register read)

    @property
    def quotas(self) -> bool:
        """True when the class has a quota table and reply forms."""
        return self.method in QUOTA_METHODS


def own_unit(plan: Plan, cls: TrainingClass, population: Population) -> Population:
    """A ``per_unit`` class's population: its own unit only."""
    if not cls.unit:
        return population
    counts = {uid: (n if uid == cls.unit else 0) for uid, n in population.counts.items()}
    return Population(counts, population.source, 0)


def decide(plan: Plan, cls: TrainingClass, cadres: Sequence[Cadre] | None) -> Decision:
    """The row of the decision table that ``cls`` falls in; ``cadres`` is the register (None
    when the plan has none)."""
    if not plan.units:
        return Decision(Method.NO_UNITS, None)
    if cls.selection:
        return Decision(Method.SELECTION, None)
    if cls.planned is None:
        return Decision(Method.UNPLANNED, None)
    found: int | None = None
    if cadres is not None:
        register = own_unit(plan, cls, from_register(plan, cls, cadres))
        found = sum(register.counts.values())
        if found > 0 and found * 100 >= cls.register_share * cls.planned:
            return Decision(Method.REGISTER, register, found)
    declared = own_unit(plan, cls, from_declared(plan, cls))
    if sum(declared.counts.values()) > 0:
        return Decision(Method.COUNTS, declared, found)
    return Decision(Method.UNCOVERED, None, found)


def how_chosen(cls: TrainingClass) -> str:
    """The notice's sentence for a class whose people are chosen by ``selection``."""
    ways = {
        "推荐": "由各单位按培训对象推荐，经主办单位审核后确定",
        "考试": "通过考试择优确定",
        "委托": "由委托单位确定",
        "指定": "由主办单位指定",
    }
    return f"本班次学员{ways.get(cls.selection, '另行确定')}，不向各单位分配名额。"


def why_no_quota(cls: TrainingClass, decision: Decision) -> str:
    """Why a class has no quota table (a row other than REGISTER and COUNTS), in Chinese."""
    method = decision.method
    if method is Method.NO_UNITS:
        return "计划中没有参训单位（units），不分配名额"
    if method is Method.SELECTION:
        return how_chosen(cls).rstrip("。")
    if method is Method.UNPLANNED:
        return "没有写规划人数（planned），不分配名额，由各单位按培训对象选派学员"
    if decision.found is not None:
        return (
            f"干部名册中符合条件的只有 {decision.found} 人，不足规划人数 {cls.planned} 人的 "
            f"{cls.register_share}%，不按名册分配，名额另行通知"
        )
    return "计划没有干部名册，各单位也没有申报人数（counts），名额另行通知"
