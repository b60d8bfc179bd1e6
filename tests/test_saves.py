"""Saves: versioned JSON, atomic, robust to edits, corruption and other scenarios."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from roleplay import (
    Runner,
    SaveError,
    load_game,
    load_scenario_text,
    read_save_info,
    save_game,
)
from roleplay.engine._saves import SAVE_FORMAT
from tests.conftest import TINY


@pytest.fixture
def played(tmp_path: Path) -> tuple[Path, Runner]:
    scenario = load_scenario_text(TINY)
    runner = Runner(scenario)
    runner.choose(0)
    path = tmp_path / "slot1.json"
    save_game(path, scenario, runner.state, label="after listening")
    return path, runner


def test_save_holds_version_id_hash_and_state(played: tuple[Path, Runner]) -> None:
    path, _runner = played
    data = json.loads(path.read_text())
    assert data["format"] == SAVE_FORMAT
    assert data["scenario_id"] == "tiny" and len(data["scenario_hash"]) == 16
    assert data["state"]["meters"] == {"trust": 7, "compliance": 2}
    info = read_save_info(path)
    assert (info.scenario_title, info.node, info.label, info.decisions, info.ended) == (
        "Tiny",
        "done",
        "after listening",
        1,
        True,
    )


def test_no_temp_files_are_left_behind(played: tuple[Path, Runner]) -> None:
    path, _ = played
    assert [p.name for p in path.parent.iterdir()] == ["slot1.json"]


def test_load_after_edit_keeps_place_and_adapts_meters(played: tuple[Path, Runner]) -> None:
    path, _ = played
    edited = TINY.replace(
        "  compliance: {label: Compliance, start: 2}",
        "  reputation: {label: Reputation, start: 4}",
    ).replace("compliance: 3", "reputation: 3")
    state = load_game(path, load_scenario_text(edited))
    assert state.node == "done"
    assert state.meters == {"trust": 7, "reputation": 4}


def test_load_after_node_removed_says_so(played: tuple[Path, Runner]) -> None:
    path, _ = played
    edited = TINY.replace("  done:", "  finished:").replace("next: done", "next: finished")
    with pytest.raises(SaveError, match=r"scene 'done'.*no longer exists"):
        load_game(path, load_scenario_text(edited))


def test_corrupt_and_foreign_saves_are_explained(tmp_path: Path) -> None:
    scenario = load_scenario_text(TINY)
    cases = {
        "truncated.json": '{"format": 2, "state": {',
        "list.json": "[1, 2]",
        "future.json": json.dumps({"format": 99}),
        "fields.json": json.dumps({"format": 2, "scenario_id": "tiny", "state": {"node": 3}}),
        "other.json": json.dumps({"format": 2, "scenario_id": "other", "state": {}}),
        "binary.json": "\udcff",
    }
    messages = {}
    for name, text in cases.items():
        path = tmp_path / name
        path.write_bytes(text.encode("utf-8", "surrogateescape"))
        with pytest.raises(SaveError) as error:
            load_game(path, scenario)
        messages[name] = str(error.value)
    assert "corrupt" in messages["truncated.json"]
    assert "not a roleplay save" in messages["list.json"]
    assert "newer version" in messages["future.json"]
    assert "corrupt" in messages["fields.json"]
    assert "belongs to scenario 'other'" in messages["other.json"]
    with pytest.raises(SaveError):
        read_save_info(tmp_path / "truncated.json")


def test_old_format_is_upgraded(played: tuple[Path, Runner]) -> None:
    path, _ = played
    data = json.loads(path.read_text())
    data["format"] = 1
    del data["label"], data["scenario_title"]
    path.write_text(json.dumps(data))
    info = read_save_info(path)
    assert info.label == "" and info.scenario_title == "tiny"
    assert load_game(path, load_scenario_text(TINY)).node == "done"


def test_a_save_names_its_mode_and_run_and_a_rewind_keeps_the_run(tmp_path: Path) -> None:
    scenario = load_scenario_text(TINY)
    runner = Runner(scenario, mode="assessment")
    runner.state.run_id = "run-1"
    runner.choose(0)
    save_game(tmp_path / "a.json", scenario, runner.state)
    info = read_save_info(tmp_path / "a.json")
    assert (info.mode, info.run_id, info.decisions) == ("assessment", "run-1", 1)
    assert load_game(tmp_path / "a.json", scenario).run_id == "run-1"
    practice = Runner(scenario)
    practice.state.run_id = "run-2"
    practice.choose(1)
    practice.rewind()
    assert practice.state.run_id == "run-2" and practice.state.copy().run_id == "run-2"


def test_a_format_2_save_is_upgraded_without_a_run(played: tuple[Path, Runner]) -> None:
    path, _ = played
    data = json.loads(path.read_text())
    assert data["format"] == SAVE_FORMAT == 3 and data["state"]["version"] == 3
    data["format"], data["state"]["version"] = 2, 2
    del data["state"]["run_id"]
    path.write_text(json.dumps(data))
    info = read_save_info(path)
    assert (info.mode, info.run_id) == ("practice", "")
    assert load_game(path, load_scenario_text(TINY)).run_id == ""
    data["format"] = SAVE_FORMAT + 1  # what an older roleplay sees in a format-3 save
    path.write_text(json.dumps(data))
    with pytest.raises(SaveError, match="newer version"):
        read_save_info(path)
