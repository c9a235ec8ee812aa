"""A Jinja loader for a user's ``templates/`` folder that reads as every input is read:
regular files only, at most ``TEMPLATE_LIMIT`` bytes each (:mod:`cadretrain.files.safe_read`).

A template that is a pipe, a device or too large raises
:class:`~cadretrain.files.safe_read.Unreadable` (its message names the file), which the notice
reports as a template problem; Jinja's own loader would wait on the pipe or read without end.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cadretrain.files.safe_read import TEMPLATE_LIMIT, read_limited


def user_loader(folder: Path) -> Any:
    """A ``jinja2.FileSystemLoader`` over ``folder`` whose reads are bounded."""
    from jinja2 import FileSystemLoader, TemplateNotFound
    from jinja2.loaders import split_template_path

    class BoundedLoader(FileSystemLoader):
        def get_source(
            self, environment: Any, template: str
        ) -> tuple[str, str, Callable[[], bool]]:
            pieces = split_template_path(template)
            for searchpath in self.searchpath:
                filename = posixpath.join(searchpath, *pieces)
                if os.path.lexists(filename):
                    break
            else:
                raise TemplateNotFound(template)
            contents = read_limited(filename, TEMPLATE_LIMIT, "模板文件").decode(self.encoding)
            mtime = os.path.getmtime(filename)

            def uptodate() -> bool:
                try:
                    return os.path.getmtime(filename) == mtime
                except OSError:
                    return False

            return contents, os.path.normpath(filename), uptodate

    return BoundedLoader(folder)
