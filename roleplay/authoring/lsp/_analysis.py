"""One open scenario analysed: the validate diagnostics (as LSP diagnostics) and its index."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from lsprotocol import types as lsp

from roleplay.authoring.lsp._index import ScenarioIndex, Span, build_index
from roleplay.engine._diagnostics import Diagnostic
from roleplay.engine._document import parse_document, read_document
from roleplay.engine._errors import ScenarioError
from roleplay.engine._loader import catalogue_path, check_document, load_techniques
from roleplay.engine._model import Technique
from roleplay.engine._paths import is_scenario_file

_TOKEN = re.compile(r"[\w.\-]+")
_SEVERITIES = {
    "error": lsp.DiagnosticSeverity.Error,
    "warning": lsp.DiagnosticSeverity.Warning,
    "info": lsp.DiagnosticSeverity.Information,
}


@dataclass
class Catalogue:
    """The technique catalogue a scenario uses, with where each technique is defined."""

    path: Path
    techniques: Mapping[str, Technique]
    spans: dict[str, Span] = field(default_factory=dict)


@dataclass
class Analysis:
    """What the server knows about one open document."""

    diagnostics: list[Diagnostic]
    index: ScenarioIndex | None
    catalogue: Catalogue


def load_catalogue(folder: Path) -> Catalogue:
    """The catalogue for scenarios in ``folder``, with technique definition spans."""
    path = catalogue_path(folder)
    techniques, _ = load_techniques(folder)
    catalogue = Catalogue(path, techniques)
    try:
        doc = read_document(path)
    except ScenarioError:
        return catalogue
    table = doc.data.get("techniques") if isinstance(doc.data, dict) else None
    for name in table if isinstance(table, dict) else ():
        line, col = doc.pos(("techniques", name), key=True)
        catalogue.spans[str(name)] = Span(line - 1, col - 1, col - 1 + len(str(name)))
    return catalogue


_SCENARIO_KEY = re.compile(r"^(format|nodes|start):", re.MULTILINE)


def looks_like_scenario(text: str, path: Path) -> bool:
    """True for a scenario file: not a catalogue or playthrough, with scenario keys at the top.

    Editors start the server for every YAML file; workflows and other YAML are left alone.
    """
    return is_scenario_file(path) and _SCENARIO_KEY.search(text) is not None


def analyse(text: str, path: Path, previous: ScenarioIndex | None = None) -> Analysis:
    """Validate ``text`` as the scenario at ``path``; keep ``previous`` index if it won't parse."""
    catalogue = load_catalogue(path.parent)
    if not looks_like_scenario(text, path):
        return Analysis([], None, catalogue)
    data = text.encode("utf-8")
    try:
        index = build_index(parse_document(data, str(path)))
        # parsed twice: checking may prune the data it reports on, the index needs all of it
        _, diagnostics = check_document(parse_document(data, str(path)), path.parent, path)
    except ScenarioError as error:
        return Analysis(list(error.diagnostics), previous, catalogue)
    return Analysis(diagnostics, index, catalogue)


def lsp_diagnostics(diagnostics: list[Diagnostic], text: str, file: str) -> list[lsp.Diagnostic]:
    """``diagnostics`` as LSP diagnostics on ``text``: same code, place and hint as validate."""
    rows = text.splitlines()
    return [_convert(d, rows, file) for d in diagnostics]


def _convert(diagnostic: Diagnostic, rows: list[str], file: str) -> lsp.Diagnostic:
    message = diagnostic.message
    if diagnostic.file != file:
        message = f"{diagnostic.file}:{diagnostic.line}:{diagnostic.col}: {message}"
        where = lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0))
    else:
        where = token_range(rows, diagnostic.line - 1, diagnostic.col - 1)
    if diagnostic.hint:
        message += f"\nhint: {diagnostic.hint}"
    return lsp.Diagnostic(
        range=where,
        message=message,
        severity=_SEVERITIES[diagnostic.severity],
        code=diagnostic.code,
        source="roleplay",
        data={"hint": diagnostic.hint},
    )


def token_range(rows: list[str], line: int, character: int) -> lsp.Range:
    """The range of the word starting at ``line``/``character`` (at least one character)."""
    row = rows[line] if 0 <= line < len(rows) else ""
    character = max(0, min(character, len(row)))
    match = _TOKEN.match(row, character)
    end = match.end() if match else min(character + 1, len(row))
    return lsp.Range(lsp.Position(line, character), lsp.Position(line, end))


def span_range(span: Span) -> lsp.Range:
    """An index span as an LSP range."""
    return lsp.Range(lsp.Position(span.line, span.start), lsp.Position(span.line, span.end))
