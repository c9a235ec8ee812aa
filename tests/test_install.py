"""A plain, non-editable install works: the wheel carries everything the commands need."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import ROOT


def test_wheel_installs_and_validates_outside_the_source_tree(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("cadretrain-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "cadretrain/checks/__init__.py" in names
    assert not any(n.startswith(("tests/", "bench/")) for n in names)
    site = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(site),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    work = tmp_path / "work"
    (work / "plans").mkdir(parents=True)
    shutil.copy(ROOT / "plans" / "2013-county.yaml", work / "plans" / "2013-county.yaml")
    env = {**os.environ, "PYTHONPATH": str(site), "CADRETRAIN_NO_CACHE": "1"}
    where = subprocess.run(
        [sys.executable, "-c", "import cadretrain; print(cadretrain.__file__)"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(where.stdout.strip()).is_relative_to(site)
    result = subprocess.run(
        [sys.executable, "-m", "cadretrain", "validate"],  # finds the only plan under ./plans/
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert re.search(r"plans/2013-county\.yaml:\d+:15: 错误 \[CT301\]", result.stdout)
