"""The bundled synthetic returned forms are current, and collecting them gives the bundled
enrollments (the whole path from quota to roster works on shipped data)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cadretrain.synth.returns import write_returns
from cadretrain.year.pipeline import load_year
from tests.conftest import ROOT

CLASSES = ("youth-league", "principal-leaders", "township-advanced")


def test_returns_are_what_the_generator_makes(tmp_path: Path) -> None:
    year = load_year(ROOT / "plans" / "2013-county.yaml", checks=False)
    assert year is not None
    for class_id in CLASSES:
        write_returns(year, class_id, tmp_path)
        made = {p.name: p.read_bytes() for p in (tmp_path / class_id).iterdir()}
        shipped = {
            p.name: p.read_bytes() for p in (ROOT / "examples" / "returns" / class_id).iterdir()
        }
        assert made == shipped, (
            f"run: python -m cadretrain.synth.returns plans/2013-county.yaml {class_id}"
        )


@pytest.mark.parametrize("class_id", CLASSES)
def test_collecting_the_returns_gives_the_shipped_enrollment(tmp_path: Path, class_id: str) -> None:
    plans = tmp_path / "plans"
    shutil.copytree(ROOT / "plans", plans, ignore=shutil.ignore_patterns("enrollments"))
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "cadretrain",
            "collect",
            "plans/2013-county.yaml",
            "--class",
            class_id,
            f"examples/returns/{class_id}",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1, result.stderr  # the forms carry mistakes: errors reported
    for kind in ("CT403", "CT709", "CT712", "CT714"):  # bad ID, ineligible, over quota, missing
        assert kind in result.stdout + result.stderr, kind
    made = (plans / "enrollments" / f"{class_id}.yaml").read_text(encoding="utf-8")
    shipped = (ROOT / "plans" / "enrollments" / f"{class_id}.yaml").read_text(encoding="utf-8")
    assert made == shipped
