"""A parsed YAML file (text, data, source map, diagnostics) and reading one, within limits.

Both phases of loading (:mod:`roleplay.engine._loader` for shape, :mod:`roleplay.engine._checks`
for meaning) record their diagnostics on a :class:`Document`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from roleplay.engine._diagnostics import DiagnosticSink, Severity
from roleplay.engine._errors import ScenarioError
from roleplay.engine._files import FileProblem, read_bounded
from roleplay.engine._yaml import MAX_BYTES, SourceMap, YamlProblem, decode, load_yaml


@dataclass
class Document:
    """A parsed YAML file: its text, data, source map and diagnostic sink."""

    file: str
    text: str
    data: Any
    smap: SourceMap
    sink: DiagnosticSink

    def pos(self, path: tuple[str | int, ...], *, key: bool = False) -> tuple[int, int]:
        """1-based line and column of the value (or key) at ``path``."""
        return self.smap.locate(self.data, path, key=key)

    def add(
        self,
        code: str,
        message: str,
        path: tuple[str | int, ...],
        *,
        hint: str = "",
        key: bool = False,
        severity: Severity | None = None,
        offset: int = 0,
    ) -> None:
        """Record a diagnostic located at ``path`` (plus a column ``offset``)."""
        line, col = self.pos(path, key=key)
        self.sink.add(code, message, line, col + offset, hint=hint, severity=severity)


def read_document(path: Path, display: str | None = None) -> Document:
    """Read and parse a YAML file; problems are raised as ScenarioError (every syntax error,
    see :mod:`roleplay.engine._yaml_errors`)."""
    name = display or str(path)
    try:  # the bounded reader: regular files only (no FIFO, no device), at most MAX_BYTES
        data = read_bounded(path, MAX_BYTES)
    except FileProblem as problem:
        sink = DiagnosticSink(name)
        if problem.reason == "too_large":
            sink.add(
                "RP002", f"file is {problem.message}", 1, 1, hint="split it into smaller files"
            )
        else:
            sink.add("RP005", f"cannot read file: {problem.message}", 1, 1)
        raise ScenarioError(sink.items) from None
    return parse_document(data, name)


def parse_document(data: bytes, name: str) -> Document:
    """Parse YAML bytes into a Document, or raise ScenarioError with its located syntax errors."""
    try:
        text = decode(data)
        parsed, smap = load_yaml(text)
    except YamlProblem as raw_problem:
        from roleplay.engine._yaml_errors import syntax_problems  # only files with errors

        text = _safe_text(data)
        sink = DiagnosticSink(name, text)
        for problem in syntax_problems(raw_problem, text):
            sink.add(problem.code, problem.message, problem.line, problem.col, hint=problem.hint)
        raise ScenarioError(sink.items) from None
    return Document(name, text, parsed, smap, DiagnosticSink(name, text))


def _safe_text(data: bytes) -> str:
    if len(data) > 1_000_000:
        data = data[:1_000_000]
    return data.decode("utf-8", errors="replace").replace("\x00", " ")
