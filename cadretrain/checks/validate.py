"""``validate``: load a plan, run every check, and return a report (the library API).

>>> from cadretrain.checks.validate import validate_file
>>> report = validate_file("plans/2013-county.yaml")   # doctest: +SKIP
>>> report.exit_code()                                   # doctest: +SKIP
1
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cadretrain.core.diagnostics import Diagnostic, Severity, Sink, sorted_diagnostics
from cadretrain.plan.loader import load_plan, parse_plan
from cadretrain.plan.model import Plan

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
UNREADABLE = {"CT001", "CT002", "CT004"}


@dataclass
class FileReport:
    file: str
    plan: Plan | None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def count(self, severity: Severity) -> int:
        """Diagnostics of ``severity``, not counting those the plan silences (``ignore:``)."""
        return sum(1 for d in self.diagnostics if d.severity is severity and not d.ignored)

    @property
    def unreadable(self) -> bool:
        return any(d.code in UNREADABLE for d in self.diagnostics)


@dataclass
class Report:
    files: list[FileReport]

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [d for f in self.files for d in f.diagnostics]

    def count(self, severity: Severity) -> int:
        return sum(f.count(severity) for f in self.files)

    def exit_code(self, strict: bool = False) -> int:
        """0 no errors; 1 errors (or warnings with ``strict``); 2 a file could not be read."""
        if any(f.unreadable for f in self.files):
            return EXIT_USAGE
        if self.count(Severity.ERROR) or (strict and self.count(Severity.WARNING)):
            return EXIT_PROBLEMS
        return EXIT_OK


def check_plan(plan: Plan | None, sink: Sink) -> None:
    """Run the checks unless loading already failed badly (no plan, or shape errors that
    would make schedule findings misleading are still reported alongside)."""
    if plan is not None:
        from cadretrain.checks import run_checks

        run_checks(plan, sink)


def validate_file(path: Path | str) -> FileReport:
    sink = Sink()
    plan = load_plan(path, sink)
    check_plan(plan, sink)
    return FileReport(str(path), plan, sorted_diagnostics(sink.items))


def validate_text(text: str, file: str = "<plan>") -> FileReport:
    sink = Sink()
    plan = parse_plan(text, file, sink)
    check_plan(plan, sink)
    return FileReport(file, plan, sorted_diagnostics(sink.items))


def validate_files(paths: Sequence[Path | str]) -> Report:
    return Report([validate_file(p) for p in paths])
