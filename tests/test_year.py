"""The year model: built once by the pipeline, and what every output says about a class's
dates is what ``year.schedule(cls)`` says."""

from __future__ import annotations

import ast
import io
import re
from dataclasses import replace
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest

import cadretrain.plan.schedule as schedule_module
from cadretrain.core.dates import parse_when
from cadretrain.core.diagnostics import Sink
from cadretrain.core.wording import cn_number
from cadretrain.documents.ics import ics_text
from cadretrain.documents.notice import render_notice
from cadretrain.documents.roster import roster_bytes
from cadretrain.documents.signin import signin_bytes
from cadretrain.plan.loader import load_plan
from cadretrain.plan.lookup import find_class
from cadretrain.plan.model import TrainingClass
from cadretrain.plan.schedule import ScheduleState, Slot
from cadretrain.year.model import Year
from cadretrain.year.pipeline import STEPS, load_year
from cadretrain.year.validate import validate_file
from tests.conftest import ROOT

PLAN = ROOT / "plans" / "2013-county.yaml"
PER_UNIT = ROOT / "examples" / "district-village-per-unit.yaml"
# classes with an enrollment: several sessions (the third not placed, CT301), and one session
CLASSES = ("rotation-18th", "women-leaders")


@pytest.fixture(scope="module")
def year() -> Year:
    built = load_year(PLAN)
    assert built is not None
    return built


def dated(year: Year, cls: TrainingClass) -> dict[int, Slot]:
    """The sessions with exact dates, by number (0 for a class taught in one session)."""
    return {s.number: s for s in year.schedule(cls).exact_slots}


# --- reading the outputs back ----------------------------------------------------------


def signin_days(data: bytes, year: int) -> dict[str, list[date | None]]:
    """Sheet → the day columns of its header (``3月13日（星期三）``; None for a blank box)."""
    out: dict[str, list[date | None]] = {}
    for ws in openpyxl.load_workbook(io.BytesIO(data)).worksheets:
        days: list[date | None] = []
        for cell in ws[3][3:-1]:
            if cell.value is None:
                continue
            m = re.fullmatch(r"(\d+)月(\d+)日（星期.）", str(cell.value))
            days.append(date(year, int(m.group(1)), int(m.group(2))) if m else None)
        out[ws.title] = days
    return out


def roster_spans(data: bytes, year: int) -> dict[str, tuple[date, date] | None]:
    """Session sheet → the first and last day its title states (None: 日期未排定)."""
    out: dict[str, tuple[date, date] | None] = {}
    for ws in openpyxl.load_workbook(io.BytesIO(data)).worksheets:
        m = re.search(r"（第\d+期 (.+)）$", str(ws["A1"].value))
        if m:
            span = None if m.group(1) == "日期未排定" else parse_when(m.group(1), year)
            out[ws.title] = (span.start, span.end) if span else None
    return out


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def notice_spans(html: str, year: int) -> dict[int, tuple[date, date] | None]:
    """Session number → the dates the notice's 培训时间 paragraph states (None: 另行通知)."""
    reader = _Text()
    reader.feed(html)
    text = "".join(reader.parts)
    para = text.split("（一）培训时间。", 1)[1].split("（二）", 1)[0]
    found = re.findall(r"第(.)期：([^；。]+)", para)
    if not found:  # one session: the paragraph is its dates
        span = parse_when(para.strip().rstrip("。"), year)
        return {0: (span.start, span.end)}
    numbers = {cn_number(n): n for n in range(1, 10)}
    out: dict[int, tuple[date, date] | None] = {}
    for n, when in found:
        span = None if "另行通知" in when else parse_when(when, year)
        out[numbers[n]] = (span.start, span.end) if span else None
    return out


def ics_spans(text: str) -> dict[str, tuple[date, date]]:
    """SUMMARY → (DTSTART, last day); DTEND is exclusive."""

    def day(value: str) -> date:
        return date(int(value[:4]), int(value[4:6]), int(value[6:]))

    out = {}
    for event in text.replace("\r\n ", "").split("BEGIN:VEVENT")[1:]:
        fields = dict(line.split(":", 1) for line in event.split("\r\n") if ":" in line)
        out[fields["SUMMARY"]] = (
            day(fields["DTSTART;VALUE=DATE"]),
            day(fields["DTEND;VALUE=DATE"]) - timedelta(days=1),
        )
    return out


@pytest.mark.parametrize("class_id", CLASSES)
def test_every_output_states_the_dates_of_the_model(
    year: Year, class_id: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("calendar_for", "schedule_class", "schedule_plan"):  # nothing fits them again
        monkeypatch.setattr(schedule_module, name, lambda *a, _n=name: pytest.fail(f"{_n} called"))
    plan, cls = year.plan, find_class(year.plan, class_id)
    enrollment = year.enrollments()[cls.id]
    sched = year.schedule(cls)
    exact = dated(year, cls)
    assert exact and sched.cls is cls
    written = {
        "roster.xlsx": roster_bytes(year, cls, enrollment),
        "signin.xlsx": signin_bytes(year, cls, enrollment),
        "notice.html": str(render_notice(year, cls, "html")).encode(),
        "calendar.ics": ics_text([year]).encode(),
    }
    for name, data in written.items():
        (tmp_path / name).write_bytes(data)

    # the sign-in sheet: one column pair per training day of each session, blanks when unplaced
    sheets = signin_days((tmp_path / "signin.xlsx").read_bytes(), plan.year)
    wanted = max(len(sched.slots), cls.session_count or 0, 1)
    for n in range(1, wanted + 1) if wanted > 1 else [0]:
        sheet = f"第{n}期" if n else "签到表"
        if n in exact:
            assert sheets[sheet] == list(exact[n].days)
        else:
            assert sheets[sheet] and set(sheets[sheet]) == {None}

    # the roster: a sheet per session titled with its dates
    spans = roster_spans((tmp_path / "roster.xlsx").read_bytes(), plan.year)
    sessions = range(1, wanted + 1) if wanted > 1 else []  # one session: no per-session sheet
    assert spans == {
        f"第{n}期": (exact[n].start, exact[n].end) if n in exact else None for n in sessions
    }

    # the notice: each session's dates, 另行通知 for one the calendar could not place
    stated = notice_spans((tmp_path / "notice.html").read_text(encoding="utf-8"), plan.year)
    assert {n: span for n, span in stated.items() if span} == {
        n: (s.start, s.end) for n, s in exact.items()
    }
    assert [n for n, span in stated.items() if span is None] == [
        n for n in range(1, wanted + 1) if n not in exact and wanted > 1
    ]

    # the calendar: an event per session with exact dates
    events = ics_spans((tmp_path / "calendar.ics").read_bytes().decode("utf-8"))
    mine = {k: v for k, v in events.items() if k.startswith(cls.name)}
    assert mine == {
        (f"{cls.name}第{n}期" if n else cls.name): (s.start, s.end) for n, s in exact.items()
    }


def test_the_model_holds_one_schedule_per_class_with_its_state(year: Year) -> None:
    assert STEPS == ("load", "expand", "schedule", "check")
    assert [s.cls for s in year.by_class] == year.plan.classes
    assert all(year.schedules[c.id] is year.schedule(c) for c in year.plan.classes)
    assert year.slots == [s for c in year.plan.classes for s in year.schedule(c).slots if s.days]
    states = {c.id: year.state(c) for c in year.plan.classes}
    assert states["women-leaders"] is ScheduleState.SCHEDULED
    assert states["rotation-18th"] is ScheduleState.UNSCHEDULED  # 3rd session not placed
    assert states["nysy-county-economy"] is ScheduleState.APPROXIMATE  # 十月中下旬，为期一周
    assert states["shedian-forum"] is ScheduleState.APPROXIMATE  # 11月份, 3 sessions of 7 days
    report = validate_file(PLAN)
    assert report.year is not None and report.plan is report.year.plan
    assert report.diagnostics == year.diagnostics and year.diagnostics  # the 2013 plan has some
    with pytest.raises(KeyError):
        year.schedule(replace(year.plan.classes[0], id="not-in-this-plan"))


def test_vague_states(tmp_path: Path) -> None:
    plan = tmp_path / "p.yaml"
    plan.write_text(
        "plan: {title: 计划, year: 2013}\nclasses:\n"
        "  - {id: a, name: 甲班, when: 十月中下旬}\n"
        "  - {id: b, name: 乙班, when: 十月中下旬, sessions: {count: 2, days: 3}}\n"
        "  - {id: c, name: 丙班}\n",
        encoding="utf-8",
    )
    built = load_year(plan, checks=False)
    assert built is not None
    assert [built.state(c) for c in built.plan.classes] == [
        ScheduleState.POSSIBLE,
        ScheduleState.APPROXIMATE,
        ScheduleState.UNSCHEDULED,
    ]


def test_register_and_enrollments_are_read_once_and_told_every_time(
    year: Year, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = Sink(), Sink()
    cadres = year.register(first)
    enrollments = year.enrollments(first)
    assert cadres and enrollments
    import cadretrain.enroll.enrollment as enrollment_module
    import cadretrain.enroll.register as register_module

    monkeypatch.setattr(register_module, "read_register", lambda *a, **k: pytest.fail("again"))
    monkeypatch.setattr(enrollment_module, "load_enrollments", lambda *a: pytest.fail("again"))
    assert year.register(second) is cadres
    assert year.enrollments(second) == enrollments
    assert second.items == first.items  # the problems met reading them, told again


def test_loading_leaves_per_unit_templates_and_the_pipeline_expands_them() -> None:
    sink = Sink()
    written = load_plan(PER_UNIT, sink)
    assert written is not None and not sink.items
    assert [c.id for c in written.classes] == ["village"]
    assert written.classes[0].rec.get("per_unit") is not None
    assert written.classes_listed == 1
    built = load_year(PER_UNIT)
    assert built is not None and built.diagnostics == []
    assert len(built.plan.classes) == built.plan.classes_listed == 13
    assert {c.template for c in built.plan.classes} == {"village"}
    assert all(built.state(c) is ScheduleState.SCHEDULED for c in built.plan.classes)


SCHEDULING = ("calendar_for", "schedule_class", "schedule_plan")
ALLOWED = ("plan/schedule.py", "plan/expand.py", "year/")


def test_no_schedule_or_calendar_outside_the_pipeline() -> None:
    """Only ``plan/schedule.py`` (where they are defined), ``plan/expand.py`` (per_unit classes
    fit on training days) and ``year/`` may name the scheduling functions or make a
    ``WorkCalendar``; everything else reads the year model."""
    package = ROOT / "cadretrain"
    offenders = []
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.ImportFrom):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.Name):
                names = [node.id]
            elif isinstance(node, ast.Attribute):
                names = [node.attr]
            for name in names:
                if name in SCHEDULING and not rel.startswith(ALLOWED):
                    offenders.append(f"{rel}:{node.lineno} {name}")
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "WorkCalendar"
                and rel not in ("plan/schedule.py", "core/workcal.py")
            ):
                offenders.append(f"{rel}:{node.lineno} WorkCalendar()")
    assert offenders == []


RAW_RECORDS = ("plan_rec", "item_pos", "key_pos", "val_pos")


def test_no_yaml_records_read_outside_plan() -> None:
    """Outputs and rules read the typed model: nothing outside ``plan/`` reads a YAML record's
    values (``rec.get(…)``, ``rec.values``, ``plan_rec``, the raw position tables); positions
    come from ``rec.at``/``rec.item_at``/``plan.at``."""
    package = ROOT / "cadretrain"
    offenders = []
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package).as_posix()
        if rel.startswith("plan/"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Attribute):
                continue
            base = node.value
            on_rec = isinstance(base, ast.Attribute) and base.attr == "rec"
            on_rec = on_rec or (isinstance(base, ast.Name) and base.id == "rec")
            if node.attr in RAW_RECORDS or (on_rec and node.attr in ("get", "values")):
                offenders.append(f"{rel}:{node.lineno} .{node.attr}")
    assert offenders == []
