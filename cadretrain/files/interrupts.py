"""Ctrl-C while files are being written: finish the file at hand, then stop.

Python raises ``KeyboardInterrupt`` wherever the program happens to be. Inside a library that
can be a bare ``except:`` which turns it into another error (openpyxl's type checks do: a
Ctrl-C while a workbook is being built came out as ``TypeError: expected RgbColor``), or the
middle of a file. So the command line installs :func:`install`: while an
:class:`~cadretrain.files.output_folder.OutputFolder` is open (:func:`defer`), the first
Ctrl-C only marks the run as interrupted; the folder raises ``KeyboardInterrupt`` at the next
:func:`checkpoint`, between two files, after the one being made is written whole. A second
Ctrl-C stops at once. Outside an open output folder Ctrl-C stops at once as usual;
:func:`signalled` tells the command line that an error came from one.

Without :func:`install` (the library used from Python, the tests) nothing changes.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable
from types import FrameType


class _State:
    installed = False
    depth = 0  # output folders open
    pending = False  # a Ctrl-C waits for the next checkpoint
    signalled = False  # a Ctrl-C arrived during this run
    on_defer: Callable[[], None] | None = None


_state = _State()


def _handler(signum: int, frame: FrameType | None) -> None:
    _state.signalled = True
    if _state.depth > 0 and not _state.pending:
        _state.pending = True
        if _state.on_defer is not None:
            _state.on_defer()
        return
    _state.pending = False
    raise KeyboardInterrupt


def install(on_defer: Callable[[], None] | None = None) -> bool:
    """Handle SIGINT as described above (main thread only; a SIGINT the parent process set
    to be ignored stays ignored). ``on_defer`` is called (in the signal handler: it must only
    write to a file descriptor) when a Ctrl-C is deferred. Returns whether it was installed."""
    if threading.current_thread() is not threading.main_thread():
        return False
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        return False
    signal.signal(signal.SIGINT, _handler)
    _state.installed = True
    _state.on_defer = on_defer
    return True


def defer() -> None:
    """An output folder opens: a first Ctrl-C waits for :func:`checkpoint`."""
    _state.depth += 1


def undefer() -> None:
    """An output folder closes; a Ctrl-C that waited is raised now if none is open."""
    _state.depth = max(_state.depth - 1, 0)
    if _state.depth == 0:
        checkpoint()


def checkpoint() -> None:
    """Raise the ``KeyboardInterrupt`` a deferred Ctrl-C stands for (between two files)."""
    if _state.pending:
        _state.pending = False
        raise KeyboardInterrupt


def signalled() -> bool:
    """Whether a Ctrl-C arrived since :func:`install` (so an error may be its doing)."""
    return _state.signalled
