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
    for template in ("notice.html.j2", "notice.md.j2", "plan.html.j2", "gbt9704.css"):
        assert f"cadretrain/templates/{template}" in names
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
    (work / "examples").mkdir()  # the plan's register (plan.register: ../examples/…)
    shutil.copy(ROOT / "examples" / "register-2013.csv", work / "examples" / "register-2013.csv")
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

    # the notice templates come from the installed package (no templates/ next to the plan)
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from cadretrain.year.validate import validate_file\n"
        "from cadretrain.cli.document_steps import run_notice\n"
        "year = validate_file('plans/2013-county.yaml').year\n"
        "codes = [run_notice(year, '十八大轮训班', f, Path('out')) for f in ('md', 'html')]\n"
        "codes.append(run_notice(year, None, 'html', Path('out'), plan_document=True))\n"
        "sys.exit(max(codes))\n"
    )
    notice = subprocess.run(
        [sys.executable, "-c", script], cwd=work, env=env, capture_output=True, text=True
    )
    assert notice.returncode == 0, notice.stderr
    assert "已写入 out/rotation-18th-培训通知.md" in notice.stdout
    md = (work / "out" / "rotation-18th-培训通知.md").read_text(encoding="utf-8")
    assert md.startswith("中共县委组织部文件\n") and "## 附件1\n" in md
    html = (work / "out" / "rotation-18th-培训通知.html").read_text(encoding="utf-8")
    assert "@page" in html and "关于举办全县乡科级领导干部学习十八大精神轮训班的通知" in html
    plan_document = work / "out" / "县2013年干部教育培训方案.html"
    assert "三、实施步骤" in plan_document.read_text(encoding="utf-8")
