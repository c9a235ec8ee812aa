"""Writing generated files without losing anyone's edits, and surviving interruption.

Each output folder keeps ``.cadretrain-manifest.json``: the SHA-256 of every file the tool
wrote there. A file is replaced only when it is missing, unchanged since the tool wrote it,
or ``force`` is given; a file the user edited (or one the tool never wrote) is left alone and
reported. Files are written atomically (temporary name, then rename), so an interrupted run
leaves the previous outputs whole. Names are checked to stay inside the output folder.

While a command writes, the folder also holds:

- ``.cadretrain-lock``, created exclusively (``O_CREAT | O_EXCL``) with the process id and
  host name: a second command writing into the same folder stops with a clear message
  (:class:`OutputBusy`, exit code 2). A lock left by a process that no longer runs on this
  host is taken over, with a note.
- ``.cadretrain-journal``: one line per file, appended (and flushed) *before* the file is
  renamed into place, naming the file and the digest it will have. The manifest is rewritten
  when the folder is closed; if the process is killed before that, the next run reads the
  journal, so the files the killed run wrote are known as the tool's own (not refused as
  hand-edited), and removes the temporary files it left.

Both are removed when the folder is closed. Fault injection, for tests, is read in one place
(:func:`_faults`): ``CADRETRAIN_FAIL_AFTER=N`` makes the write of the (N+1)-th file of the
process fail as a full disk does; ``CADRETRAIN_PAUSE_AFTER=N`` makes it wait there (its
temporary file written, not yet renamed) for up to ten minutes, after creating the file named
by ``CADRETRAIN_PAUSE_FLAG``, so a test can interrupt or kill the process at a known point.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from cadretrain.core.atomic import WriteFailed, make_folder, write_bytes, write_text
from cadretrain.files import interrupts
from cadretrain.files.output_lock import OutputBusy, acquire, release
from cadretrain.files.safe_read import TEXT_LIMIT, Unreadable, digest_of, read_limited

MANIFEST = ".cadretrain-manifest.json"
JOURNAL = ".cadretrain-journal"
LOCK = ".cadretrain-lock"
_TEMP = re.compile(r"\.(?P<name>.+)\.[A-Za-z0-9_]{8}\.tmp")  # core.atomic's temporary files


class OutputRefused(Exception):
    """A file could not be written; the message (Chinese) says why and what to do."""


@dataclass
class Progress:
    """What this process has written, for the message after Ctrl-C."""

    folders: int = 0  # output folders opened
    written: int = 0  # files written anew


PROGRESS = Progress()
__all__ = ["MANIFEST", "PROGRESS", "OutputBusy", "OutputFolder", "OutputRefused", "safe_name"]


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def safe_name(name: str) -> str:
    """A file name that cannot leave its folder: no separators, no '..', no control chars."""
    bad = set('/\\:*?"<>|') | {chr(i) for i in range(32)} | {"\x7f"}
    cleaned = "".join("_" if ch in bad or "\ud800" <= ch <= "\udfff" else ch for ch in name)
    return cleaned.strip(" .") or "_"


def _faults() -> tuple[int | None, int | None, str]:
    """(fail after, pause after, pause flag file) from the environment: the one place the
    fault-injection hooks are read."""

    def number(name: str) -> int | None:
        text = os.environ.get(name, "").strip()
        return int(text) if text.isdigit() else None

    flag = os.environ.get("CADRETRAIN_PAUSE_FLAG", "")
    return number("CADRETRAIN_FAIL_AFTER"), number("CADRETRAIN_PAUSE_AFTER"), flag


def _inject() -> None:
    """Runs while a file's temporary copy is written, before the rename (see the module)."""
    fail, pause, flag = _faults()
    if fail is not None and PROGRESS.written >= fail:
        raise OSError(errno.ENOSPC, "No space left on device (CADRETRAIN_FAIL_AFTER)")
    if pause is not None and PROGRESS.written == pause:
        if flag:
            Path(flag).write_text(str(os.getpid()), encoding="utf-8")
        for _ in range(6000):  # ten minutes at most; a Ctrl-C ends the wait at once
            time.sleep(0.1)
            interrupts.checkpoint()


@dataclass
class OutputFolder:
    root: Path
    force: bool = False
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # Chinese: a stale lock taken over, …
    _manifest: dict[str, str] | None = None
    _known: dict[str, set[str]] = field(default_factory=dict)  # digests the tool wrote
    _replayed: set[str] = field(default_factory=set)  # journal entries of a killed run
    _touched: set[str] = field(default_factory=set)  # written or found unchanged this run
    _active: bool = False  # locked, with our journal open
    _journal: int | None = None
    _failed: bool = False

    def _load(self) -> dict[str, str]:
        if self._manifest is None:
            try:
                data = json.loads(read_limited(self.root / MANIFEST, TEXT_LIMIT).decode("utf-8"))
                self._manifest = {str(k): str(v) for k, v in dict(data).items()}
            except (Unreadable, ValueError, TypeError):
                self._manifest = {}
            for key, digest in self._manifest.items():
                self._known.setdefault(key, set()).add(digest)
        return self._manifest

    def _begin(self) -> None:
        """Before the first file: the folder, the lock, a killed run's journal, our journal."""
        if self._active:
            return
        make_folder(self.root)
        note = acquire(self.root / LOCK, self.root)
        if note:
            self.notes.append(note)
        self._active = True
        interrupts.defer()
        PROGRESS.folders += 1
        try:
            self._load()
            self._replay()
            path = self.root / JOURNAL
            flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_BINARY", 0)
            self._journal = os.open(path, flags, 0o644)
        except OSError as exc:
            self._end()
            raise WriteFailed(self.root / JOURNAL, exc) from None
        except BaseException:
            self._end()
            raise

    def _replay(self) -> None:
        """Digests a killed run meant to write, and the temporary files it left."""
        try:
            text = read_limited(self.root / JOURNAL, TEXT_LIMIT).decode("utf-8", "replace")
        except Unreadable:
            return
        for line in text.splitlines():
            try:
                entry = json.loads(line)
                key, digest = str(entry["path"]), str(entry["sha256"])
            except (ValueError, TypeError, KeyError):
                continue  # the last line of a run killed mid-write
            self._known.setdefault(key, set()).add(digest)
            self._replayed.add(key)
        removed = 0
        for key in {*self._replayed, MANIFEST}:
            target = self.root / key
            try:
                leftovers = list(target.parent.glob(f".{_glob_escape(target.name)}.*.tmp"))
            except OSError:
                continue
            for temp in leftovers:
                match = _TEMP.fullmatch(temp.name)
                if match and match["name"] == target.name:
                    temp.unlink(missing_ok=True)
                    removed += 1
        self.notes.append(
            "上次在这个文件夹中生成文件时被中断，已据记录接续"
            + (f"，并清理了留下的 {removed} 个临时文件" if removed else "")
        )

    def path_for(self, relative: str) -> Path:
        parts = [safe_name(p) for p in Path(relative).parts if p not in ("", ".", "..")]
        target = self.root.joinpath(*parts)
        if not target.resolve().is_relative_to(self.root.resolve()):
            raise OutputRefused(f"文件名“{relative}”会写到输出文件夹之外，已拒绝")
        return target

    def write(self, relative: str, data: bytes) -> Path:
        interrupts.checkpoint()
        target = self.path_for(relative)
        key = target.relative_to(self.root).as_posix()
        self._begin()
        manifest = self._load()
        new = _digest(data)
        try:
            current = digest_of(target)
        except Unreadable as exc:
            raise OutputRefused(f"{exc.message}；{target} 未覆盖") from None
        if current == new:
            self.unchanged.append(target)
            manifest[key] = new
            self._touched.add(key)
            return target
        if current is not None and current not in self._known.get(key, ()) and not self.force:
            raise OutputRefused(
                f"{target} 在上次生成后被修改过（或不是本工具生成的），未覆盖；"
                "确需覆盖请加 --force，或先另存修改"
            )
        self._note(key, new)
        try:
            write_bytes(target, data, before_rename=_inject)
        except WriteFailed as exc:
            self._failed = True
            if self.written:
                exc.message += f"。此前已写入 {len(self.written)} 个文件（完整），其余未生成"
            raise
        manifest[key] = new
        self._known.setdefault(key, set()).add(new)
        self._touched.add(key)
        self.written.append(target)
        PROGRESS.written += 1
        interrupts.checkpoint()
        return target

    def _note(self, key: str, digest: str) -> None:
        """Append the journal line for a file about to be renamed into place."""
        assert self._journal is not None
        line = json.dumps({"path": key, "sha256": digest}, ensure_ascii=False) + "\n"
        try:
            os.write(self._journal, line.encode("utf-8"))
        except OSError as exc:
            self._failed = True
            raise WriteFailed(self.root / JOURNAL, exc) from None

    def close(self) -> None:
        """Save the manifest (sorted, so it is reviewable in git), remove the journal and the
        lock. After a failed write the manifest is saved if the disk allows; if not, the
        journal stays and the next run uses it."""
        if not self._active:
            return
        try:
            manifest = self._load()
            for key in self._replayed - self._touched:  # what a killed run really left
                self._settle(key, manifest)
            text = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True)
            try:
                write_text(self.root / MANIFEST, text + "\n")
            except WriteFailed:
                if not self._failed:
                    raise
            else:
                self._close_journal()
                (self.root / JOURNAL).unlink(missing_ok=True)
        finally:
            self._end()

    def _settle(self, key: str, manifest: dict[str, str]) -> None:
        try:
            current = digest_of(self.root / key)
        except Unreadable:
            return
        if current is not None and current in self._known[key]:
            manifest[key] = current

    def _close_journal(self) -> None:
        if self._journal is not None:
            with contextlib.suppress(OSError):
                os.close(self._journal)
            self._journal = None

    def _end(self) -> None:
        self._close_journal()
        self._active = False
        release(self.root / LOCK)
        interrupts.undefer()


def _glob_escape(name: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", name)
