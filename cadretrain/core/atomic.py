"""Writing output files atomically: a temporary file in the same folder, then a rename.

An interrupted or failed write leaves the previous file whole and no temporary file behind.
Every failure of the file system (a full disk, a read-only or missing folder, an output path
that is a file) is a :class:`WriteFailed`, a :class:`~cadretrain.core.errors.CannotProceed`
whose message (Chinese) names the path and the cause: the command line shows it and exits 2.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from cadretrain.core.errors import CannotProceed

_FULL = "腾出磁盘空间后再运行同一命令即可补齐；已写完的文件完整，不会重写。"
_ELSEWHERE = "请用 --output（-o）换一个可以写入的文件夹。"
_NOT_A_FOLDER = "输出位置应是文件夹：请删除或改名那个文件，或用 --output（-o）换一个位置。"


def _blocking_file(path: Path) -> Path | None:
    """``path`` or its nearest existing ancestor, when that is a file and not a folder."""
    for place in (path, *path.parents):
        if place.exists():
            return place if not place.is_dir() else None
    return None


def write_problem(path: Path, exc: OSError) -> tuple[str, str]:
    """What went wrong writing ``path`` (Chinese, the system's words in brackets) and what to
    do about it."""
    code = exc.errno or 0
    system = exc.strerror or str(exc)
    if code == errno.EEXIST and system == "not a regular file":
        return "已有同名的设备、管道或其他特殊文件，不能替换", "请换一个输出位置。"
    if code in (errno.ENOTDIR, errno.EEXIST) or (code == errno.ENOENT and _blocking_file(path)):
        blocker = _blocking_file(path)
        if blocker is not None:
            return f"{blocker} 是一个文件，不是文件夹（{system}）", _NOT_A_FOLDER
    reasons = {
        errno.ENOSPC: ("磁盘空间不足", _FULL),
        errno.EDQUOT: ("超出了磁盘配额", _FULL),
        errno.EFBIG: ("文件超出了文件系统允许的大小", ""),
        errno.EACCES: ("没有写入权限", _ELSEWHERE),
        errno.EPERM: ("没有写入权限", _ELSEWHERE),
        errno.EROFS: ("所在的磁盘或文件系统是只读的", _ELSEWHERE),
        errno.EISDIR: ("已有同名的文件夹", "请删除或改名那个文件夹，或换一个输出文件夹。"),
        errno.ENOENT: ("所在的文件夹不存在，也无法建立", _ELSEWHERE),
        errno.ENAMETOOLONG: ("文件名或路径太长", "请换一个路径短一些的输出文件夹。"),
        errno.EIO: ("磁盘读写出错", "请检查磁盘或移动存储设备后再试。"),
    }
    reason, hint = reasons.get(code, ("写入失败", ""))
    return f"{reason}（{system}）", hint


class WriteFailed(CannotProceed):
    """An output file could not be written (exit code 2). ``path`` is the file, ``errno``
    the system's error number."""

    def __init__(self, path: Path, exc: OSError) -> None:
        reason, hint = write_problem(path, exc)
        super().__init__(f"无法写入 {path}：{reason}", unusable=True, hint=hint)
        self.path = path
        self.errno = exc.errno


def _mode() -> int:
    """The permissions a normal new file gets (mkstemp would leave it private, 0600)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def make_folder(folder: Path) -> None:
    """Create ``folder`` (and its parents); :class:`WriteFailed` when that is impossible."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteFailed(folder, exc) from None


def write_bytes(
    path: Path | str, data: bytes, *, before_rename: Callable[[], None] | None = None
) -> None:
    """Write ``data`` to ``path`` atomically. ``before_rename`` runs once the temporary file
    holds the data (the output folder's fault-injection hook). Raises :class:`WriteFailed`."""
    target = Path(path)
    make_folder(target.parent)
    try:
        mode = os.stat(target).st_mode
    except OSError:
        mode = stat.S_IFREG
    if not stat.S_ISREG(mode):  # never rename over a folder, device or pipe (/dev/full …)
        code = errno.EISDIR if stat.S_ISDIR(mode) else errno.EEXIST
        raise WriteFailed(target, OSError(code, "not a regular file"))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise WriteFailed(target, exc) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            if before_rename is not None:
                before_rename()
            os.fsync(fh.fileno())
        os.chmod(tmp, _mode())
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise WriteFailed(target, exc) from None
        raise


def write_text(path: Path | str, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))
