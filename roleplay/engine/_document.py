"""A parsed YAML file (text, data, source map, diagnostics) and reading one, within limits.

Both phases of loading (:mod:`roleplay.engine._loader` for shape, :mod:`roleplay.engine._checks`
for meaning) record their diagnostics on a :class:`Document`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from roleplay.engine._diagnostics import DiagnosticSink, Severity
from roleplay.engine._errors import ScenarioError
from roleplay.engine._files import FileProblem, read_bounded
from roleplay.engine._yaml import MAX_BYTES, SourceMap, YamlProblem, decode, load_yaml


@dataclass
class Document:
    """A parsed YAML file: its text, data, source map and diagnostic sink.

    The source map (where every value is) is only needed to locate a diagnostic, and for a big
    file it takes more memory than the data itself. Parsing skips it (``positions`` is None) and
    the first diagnostic builds it by parsing ``text`` again, so a clean load never pays for it.
    """

    file: str
    text: str
    data: Any
    positions: SourceMap | None
    sink: DiagnosticSink
    # the tree ``positions`` describes: ``data`` itself, or the copy parsed to build it lazily
    _mapped: Any = field(default=None, repr=False)

    @property
    def smap(self) -> SourceMap:
        """The source map, built on first use."""
        if self.positions is None:
            try:
                self._mapped, self.positions = load_yaml(self.text)
            except YamlProblem:  # the text parsed once already; cannot happen, but never fail
                self.positions = SourceMap()
        return self.positions

    @property
    def mapped(self) -> Any:
        """The data tree :attr:`smap` describes (``data``, or the copy parsed to build it)."""
        self.smap  # noqa: B018 - builds the map (and its tree) on first use
        return self.data if self._mapped is None else self._mapped

    def pos(self, path: tuple[str | int, ...], *, key: bool = False) -> tuple[int, int]:
        """1-based line and column of the value (or key) at ``path``."""
        return self.smap.locate(self.mapped, path, key=key)

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
    text = decode_text(data, name)
    del data  # only the text is needed from here on (a big file's bytes are megabytes)
    return parse_text(text, name)


def parse_document(data: bytes, name: str) -> Document:
    """Parse YAML bytes into a Document, or raise ScenarioError with its located syntax errors."""
    return parse_text(decode_text(data, name), name)


def decode_text(data: bytes, name: str) -> str:
    """The text of a file's bytes, or ScenarioError (not UTF-8, binary, too big or long)."""
    try:
        return decode(data)
    except YamlProblem as raw_problem:
        raise _located(raw_problem, _safe_text(data), name) from None


def parse_text(text: str, name: str) -> Document:
    """Parse decoded YAML text into a Document, or raise ScenarioError (see read_document)."""
    try:
        parsed, _ = load_yaml(text, positions=False)
    except YamlProblem as raw_problem:
        raise _located(raw_problem, _safe_text(text), name) from None
    return Document(name, text, parsed, None, DiagnosticSink(name, text))


def _located(raw_problem: YamlProblem, text: str, name: str) -> ScenarioError:
    """Every syntax error found (see :mod:`roleplay.engine._yaml_errors`), explained and located,
    as the error that stops loading."""
    from roleplay.engine._yaml_errors import syntax_problems  # only files with errors

    sink = DiagnosticSink(name, text)
    for problem in syntax_problems(raw_problem, text):
        sink.add(problem.code, problem.message, problem.line, problem.col, hint=problem.hint)
    return ScenarioError(sink.items)


def _safe_text(data: bytes | str) -> str:
    if len(data) > 1_000_000:
        data = data[:1_000_000]
    if isinstance(data, str):
        return data
    return data.decode("utf-8", errors="replace").replace("\x00", " ")
