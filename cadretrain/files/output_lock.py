"""The lock that keeps two commands from writing into one output folder at the same time.

The lock is a file created exclusively (``O_CREAT | O_EXCL``, atomic on Linux, macOS and
Windows, also on network drives that honour it) holding ``{"pid": …, "host": …}``. A lock
whose process no longer runs on this host is stale: it is taken over, with a note. A lock
from another host, or from a process that still runs, stops the command
(:class:`OutputBusy`, exit code 2); the message says which
process holds it and how to remove it if that process is gone.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sys
import time
from pathlib import Path
from typing import Any

from cadretrain.core.atomic import WriteFailed
from cadretrain.core.errors import CannotProceed

_YOUNG = 10.0  # seconds: an unreadable lock younger than this may still be being written


class OutputBusy(CannotProceed):
    """Another cadretrain process is writing into the folder (exit code 2)."""


def _alive(pid: int) -> bool:
    """Whether process ``pid`` runs on this host (unsure counts as running)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":  # os.kill(pid, 0) would terminate the process on Windows
        import ctypes

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return bool(ctypes.get_last_error() == 5)  # access denied: it exists
        try:
            code = ctypes.c_ulong()
            kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: it exists, under another user
        return True
    return True


def _holder(path: Path) -> dict[str, Any] | None:
    """The lock's contents; None when it cannot be read or parsed."""
    try:
        with path.open("rb") as fh:  # a lock is a few dozen bytes
            data = json.loads(fh.read(4096).decode("utf-8"))
        return data if isinstance(data, dict) else None
    except (OSError, ValueError):
        return None


def _stale(path: Path, holder: dict[str, Any] | None) -> bool:
    if holder is None:
        try:
            return time.time() - path.stat().st_mtime > _YOUNG
        except OSError:
            return True  # gone meanwhile
    pid = holder.get("pid")
    if holder.get("host") != socket.gethostname() or not isinstance(pid, int):
        return False
    return pid == os.getpid() or not _alive(pid)


def acquire(path: Path, folder: Path) -> str:
    """Create the lock ``path`` for ``folder``; returns a note (Chinese) when a stale lock was
    taken over, else "". Raises ``OutputBusy`` or :class:`WriteFailed`."""
    me = json.dumps({"pid": os.getpid(), "host": socket.gethostname()}).encode("utf-8")
    note = ""
    for _ in range(5):
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0))
        except FileExistsError:
            holder = _holder(path)
            if not _stale(path, holder):
                raise OutputBusy(
                    f"输出文件夹 {folder} 正由另一个 cadretrain 命令使用"
                    f"（进程号 {(holder or {}).get('pid', '?')}，"
                    f"计算机 {(holder or {}).get('host', '?')}），未写入任何文件",
                    unusable=True,
                    hint=f"等那个命令结束后再运行；如确认它已不在运行（如那台电脑已关机），"
                    f"删除 {path} 后重试。",
                ) from None
            if holder is not None and holder.get("pid") != os.getpid():
                note = (
                    f"上次在 {folder} 中生成文件的命令（进程号 {holder.get('pid')}）已不在运行，"
                    "已接管它留下的锁"
                )
            try:
                path.unlink()
            except FileNotFoundError:
                pass
            except OSError as exc:
                raise WriteFailed(path, exc) from None
            continue
        except OSError as exc:
            raise WriteFailed(path, exc) from None
        try:
            os.write(fd, me)
        finally:
            os.close(fd)
        return note
    raise OutputBusy(f"输出文件夹 {folder} 的锁 {path} 无法取得，未写入任何文件", unusable=True)


def release(path: Path) -> None:
    """Remove the lock if it is this process's."""
    holder = _holder(path)
    if holder is not None and holder.get("pid") == os.getpid():
        with contextlib.suppress(OSError):
            path.unlink()
