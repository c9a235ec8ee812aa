"""Loading a plan file into the model: bytes → text → guarded nodes → records → ``Plan``.

Every problem becomes a diagnostic in the sink; the result is None only when there is no
plan to speak of (unreadable file, syntax error, no mapping at the top).

The model is built from the declarations (``keys.key`` on its attributes): each key the plan
writes fills its attribute, a nested section builds its own model class (``schema.MODELS``),
and the few kinds that need more than that have a small reader of their own (``_SPECIAL``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, TypeVar

from yaml.nodes import MappingNode, ScalarNode

from cadretrain.core.diagnostics import Pos, Sink
from cadretrain.files.source import read_source
from cadretrain.plan.fields import Reader, Rec, show
from cadretrain.plan.grading import grading_from, teacher_pool_from
from cadretrain.plan.keys import YEAR_MAX, YEAR_MIN, Inline, Key, declarations
from cadretrain.plan.limits_check import check_limits
from cadretrain.plan.model import Eligible, Plan, SessionSpec, TrainingClass, Unit
from cadretrain.plan.nodes import compose
from cadretrain.plan.null_items import check_items
from cadretrain.plan.plan_settings import peek_when_settings
from cadretrain.plan.schema import MODELS, SECTIONS
from cadretrain.plan.specs import EligibleRule, EvenSessions

T = TypeVar("T")


def load_plan(path: Path | str, sink: Sink) -> Plan | None:
    source = read_source(path, sink)
    if source is None:
        return None
    return parse_plan(source.text, source.path, sink)


def parse_plan(text: str, file: str, sink: Sink) -> Plan | None:
    root = compose(text, file, sink)
    if root is None:
        return None
    if not isinstance(root, MappingNode):
        sink.add(
            "CT103",
            Pos(file, root.start_mark.line + 1, root.start_mark.column + 1),
            f"计划文件的顶层应为“键: 值”形式的映射（plan、classes 等），实际是“{show(root)}”",
        )
        return None
    check_items(root, text, file, sink)  # empty list items, control characters (CT122, CT123)
    reader = Reader(file, sink, SECTIONS)
    reader.year = _peek_year(root)
    plan_node = _peek_plan(root)
    if reader.year is not None and plan_node is not None:
        reader.when_settings = peek_when_settings(plan_node, reader.year)
    rec = reader.section(root, "root", "计划文件")
    if rec is None:
        return None
    plan_rec: Rec | None = rec.get("plan")
    if plan_rec is None:
        return None
    ladders = [rec.get("ranks", [])] + [r.get("ranks", []) for r in rec.get("rank_ladders", [])]
    ctx = _Context([ladder for ladder in ladders if ladder])
    head = _values(Plan, plan_rec, ctx, "plan")
    if head is None:  # no title or no year: reported as CT102 or CT103
        return None
    top = _values(Plan, rec, ctx, "root")
    assert top is not None  # the one key the top level cannot do without is plan:
    plan = Plan(file=file, rec=rec, **top, **head)
    for ladder in plan.rank_ladders:  # every ladder's ranks are ranks of the plan
        plan.ranks = plan.ranks + [r for r in ladder.ranks if r not in plan.ranks]
    if plan.units_file:
        from cadretrain.files.paths import check_user_path, shown_path

        named = plan.units_file
        if problem := check_user_path(named):
            sink.add("CT001", rec.at("units_file"), f"units_file“{shown_path(named)}”{problem}")
        else:
            listed = _units_file(Path(file).parent / named, rec, sink)
            for unit in _by_id(Unit, listed, ctx).values():
                plan.units.setdefault(unit.id, unit)
    check_limits(plan, sink)  # counts that drive work (CT120), before any command does it
    return plan  # as written: per_unit classes are expanded by the year pipeline


@dataclass(frozen=True)
class _Context:
    ladders: list[list[str]]  # the plan's rank ladders, each highest first (for ``eligible``)


_KeyReader = Callable[[Key, Any, "_Context"], dict[str, Any]]


@dataclass(frozen=True)
class _Step:
    """How one declaration of a class is filled (worked out once per class)."""

    decl: Key | Inline
    read: _KeyReader | None  # None: the value as read is the attribute's


_STEPS: dict[tuple[type[Any], str], tuple[_Step, ...]] = {}
_HAS_REC: dict[type[Any], bool] = {}


def _steps(cls: type[Any], section: str) -> tuple[_Step, ...]:
    if (cls, section) not in _STEPS:
        _STEPS[cls, section] = tuple(
            _Step(d, None if isinstance(d, Inline) else _reader(d.field.kind))
            for d in declarations(cls, section)
        )
        _HAS_REC[cls] = any(f.name == "rec" for f in fields(cls))
    return _STEPS[cls, section]


def _reader(kind: str) -> _KeyReader | None:
    if kind in _SPECIAL:
        return _SPECIAL[kind]
    if kind in MODELS:
        return _nested
    if kind.startswith("list:") and kind[5:] in MODELS:
        return _nested_list
    return None


def _values(cls: type[Any], rec: Rec, ctx: _Context, section: str = "") -> dict[str, Any] | None:
    """The attributes of ``cls`` that ``rec`` fills; None when a key the class cannot do
    without is missing (already reported as CT102, or as CT103 when it could not be read)."""
    out: dict[str, Any] = {}
    written = rec.values
    for step in _steps(cls, section):
        decl = step.decl
        if isinstance(decl, Inline):
            out[decl.attr] = _build(decl.cls, rec, ctx)
        elif decl.name not in written:
            if decl.needed:
                return None
        elif step.read is None:
            out[decl.attr] = written[decl.name]
        else:
            out.update(step.read(decl, written[decl.name], ctx))
    return out


def _build(cls: type[T], rec: Rec, ctx: _Context, **extra: Any) -> T | None:
    """A ``cls`` from ``rec`` (its ``rec`` attribute, if it has one, is ``rec``)."""
    values = _values(cls, rec, ctx)
    if values is None:
        return None
    if _HAS_REC[cls]:
        extra["rec"] = rec
    return cls(**extra, **values)


def _nested(decl: Key, value: Rec, ctx: _Context) -> dict[str, Any]:
    """A nested section (``quota``, ``calendar`` …): its own model class."""
    built = _build(MODELS[decl.field.kind][0], value, ctx)
    return {} if built is None else {decl.attr: built}


def _nested_list(decl: Key, value: list[Rec], ctx: _Context) -> dict[str, Any]:
    items = (_build(MODELS[decl.field.kind[5:]][0], r, ctx) for r in value)
    return {decl.attr: [x for x in items if x is not None]}


def _by_id(cls: type[T], recs: list[Rec], ctx: _Context) -> dict[str, T]:
    """Units, venues or teachers by id: the first of each id, those without id or name left
    out (CT107 and CT102 report them)."""
    out: dict[str, T] = {}
    for r in recs:
        built = _build(cls, r, ctx)
        if built is not None:
            out.setdefault(r.values["id"], built)
    return out


def _listed(decl: Key, recs: list[Rec], ctx: _Context) -> dict[str, Any]:
    return {decl.attr: _by_id(MODELS[decl.field.kind[5:]][0], recs, ctx)}


def _classes(decl: Key, recs: list[Rec], ctx: _Context) -> dict[str, Any]:
    built = [c for i, r in enumerate(recs) if (c := _build(TrainingClass, r, ctx, index=i))]
    for c in built:  # 每期120人: the class's headcount is per session times its sessions
        if c.headcount is not None and c.headcount.per_session:
            c.planned = c.headcount.total(c.session_count or len(c.sessions))
    return {decl.attr: built, "classes_listed": len(recs)}


def _eligibility(decl: Key, recs: list[Rec], ctx: _Context) -> dict[str, Any]:
    rules = [rule for r in recs if (rule := _build(EligibleRule, r, ctx)) is not None]
    return {
        decl.attr: [eligible_from(r, ctx.ladders) for r in rules] or None,
        "eligible_rules": rules,
    }


def _sessions(decl: Key, value: Rec | list[Rec], ctx: _Context) -> dict[str, Any]:
    if isinstance(value, Rec):
        even = _build(EvenSessions, value, ctx)
        assert even is not None  # count and days have defaults
        return {"session_count": even.count, "session_days": even.days}
    listed = (_build(SessionSpec, s, ctx) for s in value)
    return {decl.attr: [s for s in listed if s is not None]}


_SPECIAL: dict[str, Callable[[Key, Any, _Context], dict[str, Any]]] = {
    "plan": lambda decl, value, ctx: {decl.attr: value},  # plan: fills Plan itself
    "list:unit": _listed,
    "list:venue": _listed,
    "list:teacher": _listed,
    "list:class": _classes,
    "eligibility": _eligibility,
    "sessions": _sessions,
    "headcount": lambda decl, value, ctx: {decl.attr: value.number, "headcount": value},
    "grading": lambda decl, value, ctx: {decl.attr: grading_from(value)},
    "teacher_pool": lambda decl, value, ctx: {decl.attr: teacher_pool_from(value)},
}


def _units_file(path: Path, rec: Rec, sink: Sink) -> list[Rec]:
    """The units listed in the file ``units_file`` names (a YAML list like ``units:``)."""
    source = read_source(path, sink)
    if source is None:
        return []
    root = compose(source.text, source.path, sink)
    if root is None:
        return []
    reader = Reader(source.path, sink, SECTIONS)
    units = reader.value(root, SECTIONS["root"]["units"], "单位名单文件", Rec(rec.pos), "units")
    return list(units or [])


def _peek_plan(root: MappingNode) -> MappingNode | None:
    for key, value in root.value:
        if isinstance(key, ScalarNode) and key.value == "plan" and isinstance(value, MappingNode):
            return value
    return None


def _peek_year(root: MappingNode) -> int | None:
    """The plan year, read quietly before the rest (Chinese dates need it)."""
    plan_keys = ("plan", SECTIONS["root"]["plan"].zh)
    year_keys = ("year", SECTIONS["plan"]["year"].zh)
    for key, value in root.value:
        if (
            isinstance(key, ScalarNode)
            and key.value in plan_keys
            and isinstance(value, MappingNode)
        ):
            for k, v in value.value:
                if isinstance(k, ScalarNode) and k.value in year_keys and isinstance(v, ScalarNode):
                    text = str(v.value).strip()
                    if text.isdigit() and len(text) == 4 and YEAR_MIN <= int(text) <= YEAR_MAX:
                        return int(text)
    return None


def _ladder_of(rank: str, ladders: list[list[str]]) -> list[str]:
    return next((ladder for ladder in ladders if rank in ladder), [])


def eligible_from(rule: EligibleRule, ladders: list[list[str]]) -> Eligible:
    """Resolve rank, rank_at_least and rank_at_most into one set (unknown ranks ignored here;
    the CT111 check reports them). ``rank_at_least`` and ``rank_at_most`` count within the
    ladder (``ranks`` or one of ``rank_ladders``) that holds the rank they name."""
    allowed: set[str] | None = None
    if rule.rank is not None:
        allowed = set(rule.rank)
    least = rule.rank_at_least
    if least is not None and (ranks := _ladder_of(least, ladders)):
        upto = set(ranks[: ranks.index(least) + 1])
        allowed = upto if allowed is None else allowed & upto
    most = rule.rank_at_most
    if most is not None and (ranks := _ladder_of(most, ladders)):
        below = set(ranks[ranks.index(most) :])
        allowed = below if allowed is None else allowed & below
    return Eligible(
        ranks=None if allowed is None else frozenset(allowed),
        gender=rule.gender,
        tags=frozenset(rule.tags),
    )
