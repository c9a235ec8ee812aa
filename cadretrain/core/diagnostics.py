"""Diagnostics: every problem found in user input is a value, never an exception.

A diagnostic carries a stable code (``CT301``), a severity, the position in the file
(1-based line and column) and a Chinese message naming the offending value. Conflicts also
carry ``related`` positions for the other side. A finding the plan silences (``ignore:``) is
kept, marked ``ignored`` with the plan's ``reason``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from cadretrain.core.codes import CODES
from cadretrain.core.severity import Severity

__all__ = ["Diagnostic", "Pos", "Related", "Severity", "Sink", "some_names", "sorted_diagnostics"]


@dataclass(frozen=True, order=True)
class Pos:
    """A place in a file; ``line`` and ``col`` are 1-based (0 means the whole file)."""

    file: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line <= 0:
            return self.file
        return f"{self.file}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Related:
    pos: Pos
    label: str


@dataclass(frozen=True)
class Diagnostic:
    code: str
    severity: Severity
    pos: Pos
    message: str
    hint: str = ""
    related: tuple[Related, ...] = ()
    possible: bool = False
    ignored: bool = False
    reason: str = ""

    def line(self) -> str:
        """``plans/x.yaml:12:5: 错误 [CT201] 消息`` — one line, for terminals and editors."""
        return f"{self.pos}: {self.severity.zh} [{self.code}] {self.message}"

    def shown_line(self) -> str:
        """``line()``, with （可能） after the code of a finding that is only possible (dates
        not yet fixed) and （已忽略） after that of a silenced one: the line the terminal and
        the build's index page show."""
        marks = ("（可能）" if self.possible else "") + ("（已忽略）" if self.ignored else "")
        if not marks:
            return self.line()
        return self.line().replace(f"[{self.code}] ", f"[{self.code}] {marks}", 1)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.pos.file, self.pos.line, self.pos.col, self.code, self.message)

    def to_json(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "file": self.pos.file,
            "line": self.pos.line,
            "column": self.pos.col,
            "message": self.message,
            "hint": self.hint,
            "possible": self.possible,
            "ignored": self.ignored,
            "reason": self.reason,
            "related": [
                {
                    "file": r.pos.file,
                    "line": r.pos.line,
                    "column": r.pos.col,
                    "label": r.label,
                }
                for r in self.related
            ],
        }


@dataclass
class Sink:
    """Collects diagnostics; passed down to loaders and readers. ``add`` takes the severity
    from ``codes.CODES`` (the codes raised while reading); the validation rules build their
    own diagnostics with the severity they declare (``checks.base.finding``)."""

    items: list[Diagnostic] = field(default_factory=list)

    def add(
        self,
        code: str,
        pos: Pos,
        message: str,
        *,
        hint: str = "",
        related: Iterable[Related] = (),
        severity: Severity | None = None,
        possible: bool = False,
    ) -> Diagnostic:
        sev = severity if severity is not None else CODES[code].severity
        if possible:
            sev = sev.softer()
        diag = Diagnostic(code, sev, pos, message, hint, tuple(related), possible)
        self.items.append(diag)
        return diag

    def extend(self, diags: Iterable[Diagnostic]) -> None:
        self.items.extend(diags)

    def has_errors(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self.items)


def sorted_diagnostics(diags: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Stable order: by file, line, column, code, message; exact duplicates dropped."""
    seen: set[tuple[object, ...]] = set()
    out: list[Diagnostic] = []
    for d in sorted(diags, key=Diagnostic.sort_key):
        key = (d.code, d.pos, d.message)
        if key in seen:
            continue
        seen.add(key)
        out.append(d)
    return out


def some_names(names: Iterable[str], limit: int = 10) -> str:
    """Names for a message, the first ``limit`` of them: ``甲、乙`` or ``甲、乙…等 12 人``."""
    listed = list(names)
    more = f"等 {len(listed)} 人" if len(listed) > limit else ""
    return "、".join(listed[:limit]) + more
