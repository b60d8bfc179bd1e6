"""The outbox: statements wait on disk until a learning record store has them.

One folder per LRS endpoint. ``pending/<statement id>.json`` holds a statement not yet delivered,
``sent/<statement id>.json`` one the LRS has; ``outbox.json`` remembers the endpoint (never the
credentials), the last attempt and its outcome. Every file is written atomically, so a crash or
a cut network loses nothing already queued, and a statement id already queued or sent is not
queued again.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from roleplay.engine._atomic import write_text_atomic
from roleplay.engine._files import FileProblem, read_json_bounded

MAX_STATEMENT_BYTES = 1_000_000
_ID = re.compile(r"^[0-9a-fA-F-]{36}$")


@dataclass(frozen=True)
class OutboxStatus:
    """What is waiting in one outbox and how the last attempt went."""

    folder: Path
    endpoint: str
    pending: int
    sent: int
    oldest_pending: str | None
    last_attempt: str | None
    last_error: str | None


def outbox_folder(root: Path, endpoint: str) -> Path:
    """The outbox of ``endpoint`` under ``root``: host name plus a short hash of the address."""
    parts = urlsplit(endpoint)
    host = re.sub(r"[^A-Za-z0-9.-]", "_", parts.hostname or "lrs")[:60]
    digest = hashlib.sha256(endpoint.rstrip("/").encode("utf-8")).hexdigest()[:10]
    return root / f"{host}-{digest}"


class Outbox:
    """Statements queued for one LRS endpoint, kept in ``folder``."""

    def __init__(self, folder: Path, endpoint: str | None = None) -> None:
        self.folder = Path(folder)
        self.pending_dir = self.folder / "pending"
        self.sent_dir = self.folder / "sent"
        self.pending_dir.mkdir(parents=True, exist_ok=True)
        self.sent_dir.mkdir(parents=True, exist_ok=True)
        if endpoint is not None:
            meta = self._meta()
            if meta.get("endpoint") != endpoint:
                meta["endpoint"] = endpoint
                self._write_meta(meta)

    @property
    def endpoint(self) -> str:
        """The LRS this outbox sends to ('' when unknown)."""
        return str(self._meta().get("endpoint", ""))

    def add(self, statements: Iterable[dict[str, Any]]) -> int:
        """Queue statements not already queued or sent; returns how many were new."""
        added = 0
        queued_at = datetime.now(UTC).isoformat(timespec="microseconds")
        for order, statement in enumerate(statements):
            statement_id = str(statement.get("id", ""))
            if not _ID.match(statement_id):
                raise ValueError("every statement needs an id (a UUID) to be queued")
            name = f"{statement_id}.json"
            if (self.pending_dir / name).exists() or (self.sent_dir / name).exists():
                continue
            entry = {"queued_at": queued_at, "order": order, "statement": statement}
            write_text_atomic(self.pending_dir / name, json.dumps(entry, ensure_ascii=False))
            added += 1
        return added

    def pending(self) -> list[dict[str, Any]]:
        """The statements waiting, oldest first (unreadable files are skipped)."""
        entries = [e for e in map(_read_entry, self.pending_dir.glob("*.json")) if e is not None]
        entries.sort(key=lambda e: (str(e.get("queued_at", "")), int(e.get("order", 0))))
        return [e["statement"] for e in entries]

    def mark_sent(self, statement_ids: Iterable[str]) -> None:
        """Move delivered statements from pending to sent."""
        for statement_id in statement_ids:
            name = f"{statement_id}.json"
            source = self.pending_dir / name
            if source.exists():
                os.replace(source, self.sent_dir / name)

    def sent_ids(self) -> set[str]:
        """Ids of every statement the LRS has acknowledged."""
        return {p.stem for p in self.sent_dir.glob("*.json")}

    def note_attempt(self, error: str | None) -> None:
        """Remember when the last delivery attempt was and what went wrong (None: nothing)."""
        meta = self._meta()
        meta["last_attempt"] = datetime.now(UTC).isoformat(timespec="seconds")
        meta["last_error"] = error
        self._write_meta(meta)

    def status(self) -> OutboxStatus:
        """Counts and the last attempt, for ``roleplay lrs status``."""
        meta = self._meta()
        waiting = [e for e in map(_read_entry, self.pending_dir.glob("*.json")) if e is not None]
        oldest = min((str(e.get("queued_at", "")) for e in waiting), default=None)
        return OutboxStatus(
            folder=self.folder,
            endpoint=str(meta.get("endpoint", "")),
            pending=len(list(self.pending_dir.glob("*.json"))),
            sent=len(list(self.sent_dir.glob("*.json"))),
            oldest_pending=oldest,
            last_attempt=meta.get("last_attempt"),
            last_error=meta.get("last_error"),
        )

    def _meta(self) -> dict[str, Any]:
        entry = _read_json(self.folder / "outbox.json")
        return entry if isinstance(entry, dict) else {}

    def _write_meta(self, meta: dict[str, Any]) -> None:
        write_text_atomic(self.folder / "outbox.json", json.dumps(meta, indent=1))


def find_outboxes(root: Path) -> list[Outbox]:
    """Every outbox under ``root`` (one per endpoint), by folder name."""
    if not root.is_dir():
        return []
    return [Outbox(p) for p in sorted(root.iterdir()) if (p / "pending").is_dir()]


def _read_json(path: Path) -> Any:
    """The JSON in ``path`` through the engine's bounded reader, or None when unusable."""
    try:
        return read_json_bounded(path, MAX_STATEMENT_BYTES)
    except FileProblem:
        return None


def _read_entry(path: Path) -> dict[str, Any] | None:
    entry = _read_json(path)
    if isinstance(entry, dict) and isinstance(entry.get("statement"), dict):
        return entry
    return None
