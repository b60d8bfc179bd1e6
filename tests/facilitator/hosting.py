"""Helpers that run a real host (session + server + game loop thread) and talk to it."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import aiohttp

from roleplay.engine._scenario import Scenario
from roleplay.facilitator._host import HostOptions, HostRuntime, open_runtime
from roleplay.facilitator._room import RoomSettings
from roleplay.facilitator._server import JoinLimiter
from roleplay.facilitator._timer import Clock
from roleplay.reports._live import LrsSettings


@contextmanager
def running_host(
    scenario: Scenario,
    log_path: Path,
    *,
    join_limit: JoinLimiter | None = None,
    lrs: LrsSettings | None = None,
    clock: Clock | None = None,
    **settings: Any,
) -> Iterator[HostRuntime]:
    """A host on 127.0.0.1 (any free port) whose game loop runs in a background thread.

    The knowledge check is off unless a test asks for it (``check=True``): most tests are about
    the story's votes, and the sample scenario has a check. ``clock``: the timers' clock (a
    test's fake one)."""
    settings.setdefault("check", False)
    room_settings = RoomSettings()
    room_settings.update(settings)
    runtime, _ = open_runtime(
        HostOptions(
            scenario,
            bind="127.0.0.1",
            port=0,
            code="KQZW",
            settings=room_settings,
            log_path=log_path,
            join_limit=join_limit,
            lrs=lrs,
            clock=clock,
        )
    )
    stop = threading.Event()

    def loop() -> None:
        while not stop.is_set():
            runtime.pump(0.01)

    thread = threading.Thread(target=loop, name="test-game-loop", daemon=True)
    thread.start()
    try:
        yield runtime
    finally:
        stop.set()
        thread.join(5)
        runtime.close()


class Client:
    """One WebSocket client (a phone or the host remote) with a message inbox."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self.inbox: list[dict[str, Any]] = []

    async def send(self, **message: Any) -> None:
        await self.ws.send_str(json.dumps(message))

    async def expect(self, kind: str, timeout: float = 5.0, **fields: Any) -> dict[str, Any]:
        """Wait for the next message of type ``kind`` (whose fields match), skipping others."""
        async with asyncio.timeout(timeout):
            while True:
                for index, message in enumerate(self.inbox):
                    if message["type"] == kind and all(
                        message.get(k) == v for k, v in fields.items()
                    ):
                        del self.inbox[: index + 1]
                        return message
                frame = await self.ws.receive()
                if frame.type != aiohttp.WSMsgType.TEXT:
                    raise ConnectionError(f"socket closed while waiting for {kind}")
                self.inbox.append(json.loads(frame.data))


async def connect(http: aiohttp.ClientSession, base: str, *, origin: str | None = None) -> Client:
    """Open a WebSocket to the host at ``base`` (``http://127.0.0.1:PORT``)."""
    headers = {"Origin": origin} if origin else {}
    ws = await http.ws_connect(base.replace("http", "ws", 1) + "/ws", headers=headers)
    return Client(ws)


async def join(http: aiohttp.ClientSession, base: str, name: str, **extra: Any) -> Client:
    """A phone that joined room KQZW (welcome and first snapshot read)."""
    client = await connect(http, base)
    await client.send(type="join", room="KQZW", nickname=name, **extra)
    welcome = await client.expect("welcome")
    client.inbox.append(welcome)
    return client


async def host_to_vote(host: Client, limit: int = 30) -> dict[str, Any]:
    """Press "next" on the host remote until a vote is open; returns the last reply."""
    for ref in range(limit):
        await host.send(type="command", action="next", ref=ref)
        done = await host.expect("done", ref=ref)
        if done["phase"] == "vote":
            return done
    raise AssertionError("no vote opened")
