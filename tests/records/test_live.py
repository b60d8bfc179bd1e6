"""Live records of a hosted session without an LRS: the statements built event by event are the
exported ones, votes are not even queued, an unreachable LRS leaves everything in the outbox, and
the settings never show the password."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from roleplay import load_scenario
from roleplay.cli import main
from roleplay.cli._lrs_options import LrsOptionError, lrs_settings
from roleplay.engine._session_log import SessionLogWriter, read_session_log
from roleplay.reports._live import LiveRecords, LrsSettings, SessionStatements
from roleplay.reports._outbox import Outbox, outbox_folder
from roleplay.reports._sessions import read_session, session_record
from roleplay.reports._xapi import statements_for
from tests.records.conftest import SCENARIOS
from tests.records.ralph import free_port

SAMPLE = SCENARIOS / "sample_rota.yaml"


def _verbs(statements: list[dict[str, object]]) -> list[str]:
    return [str(s["verb"]["id"]).rsplit("/", 1)[-1] for s in statements]  # type: ignore[index]


def test_statements_built_event_by_event_are_the_exported_ones(session_logs: list[Path]) -> None:
    scenario = load_scenario(SAMPLE)
    log = read_session_log(session_logs[0])
    live = SessionStatements(log.path, scenario, home_page="urn:roleplay:host:local", judge=True)
    seen: list[list[str]] = []
    for event in log.events:
        if live.feed(event):
            seen.append([s["id"] for s in live.statements()])
    exported = statements_for(session_record(read_session(log.path), scenario), judge=True)
    assert live.statements() == exported
    assert "terminated" not in _verbs(exported[:-1]) and _verbs(exported)[-1] == "terminated"
    first_decision = next(ids for ids in seen if len(ids) == 2)
    assert first_decision == [s["id"] for s in exported[:2]]  # initialized, answered: final ids
    assert all("terminated" not in _verbs(live.statements()[:-1]) for _ in seen)
    assert not live.feed(log.events[3])  # an event already seen counts once


def test_votes_are_never_queued_and_a_session_so_far_has_no_terminated(tmp_path: Path) -> None:
    scenario = load_scenario(SAMPLE)
    settings = _settings(tmp_path, f"http://127.0.0.1:{free_port()}/xAPI")
    log = SessionLogWriter.create(
        tmp_path / "s.jsonl", scenario, session_id="b" * 32, room_code="KQZW", settings={}
    )
    records = LiveRecords(settings, log.path, scenario)
    log.subscribe(records.event)
    log.append("vote", decision=1, player="p1", choice="order", change=False)
    assert records._events.empty()
    log.append("join", player="p1", token_hash="x", device_hash=None, nickname="Ann")
    assert not records._events.empty()
    records.start()
    status = records.close(10)
    assert (status.delivered, status.waiting) == (0, 1) and "cannot reach" in str(status.error)
    waiting = Outbox(outbox_folder(settings.outbox_root, settings.endpoint)).pending()
    assert _verbs(waiting) == ["initialized"]
    log.close()


def test_an_unreachable_lrs_keeps_everything_in_the_outbox(
    session_logs: list[Path], tmp_path: Path
) -> None:
    scenario = load_scenario(SAMPLE)
    settings = _settings(tmp_path, f"http://127.0.0.1:{free_port()}/xAPI")
    log = read_session_log(session_logs[1])
    records = LiveRecords(settings, log.path, scenario)
    records.start()  # reads the finished log, as after --resume
    status = records.close(10)
    exported = statements_for(session_record(read_session(log.path), scenario))
    assert (status.delivered, status.waiting) == (0, len(exported))
    box = Outbox(outbox_folder(settings.outbox_root, settings.endpoint))
    assert sorted(s["id"] for s in box.pending()) == sorted(s["id"] for s in exported)
    assert box.status().last_error and "cannot reach" in box.status().last_error


def test_the_password_is_never_shown(tmp_path: Path) -> None:
    settings = _settings(tmp_path, "http://127.0.0.1:1/xAPI")
    assert "s3cret-pw" not in repr(settings)


def test_lrs_settings_from_options_or_records_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ROLEPLAY_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("LIVE_PW", "s3cret-pw")
    none = argparse.Namespace(
        lrs_endpoint=None, lrs_user=None, lrs_password_env=None, lrs_judge=False
    )
    assert lrs_settings(none) is None
    config = tmp_path / "home" / "config" / "records.json"
    config.parent.mkdir(parents=True, exist_ok=True)
    stored = {"endpoint": "http://lrs.example.org/xAPI/", "user": "t", "password_env": "LIVE_PW"}
    config.write_text(json.dumps({"lrs": {**stored, "homePage": "https://hr.example.org"}}))
    found = lrs_settings(none)
    assert found is not None and found.endpoint == "http://lrs.example.org/xAPI"
    assert (found.password, found.home_page) == ("s3cret-pw", "https://hr.example.org")
    config.write_text(json.dumps({"lrs": {**stored, "password": "in-a-file"}}))
    with pytest.raises(LrsOptionError, match="must not hold a password"):
        lrs_settings(none)
    monkeypatch.delenv("LIVE_PW")
    partial = argparse.Namespace(**{**vars(none), "lrs_endpoint": "http://x/xAPI"})
    config.unlink()
    with pytest.raises(LrsOptionError, match="--lrs-user"):
        lrs_settings(partial)


def test_roleplay_host_refuses_unusable_lrs_options(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ROLEPLAY_HOME", str(tmp_path / "home"))
    args = ["host", str(SAMPLE), "--headless", "--bind", "127.0.0.1", "--port", "0",
            "--lrs-endpoint", "http://127.0.0.1:1/xAPI", "--lrs-user", "t",
            "--lrs-password-env", "NOT_SET_ANYWHERE_42"]  # fmt: skip
    assert main(args) == 2
    assert "NOT_SET_ANYWHERE_42" in capsys.readouterr().err
    monkeypatch.setenv("NOT_SET_ANYWHERE_42", "pw")
    args[args.index("http://127.0.0.1:1/xAPI")] = "ftp://lrs.example.org"
    assert main(args) == 2
    assert "http:// or https://" in capsys.readouterr().err
    assert not list((tmp_path / "home").rglob("*.jsonl"))  # no session was started


def _settings(tmp_path: Path, endpoint: str) -> LrsSettings:
    return LrsSettings(endpoint, "trainer", "s3cret-pw", tmp_path / "outbox", retry_cap=0.2)
