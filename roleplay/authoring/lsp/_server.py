"""The language server: pygls features wired to the analysis, completion, hover and index."""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from roleplay.authoring.lsp._analysis import (
    Analysis,
    analyse,
    looks_like_scenario,
    lsp_diagnostics,
    span_range,
)
from roleplay.authoring.lsp._complete import completions, context_at
from roleplay.authoring.lsp._hover import hover_text
from roleplay.authoring.lsp._index import Span, Symbol
from roleplay.engine._diagnostics import Diagnostic

VERSION = "0.1.0"
TRIGGERS = [":", " ", "(", '"', "'", ".", "{", ","]


class RoleplayServer(LanguageServer):
    """A pygls server that remembers the analysis of every open scenario."""

    def __init__(self) -> None:
        super().__init__("roleplay", VERSION, text_document_sync_kind=lsp.TextDocumentSyncKind.Full)
        self.analyses: dict[str, Analysis] = {}

    def path_of(self, uri: str) -> Path:
        """The file of ``uri``; documents that are not files count as in the current folder."""
        path = to_fs_path(uri)
        return Path(path) if path and uri.startswith("file:") else Path.cwd() / "untitled.yaml"

    def refresh(self, uri: str) -> Analysis:
        """Re-analyse the document's current text and publish its diagnostics."""
        text = self.workspace.get_text_document(uri).source
        path = self.path_of(uri)
        previous = self.analyses.get(uri)
        analysis = analyse(text, path, previous.index if previous else None)
        self.analyses[uri] = analysis
        self.publish(uri, analysis.diagnostics, text, str(path))
        return analysis

    def keep_schema(self, uri: str) -> None:
        """Write the scenario's project schema when it is missing or stale (see
        roleplay.authoring._project_schema), and say so in the editor's log."""
        from roleplay.authoring._project_schema import keep_current

        path = self.path_of(uri)
        text = self.workspace.get_text_document(uri).source
        if not uri.startswith("file:") or not looks_like_scenario(text, path):
            return
        for written in keep_current([path]):
            message = f"roleplay: wrote {written} for this version of roleplay"
            self.window_log_message(lsp.LogMessageParams(lsp.MessageType.Info, message))

    def lint(self, uri: str) -> None:
        """Lint the saved file (validate plus RP1xx) and publish the result."""
        from roleplay.authoring._lint import lint_file

        path = self.path_of(uri)
        text = self.workspace.get_text_document(uri).source
        if not path.is_file() or not looks_like_scenario(text, path):
            return
        report = lint_file(path, display=str(path))
        self.publish(uri, report.diagnostics, text, str(path))

    def publish(self, uri: str, diagnostics: list[Diagnostic], text: str, file: str) -> None:
        """Send ``diagnostics`` for ``uri``."""
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri, lsp_diagnostics(diagnostics, text, file))
        )

    def analysis(self, uri: str) -> Analysis:
        """The latest analysis of ``uri`` (made now if the document was never analysed)."""
        return self.analyses.get(uri) or self.refresh(uri)

    def symbol(self, uri: str, position: lsp.Position) -> Symbol | None:
        """The name under the cursor."""
        index = self.analysis(uri).index
        return index.symbol_at(position.line, position.character) if index else None


def build_server() -> RoleplayServer:
    """A language server with every feature registered."""
    server = RoleplayServer()
    _register_sync(server)
    _register_navigation(server)
    return server


def _register_sync(server: RoleplayServer) -> None:
    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: RoleplayServer, params: lsp.DidOpenTextDocumentParams) -> None:
        ls.keep_schema(params.text_document.uri)  # before the diagnostics an editor waits for
        ls.refresh(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: RoleplayServer, params: lsp.DidChangeTextDocumentParams) -> None:
        ls.refresh(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: RoleplayServer, params: lsp.DidSaveTextDocumentParams) -> None:
        ls.refresh(params.text_document.uri)
        ls.keep_schema(params.text_document.uri)
        ls.lint(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: RoleplayServer, params: lsp.DidCloseTextDocumentParams) -> None:
        ls.analyses.pop(params.text_document.uri, None)
        ls.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(params.text_document.uri, [])
        )


def _register_navigation(server: RoleplayServer) -> None:
    @server.feature(
        lsp.TEXT_DOCUMENT_COMPLETION, lsp.CompletionOptions(trigger_characters=TRIGGERS)
    )
    def completion(ls: RoleplayServer, params: lsp.CompletionParams) -> lsp.CompletionList:
        uri = params.text_document.uri
        lines = ls.workspace.get_text_document(uri).source.splitlines()
        context = context_at(lines, params.position.line, params.position.character)
        analysis = ls.analysis(uri)
        if context is None or analysis.index is None:
            return lsp.CompletionList(is_incomplete=False, items=[])
        items = completions(context, analysis.index, analysis.catalogue.techniques)
        return lsp.CompletionList(is_incomplete=False, items=items)

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def hover(ls: RoleplayServer, params: lsp.HoverParams) -> lsp.Hover | None:
        uri = params.text_document.uri
        symbol = ls.symbol(uri, params.position)
        analysis = ls.analysis(uri)
        if symbol is None or analysis.index is None:
            return None
        text = hover_text(symbol, analysis.index, analysis.catalogue.techniques)
        if text is None:
            return None
        content = lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=text)
        return lsp.Hover(contents=content, range=span_range(symbol.span))

    @server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
    def definition(ls: RoleplayServer, params: lsp.DefinitionParams) -> lsp.Location | None:
        uri = params.text_document.uri
        symbol = ls.symbol(uri, params.position)
        return _definition(ls.analysis(uri), uri, symbol) if symbol else None

    @server.feature(lsp.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    def document_symbols(
        ls: RoleplayServer, params: lsp.DocumentSymbolParams
    ) -> list[lsp.DocumentSymbol]:
        index = ls.analysis(params.text_document.uri).index
        return _outline(index.definitions) if index else []


def _definition(analysis: Analysis, uri: str, symbol: Symbol) -> lsp.Location | None:
    if symbol.kind == "technique":
        span = analysis.catalogue.spans.get(symbol.name)
        target = from_fs_path(str(analysis.catalogue.path))
        return lsp.Location(target, span_range(span)) if span and target else None
    if analysis.index is None:
        return None
    definitions = analysis.index.definitions
    if symbol.kind == "expression":
        matches = [
            span
            for (kind, name), span in definitions.items()
            if kind == "expression"
            and name.endswith(f".{symbol.name}")
            and (not symbol.owner or name == f"{symbol.owner}.{symbol.name}")
        ]
        span = matches[0] if matches else None
    else:
        span = definitions.get((symbol.kind, symbol.name))
    return lsp.Location(uri, span_range(span)) if span else None


_OUTLINE_KINDS = {"node": lsp.SymbolKind.Class, "ending": lsp.SymbolKind.Event}


def _outline(definitions: dict[tuple[str, str], Span]) -> list[lsp.DocumentSymbol]:
    symbols = []
    for (kind, name), span in definitions.items():
        if kind in _OUTLINE_KINDS:
            where = span_range(span)
            symbols.append(
                lsp.DocumentSymbol(
                    name=name,
                    kind=_OUTLINE_KINDS[kind],
                    range=where,
                    selection_range=where,
                    detail=kind,
                )
            )
    return symbols


def serve() -> int:
    """Run the language server on standard input and output until the client exits."""
    build_server().start_io()
    return 0
