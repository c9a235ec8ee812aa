"""CT307: the same person enrolled in two classes that meet on the same day."""

from __future__ import annotations

import shutil
from pathlib import Path

from cadretrain.core.diagnostics import Sink
from cadretrain.enroll.enrollment import Enrollee, Enrollment, dump_enrollment, enrollment_path
from cadretrain.plan.loader import load_plan
from cadretrain.year.validate import validate_file
from tests.conftest import ROOT

ZHANG = dict(name="张三", unit="chengguan", sex="男", id_number="99999919750301001X")


def setup_plan(tmp_path: Path, people: dict[str, list[Enrollee]]) -> Path:
    plan_path = tmp_path / "plan.yaml"
    text = (ROOT / "plans" / "2013-county.yaml").read_text(encoding="utf-8")
    plan_path.write_text(text.replace("register: ../examples/", "register: "), encoding="utf-8")
    shutil.copy(ROOT / "examples" / "register-2013.csv", tmp_path / "register-2013.csv")
    plan = load_plan(plan_path, Sink())
    assert plan is not None
    for class_id, enrolled in people.items():
        path = enrollment_path(plan, class_id)
        path.parent.mkdir(exist_ok=True)
        path.write_text(dump_enrollment(Enrollment(class_id, enrolled), plan), encoding="utf-8")
    return plan_path


def ct307(plan_path: Path) -> list[str]:
    report = validate_file(plan_path)
    return [
        f"{d.pos.file}:{d.pos.line} {d.message}" for d in report.diagnostics if d.code == "CT307"
    ]


def test_overlapping_classes_are_reported_at_the_person(tmp_path: Path) -> None:
    plan = setup_plan(
        tmp_path,
        {
            "youth-spring": [Enrollee(**ZHANG)],  # 5/13–7/13
            "village-secretaries": [Enrollee(**ZHANG, session=1)],  # 5/13–15
        },
    )
    (found,) = ct307(plan)
    assert "village-secretaries.yaml:" in found and "张三（城关镇）" in found
    assert "2013年5月13日—15日" in found


def test_sessions_that_do_not_overlap_are_fine(tmp_path: Path) -> None:
    plan = setup_plan(
        tmp_path,
        {
            "youth-spring": [Enrollee(**ZHANG)],
            "village-secretaries": [Enrollee(**{**ZHANG, "id_number": "110105194912310021"})],
            "rotation-18th": [Enrollee(**ZHANG, session=1)],  # March: no overlap
        },
    )
    assert ct307(plan) == []


def test_enrollment_line_numbers_point_at_the_person(tmp_path: Path) -> None:
    other = dict(ZHANG, name="李四", id_number="11010519491231002X")
    plan = setup_plan(
        tmp_path,
        {
            "youth-spring": [Enrollee(**other), Enrollee(**ZHANG)],
            "women-leaders": [],
            "village-secretaries": [Enrollee(**other, session=2), Enrollee(**ZHANG, session=1)],
        },
    )
    found = ct307(plan)
    assert len(found) == 2
    text = (tmp_path / "enrollments" / "village-secretaries.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    for entry in found:
        line = int(entry.split(" ")[0].rsplit(":", 1)[1])
        assert lines[line - 1].startswith("- name:")


def test_fast_reader_agrees_with_yaml_and_falls_back_on_hand_edits() -> None:
    import yaml

    from cadretrain.enroll.enrollment import _fast_load

    for path in sorted((ROOT / "plans" / "enrollments").glob("*.yaml")):
        text = path.read_text(encoding="utf-8-sig")
        fast = _fast_load(text)
        assert fast is not None and fast[0] == yaml.load(text, Loader=yaml.BaseLoader), path
        lines = text.splitlines()
        assert [lines[n - 1][:8] for n in fast[1]] == ["- name: "] * len(fast[1])
    hand = "class: a\npeople:\n- {name: 张三, unit: chengguan}\n"
    assert _fast_load(hand) is None  # flow style: read by YAML instead
    quoted = "class: a\npeople:\n- name: 'O''Brien'\n  unit: x\n"
    assert _fast_load(quoted) == ({"class": "a", "people": [{"name": "O'Brien", "unit": "x"}]}, [3])
    # blank and whitespace-only lines and comments anywhere are skipped, as YAML does
    spaced = "# 注释\nclass: a\n\npeople:\n- name: 甲\n   \n  unit: x\n# 末尾\n"
    assert _fast_load(spaced) == ({"class": "a", "people": [{"name": "甲", "unit": "x"}]}, [5])
    for odd in (
        "class: a\npeople:\n- name: 甲\n  unit: x: y\n",  # a colon inside: YAML decides
        "class: a\npeople:\n- name: 甲\n  unit:\n",  # an empty value
        "class: a\npeople:\n- name: 甲\n  : x\n",  # no key
        "class: a\npeople:\n- name: 'unclosed\n",
        "class: a\n- name: 甲\n",  # a person before people:
    ):
        assert _fast_load(odd) is None, odd
