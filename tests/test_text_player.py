"""`roleplay play --text`: numbers at choices only, invalid input asked again, JSON result."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import SAMPLE
from tests.test_validate import run_cli


def test_plays_to_an_ending_and_reveals_meters() -> None:
    result = run_cli("play", "--text", str(SAMPLE), stdin="1\n2\n1\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "ENDING: shared_kitchen" in out
    assert "Trust: 8 (0-10)" in out
    assert "Press" not in out and out.count("Choose 1-") == 3


def test_invalid_input_is_rejected_and_asked_again() -> None:
    result = run_cli("play", "--text", str(SAMPLE), stdin="banana\n0\n7\n2\n1\n2\n")
    out = result.stdout
    assert "'banana' is not a choice" in out
    assert "'0' is not a choice" in out and "'7' is not a choice" in out
    assert "Choice 1 is locked" in out
    assert "ENDING: to_the_letter" in out


def test_json_result_on_stdout() -> None:
    result = run_cli("play", "--text", "--json", str(SAMPLE), stdin="2\n4\n")
    data = json.loads(result.stdout)
    assert data == {
        "scenario": "sample_rota",
        "ending": "stalemate",
        "meters": {"trust": 3, "reputation": 4, "compliance": 6},
        "path": ["kitchen", "office", "walked_out"],
    }


def test_input_ending_early_fails_cleanly() -> None:
    result = run_cli("play", "--text", str(SAMPLE), stdin="1\n")
    assert result.returncode == 1
    assert "Input ended before the scenario did" in result.stderr
    assert "Traceback" not in result.stderr
    partial = run_cli("play", "--text", "--json", str(SAMPLE), stdin="1\n")
    assert partial.returncode == 1
    assert json.loads(partial.stdout)["ending"] is None


def test_shipped_id_is_accepted() -> None:
    result = run_cli("play", "--text", "sample_rota", stdin="2\n4\n")
    assert "ENDING: stalemate" in result.stdout


def test_broken_scenario_shows_diagnostics_not_traceback(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("format: 1\nid: [\n")
    result = run_cli("play", "--text", str(path))
    assert result.returncode == 1
    assert "RP001" in result.stdout and "Traceback" not in result.stderr


def test_record_writes_a_playthrough_that_replays(tmp_path: Path) -> None:
    target = tmp_path / "run.playthrough.yaml"
    run_cli("play", "--text", "--record", str(target), str(SAMPLE), stdin="1\n2\n1\n")
    text = target.read_text()
    assert "ending: shared_kitchen" in text
    assert 'scenario: "../' in text  # relative, so the file can move with the scenario
    result = run_cli("test", str(target))
    assert result.returncode == 0, result.stdout
    assert "1 passed, 0 failed" in result.stdout


def test_unicode_digits_are_rejected_not_crashing() -> None:
    result = run_cli("play", "--text", str(SAMPLE), stdin="\u00b2\n2\n4\n")
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert "'\u00b2' is not a choice" in result.stdout


def test_text_play_ends_with_the_debrief() -> None:
    out = run_cli("play", "--text", str(SAMPLE), stdin="1\n2\n1\n").stdout
    debrief = out[out.index("DEBRIEF") :]
    assert "Why this ending: you showed the invoice" in debrief
    assert "Trust is at least 7, Compliance is at least 4" in " ".join(debrief.split())
    assert "1. Jo, you've carried this." in debrief and "Active listening (influence)" in debrief
    assert "Asking the person who carried the load" in debrief
    assert "Your influence profile: influence 2, persuasion 1, pressure 0, manipulation 0" in out
