"""How serious a diagnostic is: 错误, 警告 or 提示."""

from __future__ import annotations

from enum import Enum


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def zh(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]

    def softer(self) -> Severity:
        """One level down: used for *possible* conflicts of unscheduled classes."""
        return Severity.WARNING if self is Severity.ERROR else Severity.INFO
