"""Writing one file of a command through the output folder, and saying so."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path


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
        folder.close()
    print(f"已写入 {target}")
    return 0
