"""Diagnostics: located, coded problems found while loading or linting a scenario."""

from __future__ import annotations

import difflib
import heapq
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True, slots=True)
class DiagnosticDescriptor:
    """One diagnostic code, declared once: its default severity, title and documentation anchor.

    In the manner of Yarn Spinner's ``DiagnosticDescriptor``: docs/diagnostics.md documents every
    code with an example that a test checks produces it.
    """

    code: str
    severity: Severity
    title: str

    @property
    def doc(self) -> str:
        """Where the code is explained: ``docs/diagnostics.md#rpnnn``."""
        return f"docs/diagnostics.md#{self.code.lower()}"


def _declare(*rows: tuple[str, Severity, str]) -> dict[str, DiagnosticDescriptor]:
    return {code: DiagnosticDescriptor(code, severity, title) for code, severity, title in rows}


#: Every stable diagnostic code, loading (RP0xx) and lint (RP1xx) alike, declared once.
DESCRIPTORS: dict[str, DiagnosticDescriptor] = _declare(
    ("RP001", "error", "YAML syntax error"),
    ("RP002", "error", "file too large"),
    ("RP003", "error", "nesting too deep"),
    ("RP004", "error", "too many aliases or alias expansion too large"),
    ("RP005", "error", "not readable text"),
    ("RP006", "error", "not a scenario document"),
    ("RP007", "error", "duplicate key"),
    ("RP008", "error", "too many lines"),
    ("RP009", "error", "too many values"),
    ("RP010", "error", "unknown key"),
    ("RP011", "error", "missing required key"),
    ("RP012", "error", "wrong type or value"),
    ("RP013", "error", "too many nodes, choices, flags or other parts"),
    ("RP014", "error", "number out of range"),
    ("RP015", "error", "text too long"),
    ("RP020", "error", "unknown node"),
    ("RP021", "error", "unknown ending"),
    ("RP022", "error", "unknown character"),
    ("RP023", "error", "unknown expression"),
    ("RP024", "error", "unknown technique"),
    ("RP025", "error", "missing fallback ending"),
    ("RP026", "warning", "ending after the fallback can never win"),
    ("RP027", "error", "duplicate id"),
    ("RP028", "error", "node has no way forward or more than one"),
    ("RP029", "error", "unknown background"),
    ("RP030", "error", "condition syntax error"),
    ("RP031", "error", "unknown name in condition"),
    ("RP032", "error", "invalid function call in condition"),
    ("RP033", "error", "unknown meter or flag in effects"),
    ("RP034", "error", "meter range is invalid"),
    ("RP035", "warning", "locked choice without a hint"),
    ("RP036", "error", "placeholder names no meter"),
    ("RP037", "error", "knowledge-check question without exactly one correct answer"),
    ("RP038", "warning", "meter compared with a number outside its range"),
    ("RP040", "error", "missing asset file"),
    ("RP041", "error", "asset path not allowed"),
    ("RP042", "error", "image too large or unreadable"),
    ("RP050", "error", "technique catalogue problem"),
    ("RP100", "warning", "unreachable node"),
    ("RP101", "error", "dead end: a decision with no available choice"),
    ("RP102", "warning", "choice is never available"),
    ("RP103", "error", "unreachable ending"),
    ("RP104", "error", "cycle with no exit"),
    ("RP105", "warning", "exploration incomplete"),
    ("RP110", "warning", "decision without an ethical influence option"),
    ("RP111", "warning", "decision without a pressure or manipulation option"),
    ("RP112", "warning", "choice without feedback"),
    ("RP113", "warning", "ending without debrief"),
    ("RP114", "info", "ending reachable with a single technique family"),
    ("RP115", "warning", "meter never changes"),
    ("RP120", "error", "goal ending reachable with an unethical choice"),
    ("RP121", "error", "goal ending reachable by a one-rule policy"),
    ("RP122", "error", "goal ending reachable without a well-timed push"),
    ("RP123", "warning", "meter saturates on the way to a goal ending"),
    ("RP124", "warning", "choices differ only by a hidden condition"),
    ("RP125", "warning", "learner-facing text speaks of the player"),
    ("RP126", "warning", "ending rule without a learner-facing explanation"),
)

#: Every code with its one-line title (the public view of :data:`DESCRIPTORS`).
CODES: dict[str, str] = {code: d.title for code, d in DESCRIPTORS.items()}


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


#: Fuzzy "did you mean" hints computed per file (inside :func:`hint_budget`); later ones are plain.
MAX_FUZZY_HINTS = 100
#: Names beyond which a hint lists names instead of searching for a near miss.
MAX_FUZZY_OPTIONS = 1000
_budget: ContextVar[list[int] | None] = ContextVar("hint_budget", default=None)


@contextmanager
def hint_budget(count: int = MAX_FUZZY_HINTS) -> Iterator[None]:
    """Bound the hints computed inside: a file with 20,000 misspelt names stays fast."""
    token = _budget.set([count])
    try:
        yield
    finally:
        _budget.reset(token)


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """A "did you mean ...?" hint for a near-miss name, or a list of valid names."""
    budget = _budget.get()
    if budget is not None:
        if budget[0] <= 0:
            return "check the spelling against the names defined in this file"
        budget[0] -= 1
    options = set(candidates)
    if not options:
        return "none are defined yet"
    if len(options) <= MAX_FUZZY_OPTIONS:
        close = difflib.get_close_matches(name, sorted(options), n=1, cutoff=0.6)
        if close:
            return f"did you mean '{close[0]}'?"
    first = heapq.nsmallest(8, options)
    shown = ", ".join(first) + (", ..." if len(options) > 8 else "")
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
        severity: Severity | None = None,
    ) -> None:
        """Record a problem at 1-based ``line``/``col`` (severity defaults to the code's own).

        Raises ValueError for a code that is not declared in :data:`DESCRIPTORS`.
        """
        descriptor = DESCRIPTORS.get(code)
        if descriptor is None:
            raise ValueError(f"diagnostic code {code} is not declared in DESCRIPTORS")
        if severity is None:
            severity = descriptor.severity
        snippet = self._lines[line - 1] if 0 < line <= len(self._lines) else ""
        if len(snippet) > 200:
            snippet = snippet[:200] + "..."
        self.items.append(Diagnostic(code, severity, self.file, line, col, message, hint, snippet))
