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
