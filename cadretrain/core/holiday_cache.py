"""A small on-disk cache of what ``workcal`` reads from the ``holidays`` package.

Importing ``holidays`` costs about 15 ms, a tenth of the whole ``cadretrain validate`` start-up.
The few facts we take from it (the published years, and per year the holiday names, the 调休
working weekends and the days off in lieu) are stored as JSON in the user's cache folder, keyed
by the installed ``holidays`` version, so a new version of the library is read afresh. The
version is found from the package's ``dist-info`` folder without importing it. Any problem
with the cache (no version found, unwritable folder, a damaged file) only means the library
is imported as usual; ``CADRETRAIN_NO_CACHE=1`` turns the cache off.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import Any

LibraryYear = tuple[dict[date, str], frozenset[date], frozenset[date]]


def _library_version() -> str | None:
    import importlib.util

    try:
        spec = importlib.util.find_spec("holidays")
    except (ImportError, ValueError):
        return None
    if spec is None or spec.origin is None:
        return None
    site = Path(spec.origin).parent.parent
    found = sorted(site.glob("holidays-*.dist-info"))
    if len(found) != 1:
        return None
    return found[0].name.removeprefix("holidays-").removesuffix(".dist-info")


def cache_file() -> Path | None:
    if os.environ.get("CADRETRAIN_NO_CACHE"):
        return None
    version = _library_version()
    if version is None:
        return None
    base = os.environ.get("CADRETRAIN_CACHE") or os.environ.get("XDG_CACHE_HOME")
    folder = Path(base) / "cadretrain" if base else Path.home() / ".cache" / "cadretrain"
    return folder / f"holidays-{version}.json"


class Cache:
    """The cached facts; ``dirty`` once something new was added and should be saved."""

    def __init__(self) -> None:
        self.path = cache_file()
        self.published: frozenset[int] | None = None
        self.years: dict[int, LibraryYear] = {}
        self.dirty = False
        if self.path is not None:
            self._read(self.path)

    def _read(self, path: Path) -> None:
        try:
            data: Any = json.loads(path.read_text(encoding="utf-8"))
            published = frozenset(int(y) for y in data["published"])
            years = {
                int(y): (
                    {date.fromisoformat(d): str(n) for d, n in v["names"].items()},
                    frozenset(date.fromisoformat(d) for d in v["shifted"]),
                    frozenset(date.fromisoformat(d) for d in v["in_lieu"]),
                )
                for y, v in data["years"].items()
            }
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return
        self.published, self.years = published, years

    def save(self) -> None:
        if self.path is None or not self.dirty or self.published is None:
            return
        data = {
            "published": sorted(self.published),
            "years": {
                str(y): {
                    "names": {d.isoformat(): n for d, n in sorted(names.items())},
                    "shifted": sorted(d.isoformat() for d in shifted),
                    "in_lieu": sorted(d.isoformat() for d in in_lieu),
                }
                for y, (names, shifted, in_lieu) in sorted(self.years.items())
            },
        }
        try:
            from cadretrain.core.atomic import write_text

            write_text(self.path, json.dumps(data, ensure_ascii=False, indent=0))
            self.dirty = False
        except OSError:
            pass
