"""The web server for phones and the host remote: aiohttp in its own thread and event loop.

Phones → game: each checked message becomes a :class:`Command` on a ``queue.Queue`` that the game
loop drains every frame; the loop answers through the command's future. Game → phones:
:meth:`PhoneServer.answer` hands a batch's replies and messages to this loop in one
``call_soon_threadsafe``. Nothing here touches the session.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import queue
import threading
import time
from collections import deque
from collections.abc import Iterable
from concurrent.futures import Future
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from aiohttp import WSMsgType, web

from roleplay.facilitator._protocol import Command, ProtocolError, Reply, error, parse_message
from roleplay.facilitator._session import Outgoing

LOG = logging.getLogger("roleplay.facilitator")
STATIC_FILES = {
    "phone.js": "text/javascript",
    "host.js": "text/javascript",
    "style.css": "text/css",
}
HARD_FRAME_LIMIT = 16_384  # frames above this close the socket; above 2 KB are refused politely
MAX_STRIKES = 20
REPLY_TIMEOUT = 10.0
SEND_SLICE = 50
_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; connect-src 'self'; img-src 'self' data:",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


@dataclass
class Connection:
    """One WebSocket: who it belongs to once joined, and how often it sent nonsense."""

    id: int
    ws: web.WebSocketResponse
    address: str
    player: str | None = None
    host: bool = False
    strikes: int = 0


@dataclass
class JoinLimiter:
    """At most ``count`` new joins per ``window`` seconds from one address."""

    count: int
    window: float
    _seen: dict[str, deque[float]] = field(default_factory=dict)

    def allow(self, address: str) -> bool:
        """Record a join attempt; False when the address is over its limit."""
        now = time.monotonic()
        times = self._seen.setdefault(address, deque())
        while times and now - times[0] > self.window:
            times.popleft()
        if len(times) >= self.count:
            return False
        times.append(now)
        return True


def _static(name: str) -> bytes:
    return (resources.files("roleplay.facilitator") / "static" / name).read_bytes()


class PhoneServer:
    """HTTP and WebSocket endpoints, run in a background thread."""

    def __init__(
        self, commands: queue.Queue[Command], *, join_limit: JoinLimiter | None = None
    ) -> None:
        self.commands = commands
        self.limiter = join_limit  # None: no limit (a load test on loopback)
        self.port = 0
        self.rejected = 0  # messages refused as too large or malformed
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self._connections: dict[int, Connection] = {}
        self._tasks: set[asyncio.Task[None]] = set()  # deliveries under way (kept referenced)
        self._next_id = 0
        self._files = {name: _static(name) for name in (*STATIC_FILES, "phone.html", "host.html")}

    # --- lifecycle (called from the game thread) ---------------------------------------
    def start(self, host: str, port: int) -> int:
        """Listen on ``host:port`` (0: any free port); returns the port. Raises OSError."""
        ready = threading.Event()
        failure: list[BaseException] = []
        self._thread = threading.Thread(
            target=self._run, args=(host, port, ready, failure), name="roleplay-phones", daemon=True
        )
        self._thread.start()
        ready.wait(15)
        if failure:
            raise failure[0]
        return self.port

    def listen_also(self, host: str) -> None:
        """Also listen on ``host`` (same port), keeping every open connection. Raises OSError."""
        loop = self._loop
        if loop is None or loop.is_closed():
            raise OSError("the server is not running")
        future = asyncio.run_coroutine_threadsafe(self._add_site(host, self.port), loop)
        try:
            future.result(15)
        except TimeoutError:
            future.cancel()
            raise OSError(f"timed out binding {host}") from None

    async def _add_site(self, host: str, port: int) -> None:
        assert self._runner is not None
        await web.TCPSite(self._runner, host, port).start()

    def stop(self) -> None:
        """Close every connection and stop the server thread."""
        loop = self._loop
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(loop.stop)
        if self._thread is not None:
            self._thread.join(10)

    def answer(self, replies: list[tuple[Command, Reply]], outgoing: list[Outgoing]) -> None:
        """From the game thread: resolve a batch of commands' replies, then send ``outgoing``.

        One hop to the server's loop for the whole batch, rather than a wake-up per reply.
        """
        loop = self._loop
        if loop is None or loop.is_closed():
            for command, reply in replies:  # no server loop: only plain futures can be waiting
                if isinstance(command.reply, Future) and not command.reply.done():
                    command.reply.set_result(reply)
            return
        if replies or outgoing:
            with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
                loop.call_soon_threadsafe(self._answer, replies, outgoing)

    def _answer(self, replies: list[tuple[Command, Reply]], outgoing: list[Outgoing]) -> None:
        for command, reply in replies:
            if command.reply is not None and not command.reply.done():
                command.reply.set_result(reply)
        if outgoing:
            task = asyncio.get_running_loop().create_task(self._deliver(outgoing))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    def _run(
        self, host: str, port: int, ready: threading.Event, failure: list[BaseException]
    ) -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(self._listen(host, port))
        except OSError as exc:
            failure.append(exc)
            ready.set()
            loop.close()
            return
        self._loop = loop
        ready.set()
        try:
            loop.run_forever()
        finally:
            loop.run_until_complete(self._shutdown())
            loop.close()

    async def _listen(self, host: str, port: int) -> None:
        app = web.Application(client_max_size=HARD_FRAME_LIMIT)
        app.router.add_get("/", self._page("phone.html"))
        app.router.add_get("/host", self._page("host.html"))
        app.router.add_get("/static/{name}", self._static_file)
        app.router.add_get("/ws", self._websocket)
        self._runner = web.AppRunner(
            app, access_log=None, handle_signals=False, shutdown_timeout=1.0
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        addresses = self._runner.addresses
        self.port = int(addresses[0][1]) if addresses else port

    async def _shutdown(self) -> None:
        if self._tasks:  # let the last news (e.g. "the session is over") go out, briefly
            await asyncio.wait(list(self._tasks), timeout=2.0)
            for task in list(self._tasks):
                task.cancel()
            await asyncio.gather(*self._tasks, return_exceptions=True)
        for connection in list(self._connections.values()):
            with contextlib.suppress(Exception):
                await connection.ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    # --- HTTP ---------------------------------------------------------------------------
    def _page(self, name: str) -> Any:
        async def page(request: web.Request) -> web.Response:
            return web.Response(
                body=self._files[name], content_type="text/html", charset="utf-8", headers=_HEADERS
            )

        return page

    async def _static_file(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        if name not in STATIC_FILES:
            raise web.HTTPNotFound(text="no such file")
        return web.Response(
            body=self._files[name],
            content_type=STATIC_FILES[name],
            charset="utf-8",
            headers=_HEADERS,
        )

    # --- WebSocket ----------------------------------------------------------------------
    async def _websocket(self, request: web.Request) -> web.StreamResponse:
        origin = request.headers.get("Origin")
        if origin is not None and origin != f"{request.scheme}://{request.host}":
            LOG.warning("refused a WebSocket from origin %r", origin[:100])
            return web.Response(status=403, text="cross-origin WebSocket refused")
        ws = web.WebSocketResponse(max_msg_size=HARD_FRAME_LIMIT, heartbeat=25.0)
        await ws.prepare(request)
        self._next_id += 1
        connection = Connection(self._next_id, ws, request.remote or "?")
        self._connections[connection.id] = connection
        try:
            async for frame in ws:
                if frame.type == WSMsgType.TEXT:
                    await self._on_text(connection, frame.data)
                elif frame.type == WSMsgType.BINARY:
                    await self._refuse(connection, ProtocolError("bad_message", "text only"))
        finally:
            self._connections.pop(connection.id, None)
            if connection.player is not None:
                self.commands.put(Command(connection.id, {"type": "disconnect"}, connection.player))
        return ws

    async def _on_text(self, connection: Connection, data: str) -> None:
        try:
            message = parse_message(data)
        except ProtocolError as refused:
            await self._refuse(connection, refused)
            return
        kind = message["type"]
        if kind in ("join", "rejoin", "hello_host") and (connection.player or connection.host):
            await self._send(connection, [error("already_joined", "Already joined.")])
            return
        if kind == "join" and self.limiter and not self.limiter.allow(connection.address):
            LOG.warning("join rate limit reached for %s", connection.address)
            await self._send(connection, [error("rate_limited", "Too many joins; wait a minute.")])
            return
        reply = await self._ask(connection, message)
        if reply.player is not None:
            connection.player = reply.player
        connection.host = connection.host or reply.host
        await self._send(connection, reply.messages)
        if reply.close:
            await connection.ws.close()

    async def _ask(self, connection: Connection, message: dict[str, Any]) -> Reply:
        waiter: asyncio.Future[Reply] = asyncio.get_running_loop().create_future()
        self.commands.put(
            Command(connection.id, message, connection.player, connection.host, waiter)
        )
        try:
            return await asyncio.wait_for(waiter, REPLY_TIMEOUT)
        except TimeoutError:
            return Reply([error("busy", "The host did not answer; try again.")])

    async def _refuse(self, connection: Connection, refused: ProtocolError) -> None:
        self.rejected += 1
        connection.strikes += 1
        LOG.warning("refused a message from %s: %s", connection.address, refused)
        await self._send(connection, [error(refused.code, str(refused))])
        if connection.strikes > MAX_STRIKES:
            await connection.ws.close()

    async def _send(self, connection: Connection, messages: Iterable[dict[str, Any]]) -> None:
        for message in messages:
            await self._send_text(connection, json.dumps(message, ensure_ascii=False))

    @staticmethod
    async def _send_text(connection: Connection, text: str) -> None:
        if connection.ws.closed:
            return
        with contextlib.suppress(ConnectionError, RuntimeError):
            await connection.ws.send_str(text)

    async def _deliver(self, outgoing: list[Outgoing]) -> None:
        groups: dict[str, list[Connection]] = {"host": [], "phones": []}
        for connection in self._connections.values():
            if connection.host:
                groups["host"].append(connection)
            if connection.player is not None:
                groups["phones"].append(connection)
                groups.setdefault(connection.player, []).append(connection)
        sent = 0
        for out in outgoing:
            targets = groups.get(out.to, [])
            text = json.dumps(out.message, ensure_ascii=False)
            for connection in targets:
                await self._send_text(connection, text)
                sent += 1
                if sent % SEND_SLICE == 0:
                    await asyncio.sleep(0)  # let votes be answered during a big broadcast
            if out.close:
                for connection in targets:
                    connection.player = None
                    await connection.ws.close()
