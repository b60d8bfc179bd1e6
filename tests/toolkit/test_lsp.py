"""`roleplay lsp` driven by a real client over stdio: the messages an editor sends and reads."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from lsprotocol import types as lsp

from roleplay.engine._paths import shipped_scenarios_dir
from tests.test_yaml_mistakes import BASE
from tests.toolkit.lsp_client import LspClient


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with the scenario of the mistakes tests (it uses the shipped catalogue)."""
    folder = tmp_path_factory.mktemp("lsp")
    (folder / "tiny.yaml").write_text(BASE, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def client(workspace: Path) -> Iterator[LspClient]:
    """One server for the module, initialised and with tiny.yaml open."""
    with LspClient(workspace) as running:
        result = running.initialize(workspace)
        assert result.server_info is not None and result.server_info.name == "roleplay"
        running.notify(
            "textDocument/didOpen",
            lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(_uri(workspace), "yaml", 1, BASE)),
        )
        yield running


def _uri(workspace: Path) -> str:
    return (workspace / "tiny.yaml").as_uri()


def _at(text: str, fragment: str, shift: int = 0) -> lsp.Position:
    """The position of ``fragment`` in ``text`` (plus ``shift`` characters)."""
    for number, row in enumerate(text.splitlines()):
        if fragment in row:
            return lsp.Position(number, row.index(fragment) + shift)
    raise AssertionError(fragment)


def _labels(client: LspClient, workspace: Path, position: lsp.Position) -> dict[str, str]:
    params = lsp.CompletionParams(lsp.TextDocumentIdentifier(_uri(workspace)), position)
    result = client.request("textDocument/completion", params, lsp.CompletionList)
    return {item.label: item.detail or "" for item in result.items}


def _hover(client: LspClient, workspace: Path, position: lsp.Position) -> str:
    params = lsp.HoverParams(lsp.TextDocumentIdentifier(_uri(workspace)), position)
    result = client.request("textDocument/hover", params, lsp.Hover)
    assert isinstance(result.contents, lsp.MarkupContent)
    return result.contents.value


def _definition(client: LspClient, workspace: Path, position: lsp.Position) -> lsp.Location:
    params = lsp.DefinitionParams(lsp.TextDocumentIdentifier(_uri(workspace)), position)
    return client.request("textDocument/definition", params, lsp.Location)  # type: ignore[no-any-return]


def test_initialize_announces_the_features(workspace: Path) -> None:
    with LspClient(workspace) as fresh:
        capabilities = fresh.initialize(workspace).capabilities
    assert capabilities.completion_provider is not None
    assert ":" in (capabilities.completion_provider.trigger_characters or [])
    assert capabilities.hover_provider and capabilities.definition_provider
    assert capabilities.document_symbol_provider


def test_a_valid_file_has_no_diagnostics(client: LspClient, workspace: Path) -> None:
    assert client.diagnostics(_uri(workspace)) == []


def test_typing_a_mistake_publishes_the_validate_diagnostic(
    client: LspClient, workspace: Path
) -> None:
    uri = _uri(workspace)
    published = client.count_diagnostics(uri)
    broken = BASE.replace(
        "        next: done\n      - text: Order", "        next: dome\n      - text: Order"
    )
    change = lsp.TextDocumentContentChangeWholeDocument(broken)
    client.notify(
        "textDocument/didChange",
        lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(uri=uri, version=2), [change]
        ),
    )
    [found] = client.diagnostics(uri, after=published)
    assert found.code == "RP020" and found.severity == lsp.DiagnosticSeverity.Error
    assert found.range.start == _at(broken, "dome")
    assert found.range.end.character == found.range.start.character + len("dome")
    assert "unknown node 'dome'" in found.message and "did you mean 'done'?" in found.message
    client.notify(
        "textDocument/didChange",
        lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(uri=uri, version=3),
            [lsp.TextDocumentContentChangeWholeDocument(BASE)],
        ),
    )
    assert client.diagnostics(uri, after=published + 1) == []


def test_a_missing_key_is_underlined_at_the_mapping_that_lacks_it(
    client: LspClient, workspace: Path
) -> None:
    uri = _uri(workspace)
    published = client.count_diagnostics(uri)
    broken = BASE.replace("trust: {label: Trust, start: 5}", "trust: {start: 5}")
    client.notify(
        "textDocument/didChange",
        lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(uri=uri, version=4),
            [lsp.TextDocumentContentChangeWholeDocument(broken)],
        ),
    )
    [found] = client.diagnostics(uri, after=published)
    assert found.code == "RP011" and "missing required key 'label'" in found.message
    assert found.range.start == _at(broken, "start: 5}")
    assert found.range.end.character == found.range.start.character + len("start")
    assert "hint: add 'label:' here, e.g. label: Trust" in found.message
    client.notify(
        "textDocument/didChange",
        lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(uri=uri, version=5),
            [lsp.TextDocumentContentChangeWholeDocument(BASE)],
        ),
    )
    assert client.diagnostics(uri, after=published + 1) == []


def test_node_ids_complete_after_next(client: LspClient, workspace: Path) -> None:
    labels = _labels(client, workspace, _at(BASE, "next: done", len("next: ")))
    assert set(labels) == {"hello", "done"}
    assert labels["done"] == "Bye."


def test_technique_completion_carries_family_and_ethics(client: LspClient, workspace: Path) -> None:
    labels = _labels(client, workspace, _at(BASE, "technique: active", len("technique: ")))
    assert len(labels) >= 20
    assert labels["active_listening"].startswith("influence, ethical")
    assert labels["false_consensus"].startswith("manipulation, not ethical")


def test_condition_completion_offers_meters_flags_and_functions(
    client: LspClient, workspace: Path
) -> None:
    labels = _labels(client, workspace, _at(BASE, "trust >= 7 and", 0))
    assert {"trust", "compliance", "flags.heard_priya"} <= set(labels)
    assert 'visited("")' in labels
    flags = _labels(client, workspace, _at(BASE, "flags.heard_priya", len("flags.")))
    assert set(flags) == {"heard_priya"}


def test_speaker_and_expression_completion(client: LspClient, workspace: Path) -> None:
    speakers = _labels(client, workspace, _at(BASE, "speaker: jo", len("speaker: ")))
    assert speakers == {"jo": "Jo"}
    expressions = _labels(client, workspace, _at(BASE, "text: Hi.", 0))
    assert expressions == {}  # not after a key that takes a name


def test_hover_on_a_technique_explains_it(client: LspClient, workspace: Path) -> None:
    text = _hover(client, workspace, _at(BASE, "active_listening", 3))
    assert text.startswith("**Active listening** (influence, ethical)")
    assert "open questions" in text


def test_hover_on_a_node_shows_its_first_line_and_where_it_is_reached_from(
    client: LspClient, workspace: Path
) -> None:
    text = _hover(client, workspace, _at(BASE, "next: done", len("next: ") + 1))
    assert "> Bye." in text
    assert 'hello (choice 1: "Listen")' in text and 'hello (choice 2: "Order")' in text


def test_hover_on_a_meter(client: LspClient, workspace: Path) -> None:
    text = _hover(client, workspace, _at(BASE, "effects: {trust: 2}", len("effects: {") + 1))
    assert text.startswith("**meter `trust`**: Trust, 0..10, starts at 5")


def test_go_to_definition_of_a_node_a_flag_and_a_meter(client: LspClient, workspace: Path) -> None:
    node = _definition(client, workspace, _at(BASE, "next: done", len("next: ")))
    assert node.uri == _uri(workspace) and node.range.start == _at(BASE, "  done:", 2)
    flag = _definition(client, workspace, _at(BASE, "flags.heard_priya", len("flags.") + 2))
    assert flag.range.start == _at(BASE, "heard_priya: {description", 0)
    meter = _definition(client, workspace, _at(BASE, "trust >= 7", 1))
    assert meter.range.start == _at(BASE, "trust: {label", 0)
    speaker = _definition(client, workspace, _at(BASE, "speaker: jo", len("speaker: ")))
    assert speaker.range.start == _at(BASE, "jo: {name", 0)


def test_go_to_definition_of_a_technique_opens_the_catalogue(
    client: LspClient, workspace: Path
) -> None:
    found = _definition(client, workspace, _at(BASE, "direct_instruction", 0))
    catalogue = shipped_scenarios_dir() / "techniques.yaml"
    assert found.uri == catalogue.resolve().as_uri()
    row = catalogue.read_text(encoding="utf-8").splitlines()[found.range.start.line]
    assert row.strip() == "direct_instruction:"


def test_document_symbols_list_nodes_and_endings(client: LspClient, workspace: Path) -> None:
    params = lsp.DocumentSymbolParams(lsp.TextDocumentIdentifier(_uri(workspace)))
    result = client.request("textDocument/documentSymbol", params)
    symbols = [client.converter.structure(s, lsp.DocumentSymbol) for s in result]
    named = {(s.name, s.kind) for s in symbols}
    assert named == {
        ("hello", lsp.SymbolKind.Class),
        ("done", lsp.SymbolKind.Class),
        ("good", lsp.SymbolKind.Event),
        ("fine", lsp.SymbolKind.Event),
    }


def test_saving_publishes_lint_results(client: LspClient, workspace: Path) -> None:
    uri = _uri(workspace)
    published = client.count_diagnostics(uri)
    client.notify(
        "textDocument/didSave", lsp.DidSaveTextDocumentParams(lsp.TextDocumentIdentifier(uri))
    )
    client.diagnostics(uri, after=published)  # validate first: clean
    linted = client.diagnostics(uri, after=published + 1)
    codes = {d.code for d in linted}
    assert "RP112" in codes  # the choices have no feedback
    feedback = next(d for d in linted if d.code == "RP112")
    assert feedback.severity == lsp.DiagnosticSeverity.Warning
    assert feedback.range.start.line == _at(BASE, "- text: Listen").line
