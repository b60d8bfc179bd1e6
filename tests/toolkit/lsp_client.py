"""A small, real LSP client: spawns ``python -m roleplay lsp`` and speaks JSON-RPC over stdio.

Messages are built and read with lsprotocol's own types and converter, framed with
``Content-Length`` headers exactly as editors send them.
"""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any, TypeVar

from lsprotocol import converters
from lsprotocol import types as lsp

T = TypeVar("T")
WAIT = 60.0  # seconds before a missing answer is a failure rather than a hang


class LspClient:
    """Drives one server process; use as a context manager."""

    def __init__(self, cwd: Path) -> None:
        self.converter = converters.get_converter()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "roleplay", "lsp"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=cwd,
        )
        self.inbox: queue.Queue[dict[str, Any]] = queue.Queue()
        self.notifications: list[dict[str, Any]] = []
        self.next_id = 0
        assert self.process.stdout is not None
        threading.Thread(target=self._read, args=(self.process.stdout,), daemon=True).start()

    def _read(self, stream: IO[bytes]) -> None:
        while True:
            length = 0
            while True:
                header = stream.readline()
                if not header:
                    return
                if header in (b"\r\n", b"\n"):
                    break
                name, _, value = header.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            self.inbox.put(json.loads(stream.read(length)))

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps(message).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method: str, params: Any) -> None:
        """Send a notification (lsprotocol params object)."""
        self._send({"jsonrpc": "2.0", "method": method, "params": self._plain(params)})

    def request(self, method: str, params: Any, result_type: type[T] | Any = None) -> Any:
        """Send a request and wait for its response; structured as ``result_type`` if given."""
        self.next_id += 1
        ident = self.next_id
        self._send({"jsonrpc": "2.0", "id": ident, "method": method, "params": self._plain(params)})
        message = self._wait(lambda m: m.get("id") == ident and "method" not in m)
        assert "error" not in message, message["error"]
        result = message.get("result")
        if result_type is None or result is None:
            return result
        return self.converter.structure(result, result_type)

    def diagnostics(self, uri: str, after: int = 0) -> list[lsp.Diagnostic]:
        """The next publishDiagnostics for ``uri`` (the ``after``-th one counted from 0)."""
        seen = [m for m in self.notifications if _is_diagnostics(m, uri)]
        while len(seen) <= after:
            message = self._wait(lambda m: _is_diagnostics(m, uri))
            seen.append(message)
        params = self.converter.structure(seen[after]["params"], lsp.PublishDiagnosticsParams)
        return list(params.diagnostics)

    def count_diagnostics(self, uri: str) -> int:
        """How many publishDiagnostics for ``uri`` arrived so far."""
        return sum(_is_diagnostics(m, uri) for m in self.notifications)

    def _wait(self, wanted: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
        while True:
            try:
                message = self.inbox.get(timeout=WAIT)
            except queue.Empty:
                raise AssertionError("the language server did not answer") from None
            if "method" in message and "id" not in message:
                self.notifications.append(message)
            if wanted(message):
                return message

    def _plain(self, params: Any) -> Any:
        return self.converter.unstructure(params)

    def initialize(self, root: Path) -> lsp.InitializeResult:
        """The initialize handshake."""
        params = lsp.InitializeParams(
            capabilities=lsp.ClientCapabilities(),
            process_id=None,
            root_uri=root.as_uri(),
        )
        result = self.request("initialize", params, lsp.InitializeResult)
        self.notify("initialized", lsp.InitializedParams())
        return result  # type: ignore[no-any-return]

    def close(self) -> None:
        """shutdown, exit, and wait for the process."""
        try:
            self.request("shutdown", None)
            self.notify("exit", None)
            self.process.wait(timeout=WAIT)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
            for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
                if stream is not None:
                    stream.close()

    def __enter__(self) -> LspClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _is_diagnostics(message: dict[str, Any], uri: str) -> bool:
    return (
        message.get("method") == "textDocument/publishDiagnostics"
        and message["params"]["uri"] == uri
    )
