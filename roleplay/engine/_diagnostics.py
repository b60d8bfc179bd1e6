"""Diagnostics: located, coded problems found while loading or linting a scenario."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning", "info"]

#: Every stable diagnostic code with its one-line title. docs/diagnostics.md documents each.
CODES: dict[str, str] = {
    "RP001": "YAML syntax error",
    "RP002": "file too large",
    "RP003": "nesting too deep",
    "RP004": "too many aliases or alias expansion too large",
    "RP005": "not readable text",
    "RP006": "not a scenario document",
    "RP007": "duplicate key",
    "RP010": "unknown key",
    "RP011": "missing required key",
    "RP012": "wrong type or value",
    "RP020": "unknown node",
    "RP021": "unknown ending",
    "RP022": "unknown character",
    "RP023": "unknown expression",
    "RP024": "unknown technique",
    "RP025": "missing fallback ending",
    "RP026": "ending after the fallback can never win",
    "RP027": "duplicate id",
    "RP028": "node has no way forward or more than one",
    "RP029": "unknown background",
    "RP030": "condition syntax error",
    "RP031": "unknown name in condition",
    "RP032": "invalid function call in condition",
    "RP033": "unknown meter or flag in effects",
    "RP034": "meter range is invalid",
    "RP035": "locked choice without a hint",
    "RP040": "missing asset file",
    "RP041": "asset path outside the scenario folder",
    "RP050": "technique catalogue problem",
}


@dataclass(frozen=True)
class Diagnostic:
    """One problem: a stable code, a severity, a source location, a message and a fix hint."""

    code: str
    severity: Severity
    file: str
    line: int
    col: int
    message: str
    hint: str = ""
    snippet: str = field(default="", compare=False)

    def format(self, *, with_snippet: bool = False) -> str:
        """Render as ``file:line:col: CODE severity: message`` (plus snippet and hint)."""
        head = f"{self.file}:{self.line}:{self.col}: {self.code} {self.severity}: {self.message}"
        if not with_snippet:
            return head
        parts = [head]
        if self.snippet:
            gutter = f"{self.line:>5} | "
            parts.append(gutter + self.snippet)
            parts.append(" " * (len(gutter) + max(self.col - 1, 0)) + "^")
        if self.hint:
            parts.append(f"      = hint: {self.hint}")
        return "\n".join(parts)

    def to_json(self) -> dict[str, object]:
        """A JSON-ready dict of this diagnostic."""
        return {
            "code": self.code,
            "severity": self.severity,
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "message": self.message,
            "hint": self.hint,
        }


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """A "did you mean ...?" hint for a near-miss name, or a list of valid names."""
    options = sorted(set(candidates))
    close = difflib.get_close_matches(name, options, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    if not options:
        return "none are defined yet"
    shown = ", ".join(options[:8]) + (", ..." if len(options) > 8 else "")
    return f"known names: {shown}"


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    """True when any diagnostic is an error."""
    return any(d.severity == "error" for d in diagnostics)


class DiagnosticSink:
    """Collects diagnostics for one file, attaching source snippets."""

    def __init__(self, file: str, text: str = "") -> None:
        self.file = file
        self._lines = text.splitlines()
        self.items: list[Diagnostic] = []

    def add(
        self,
        code: str,
        message: str,
        line: int,
        col: int,
        *,
        hint: str = "",
        severity: Severity = "error",
    ) -> None:
        """Record a problem at 1-based ``line``/``col``."""
        snippet = self._lines[line - 1] if 0 < line <= len(self._lines) else ""
        if len(snippet) > 200:
            snippet = snippet[:200] + "..."
        self.items.append(Diagnostic(code, severity, self.file, line, col, message, hint, snippet))
