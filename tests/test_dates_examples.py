"""The real plans transcribed for the ``when`` and headcount grammars (``examples/``, each
citing its source): no error, no ``ignore:``, and the findings the plan-format page explains
for each, no more."""

from __future__ import annotations

from collections import Counter

import pytest

from cadretrain.core.diagnostics import Severity
from cadretrain.year.validate import validate_file
from tests.conftest import ROOT

EXPECTED = {  # code → count, as docs/计划格式.md explains them
    "2022-yunnan-key-points.yaml": {"CT136": 1, "CT133": 2, "CT204": 3},
    "2014-hangzhou-centre.yaml": {"CT133": 1, "CT131": 2, "CT134": 1, "CT202": 1, "CT204": 2},
    "2018-national-plan-excerpt.yaml": {"CT135": 5, "CT204": 5},
}
PAGE = (ROOT / "docs" / "计划格式.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_transcribed_plan_reads_without_errors(name: str) -> None:
    path = ROOT / "examples" / name
    text = path.read_text(encoding="utf-8")
    assert "ignore:" not in text
    assert "http" in text.split("\nplan:")[0]  # the source is cited at the top
    report = validate_file(path)
    assert report.count(Severity.ERROR) == 0
    assert dict(Counter(d.code for d in report.diagnostics)) == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_finding_on_a_transcribed_plan_is_explained(name: str) -> None:
    section = PAGE.split(f"`examples/{name}`", 1)[1].split("\n#", 1)[0]
    for code in EXPECTED[name]:
        assert code in section, (name, code)
