"""Writing one file of a command through the output folder, and saying so."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cadretrain.files.output_folder import OutputFolder


def close_folder(folder: OutputFolder) -> None:
    """Close ``folder`` (its manifest saved, its lock released) and print its notes, such as
    a lock left by an interrupted run taken over. A write that failed (a full disk) raises
    :class:`~cadretrain.core.atomic.WriteFailed`, shown by the ``cadretrain`` group (exit 2)."""
    try:
        folder.close()
    finally:
        for note in folder.notes:
            print(f"注意：{note}", file=sys.stderr)
        folder.notes.clear()


def write_outputs(output: Path, force: bool, files: Iterable[tuple[str, bytes]]) -> int:
    """Write each ``(name, bytes)`` into the folder ``output`` (never over a file edited since,
    unless ``force``), printing ``已写入 …`` for each, or why the rest was not written. The
    bytes are made as the iterable is consumed, so a lazy iterable's errors are caught too.
    Returns the exit code: 0 written or unchanged, 1 refused."""
    from cadretrain.files.output_folder import OutputFolder, OutputRefused

    folder = OutputFolder(output, force=force)
    try:
        for name, data in files:
            print(f"已写入 {folder.write(name, data)}")
    except (OutputRefused, ValueError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    finally:
        close_folder(folder)
    return 0


def write_output(output: Path, force: bool, name: str, build: Callable[[], bytes]) -> int:
    """One file: ``build()`` written as ``output/name`` (:func:`write_outputs`)."""

    def one() -> Iterator[tuple[str, bytes]]:
        yield name, build()

    return write_outputs(output, force, one())
