"""`roleplay play --text`: numbers at choices only, invalid input asked again, JSON result."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import SAMPLE
from tests.test_validate import run_cli


def test_plays_to_an_ending_and_reveals_meters() -> None:
    result = run_cli("play", "--text", str(SAMPLE), stdin="1\n1\n1\n")
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
    run_cli("play", "--text", "--record", str(target), str(SAMPLE), stdin="1\n1\n1\n")
    assert "ending: shared_kitchen" in target.read_text()
    result = run_cli("test", str(target))
    assert result.returncode == 0, result.stdout
    assert "1 passed, 0 failed" in result.stdout
