"""Loading a plan file into the model: bytes → text → guarded nodes → records → ``Plan``.

Every problem becomes a diagnostic in the sink; the result is None only when there is no
plan to speak of (unreadable file, syntax error, no mapping at the top).
"""

from __future__ import annotations

from pathlib import Path

from yaml.nodes import MappingNode, ScalarNode

from cadretrain.core.diagnostics import Pos, Sink
from cadretrain.files.source import read_source
from cadretrain.plan.fields import Reader, Rec, show
from cadretrain.plan.model import (
    CalendarConfig,
    Eligible,
    Plan,
    QuotaRule,
    SessionSpec,
    Teacher,
    TrainingClass,
    Unit,
    Venue,
)
from cadretrain.plan.nodes import compose
from cadretrain.plan.null_items import check_items
from cadretrain.plan.schema import SECTIONS, YEAR_MAX, YEAR_MIN


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
    reader = Reader(file, sink)
    reader.year = _peek_year(root)
    rec = reader.section(root, "root", "计划文件")
    if rec is None:
        return None
    plan_rec: Rec | None = rec.get("plan")
    if plan_rec is None or "title" not in plan_rec.values or "year" not in plan_rec.values:
        return None
    plan = Plan(
        file=file,
        title=plan_rec.values["title"],
        year=plan_rec.values["year"],
        rec=rec,
        plan_rec=plan_rec,
        organizer=plan_rec.get("organizer", ""),
        issued=plan_rec.get("issued"),
        doc_number=plan_rec.get("doc_number", ""),
        classes_declared=plan_rec.get("classes_declared"),
        ranks=rec.get("ranks", []),
        register=plan_rec.get("register", ""),
        hours_per_day=plan_rec.get("hours_per_day", 7.5),
        roster_columns=plan_rec.get("roster_columns", []),
        tags=rec.get("tags", []),
    )
    plan.texts = {
        k: v
        for k, v in plan_rec.values.items()
        if k in ("guiding", "measures", "leadership", "assessment", "topic_menu", "notes")
    }
    cal: Rec | None = rec.get("calendar")
    if cal is not None:
        plan.calendar = CalendarConfig(
            weekend_days=cal.get("weekend_days", "warn"),
            extra_holidays=cal.get("extra_holidays", []),
            extra_workdays=cal.get("extra_workdays", []),
        )
    unit_recs: list[Rec] = list(rec.get("units", []))
    if rec.get("units_file"):
        unit_recs += _units_file(Path(file).parent / rec.values["units_file"], rec, sink)
    for u in unit_recs:
        if "id" in u.values and "name" in u.values:
            plan.units.setdefault(
                u.values["id"],
                Unit(
                    u.values["id"],
                    u.values["name"],
                    u,
                    u.get("kind", ""),
                    u.get("parent"),
                    u.get("aliases", []),
                    u.get("counts", {}),
                ),
            )
    for v in rec.get("venues", []):
        if "id" in v.values and "name" in v.values:
            plan.venues.setdefault(
                v.values["id"],
                Venue(
                    v.values["id"], v.values["name"], v, v.get("capacity"), v.get("external", False)
                ),
            )
    for t in rec.get("teachers", []):
        if "id" in t.values and "name" in t.values:
            plan.teachers.setdefault(
                t.values["id"],
                Teacher(
                    t.values["id"],
                    t.values["name"],
                    t,
                    t.get("title", ""),
                    t.get("org", ""),
                    t.get("pool", False),
                ),
            )
    listed = rec.get("classes", [])
    for index, c in enumerate(listed):
        if all(k in c.values for k in ("id", "name")):
            plan.classes.append(_training_class(c, index, plan.ranks))
    plan.classes_listed = len(listed)
    if any(c.rec.get("per_unit") is not None for c in plan.classes):
        from cadretrain.plan.expand import expand_per_unit

        expand_per_unit(plan, sink)
    return plan


def _units_file(path: Path, rec: Rec, sink: Sink) -> list[Rec]:
    """The units listed in the file ``units_file`` names (a YAML list like ``units:``)."""
    source = read_source(path, sink)
    if source is None:
        return []
    root = compose(source.text, source.path, sink)
    if root is None:
        return []
    reader = Reader(source.path, sink)
    units = reader.value(root, SECTIONS["root"]["units"], "单位名单文件", Rec(rec.pos), "units")
    return list(units or [])


def _peek_year(root: MappingNode) -> int | None:
    """The plan year, read quietly before the rest (Chinese dates need it)."""
    for key, value in root.value:
        if isinstance(key, ScalarNode) and key.value == "plan" and isinstance(value, MappingNode):
            for k, v in value.value:
                if isinstance(k, ScalarNode) and k.value == "year" and isinstance(v, ScalarNode):
                    text = str(v.value).strip()
                    if text.isdigit() and len(text) == 4 and YEAR_MIN <= int(text) <= YEAR_MAX:
                        return int(text)
    return None


def _training_class(c: Rec, index: int, ranks: list[str]) -> TrainingClass:
    tc = TrainingClass(
        id=c.values["id"],
        name=c.values["name"],
        rec=c,
        index=index,
        short=c.get("short", ""),
        half=c.get("half", ""),
        audience=c.get("audience", ""),
        planned=c.get("planned"),
        when=c.get("when"),
        weekends=c.get("weekends", False),
        fieldwork_days=c.get("fieldwork_days"),
        hours_per_day=c.get("hours_per_day"),
        venue=c.get("venue"),
        topics=c.get("topics", []),
        modules=c.get("modules", {}),
        teachers=c.get("teachers", []),
        notes=c.get("notes", ""),
    )
    quota: Rec | None = c.get("quota")
    if quota is not None:
        tc.quota = QuotaRule(
            quota.get("method", "largest_remainder"),
            quota.get("min", 0),
            quota.get("max"),
            quota.get("per_session_max"),
        )
    alternatives: list[Rec] | None = c.get("eligible")
    if alternatives:
        tc.eligible = [eligible_from(e, ranks) for e in alternatives]
    sessions = c.get("sessions")
    if isinstance(sessions, Rec):
        tc.session_count = sessions.get("count")
        tc.session_days = sessions.get("days")
    elif isinstance(sessions, list):
        for s in sessions:
            if s.get("when") is not None:
                tc.sessions.append(
                    SessionSpec(s.values["when"], s, s.get("planned"), s.get("venue"))
                )
    return tc


def eligible_from(elig: Rec, ranks: list[str]) -> Eligible:
    """Resolve rank, rank_at_least and rank_at_most into one set (unknown ranks ignored here;
    the CT111 check reports them)."""
    allowed: set[str] | None = None
    if "rank" in elig.values:
        allowed = set(elig.values["rank"])
    order = {name: i for i, name in enumerate(ranks)}  # 0 = highest
    least = elig.get("rank_at_least")
    if least in order:
        upto = {r for r in ranks if order[r] <= order[least]}
        allowed = upto if allowed is None else allowed & upto
    most = elig.get("rank_at_most")
    if most in order:
        below = {r for r in ranks if order[r] >= order[most]}
        allowed = below if allowed is None else allowed & below
    return Eligible(
        ranks=None if allowed is None else frozenset(allowed),
        gender=elig.get("gender"),
        tags=frozenset(elig.get("tags", [])),
    )
