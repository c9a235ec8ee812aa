"""per_unit small classes (小班化) expand into one class per unit, each with its dates."""

from __future__ import annotations

from itertools import pairwise

from cadretrain.year.validate import validate_file, validate_text
from tests.conftest import HEADER, ROOT


def test_district_template_becomes_thirteen_classes_matching_the_seed() -> None:
    report = validate_file(ROOT / "examples" / "district-village-per-unit.yaml")
    assert report.diagnostics == []  # classes_declared 13 agrees with the expansion
    plan = report.plan
    assert plan is not None
    assert len(plan.classes) == 13
    assert sum(c.planned or 0 for c in plan.classes) == 1460  # 全区1460名“两委”成员
    assert all((c.planned or 0) <= 130 for c in plan.classes)
    assert len({c.id for c in plan.classes}) == 13
    spans = sorted((c.when.start, c.when.end) for c in plan.classes if c.when)
    assert all(a[1] < b[0] for a, b in pairwise(spans))  # one after another
    first = plan.classes[0]
    assert first.name == "东城街道村居“两委”成员培训班" and first.template == "village"


def test_large_unit_is_split_and_shortage_of_days_is_reported() -> None:
    text = HEADER + (
        "units:\n"
        "  - {id: a, name: 甲镇, kind: 镇, counts: {两委成员: 250}}\n"
        "  - {id: b, name: 乙镇, kind: 镇, counts: {两委成员: 90}}\n"
        "classes:\n"
        "  - id: v\n"
        "    name: 两委培训班\n"
        "    when: 2013年3月4日---8日\n"
        "    per_unit: {max_size: 100, days: 2}\n"
    )
    report = validate_text(text)
    plan = report.plan
    assert plan is not None
    assert [(c.id, c.planned) for c in plan.classes] == [
        ("v-a-1", 84),
        ("v-a-2", 83),
        ("v-a-3", 83),
        ("v-b", 90),
    ]
    assert plan.classes[1].name == "甲镇两委培训班第二班"
    # 4 classes × 2 days need 8 training days; 3/4–3/8 has 5
    assert [d.code for d in report.diagnostics if d.code == "CT301"] == ["CT301"]
