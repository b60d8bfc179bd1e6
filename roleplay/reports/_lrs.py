"""A small xAPI client (standard library only) and delivery of an outbox with retries.

``200``/``204`` mean stored and ``409`` means the LRS already has statements with those ids:
both count as delivered. ``5xx``, ``429``, timeouts and network errors are retried with an
exponential backoff; other answers (a bad request, wrong credentials) stop and leave the
statements waiting. The password is held only in memory: it never appears in a message, a log
or a file, and the endpoint may not carry credentials in its address.
"""

from __future__ import annotations

import base64
import json
import random
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit

from roleplay.reports._outbox import Outbox

XAPI_VERSION_HEADER = "1.0.3"
DELIVERED = frozenset({200, 204, 409})
RETRYABLE = frozenset({408, 425, 429, 500, 502, 503, 504})
MAX_REPLY_BYTES = 20_000_000


class LrsError(Exception):
    """The LRS could not be reached or refused the request; the message is safe to print."""

    def __init__(self, message: str, *, status: int | None = None, retryable: bool = True) -> None:
        super().__init__(message)
        self.status = status
        self.retryable = retryable


def check_endpoint(endpoint: str) -> str:
    """The endpoint without a trailing slash; raises ValueError when it cannot be used."""
    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"the LRS endpoint must be an http:// or https:// address: {endpoint!r}")
    if parts.username or parts.password:
        raise ValueError("put the user in --user and the password in an environment variable, "
                         "not in the endpoint address")  # fmt: skip
    return endpoint.rstrip("/")


@dataclass
class LrsClient:
    """Talks to one LRS's statements resource with basic authentication."""

    endpoint: str
    user: str
    password: str = field(repr=False)
    timeout: float = 15.0

    def __post_init__(self) -> None:
        self.endpoint = check_endpoint(self.endpoint)

    def _headers(self) -> dict[str, str]:
        token = base64.b64encode(f"{self.user}:{self.password}".encode()).decode("ascii")
        return {
            "Authorization": f"Basic {token}",
            "X-Experience-API-Version": XAPI_VERSION_HEADER,
            "Content-Type": "application/json",
        }

    def _safe(self, text: str) -> str:
        return text.replace(self.password, "***") if self.password else text

    def _request(self, method: str, url: str, body: bytes | None = None) -> tuple[int, bytes]:
        request = urllib.request.Request(url, data=body, method=method, headers=self._headers())
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as reply:
                return int(reply.status), reply.read(MAX_REPLY_BYTES)
        except urllib.error.HTTPError as error:
            detail = self._safe(error.read(300).decode("utf-8", "replace").strip())
            return int(error.code), detail.encode("utf-8")
        except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise LrsError(self._safe(f"cannot reach {self.endpoint}: {reason}")) from None

    def post(self, statements: list[dict[str, Any]]) -> int:
        """Send one batch; returns the status when delivered, raises :class:`LrsError` if not."""
        body = json.dumps(statements, ensure_ascii=False).encode("utf-8")
        status, reply = self._request("POST", f"{self.endpoint}/statements", body)
        if status in DELIVERED:
            return status
        detail = reply[:300].decode("utf-8", "replace")
        raise LrsError(
            f"the LRS answered {status}: {detail or 'no details'}",
            status=status,
            retryable=status in RETRYABLE,
        )

    def statements(self, **params: str) -> list[dict[str, Any]]:
        """Statements matching the query (e.g. ``registration=...``), following ``more`` links."""
        url = f"{self.endpoint}/statements?{urlencode(params)}"
        found: list[dict[str, Any]] = []
        for _page in range(1000):
            status, reply = self._request("GET", url)
            if status != 200:
                raise LrsError(f"the LRS answered {status} to a query", status=status)
            data = json.loads(reply)
            if "statements" not in data:  # a single statement (statementId=...)
                return [data]
            found.extend(data["statements"])
            more = data.get("more") or ""
            if not more:
                break
            url = urljoin(self.endpoint + "/", more)
        return found


@dataclass(frozen=True)
class ConnectionCheck:
    """The outcome of :func:`check_connection`: whether sending can work, in one sentence."""

    ok: bool
    message: str


def check_connection(client: LrsClient) -> ConnectionCheck:
    """Ask the LRS who it is (``GET about``) and whether it takes these credentials (a query
    for a statement id nobody uses: 200 or 404 means yes, 401/403 no). Never raises."""
    try:
        status, reply = client._request("GET", f"{client.endpoint}/about")
        if status not in (200, 404):  # some LRSs (Ralph 5) have no about resource
            return ConnectionCheck(False, f"The LRS answered {status} at {client.endpoint}/about.")
        versions = _versions(reply) if status == 200 else ""
        probe = urlencode({"statementId": str(uuid.uuid4())})
        status, _reply = client._request("GET", f"{client.endpoint}/statements?{probe}")
    except LrsError as problem:
        return ConnectionCheck(False, f"Cannot connect: {problem}.")
    if status in (401, 403):
        return ConnectionCheck(False, "The LRS refused this user name and password.")
    if status not in (200, 404):
        return ConnectionCheck(False, f"The LRS answered {status} to a statements query.")
    speaks = f", xAPI {versions}" if versions else ""
    return ConnectionCheck(True, f"Connected: the LRS accepted this user{speaks}.")


def _versions(reply: bytes) -> str:
    try:
        data = json.loads(reply)
    except ValueError:
        return ""
    found = data.get("version") if isinstance(data, dict) else None
    if not isinstance(found, list):
        return ""
    return ", ".join(str(v) for v in found[:4] if isinstance(v, str))


@dataclass(frozen=True)
class PushResult:
    """What a delivery did: statements delivered, still waiting, and the last problem."""

    delivered: int
    waiting: int
    error: str | None


@dataclass(frozen=True)
class Backoff:
    """Retry policy: ``attempts`` tries, waiting ``base`` × 2ⁿ seconds (with jitter, capped)."""

    attempts: int = 5
    base: float = 1.0
    cap: float = 30.0

    def delay(self, attempt: int) -> float:
        """Seconds to wait after failed attempt number ``attempt`` (0-based)."""
        return min(self.cap, self.base * 2.0**attempt) * random.uniform(0.8, 1.2)


def deliver(
    outbox: Outbox,
    client: LrsClient,
    *,
    backoff: Backoff = Backoff(),
    batch_size: int = 500,
    sleep: Callable[[float], None] = time.sleep,
) -> PushResult:
    """Send everything waiting in ``outbox``, oldest first, in batches; keep what fails."""
    delivered = 0
    error: str | None = None
    pending = outbox.pending()
    for start in range(0, len(pending), batch_size):
        batch = pending[start : start + batch_size]
        error = _send_with_retries(client, batch, backoff, sleep)
        if error is not None:
            break
        outbox.mark_sent(str(s["id"]) for s in batch)
        delivered += len(batch)
    outbox.note_attempt(error)
    return PushResult(delivered, len(pending) - delivered, error)


def _send_with_retries(
    client: LrsClient,
    batch: list[dict[str, Any]],
    backoff: Backoff,
    sleep: Callable[[float], None],
) -> str | None:
    for attempt in range(backoff.attempts):
        try:
            client.post(batch)
            return None
        except LrsError as problem:
            if not problem.retryable or attempt == backoff.attempts - 1:
                return str(problem)
            sleep(backoff.delay(attempt))
    return "no attempt was made"
