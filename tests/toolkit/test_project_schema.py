"""Editor completion anywhere: the schema a designer's own scenarios point at is beside them.

`roleplay new` and `roleplay schema --project` write `.roleplay/scenario.schema.json` into the
designer's folder (outside this repository) and point the scenarios' first line at it;
`validate`, `lint` and the language server write it again when it is missing or was written by
another version of roleplay.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from lsprotocol import types as lsp

from roleplay import find_scenarios
from roleplay.authoring._project_schema import (
    SCHEMA_LINE,
    SHIPPED_LINE,
    schema_line,
    schema_stamp,
)
from roleplay.engine._paths import shipped_scenarios_dir
from roleplay.engine._yaml import load_yaml
from tests.conftest import ROOT, TINY
from tests.toolkit.conftest import Cli
from tests.toolkit.lsp_client import LspClient

DOCS_SCHEMA = ROOT / "docs" / "scenario.schema.json"


def _target(scenario: Path) -> Path:
    """The file a scenario's `# yaml-language-server: $schema=` line points at."""
    first = scenario.read_text(encoding="utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first.startswith(prefix), first
    return scenario.parent / first[len(prefix) :]


def _schema(path: Path) -> dict[str, Any]:
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(schema, dict)
    return schema


def _stale(path: Path) -> None:
    """Make ``path`` look written by an older roleplay (an old stamp, a key since removed)."""
    schema = _schema(path)
    schema["$comment"] = "written by roleplay 0.0.1 (model 0000000000000000)"
    del schema["properties"]["title"]
    path.write_text(json.dumps(schema), encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A designer's folder far from the repository."""
    folder = tmp_path / "my scenarios"
    folder.mkdir()
    assert ROOT not in folder.resolve().parents
    return folder


def test_new_outside_the_repository_points_at_a_schema_beside_it(cli: Cli, project: Path) -> None:
    assert cli("new", "rota_talk", "--dir", str(project)).code == 0
    scenario = project / "rota_talk.yaml"
    target = _target(scenario)
    assert target == project / ".roleplay" / "scenario.schema.json" and target.is_file()
    schema = _schema(target)
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)
    validator.validate(load_yaml(scenario.read_text(encoding="utf-8"))[0])
    for shipped in find_scenarios():
        validator.validate(load_yaml(shipped.read_text(encoding="utf-8"))[0])
    assert schema.pop("$comment") == schema_stamp()
    assert schema == _schema(DOCS_SCHEMA)  # the same schema as `roleplay schema` prints
    with pytest.raises(jsonschema.ValidationError, match="colour"):
        validator.validate({**load_yaml(TINY)[0], "colour": "red"})


def test_a_second_scenario_keeps_the_current_schema(cli: Cli, project: Path) -> None:
    assert cli("new", "first", "--dir", str(project)).code == 0
    target = project / ".roleplay" / "scenario.schema.json"
    target.write_text(target.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert cli("new", "second", "--dir", str(project)).code == 0
    assert target.read_text(encoding="utf-8").endswith("}\n\n")  # current: not rewritten
    assert _target(project / "second.yaml") == target


def test_new_in_the_games_own_folder_uses_the_shipped_line() -> None:
    assert schema_line(shipped_scenarios_dir()) == SHIPPED_LINE
    assert (shipped_scenarios_dir() / SHIPPED_LINE.split("=", 1)[1]).is_file()


def test_schema_project_writes_the_schema_and_links_the_scenarios(cli: Cli, project: Path) -> None:
    bare = project / "bare.yaml"
    bare.write_text(TINY, encoding="utf-8")
    moved = project / "moved.yaml"  # copied out of the repository: its line points nowhere
    moved.write_bytes(f"{SHIPPED_LINE}\r\n{TINY}".replace("\n", "\r\n").encode())
    own = project / "own.yaml"
    (project / "mine.json").write_text("{}", encoding="utf-8")
    own.write_text("# yaml-language-server: $schema=mine.json\n" + TINY, encoding="utf-8")
    result = cli("schema", "--project", str(project))
    assert result.code == 0, result.err
    target = project / ".roleplay" / "scenario.schema.json"
    assert f"wrote {target}" in result.out
    assert f"added the schema line in {bare}" in result.out
    assert f"replaced the schema line in {moved}" in result.out
    assert bare.read_text(encoding="utf-8") == f"{SCHEMA_LINE}\n{TINY}"
    assert moved.read_bytes() == f"{SCHEMA_LINE}\n{TINY}".replace("\n", "\r\n").encode()
    assert own.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=mine")
    assert _target(bare) == target and _schema(target)["$comment"] == schema_stamp()
    again = cli("schema", "--project", str(project))
    assert again.code == 0 and again.out == f"up to date: {target}\n"


def test_schema_project_needs_a_folder(cli: Cli, project: Path) -> None:
    assert cli("schema", "--project", str(project / "nope")).code == 2
    assert cli("schema", "--project", str(project), "-o", "x.json").code == 2


@pytest.mark.parametrize("command", ["validate", "lint"])
def test_a_stale_or_missing_schema_is_written_again(cli: Cli, project: Path, command: str) -> None:
    assert cli("new", "rota_talk", "--dir", str(project)).code == 0
    target = project / ".roleplay" / "scenario.schema.json"
    _stale(target)
    result = cli(command, str(project / "rota_talk.yaml"))
    assert f"roleplay {command}: wrote {target}" in result.err
    assert _schema(target)["$comment"] == schema_stamp()
    assert "title" in _schema(target)["properties"]
    target.unlink()
    cli(command, str(project))
    assert _schema(target)["$comment"] == schema_stamp()


def test_validate_leaves_folders_without_the_schema_alone(cli: Cli, project: Path) -> None:
    (project / "tiny.yaml").write_text(TINY, encoding="utf-8")
    assert cli("validate", str(project)).code == 0
    assert not (project / ".roleplay").exists()


def test_the_language_server_writes_a_stale_schema_again(cli: Cli, project: Path) -> None:
    assert cli("new", "rota_talk", "--dir", str(project)).code == 0
    scenario = project / "rota_talk.yaml"
    target = project / ".roleplay" / "scenario.schema.json"
    _stale(target)
    text = scenario.read_text(encoding="utf-8")
    with LspClient(project) as client:
        client.initialize(project)
        item = lsp.TextDocumentItem(scenario.as_uri(), "yaml", 1, text)
        client.notify("textDocument/didOpen", lsp.DidOpenTextDocumentParams(item))
        client.diagnostics(scenario.as_uri())
    assert _schema(target)["$comment"] == schema_stamp()
