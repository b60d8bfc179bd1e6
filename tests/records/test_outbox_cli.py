"""The outbox on disk and the export-xapi / lrs status commands (no LRS needed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from roleplay import load_scenario, replay, save_game
from roleplay.cli import main
from roleplay.reports._lrs import check_endpoint
from roleplay.reports._outbox import Outbox, find_outboxes, outbox_folder
from roleplay.reports._xapi import statements_for
from tests.records.conftest import SCENARIOS, recorded_run, statement_errors


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ROLEPLAY_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture
def save(tmp_path: Path) -> Path:
    scenario = load_scenario(SCENARIOS / "sample_rota.yaml")
    path = tmp_path / "slot1.json"
    save_game(path, scenario, replay(scenario, [1, 2, 1]).state)
    return path


def test_outbox_queues_each_statement_once_and_moves_it_when_sent(tmp_path: Path) -> None:
    statements = statements_for(recorded_run([1, 1, 1]))
    box = Outbox(
        outbox_folder(tmp_path, "https://lrs.example.org/xAPI"), "https://lrs.example.org/xAPI"
    )
    assert box.add(statements) == len(statements)
    assert box.add(statements) == 0
    assert [s["id"] for s in box.pending()] == [s["id"] for s in statements]
    box.mark_sent([statements[0]["id"]])
    assert box.add(statements[:1]) == 0
    status = box.status()
    assert (status.pending, status.sent) == (len(statements) - 1, 1)
    assert [b.endpoint for b in find_outboxes(tmp_path)] == ["https://lrs.example.org/xAPI"]
    leftovers = [p.name for p in box.folder.rglob("*.tmp")]
    assert leftovers == []


def test_a_statement_without_an_id_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="id"):
        Outbox(tmp_path / "box").add([{"actor": {}}])


@pytest.mark.parametrize(
    "endpoint",
    ["ftp://lrs.example.org/xAPI", "https://user:pw@lrs.example.org/xAPI", "lrs.example.org"],
)
def test_unusable_endpoints_are_refused(endpoint: str) -> None:
    with pytest.raises(ValueError):
        check_endpoint(endpoint)


def test_export_xapi_writes_valid_json_lines(save: Path, tmp_path: Path, home: Path) -> None:
    out = tmp_path / "statements.jsonl"
    assert main(["export-xapi", str(save), "-o", str(out), "--account", "ann", "--judge"]) == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [s["verb"]["display"]["en-US"] for s in lines][-3:] == [
        "completed",
        "passed",
        "terminated",
    ]
    assert all(statement_errors(s) == [] for s in lines)
    assert lines[0]["actor"]["account"] == {"homePage": "urn:roleplay:learner", "name": "ann"}


def test_export_uses_the_account_from_settings(save: Path, tmp_path: Path, home: Path) -> None:
    (home / "config").mkdir(parents=True)
    account = {"account": {"name": "emp-77", "homePage": "https://hr.example.org"}}
    (home / "config" / "records.json").write_text(json.dumps(account))
    out = tmp_path / "s.jsonl"
    assert main(["export-xapi", str(save), "-o", str(out)]) == 0
    first = json.loads(out.read_text().splitlines()[0])
    assert first["actor"]["account"] == {"homePage": "https://hr.example.org", "name": "emp-77"}


def test_bad_inputs_get_a_clear_message(
    save: Path, tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    junk = tmp_path / "junk.txt"
    junk.write_text("hello")
    assert main(["export-xapi", str(junk), "-o", str(tmp_path / "o")]) == 1
    assert "neither a roleplay save nor a session log" in capsys.readouterr().err
    assert main(["export-xapi", str(save), "-o", str(tmp_path / "o")]) == 1
    assert "--account" in capsys.readouterr().err
    assert main(["export-xapi", str(tmp_path / "missing.json"), "-o", "x", "--account", "a"]) == 1
    assert "no such file" in capsys.readouterr().err


def test_push_needs_the_password_variable(
    save: Path, home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_SUCH_PASSWORD_VAR", raising=False)
    args = ["lrs", "push", str(save), "--endpoint", "http://127.0.0.1:9/xAPI", "--user", "u"]
    assert main([*args, "--password-env", "NO_SUCH_PASSWORD_VAR", "--account", "a"]) == 2
    assert "NO_SUCH_PASSWORD_VAR is not set" in capsys.readouterr().err


def test_status_of_an_empty_outbox(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lrs", "status"]) == 0
    assert "nothing has been queued" in capsys.readouterr().out
