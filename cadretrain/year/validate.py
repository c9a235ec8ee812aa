"""``validate``: run the year pipeline on plan files and return a report (the library API).

>>> from cadretrain.year.validate import validate_file
>>> report = validate_file("plans/2013-county.yaml")   # doctest: +SKIP
>>> report.exit_code()                                   # doctest: +SKIP
1
>>> report.year.schedule(report.year.plan.classes[0])    # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cadretrain.core.diagnostics import Diagnostic, Severity, Sink, sorted_diagnostics
from cadretrain.plan.model import Plan
from cadretrain.year.model import Year
from cadretrain.year.pipeline import load_year, parse_year

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
UNREADABLE = {"CT001", "CT002", "CT004"}


@dataclass
class FileReport:
    """One plan file through the pipeline: its year (None when the file holds no plan) and
    every problem found, sorted."""

    file: str
    year: Year | None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def plan(self) -> Plan | None:
        return self.year.plan if self.year is not None else None

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


def validate_file(path: Path | str) -> FileReport:
    sink = Sink()
    year = load_year(path, sink)
    return FileReport(str(path), year, sorted_diagnostics(sink.items))


def validate_text(text: str, file: str = "<plan>") -> FileReport:
    sink = Sink()
    year = parse_year(text, file, sink)
    return FileReport(file, year, sorted_diagnostics(sink.items))


def validate_files(paths: Sequence[Path | str]) -> Report:
    return Report([validate_file(p) for p in paths])
