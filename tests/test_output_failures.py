"""Faulty surroundings: an output path that is a file, a folder that cannot be written, a
full disk, Ctrl-C and a killed build. Each is a Chinese message naming the path and the
cause, a documented exit code, complete files left whole and no temporary files left behind.

The full disk and the interruptions are made by the output folder's fault-injection hooks
(``CADRETRAIN_FAIL_AFTER``, ``CADRETRAIN_PAUSE_AFTER`` with ``CADRETRAIN_PAUSE_FLAG``), so
the build is stopped at a known file, not after a guessed time.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import ROOT

PLAN = Path("plans") / "2013-county.yaml"
posix_signals = pytest.mark.skipif(os.name != "posix", reason="POSIX signals")


def cli(*args: object, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cadretrain", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
        env={**os.environ, **(env or {})},
    )


def build(out: Path, plan: Path = PLAN, **env: str) -> subprocess.CompletedProcess[str]:
    return cli("build", plan, "-o", out, "--ignore-errors", env=env)


def leftovers(out: Path) -> list[str]:
    """Temporary files, a lock or a journal: nothing a finished command may leave."""
    return sorted(
        p.relative_to(out).as_posix()
        for p in out.rglob(".*")
        if p.is_file() and p.name != ".cadretrain-manifest.json"
    )


def files(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("*") if p.is_file() and not p.name.startswith("."))


def manifest(out: Path) -> dict[str, str]:
    data: dict[str, str] = json.loads((out / ".cadretrain-manifest.json").read_text("utf-8"))
    return data


def whole(path: Path) -> None:
    """A written file is complete: workbooks open, text decodes."""
    if path.suffix == ".xlsx":
        openpyxl.load_workbook(path).close()
    else:
        path.read_text(encoding="utf-8")


def test_an_output_path_that_is_a_file(tmp_path: Path) -> None:
    target = tmp_path / "out"
    target.write_text("not a folder", encoding="utf-8")
    run = build(target)
    assert run.returncode == 2, run.stderr
    assert f"错误：无法写入 {target}：{target} 是一个文件，不是文件夹" in run.stderr
    assert "Traceback" not in run.stderr and target.read_text(encoding="utf-8") == "not a folder"
    inside = build(target / "sub")
    assert inside.returncode == 2 and f"{target} 是一个文件，不是文件夹" in inside.stderr


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_a_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        run = build(folder)
    finally:
        folder.chmod(0o755)
    assert run.returncode == 2
    assert f"错误：无法写入 {folder}" in run.stderr and "没有写入权限" in run.stderr
    assert not list(folder.iterdir())


# every file the 2013 build writes, as its fingerprint lists them (without the manifest)
ALL = sum(
    1
    for line in (ROOT / "tests" / "golden" / "build-2013.sha256").read_text("utf-8").splitlines()
    if not line.endswith(".cadretrain-manifest.json")
)


def test_a_full_disk_keeps_complete_files_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run = build(out, CADRETRAIN_FAIL_AFTER="5")
    assert run.returncode == 2, run.stderr
    assert "磁盘空间不足" in run.stderr and "此前已写入 5 个文件（完整），其余未生成" in run.stderr
    assert "Traceback" not in run.stderr
    written = files(out)
    assert len(written) == 5 and leftovers(out) == []
    for path in written:
        whole(path)
    assert sorted(manifest(out)) == sorted(p.relative_to(out).as_posix() for p in written)
    again = build(out)  # room again: the rest is written, nothing refused
    assert again.returncode == 0, again.stderr
    assert f"新写入 {ALL - 5} 个文件，5 个未变" in again.stdout


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_standard_output_on_a_full_device() -> None:
    with open("/dev/full", "w", encoding="utf-8") as full:
        run = subprocess.run(
            [sys.executable, "-m", "cadretrain", "schema"],
            cwd=ROOT,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            timeout=120,
            check=False,
        )
    assert run.returncode == 2
    assert run.stderr.strip() == "错误：无法输出到标准输出：磁盘空间不足（No space left on device）"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_an_output_file_that_is_a_device_is_not_replaced() -> None:
    before = os.stat("/dev/full")
    run = cli("schema", "-o", "/dev/full")
    assert run.returncode == 2 and "无法写入 /dev/full：已有同名的设备" in run.stderr
    assert os.stat("/dev/full").st_rdev == before.st_rdev  # still the device


def test_an_enrollments_path_that_is_a_file(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "plans", tmp_path / "plans")
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    enrollments = tmp_path / "plans" / "enrollments"
    shutil.rmtree(enrollments)
    enrollments.write_text("a file", encoding="utf-8")
    returns = ROOT / "examples" / "returns" / "youth-league"
    run = cli("collect", tmp_path / "plans" / "2013-county.yaml", "-c", "youth-league", returns)
    assert run.returncode == 2, run.stdout + run.stderr
    assert f"{enrollments} 是一个文件，不是文件夹" in run.stderr
    assert enrollments.read_text(encoding="utf-8") == "a file"


def start_paused(out: Path, after: int, flag: Path) -> subprocess.Popen[str]:
    """A build that stops while writing file ``after + 1`` (its temporary copy written) and
    creates ``flag`` when it is there."""
    env = {
        **os.environ,
        "CADRETRAIN_PAUSE_AFTER": str(after),
        "CADRETRAIN_PAUSE_FLAG": str(flag),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "cadretrain", "build", PLAN, "-o", out, "--ignore-errors"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=env,
    )
    deadline = time.monotonic() + 240
    while not flag.exists():  # the hook's handshake, not a guessed delay
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the build never reached the pause"
        time.sleep(0.02)
    return process


@posix_signals
def test_ctrl_c_says_what_was_written_and_exits_130(tmp_path: Path) -> None:
    out = tmp_path / "out"
    process = start_paused(out, 7, tmp_path / "paused")
    assert any(p.name.endswith(".tmp") for p in out.rglob(".*"))  # file 8 half-way
    process.send_signal(signal.SIGINT)
    _stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr
    assert stderr.rstrip().endswith(
        "已中止：已写入 7 个文件，其余未生成；再次运行同一命令即可补齐。"
    )
    assert "Traceback" not in stderr
    assert len(files(out)) == 7 and leftovers(out) == []
    assert len(manifest(out)) == 7
    for path in files(out):
        whole(path)
    again = build(out)
    assert again.returncode == 0 and f"新写入 {ALL - 7} 个文件，7 个未变" in again.stdout


@posix_signals
def test_a_killed_build_then_a_plan_edit_rebuilds_cleanly(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    shutil.copytree(ROOT / "plans", plans)
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    plan = plans / "2013-county.yaml"
    out = tmp_path / "out"
    env = {
        **os.environ,
        "CADRETRAIN_PAUSE_AFTER": "7",
        "CADRETRAIN_PAUSE_FLAG": str(tmp_path / "f"),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "cadretrain", "build", plan, "-o", out, "--ignore-errors"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    deadline = time.monotonic() + 240
    while not (tmp_path / "f").exists():
        assert process.poll() is None and time.monotonic() < deadline
        time.sleep(0.02)
    process.kill()  # no chance to clean up: lock, journal and a temporary file stay
    process.communicate(timeout=60)
    left = leftovers(out)
    assert ".cadretrain-lock" in left and ".cadretrain-journal" in left
    assert any(name.endswith(".tmp") for name in left)
    assert not (out / ".cadretrain-manifest.json").exists()  # the run never got to write it
    text = plan.read_text(encoding="utf-8")
    plan.write_text(
        text.replace("organizer: 中共县委组织部", "organizer: 中共某县委组织部"), "utf-8"
    )
    run = build(out, plan)
    assert run.returncode == 0, run.stderr  # the killed run's files are known as ours
    assert "未覆盖" not in run.stderr
    assert "已不在运行，已接管它留下的锁" in run.stderr
    assert "清理了留下的 1 个临时文件" in run.stderr
    assert leftovers(out) == []
    assert len(manifest(out)) == len(files(out))


@posix_signals
def test_a_second_build_into_a_folder_in_use_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    process = start_paused(out, 2, tmp_path / "paused")
    try:
        second = build(out)
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=120)
    assert second.returncode == 2
    assert (
        f"错误：输出文件夹 {out} 正由另一个 cadretrain 命令使用（进程号 {process.pid}"
        in second.stderr
    )
    assert f"删除 {out / '.cadretrain-lock'} 后重试" in second.stderr
    assert process.returncode == 130 and len(files(out)) == 2
