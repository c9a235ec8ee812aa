"""Writing generated files without losing anyone's edits.

Each output folder keeps ``.cadretrain-manifest.json``: the SHA-256 of every file the tool
wrote there. A file is replaced only when it is missing, unchanged since the tool wrote it,
or ``force`` is given; a file the user edited (or one the tool never wrote) is left alone and
reported. Files are written atomically (temporary name, then rename), so an interrupted run
leaves the previous outputs whole. Names are checked to stay inside the output folder.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from cadretrain.core.atomic import write_bytes, write_text

MANIFEST = ".cadretrain-manifest.json"


class OutputRefused(Exception):
    """A file could not be written; the message (Chinese) says why and what to do."""


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def safe_name(name: str) -> str:
    """A file name that cannot leave its folder: no separators, no '..', no control chars."""
    bad = set('/\\:*?"<>|') | {chr(i) for i in range(32)}
    cleaned = "".join("_" if ch in bad else ch for ch in name).strip(" .")
    return cleaned or "_"


@dataclass
class OutputFolder:
    root: Path
    force: bool = False
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    _manifest: dict[str, str] | None = None

    def _load(self) -> dict[str, str]:
        if self._manifest is None:
            try:
                data = json.loads((self.root / MANIFEST).read_text(encoding="utf-8"))
                self._manifest = {str(k): str(v) for k, v in dict(data).items()}
            except (OSError, ValueError, TypeError):
                self._manifest = {}
        return self._manifest

    def path_for(self, relative: str) -> Path:
        parts = [safe_name(p) for p in Path(relative).parts if p not in ("", ".", "..")]
        target = self.root.joinpath(*parts)
        if not target.resolve().is_relative_to(self.root.resolve()):
            raise OutputRefused(f"文件名“{relative}”会写到输出文件夹之外，已拒绝")
        return target

    def write(self, relative: str, data: bytes) -> Path:
        target = self.path_for(relative)
        key = target.relative_to(self.root).as_posix()
        manifest = self._load()
        if target.exists():
            current = _digest(target.read_bytes())
            if current == _digest(data):
                self.unchanged.append(target)
                manifest[key] = current
                return target
            if manifest.get(key) != current and not self.force:
                raise OutputRefused(
                    f"{target} 在上次生成后被修改过（或不是本工具生成的），未覆盖；"
                    "确需覆盖请加 --force，或先另存修改"
                )
        write_bytes(target, data)
        manifest[key] = _digest(data)
        self.written.append(target)
        return target

    def close(self) -> None:
        """Save the manifest (sorted, so it is reviewable in git)."""
        if self._manifest is not None:
            text = json.dumps(self._manifest, ensure_ascii=False, indent=2, sort_keys=True)
            write_text(self.root / MANIFEST, text + "\n")
