"""The one exception the library raises when a command cannot go on.

The library returns values; when the input leaves nothing to do (a class that cannot be found,
an enrollment with errors, an output folder that refuses to overwrite an edited file) it raises
:class:`CannotProceed` carrying the diagnostics that explain why. Only ``cli/`` catches it: it
prints the message and the diagnostics and picks the exit code (``docs/exit-codes.md``):
2 when the input could not be used at all (``unusable``), otherwise 1.
"""

from __future__ import annotations

from collections.abc import Sequence

from cadretrain.core.diagnostics import Diagnostic


class CannotProceed(Exception):
    """A command's work stopped on its input. ``message`` is Chinese, for the user."""

    def __init__(
        self,
        message: str = "",
        diagnostics: Sequence[Diagnostic] = (),
        *,
        unusable: bool = False,
        hint: str = "",
    ) -> None:
        super().__init__(message)
        self.message = message
        self.diagnostics = list(diagnostics)
        self.unusable = unusable
        self.hint = hint

    @property
    def exit_code(self) -> int:
        return 2 if self.unusable else 1
