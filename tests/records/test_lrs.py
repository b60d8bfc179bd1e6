"""Statements land in a real Ralph LRS and read back intact; the outbox outlives Ralph down."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from roleplay import load_scenario, replay, save_game
from roleplay.cli import main
from roleplay.reports._lrs import Backoff, LrsClient, deliver
from roleplay.reports._outbox import Outbox
from roleplay.reports._xapi import statements_for
from tests.records.conftest import SCENARIOS, recorded_run
from tests.records.ralph import Ralph

pytestmark = pytest.mark.lrs
LRS_ADDED = {"stored", "authority"}


def _client(ralph: Ralph, user: str, password: str | None = None) -> LrsClient:
    return LrsClient(ralph.endpoint, user, password or ralph.users[user])


def _as_sent(statements: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {s["id"]: {k: v for k, v in s.items() if k not in LRS_ADDED} for s in statements}


def _no_wait(_seconds: float) -> None:
    return None


def test_a_solo_run_reads_back_exactly_as_sent(ralph: Ralph, tmp_path: Path) -> None:
    record = recorded_run([1, 2, 1], back=1)
    sent = statements_for(record, judge=True)
    box = Outbox(tmp_path / "outbox", ralph.endpoint)
    box.add(sent)
    result = deliver(box, _client(ralph, "solo"), sleep=_no_wait)
    assert (result.delivered, result.waiting, result.error) == (len(sent), 0, None)
    back = _client(ralph, "solo").statements(registration=str(record.registration))
    assert _as_sent(back) == _as_sent(sent)
    assert all(s["authority"]["mbox"] == "mailto:test@example.org" for s in back)


def test_the_outbox_keeps_statements_while_ralph_is_down(ralph: Ralph, tmp_path: Path) -> None:
    record = recorded_run([2, 2])
    sent = statements_for(record)
    box = Outbox(tmp_path / "outbox", ralph.endpoint)
    box.add(sent)
    waits: list[float] = []
    ralph.stop()
    try:
        down = deliver(box, _client(ralph, "outbox"), backoff=Backoff(3, 0.5), sleep=waits.append)
        assert (down.delivered, down.waiting) == (0, len(sent))
        assert "cannot reach" in str(down.error) and len(waits) == 2 and waits[1] > waits[0]
        assert box.status().pending == len(sent) and "cannot reach" in str(box.status().last_error)
    finally:
        ralph.start()
    up = deliver(box, _client(ralph, "outbox"), sleep=_no_wait)
    assert (up.delivered, up.waiting, up.error) == (len(sent), 0, None)
    assert deliver(box, _client(ralph, "outbox"), sleep=_no_wait).delivered == 0
    # A retry of a batch the LRS already has (say the acknowledgement was lost) is no duplicate.
    assert _client(ralph, "outbox").post(sent) in (200, 204, 409)
    back = _client(ralph, "outbox").statements(registration=str(record.registration))
    assert sorted(s["id"] for s in back) == sorted(s["id"] for s in sent)
    assert _as_sent(back) == _as_sent(sent)


def test_wrong_credentials_stop_at_once_and_are_never_echoed(ralph: Ralph, tmp_path: Path) -> None:
    box = Outbox(tmp_path / "outbox", ralph.endpoint)
    box.add(statements_for(recorded_run([1])))
    waits: list[float] = []
    secret = "not-the-password-83"
    result = deliver(box, _client(ralph, "solo", secret), sleep=waits.append)
    assert result.delivered == 0 and "401" in str(result.error) and waits == []
    assert secret not in json.dumps(box.status().__dict__, default=str)


def test_lrs_push_command_delivers_a_save_and_writes_no_password(
    ralph: Ralph,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("ROLEPLAY_HOME", str(home))
    monkeypatch.setenv("TEST_LRS_PASSWORD", ralph.users["cli"])
    scenario = load_scenario(SCENARIOS / "sample_rota.yaml")
    save = home / "data" / "saves" / "slot1.json"
    save.parent.mkdir(parents=True)
    save_game(save, scenario, replay(scenario, [1, 1, 1]).state)
    args = ["lrs", "push", str(save), "--endpoint", ralph.endpoint, "--user", "cli",
            "--password-env", "TEST_LRS_PASSWORD", "--account", "emp-9"]  # fmt: skip
    assert main(args) == 0
    assert main(args) == 0  # nothing new: the second push queues and sends nothing
    assert main(["lrs", "status"]) == 0
    out = capsys.readouterr()
    assert "queued 6 new, delivered 6" in out.err and "queued 0 new, delivered 0" in out.err
    assert "0 waiting, 6 delivered" in out.out
    exported = tmp_path / "s.jsonl"
    assert main(["export-xapi", str(save), "-o", str(exported), "--account", "emp-9"]) == 0
    sent = [json.loads(line) for line in exported.read_text().splitlines()]
    back = _client(ralph, "cli").statements(registration=sent[0]["context"]["registration"])
    assert _as_sent(back) == _as_sent(sent)
    password = ralph.users["cli"]
    for path in home.rglob("*"):
        if path.is_file():
            assert password not in path.read_text(errors="replace"), path
    assert password not in out.out + out.err


def test_recorded_sessions_land_and_read_back(
    ralph: Ralph, session_logs: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ROLEPLAY_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("TEST_LRS_PASSWORD", ralph.users["session"])
    logs = [str(p) for p in session_logs]
    args = ["lrs", "push", *logs, "--endpoint", ralph.endpoint, "--user", "session",
            "--password-env", "TEST_LRS_PASSWORD", "--judge"]  # fmt: skip
    assert main(args) == 0
    for log in logs:
        exported = tmp_path / "s.jsonl"
        assert main(["export-xapi", log, "-o", str(exported), "--judge"]) == 0
        sent = [json.loads(line) for line in exported.read_text().splitlines()]
        registration = sent[0]["context"]["registration"]
        back = _client(ralph, "session").statements(registration=registration)
        assert _as_sent(back) == _as_sent(sent)
        assert back[0]["actor"]["objectType"] == "Group"
