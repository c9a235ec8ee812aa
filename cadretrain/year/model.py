"""The year of one plan, built once: the plan as the pipeline left it (``per_unit`` templates
expanded), its work calendar, every class's schedule and what the pipeline found; and, when a
command needs them, the cadre register and the enrollments beside the plan, each read once.

Build it with :mod:`cadretrain.year.pipeline`; everything that needs a class's dates reads
them here (``year.schedule(cls)``) instead of fitting the sessions again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

from cadretrain.core.diagnostics import Diagnostic, Sink
from cadretrain.core.workcal import WorkCalendar
from cadretrain.plan.model import Plan, TrainingClass
from cadretrain.plan.schedule import Schedule, ScheduleState, Slot

if TYPE_CHECKING:
    from cadretrain.enroll.enrollment import Enrollment
    from cadretrain.enroll.register import Cadre

T = TypeVar("T")


@dataclass(frozen=True)
class Loaded(Generic[T]):
    """Something read once, with the problems met reading it (told to every later caller)."""

    value: T
    diagnostics: tuple[Diagnostic, ...]

    def told(self, sink: Sink | None) -> T:
        if sink is not None:
            sink.extend(self.diagnostics)
        return self.value


@dataclass
class Year:
    """One plan's year: built by :func:`cadretrain.year.pipeline.build_year` (or ``load_year``),
    then only read."""

    plan: Plan
    calendar: WorkCalendar
    by_class: list[Schedule]  # one per class, in plan order
    diagnostics: list[Diagnostic] = field(default_factory=list)  # sorted, as the pipeline found
    schedules: dict[str, Schedule] = field(default_factory=dict, init=False, repr=False)
    _index: dict[int, Schedule] = field(default_factory=dict, init=False, repr=False)
    _registers: dict[Path, Loaded[list[Cadre]]] = field(
        default_factory=dict, init=False, repr=False
    )
    _enrollments: Loaded[dict[str, Enrollment]] | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        # by class id (with repeated ids, the later class's), as the checks read them
        self.schedules = {s.cls.id: s for s in self.by_class}
        self._index = {s.cls.index: s for s in self.by_class}

    def schedule(self, cls: TrainingClass) -> Schedule:
        """The sessions of ``cls`` (a class of this plan) fitted onto its training days."""
        found = self._index.get(cls.index)
        if found is None or found.cls.id != cls.id:
            raise KeyError(f"class {cls.id!r} is not a class of {self.plan.file}")
        return found

    def state(self, cls: TrainingClass) -> ScheduleState:
        return self.schedule(cls).state

    @property
    def slots(self) -> list[Slot]:
        """Every session that has days (exact or possible), in plan order."""
        return [s for sched in self.by_class for s in sched.slots if s.days]

    @property
    def exact_slots(self) -> list[Slot]:
        """Every session with exact dates, in plan order (what a calendar can show)."""
        return [s for sched in self.by_class for s in sched.exact_slots]

    def register(
        self, sink: Sink | None = None, override: Path | None = None
    ) -> list[Cadre] | None:
        """The cadre register (``override``, else the plan's ``register``), read once per file;
        None when the plan names none. Problems reading it go to ``sink`` on every call."""
        from cadretrain.enroll.quota_table import load_cadres, register_path
        from cadretrain.files.paths import check_user_path

        if override is None and self.plan.register and check_user_path(self.plan.register):
            aside = Sink()  # a path no file can have (a NUL …): told at its place, CT401
            return Loaded(load_cadres(self.plan, aside), tuple(aside.items)).told(sink)
        path = register_path(self.plan, override)
        if path is None:
            return None
        if path not in self._registers:
            aside = Sink()
            from cadretrain.enroll.register import read_register

            cadres = read_register(path, self.plan, aside)
            self._registers[path] = Loaded(cadres, tuple(aside.items))
        return self._registers[path].told(sink)

    def enrollments(self, sink: Sink | None = None) -> dict[str, Enrollment]:
        """The enrollments beside the plan by class id, read once. Problems reading them
        (CT601) go to ``sink`` on every call."""
        if self._enrollments is None:
            from cadretrain.enroll.enrollment import load_enrollments

            aside = Sink()
            found = load_enrollments(self.plan, aside)
            self._enrollments = Loaded(found, tuple(aside.items))
        return dict(self._enrollments.told(sink))
