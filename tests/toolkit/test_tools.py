"""`roleplay schema`, `graph`, `new` and `test` as a designer uses them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from roleplay import find_scenarios
from roleplay.authoring._graph import GRAPHVIZ_MISSING
from roleplay.authoring._lint import lint_file
from roleplay.engine._yaml import load_yaml
from tests.conftest import ROOT
from tests.toolkit.conftest import Cli, add_missing_backgrounds
from tests.toolkit.test_lint import GATED

SCHEMA_FILE = ROOT / "docs" / "scenario.schema.json"


def _yaml(path: Path) -> Any:
    return load_yaml(path.read_text(encoding="utf-8"))[0]


# --- schema ---------------------------------------------------------------------------------
def test_committed_schema_is_up_to_date(cli: Cli) -> None:
    result = cli("schema")
    assert result.code == 0
    assert result.out == SCHEMA_FILE.read_text(encoding="utf-8"), (
        "docs/scenario.schema.json is stale: run roleplay schema -o docs/scenario.schema.json"
    )


def test_schema_is_draft7_closed_and_described() -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    assert "$defs" not in json.dumps(schema)
    for name, definition in [("root", schema), *schema["definitions"].items()]:
        assert definition["additionalProperties"] is False, name
        for key, field in definition["properties"].items():
            assert field.get("description"), f"{name}.{key} has no description"


@pytest.mark.parametrize("path", find_scenarios(), ids=lambda p: p.name)
def test_shipped_scenarios_match_the_schema(path: Path) -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../docs/scenario.schema.json"
    jsonschema.Draft7Validator(schema).validate(_yaml(path))


def test_schema_rejects_unknown_keys(tmp_path: Path) -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    data = load_yaml(GATED.replace("  first:\n", "  first:\n    colour: red\n"))[0]
    with pytest.raises(jsonschema.ValidationError, match="colour"):
        jsonschema.Draft7Validator(schema).validate(data)


def test_schema_writes_a_file(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "s.json"
    assert cli("schema", "-o", str(target)).code == 0
    assert json.loads(target.read_text())["definitions"]["Choice"]["properties"]["if"]


# --- graph ----------------------------------------------------------------------------------
def test_graph_dot_marks_start_kinds_endings_and_families(cli: Cli, sample: Path) -> None:
    result = cli("graph", str(sample), "--format", "dot")
    assert result.code == 0
    out = result.out
    assert out.startswith('digraph "sample_rota"')
    assert '"kitchen" [label="START: kitchen' in out
    assert "shape=doubleoctagon" in out and "END shared_kitchen" in out
    assert '"wrap_up" -> "ending__shared_kitchen"' in out  # resolved by the ending rules
    assert '"walked_out" -> "ending__stalemate"' in out  # a forced ending
    assert "[influence]" in out and "[pressure]" in out and "[manipulation]" in out
    assert '"vote" [label="vote' in out and "shape=ellipse" in out


def test_graph_mermaid(cli: Cli, sample: Path, tmp_path: Path) -> None:
    target = tmp_path / "map.mmd"
    assert cli("graph", str(sample), "--format", "mermaid", "-o", str(target)).code == 0
    text = target.read_text()
    assert text.startswith("flowchart TD")  # top down by default
    assert "kitchen -->|" in text and ":::kind_decision" in text and "-.->" in text
    assert ":::end" not in text and "classDef end " not in text  # "end" is reserved in Mermaid


def test_graph_svg_through_graphviz(cli: Cli, sample: Path) -> None:
    result = cli("graph", str(sample), "--format", "svg")
    assert result.code == 0 and "<svg" in result.out and "kitchen" in result.out


def test_graph_svg_without_graphviz_says_how_to_install(
    cli: Cli, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    result = cli("graph", str(sample), "--format", "svg")
    assert result.code == 1
    assert GRAPHVIZ_MISSING in result.err


def test_graph_of_a_broken_scenario_shows_the_problem(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(GATED.replace("start: first", "start: frist"))
    result = cli("graph", str(path))
    assert result.code == 1 and "RP020" in result.out
    assert cli("graph", str(tmp_path / "nope.yaml")).code == 2


# --- new ------------------------------------------------------------------------------------
def test_new_scenario_validates_and_lints_clean(cli: Cli, tmp_path: Path) -> None:
    result = cli("new", "rota_talk", "--dir", str(tmp_path))
    assert result.code == 0
    path = tmp_path / "rota_talk.yaml"
    text = path.read_text(encoding="utf-8")
    assert "characters/jo" in text and "backgrounds/break_room.svg" in text
    assert text.startswith("# yaml-language-server: $schema=")
    add_missing_backgrounds(tmp_path, text)  # until the art lands in assets/backgrounds
    report = lint_file(path)
    assert report.diagnostics == []
    assert report.exploration is not None and len(report.exploration.reachable_endings) == 3
    assert cli("lint", "--strict", str(path)).code == 0
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(_yaml(path))


def test_new_refuses_to_overwrite_and_bad_names(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("keep me")
    result = cli("new", "mine", "--dir", str(tmp_path))
    assert result.code == 1 and "already exists" in result.err
    assert path.read_text() == "keep me"
    bad = cli("new", "My Pitch", "--dir", str(tmp_path))
    assert bad.code == 1 and "lowercase" in bad.err
    made = cli("new", "x.yaml", "--dir", str(tmp_path / "missing" / "deeper"))
    assert made.code == 0 and (tmp_path / "missing" / "deeper" / "x.yaml").is_file()


# --- test (playthrough files) ---------------------------------------------------------------
def _playthrough(folder: Path, name: str, choices: list[int], ending: str, meters: str) -> Path:
    path = folder / f"{name}.playthrough.yaml"
    path.write_text(
        f"scenario: gated.yaml\nchoices: {choices}\nexpect:\n  ending: {ending}\n"
        f"  meters: {{{meters}}}\n"
    )
    return path


def test_playthrough_files_pass_and_fail(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "gated.yaml").write_text(GATED)
    good = _playthrough(tmp_path, "good", [1, 2, 1], "committed", "trust: 5, compliance: 2")
    result = cli("test", str(good))
    assert result.code == 0 and "ok" in result.out and "1 passed, 0 failed" in result.out
    _playthrough(tmp_path, "wrong", [2, 2], "committed", "compliance: [0, 1]")
    result = cli("test", str(tmp_path))
    assert result.code == 1
    assert "- ending: expected 'committed', reached 'obeyed'" in result.out
    assert "- meter 'compliance': expected 0..1, is 3" in result.out
    assert "wrong.playthrough.yaml: 2 differences; reached 'obeyed' after 2 decisions" in (
        result.out
    )
    assert "1 passed, 1 failed" in result.out


def test_playthrough_with_a_locked_choice_fails(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "gated.yaml").write_text(GATED)
    path = _playthrough(tmp_path, "locked", [2, 1], "obeyed", "")
    result = cli("test", str(path))
    assert result.code == 1 and "locked" in result.out
    assert cli("test", str(tmp_path / "none")).code == 2


def test_lint_witnesses_make_passing_playthroughs(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "gated.yaml").write_text(GATED)
    data = json.loads(cli("lint", "--json", str(tmp_path / "gated.yaml")).out)
    for ending in data["endings"]:
        _playthrough(tmp_path, ending["id"], ending["witness"], ending["id"], "")
    result = cli("test", str(tmp_path))
    assert result.code == 0 and "3 passed, 0 failed" in result.out
