"""Hosted sessions send their statements to a real Ralph LRS as they happen; with Ralph stopped
they wait in the outbox (the session goes on) and go out once it is back."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from roleplay import load_scenario
from roleplay.facilitator._host import HostRuntime
from roleplay.reports._live import LrsSettings
from roleplay.reports._lrs import LrsClient
from roleplay.reports._sessions import read_session, session_record, session_registration
from roleplay.reports._xapi import statements_for
from tests.facilitator.hosting import Client, connect, join, running_host
from tests.records.conftest import ROOT, SCENARIOS
from tests.records.ralph import Ralph, ralph_venv

pytestmark = pytest.mark.lrs
SAMPLE = SCENARIOS / "sample_rota.yaml"
LRS_ADDED = {"stored", "authority"}
PASSWORDS = {"live": "pw-live-Qx71", "down": "pw-down-Jr52"}


@pytest.fixture(scope="module")
def ralph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ralph]:
    """A Ralph that takes many writes per user (see tests/records/ralph.py)."""
    server = Ralph(ralph_venv(), tmp_path_factory.mktemp("ralph-live"), append=True)
    for user, password in PASSWORDS.items():
        server.add_user(user, password)
    server.start()
    yield server
    server.stop()


def _client(ralph: Ralph, user: str) -> LrsClient:
    return LrsClient(ralph.endpoint, user, PASSWORDS[user])


def _as_sent(statements: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {s["id"]: {k: v for k, v in s.items() if k not in LRS_ADDED} for s in statements}


def _exported(log: Path) -> list[dict[str, Any]]:
    return statements_for(session_record(read_session(log), load_scenario(SAMPLE)))


def _wait_for(check: Callable[[], bool], seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise AssertionError("timed out")


async def _command(host: Client, action: str, ref: int, **fields: Any) -> dict[str, Any]:
    """Send a host command and return its answer (``done`` or ``error``)."""
    await host.send(type="command", action=action, ref=ref, **fields)
    async with asyncio.timeout(10):
        while True:
            frame = await host.ws.receive()
            if frame.type != aiohttp.WSMsgType.TEXT:
                return {"type": "closed"}  # "end" stops the host, which may close first
            reply = json.loads(frame.data)
            if reply.get("ref") == ref:
                return dict(reply)


class Room:
    """A host remote and two phones that vote on every decision and answer the knowledge
    check (one right, one wrong)."""

    def __init__(self, host: Client, phones: list[Client]) -> None:
        self.host = host
        self.phones = phones
        self.ref = 0

    async def command(self, action: str, **fields: Any) -> dict[str, Any]:
        self.ref += 1
        return await _command(self.host, action, self.ref, **fields)

    async def decide(self) -> bool:
        """Play the next decision by vote; False when the story has ended."""
        for _ in range(30):
            reply = await self.command("next")
            if reply.get("phase") == "check":
                await self.answer_check()
            if reply.get("phase") in ("vote", "ending"):
                break
        if reply.get("phase") != "vote":
            return False
        snapshot = await self.phones[0].expect("snapshot", phase="vote")
        decision = snapshot["decision"]
        first = decision["choices"][0]["id"]
        for phone in self.phones:
            await phone.send(type="vote", decision=decision["number"], choice=first)
            await phone.expect("vote_ack", choice=first)
        reply = await self.command("play")
        assert reply["type"] == "done", reply
        return True

    async def answer_check(self) -> None:
        """Answer the question on the screen, if it is open."""
        check = (await self.phones[0].expect("snapshot", phase="check"))["check"]
        if not check["open"]:
            return
        options = [o["id"] for o in check["options"]]
        picks = ("option-2", next(o for o in options if o != "option-2"))  # right, wrong
        for phone, option in zip(self.phones, picks, strict=True):
            await phone.send(type="answer", phase=check["phase"], question=check["number"],
                             option=option)  # fmt: skip
            await phone.expect("answer_ack")

    async def check_after(self) -> None:
        """At the ending: ask the knowledge check again, answer it and return to the ending."""
        for _ in range(10):
            reply = await self.command("next")
            if reply.get("phase") == "check":
                await self.answer_check()
            elif reply.get("phase") == "ending":
                return


async def _open_room(base: str, token: str, http: aiohttp.ClientSession) -> Room:
    host = await connect(http, base)
    await host.send(type="hello_host", token=token)
    await host.expect("host_state")
    phones = [await join(http, base, name) for name in ("Ann", "Bo")]
    return Room(host, phones)


def test_a_headless_host_sends_statements_as_they_happen(ralph: Ralph, tmp_path: Path) -> None:
    """``roleplay host --headless --lrs-…``: the first answer reaches Ralph while the session
    is still running; at the end Ralph holds exactly what export-xapi makes of the log."""
    home, log = tmp_path / "home", tmp_path / "live.jsonl"
    env = {**os.environ, "ROLEPLAY_HOME": str(home), "LIVE_PW": PASSWORDS["live"],
           "PYTHONPATH": str(ROOT)}  # fmt: skip
    command = [sys.executable, "-m", "roleplay", "host", str(SAMPLE), "--headless",
               "--bind", "127.0.0.1", "--port", "0", "--code", "KQZW", "--timer", "0",
               "--log", str(log), "--lrs-endpoint", ralph.endpoint, "--lrs-user", "live",
               "--lrs-password-env", "LIVE_PW"]  # fmt: skip
    process = subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        links = _links(process)
        registration = str(session_registration(read_session(log)))
        asyncio.run(_play_watching_ralph(ralph, links, registration))
        out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err
    sent = _exported(log)
    back = _client(ralph, "live").statements(registration=registration)
    assert _as_sent(back) == _as_sent(sent)
    verbs = [s["verb"]["display"]["en-US"] for s in sent]
    assert verbs[-3:] == ["completed", "answered", "terminated"]  # the check after the story
    checks = [s for s in sent if ":check:" in s["object"]["id"]]
    assert [s["context"]["extensions"]["urn:roleplay:xapi:check-phase"] for s in checks] == [
        "before", "after",
    ]  # fmt: skip
    assert all(s["result"]["score"]["scaled"] == 0.5 for s in checks)
    assert f"records: {len(sent)} sent, 0 waiting" in out
    for path in [*home.rglob("*"), log]:
        if path.is_file():
            assert PASSWORDS["live"] not in path.read_text(errors="replace"), path
    assert PASSWORDS["live"] not in out + err


def _links(process: subprocess.Popen[str]) -> dict[str, str]:
    assert process.stdout is not None
    links: dict[str, str] = {}
    while "records" not in links:
        line = process.stdout.readline()
        assert line, f"the host stopped: {process.stderr.read() if process.stderr else ''}"
        key, _, value = line.partition(": ")
        links[key] = value.strip()
    return links


async def _play_watching_ralph(ralph: Ralph, links: dict[str, str], registration: str) -> None:
    base, token = links["join"].split("/?")[0], links["host"].split("#", 1)[1]
    client = _client(ralph, "live")
    async with aiohttp.ClientSession() as http:
        room = await _open_room(base, token, http)
        assert await room.decide()

        def answered() -> bool:
            found = client.statements(registration=registration)
            return any(s["verb"]["display"]["en-US"] == "answered" for s in found)

        await asyncio.to_thread(_wait_for, answered)  # while the session is still running
        while await room.decide():
            pass
        await room.check_after()
        await room.command("end")


def test_statements_wait_while_the_lrs_is_down_and_go_out_when_it_is_back(
    ralph: Ralph, tmp_path: Path
) -> None:
    settings = LrsSettings(
        ralph.endpoint, "down", PASSWORDS["down"], tmp_path / "outbox", retry_cap=1.0
    )
    log = tmp_path / "down.jsonl"
    ralph.stop()
    try:
        with running_host(
            load_scenario(SAMPLE), log, timer=None, auto_close=False, lrs=settings
        ) as runtime:
            asyncio.run(_play_two_decisions(runtime))
            records = runtime.records
            assert records is not None
            _wait_for(lambda: records.status().waiting >= 3)  # initialized, two answers
            status = records.status()
            assert status.delivered == 0 and "cannot reach" in str(status.error)
            ralph.start()
            _wait_for(lambda: records.status().waiting == 0)
            assert records.status().delivered >= 3 and records.status().error is None
    finally:
        if ralph.process is None:
            ralph.start()
    assert runtime.records_status is not None and runtime.records_status.waiting == 0
    registration = str(session_registration(read_session(log)))
    back = _client(ralph, "down").statements(registration=registration)
    assert _as_sent(back) == _as_sent(_exported(log))


async def _play_two_decisions(runtime: HostRuntime) -> None:
    base = f"http://127.0.0.1:{runtime.server.port}"
    async with aiohttp.ClientSession() as http:
        room = await _open_room(base, runtime.session.host_token, http)
        for _ in range(2):
            assert await room.decide()
