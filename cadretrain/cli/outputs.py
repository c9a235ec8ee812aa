"""Writing one file of a command through the output folder, and saying so."""

from __future__ import annotations

import sys
from collections.abc import Callable
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


def write_output(output: Path, force: bool, name: str, build: Callable[[], bytes]) -> int:
    """Write ``build()`` to ``output/name`` (never over a file edited since, unless ``force``);
    print ``已写入 …`` or why not. Returns the exit code: 0 written or unchanged, 1 refused."""
    from cadretrain.files.output_folder import OutputFolder, OutputRefused

    folder = OutputFolder(output, force=force)
    try:
        target = folder.write(name, build())
    except (OutputRefused, ValueError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    finally:
        close_folder(folder)
    print(f"已写入 {target}")
    return 0
