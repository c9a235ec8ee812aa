"""No double counting: a copy of a plan (``计划 - 副本.yaml``) or the same class ids for the
same year in one plans folder are refused by ``hours``, ``report`` and ``archive`` before
anything is written (exit 1), naming both files and the fix."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cadretrain.cli.main import app
from cadretrain.core.errors import CannotProceed
from cadretrain.records.plan_folder import load_plans, refuse_double_counting
from tests.conftest import ROOT

PLANS = ROOT / "plans"


def bundled_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "计划"
    shutil.copytree(PLANS, folder)
    return folder


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


def files_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def test_the_bundled_folder_is_not_refused() -> None:
    folder = load_plans(PLANS)
    assert folder.duplicates == [] and folder.shared == []
    refuse_double_counting(folder)  # no exception


@pytest.mark.parametrize("command", ["hours", "report", "archive"])
def test_a_windows_copy_of_the_plan_is_refused_before_writing(tmp_path: Path, command: str) -> None:
    folder = bundled_copy(tmp_path)
    shutil.copy(folder / "2013-county.yaml", folder / "2013-county - 副本.yaml")
    out = tmp_path / "out"
    args = [command, str(folder), "-o", str(out)]
    if command == "report":
        args += ["--year", "2013"]
    code, text = run(*args)
    assert code == 1, text
    assert files_in(out) == []  # nothing written, not even the folder's contents
    assert "2013-county.yaml" in text and "2013-county - 副本.yaml" in text
    assert "同一份计划" in text and "删除或移出" in text
    (folder / "2013-county - 副本.yaml").unlink()  # the fix: the copy is gone
    code, text = run(*args)
    assert code in (0, 1) and "重复计算" not in text
    assert files_in(out)


def test_the_same_class_ids_in_two_plans_of_one_year(tmp_path: Path) -> None:
    """Not a byte copy (a title changed) but the same year and class ids: still refused; a
    plan of another year with the same ids in its own subfolder is not."""
    folder = bundled_copy(tmp_path)
    text = (folder / "2013-county.yaml").read_text(encoding="utf-8")
    sub = folder / "2013-乡镇"
    sub.mkdir()
    edited = text.replace("title:", "title: 另一份", 1)
    assert edited != text
    (sub / "plan.yaml").write_text(edited, encoding="utf-8")
    found = load_plans(folder)
    assert len(found.duplicates) == 1
    why = found.duplicates[0]
    assert "2013-county.yaml" in why and "plan.yaml" in why
    assert "2013 年" in why and "班次 id" in why and "women-leaders" in why
    with pytest.raises(CannotProceed) as refused:
        refuse_double_counting(found)
    assert refused.value.exit_code == 1 and why in refused.value.message
    # the same file as another year's plan: different year, not a duplicate
    (sub / "plan.yaml").write_text(edited.replace("year: 2013", "year: 2014", 1), "utf-8")
    assert load_plans(folder).duplicates == []
