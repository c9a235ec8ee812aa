"""Outputs never overwrite a user's edits and never leave their folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from cadretrain.files.output_folder import OutputFolder, OutputRefused, safe_name


def test_rewrite_of_untouched_file_and_refusal_of_edited_file(tmp_path: Path) -> None:
    out = OutputFolder(tmp_path)
    target = out.write("a.txt", b"v1")
    out.close()
    assert target.read_bytes() == b"v1"
    again = OutputFolder(tmp_path)
    again.write("a.txt", b"v2")  # untouched since we wrote it: replaced
    again.close()
    assert target.read_bytes() == b"v2"
    target.write_bytes(b"edited by hand")
    third = OutputFolder(tmp_path)
    with pytest.raises(OutputRefused) as err:
        third.write("a.txt", b"v3")
    assert "--force" in str(err.value)
    assert target.read_bytes() == b"edited by hand"
    OutputFolder(tmp_path, force=True).write("a.txt", b"v3")
    assert target.read_bytes() == b"v3"


def test_foreign_file_is_not_overwritten(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_bytes(b"someone else's")
    with pytest.raises(OutputRefused):
        OutputFolder(tmp_path).write("b.txt", b"ours")


def test_names_cannot_escape_the_folder(tmp_path: Path) -> None:
    out = OutputFolder(tmp_path / "out")
    path = out.write("../../etc/passwd", b"x")
    assert path.resolve().is_relative_to((tmp_path / "out").resolve())
    assert safe_name("a/b\\c:..") == "a_b_c_"
    assert safe_name("..") == "_"


def dead_pid() -> int:
    """The id of a process that has ended."""
    import subprocess
    import sys

    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(child.stdout)


def lock_file(folder: Path, pid: object, host: str | None = None) -> Path:
    import json
    import socket

    folder.mkdir(parents=True, exist_ok=True)
    lock = folder / ".cadretrain-lock"
    lock.write_text(json.dumps({"pid": pid, "host": host or socket.gethostname()}), "utf-8")
    return lock


def test_lock_is_held_while_writing_and_removed_on_close(tmp_path: Path) -> None:
    import json
    import os

    out = OutputFolder(tmp_path)
    out.write("a.txt", b"1")
    holder = json.loads((tmp_path / ".cadretrain-lock").read_text("utf-8"))
    assert holder["pid"] == os.getpid() and holder["host"]
    assert (tmp_path / ".cadretrain-journal").is_file()
    out.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".cadretrain-manifest.json", "a.txt"]


def test_a_live_or_foreign_lock_keeps_the_folder_out_of_use(tmp_path: Path) -> None:
    import os

    from cadretrain.files.output_folder import OutputBusy

    lock = lock_file(tmp_path, os.getppid())  # the test runner's parent: alive
    with pytest.raises(OutputBusy) as busy:
        OutputFolder(tmp_path).write("a.txt", b"1")
    assert busy.value.exit_code == 2 and f"进程号 {os.getppid()}" in busy.value.message
    assert str(lock) in busy.value.hint and not (tmp_path / "a.txt").exists()
    lock_file(tmp_path, dead_pid(), host="another-computer")  # cannot tell: in use
    with pytest.raises(OutputBusy):
        OutputFolder(tmp_path).write("a.txt", b"1")


def test_a_stale_lock_is_taken_over_with_a_note(tmp_path: Path) -> None:
    import os
    import time

    pid = dead_pid()
    lock_file(tmp_path, pid)
    out = OutputFolder(tmp_path)
    out.write("a.txt", b"1")
    out.close()
    assert out.notes == [
        f"上次在 {tmp_path} 中生成文件的命令（进程号 {pid}）已不在运行，已接管它留下的锁"
    ]
    garbled = tmp_path / ".cadretrain-lock"
    garbled.write_bytes(b"\x00")  # a lock its writer never finished: busy while young …
    with pytest.raises(Exception, match="正由另一个"):
        OutputFolder(tmp_path).write("b.txt", b"2")
    old = time.time() - 60
    os.utime(garbled, (old, old))  # … taken over once old
    OutputFolder(tmp_path).write("b.txt", b"2")


def test_a_killed_runs_journal_makes_its_files_ours(tmp_path: Path) -> None:
    import json

    first = OutputFolder(tmp_path)
    first.write("a.txt", b"old")
    first.close()
    # a run that was killed: it meant to write a.txt and b.txt, wrote both, never closed;
    # its last journal line was cut off, and it left a temporary file
    lock_file(tmp_path, dead_pid())
    lines = [{"path": "a.txt", "sha256": _sha(b"new")}, {"path": "sub/b.txt", "sha256": _sha(b"b")}]
    journal = "".join(json.dumps(x) + "\n" for x in lines) + '{"path": "c.t'
    (tmp_path / ".cadretrain-journal").write_text(journal, "utf-8")
    (tmp_path / "a.txt").write_bytes(b"new")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_bytes(b"b")
    (tmp_path / "sub" / ".b.txt.ab12cd_9.tmp").write_bytes(b"half")
    (tmp_path / "sub" / ".notes.tmp").write_bytes(b"the user's")  # not ours: kept
    again = OutputFolder(tmp_path)
    again.write("a.txt", b"newer")  # not refused as hand-edited
    again.close()
    assert (tmp_path / "a.txt").read_bytes() == b"newer"
    manifest = json.loads((tmp_path / ".cadretrain-manifest.json").read_text("utf-8"))
    assert manifest == {"a.txt": _sha(b"newer"), "sub/b.txt": _sha(b"b")}
    assert sorted(p.name for p in (tmp_path / "sub").iterdir()) == [".notes.tmp", "b.txt"]
    assert any("接续" in n and "1 个临时文件" in n for n in again.notes)
    assert not (tmp_path / ".cadretrain-journal").exists()


def test_an_edited_file_stays_refused_after_a_killed_run(tmp_path: Path) -> None:
    import json

    first = OutputFolder(tmp_path)
    first.write("a.txt", b"ours")
    first.close()
    (tmp_path / "a.txt").write_bytes(b"edited by hand")
    entry = {"path": "a.txt", "sha256": _sha(b"never written")}
    (tmp_path / ".cadretrain-journal").write_text(json.dumps(entry) + "\n", "utf-8")
    with pytest.raises(OutputRefused):
        OutputFolder(tmp_path).write("a.txt", b"new")
    assert (tmp_path / "a.txt").read_bytes() == b"edited by hand"


def _sha(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()
