"""The session log: what a host writes survives a crash, and readers get clear errors."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from roleplay import load_scenario
from roleplay.engine import _session_log as session_log
from roleplay.engine._session_log import (
    EVENT_FIELDS,
    SESSION_LOG_FORMAT,
    SessionLogError,
    SessionLogWriter,
    hash_secret,
    read_session_log,
)


def _writer(tmp_path: Path, tiny_path: Path) -> SessionLogWriter:
    scenario = load_scenario(tiny_path)
    return SessionLogWriter.create(
        tmp_path / "logs" / "s.jsonl",
        scenario,
        session_id="abc",
        room_code="KQZW",
        settings={"anonymous": True},
    )


def test_first_line_names_the_format_session_and_scenario(tmp_path: Path, tiny_path: Path) -> None:
    writer = _writer(tmp_path, tiny_path)
    writer.append("join", player="p1", token_hash=hash_secret("t"), device_hash=None, nickname="A")
    writer.close()
    lines = writer.path.read_text(encoding="utf-8").splitlines()
    start = json.loads(lines[0])
    assert start["type"] == "session_start"
    assert start["format"] == SESSION_LOG_FORMAT
    assert start["seq"] == 1 and start["time"].endswith("+00:00")
    assert start["scenario_id"] == "tiny" and start["scenario_title"] == "Tiny"
    assert len(start["scenario_hash"]) >= 16
    assert json.loads(lines[1])["seq"] == 2


def test_events_round_trip(tmp_path: Path, tiny_path: Path) -> None:
    writer = _writer(tmp_path, tiny_path)
    writer.append("vote", decision=1, player="p1", choice="listen", change=False)
    writer.close()
    log = read_session_log(writer.path)
    assert [e["type"] for e in log.events] == ["session_start", "vote"]
    assert log.session_id == "abc" and log.warnings == () and log.last_seq == 2


def test_partial_last_line_is_skipped_with_a_warning(tmp_path: Path, tiny_path: Path) -> None:
    writer = _writer(tmp_path, tiny_path)
    writer.append("vote", decision=1, player="p1", choice="listen", change=False)
    writer.close()
    with writer.path.open("ab") as handle:
        handle.write(b'{"seq":3,"time":"2025-01-01T00:00:00.000+00:00","type":"vo')
    log = read_session_log(writer.path)
    assert log.last_seq == 2
    assert "incomplete" in log.warnings[0] and ":3:" in log.warnings[0]


def test_resume_drops_the_partial_line_and_continues_seq(tmp_path: Path, tiny_path: Path) -> None:
    writer = _writer(tmp_path, tiny_path)
    writer.close()
    with writer.path.open("ab") as handle:
        handle.write(b'{"seq":2,"ti')
    again = SessionLogWriter.reopen(read_session_log(writer.path))
    again.append("vote", decision=1, player="p1", choice="order", change=False)
    again.close()
    log = read_session_log(writer.path)
    assert [(e["seq"], e["type"]) for e in log.events] == [
        (1, "session_start"),
        (2, "resume"),
        (3, "vote"),
    ]
    assert log.warnings == ()


def test_a_newer_format_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "new.jsonl"
    start = {"seq": 1, "time": "t", "type": "session_start", "format": SESSION_LOG_FORMAT + 1}
    path.write_text(json.dumps(start) + "\n", encoding="utf-8")
    with pytest.raises(SessionLogError, match="newer version of roleplay"):
        read_session_log(path)


def test_upgraders_run_by_version(
    tmp_path: Path, tiny_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writer = _writer(tmp_path, tiny_path)
    writer.close()
    monkeypatch.setattr(session_log, "SESSION_LOG_FORMAT", SESSION_LOG_FORMAT + 1)
    monkeypatch.setitem(
        session_log.UPGRADERS, SESSION_LOG_FORMAT, lambda e: {**e, "upgraded": True}
    )
    log = read_session_log(writer.path)
    assert log.format == SESSION_LOG_FORMAT and log.events[0]["upgraded"] is True


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"not json\n", ":1: not a JSON event"),
        (b"[1]\n", "JSON object"),
        (b'{"seq":1,"time":"t","type":"join"}\n', "starts with a session_start"),
        (b'{"seq":"1","time":"t","type":"session_start"}\n', "valid 'seq'"),
    ],
)
def test_corrupt_logs_give_located_errors(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_bytes(content)
    with pytest.raises(SessionLogError, match=message):
        read_session_log(path)


def test_missing_fields_and_bad_seq_are_located(tmp_path: Path, tiny_path: Path) -> None:
    writer = _writer(tmp_path, tiny_path)
    writer.append("vote", decision=1, player="p1")
    writer.close()
    with pytest.raises(SessionLogError, match=r"s\.jsonl:2: vote event lacks choice, change"):
        read_session_log(writer.path)
    lines = writer.path.read_bytes().splitlines()
    writer.path.write_bytes(lines[0] + b"\n" + lines[0].replace(b'"session_start"', b'"x"') + b"\n")
    with pytest.raises(SessionLogError, match="seq 1 does not follow seq 1"):
        read_session_log(writer.path)


def test_reads_are_bounded_and_regular_files_only(tmp_path: Path, tiny_path: Path) -> None:
    writer = _writer(tmp_path, tiny_path)
    writer.close()
    with pytest.raises(SessionLogError, match="more than a session log may hold"):
        read_session_log(writer.path, max_bytes=10)
    with pytest.raises(SessionLogError, match="not a regular file"):
        read_session_log(tmp_path)
    with pytest.raises(SessionLogError, match="no such session log"):
        read_session_log(tmp_path / "missing.jsonl")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX only")
def test_a_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    with pytest.raises(SessionLogError, match="not a regular file"):
        read_session_log(fifo)


def test_unknown_event_types_are_kept_for_forward_compatibility(
    tmp_path: Path, tiny_path: Path
) -> None:
    writer = _writer(tmp_path, tiny_path)
    writer.append("applause", loudness=11)
    writer.close()
    assert read_session_log(writer.path).events[-1]["loudness"] == 11


def test_create_refuses_to_overwrite(tmp_path: Path, tiny_path: Path) -> None:
    _writer(tmp_path, tiny_path).close()
    with pytest.raises(SessionLogError, match="exists"):
        _writer(tmp_path, tiny_path)


def test_tokens_are_stored_hashed() -> None:
    digest = hash_secret("secret-token")
    assert digest.startswith("sha256:") and len(digest) == 71 and "secret" not in digest


def test_every_documented_event_type_is_known() -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "facilitator.md").read_text("utf-8")
    for kind, fields in EVENT_FIELDS.items():
        assert f"`{kind}`" in doc, kind
        for name in fields:
            assert f"`{name}`" in doc, (kind, name)


def test_a_group_is_flushed_at_once_and_fsynced_once(
    tmp_path: Path, tiny_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writer = _writer(tmp_path, tiny_path)
    synced: list[int] = []
    monkeypatch.setattr(session_log.os, "fsync", lambda fd: synced.append(fd))
    with writer.group():
        writer.append("vote", decision=1, player="p1", choice="listen", change=False)
        writer.append("vote", decision=1, player="p2", choice="order", change=False)
        assert read_session_log(writer.path).last_seq == 3  # flushed: a killed host keeps them
        assert synced == []
    assert len(synced) == 1
    writer.append("vote", decision=1, player="p3", choice="order", change=False)
    assert len(synced) == 2
