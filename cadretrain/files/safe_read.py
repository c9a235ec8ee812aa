"""Reading an input file safely: regular files only, and never more than a limit.

Whatever a user points cadretrain at is read through here. A named pipe opened for reading
waits for a writer (the command would hang); a device such as ``/dev/zero`` never ends; a
file's stated size can be wrong (it grows while being read; files in ``/proc`` state 0). So:

- the path is checked with ``stat`` first, then opened without blocking (``O_NONBLOCK``), and
  ``fstat`` of the open file must say *regular file* (a pipe, device, socket or folder is
  refused, whatever its name);
- the bytes are counted while reading, in chunks, and reading stops one byte past the limit.

Every refusal is an :class:`Unreadable` whose message (Chinese) names the path and the cause;
:func:`read_or_report` turns it into a diagnostic with the caller's code.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from pathlib import Path

from cadretrain.core.diagnostics import Pos, Sink

MB = 1024 * 1024
TABLE_LIMIT = 100 * MB  # a 100,000-person register is 8.6 MB as xlsx, 13.5 MB as CSV
TEXT_LIMIT = 50 * MB  # enrollment files: 10,000 people are about 1.5 MB
TEMPLATE_LIMIT = 5 * MB  # a notice template and its CSS are a few KB
_CHUNK = 4 * MB

# why a file was not read: the kinds of Unreadable
MISSING, FOLDER, SPECIAL, TOO_BIG, BAD_NAME, FAILED = (
    "missing",
    "folder",
    "special",
    "too-big",
    "bad-name",
    "failed",
)


class Unreadable(Exception):
    """An input file was not read. ``message`` (Chinese) names the path and the cause;
    ``kind`` is one of ``missing``, ``folder``, ``special``, ``too-big``, ``bad-name``,
    ``failed``."""

    def __init__(self, message: str, kind: str, size: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.kind = kind
        self.size = size


def size_text(n: int) -> str:
    """``20 MB``, ``1.5 MB``, ``512 KB``."""
    if n >= MB:
        value = n / MB
        return f"{value:.0f} MB" if value == int(value) else f"{value:.1f} MB"
    return f"{max(n // 1024, 1)} KB"


def os_reason(exc: OSError) -> str:
    """An OSError's cause in Chinese (the system's own words kept in brackets)."""
    words = {
        errno.EACCES: "没有读取权限",
        errno.EPERM: "没有权限",
        errno.ENOENT: "文件不存在",
        errno.ENOTDIR: "路径中有一段不是文件夹",
        errno.EISDIR: "是文件夹",
        errno.ENAMETOOLONG: "文件名太长",
        errno.ELOOP: "符号链接循环",
        errno.EIO: "磁盘读写出错",
    }
    word = words.get(exc.errno or 0)
    system = exc.strerror or type(exc).__name__
    return f"{word}（{system}）" if word else system


def _special(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "命名管道（FIFO）"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "设备文件"
    if stat.S_ISSOCK(mode):
        return "套接字"
    return "特殊文件"


def _refuse_mode(name: str, mode: int, what: str) -> None:
    if stat.S_ISDIR(mode):
        raise Unreadable(f"{name} 是文件夹，不是{what}", FOLDER)
    if not stat.S_ISREG(mode):
        raise Unreadable(
            f"{name} 是{_special(mode)}，不是普通文件，未读取（{what}只能是普通文件）", SPECIAL
        )


def not_regular(path: Path | str) -> str | None:
    """Why ``path`` cannot be read as a file when it is a pipe, device or socket (Chinese,
    naming it); None for a regular file, a folder, or nothing there. For paths named on the
    command line, refused before any work starts."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return None
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return f"{path} 是{_special(mode)}，不是普通文件，未读取"


def open_regular(path: Path | str, what: str = "文件") -> int:
    """An OS file descriptor open for reading ``path``, which must be a regular file (checked
    before opening and again on the open file); the caller closes it."""
    name = str(path)
    try:
        _refuse_mode(name, os.stat(path).st_mode, what)
        flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
        fd = os.open(path, flags | getattr(os, "O_NOCTTY", 0))
    except (FileNotFoundError, NotADirectoryError):
        raise Unreadable(f"找不到文件 {name}", MISSING) from None
    except ValueError:  # an embedded NUL, or a character the file system cannot name
        from cadretrain.files.paths import shown_path

        raise Unreadable(
            f"文件名“{shown_path(name)}”含有不能用于文件名的字符，无法读取", BAD_NAME
        ) from None
    except OSError as exc:
        raise Unreadable(f"无法读取文件 {name}：{os_reason(exc)}", FAILED) from None
    try:
        _refuse_mode(name, os.fstat(fd).st_mode, what)  # replaced between stat and open
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_limited(path: Path | str, limit: int, what: str = "文件") -> bytes:
    """The bytes of the regular file ``path``, counted while read; :class:`Unreadable` when it
    is not a regular file, cannot be read, or holds more than ``limit`` bytes."""
    name = str(path)
    fd = open_regular(path, what)
    try:
        stated = os.fstat(fd).st_size
        parts: list[bytes] = []
        total = 0
        want = min(stated, limit) + 1 if stated else _CHUNK  # one read for an honest size
        while chunk := os.read(fd, min(want, limit + 1 - total)):
            parts.append(chunk)
            total += len(chunk)
            if total > limit:
                shown = f"有 {size_text(stated)}，" if stated > limit else ""
                raise Unreadable(
                    f"文件 {name} {shown}超过{what}的上限 {size_text(limit)}，未读取",
                    TOO_BIG,
                    max(stated, total),
                )
            want = _CHUNK
    except OSError as exc:
        raise Unreadable(f"无法读取文件 {name}：{os_reason(exc)}", FAILED) from None
    finally:
        os.close(fd)
    return parts[0] if len(parts) == 1 else b"".join(parts)


def read_or_report(
    path: Path | str, sink: Sink, code: str, limit: int, what: str = "文件", hint: str = ""
) -> bytes | None:
    """:func:`read_limited`, or None after one diagnostic (``code``, at the file)."""
    try:
        return read_limited(path, limit, what)
    except Unreadable as exc:
        sink.add(code, Pos(str(path)), exc.message, hint=hint)
        return None


def digest_of(path: Path) -> str | None:
    """SHA-256 of the regular file ``path`` (read in chunks, whatever its size); None when it
    does not exist. :class:`Unreadable` for a folder, pipe or device, or a read error."""
    try:
        fd = open_regular(path)
    except Unreadable as exc:
        if exc.kind == MISSING:
            return None
        raise
    digest = hashlib.sha256()
    try:
        with os.fdopen(fd, "rb", buffering=0) as fh:
            while chunk := fh.read(_CHUNK):
                digest.update(chunk)
    except OSError as exc:
        raise Unreadable(f"无法读取文件 {path}：{os_reason(exc)}", FAILED) from None
    return digest.hexdigest()
