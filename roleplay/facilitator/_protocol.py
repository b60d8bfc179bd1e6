"""The phone protocol: checking what clients send, and carrying it out on the session.

The web server (its own thread) parses and checks each WebSocket message with
:func:`parse_message`, then queues a :class:`Command`; the game loop calls :func:`handle` for each
and resolves the command's future with a :class:`Reply`. Messages are documented in
``docs/facilitator.md`` ("WebSocket messages").
"""

from __future__ import annotations

import asyncio
import json
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

from roleplay.facilitator._controls import HostSession
from roleplay.facilitator._room import JoinRefused
from roleplay.facilitator._session import ActionError
from roleplay.facilitator._views import host_state, phone_snapshot

MAX_MESSAGE_BYTES = 2048
_STR = str
_INT = int
_TEXT = (str, type(None))

#: Field types of each message a client may send (other fields are refused).
MESSAGE_FIELDS: dict[str, dict[str, tuple[type, ...]]] = {
    "join": {"room": (_STR,), "nickname": _TEXT, "device": _TEXT},
    "rejoin": {"room": (_STR,), "token": (_STR,)},
    "vote": {"decision": (_INT,), "choice": (_STR,)},
    "answer": {"phase": (_STR,), "question": (_INT,), "option": (_STR,)},
    "leave": {},
    "hello_host": {"token": (_STR,)},
    "command": {
        "action": (_STR,),
        "ref": (int, str, type(None)),
        "choice": _TEXT,
        "what": _TEXT,
        "player": _TEXT,
        "seconds": (int, float, type(None)),
        "counts": (dict, type(None)),
        "settings": (dict, type(None)),
    },
}
_STRING_LIMIT = 200


class ProtocolError(Exception):
    """A message was refused; ``code`` and the message go back to the client."""

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        super().__init__(message)


def parse_message(raw: object) -> dict[str, Any]:
    """The checked message in a WebSocket text frame; raises :class:`ProtocolError`."""
    if not isinstance(raw, str):
        raise ProtocolError("bad_message", "messages are JSON text")
    if len(raw.encode("utf-8")) > MAX_MESSAGE_BYTES:
        raise ProtocolError("too_large", f"messages may be at most {MAX_MESSAGE_BYTES} bytes")
    try:
        message = json.loads(raw)
    except ValueError:
        raise ProtocolError("bad_message", "not JSON") from None
    if not isinstance(message, dict) or not isinstance(message.get("type"), str):
        raise ProtocolError("bad_message", "a message is an object with a 'type'")
    fields = MESSAGE_FIELDS.get(message["type"])
    if fields is None:
        raise ProtocolError("bad_message", f"unknown message type '{message['type'][:40]}'")
    for name, value in message.items():
        if name == "type":
            continue
        kinds = fields.get(name)
        if kinds is None or not isinstance(value, kinds) or isinstance(value, bool):
            raise ProtocolError("bad_message", f"'{name[:40]}' is not a valid field here")
        if isinstance(value, str) and len(value) > _STRING_LIMIT:
            raise ProtocolError("bad_message", f"'{name}' is too long")
    missing = [n for n, kinds in fields.items() if not isinstance(None, kinds) and n not in message]
    if missing:
        raise ProtocolError("bad_message", f"missing {', '.join(missing)}")
    return message


@dataclass
class Command:
    """One message (or a disconnect) from connection ``conn``, for the game loop.

    ``reply`` is resolved by the server's event loop thread (:meth:`PhoneServer.answer`): the
    web server waits on an asyncio future of its own loop; other callers may pass a
    ``concurrent.futures.Future``.
    """

    conn: int
    message: dict[str, Any]
    player: str | None = None
    host: bool = False
    reply: Future[Reply] | asyncio.Future[Reply] | None = None


@dataclass
class Reply:
    """What to send back on the connection, and who it now belongs to."""

    messages: list[dict[str, Any]] = field(default_factory=list)
    player: str | None = None
    host: bool = False
    close: bool = False


def error(code: str, message: str) -> dict[str, Any]:
    """An ``error`` message."""
    return {"type": "error", "code": code, "message": message}


def handle(session: HostSession, command: Command) -> Reply:
    """Carry out one command on the session (game thread); never raises for bad input."""
    message = command.message
    kind = message["type"]
    ref = {"ref": message["ref"]} if "ref" in message else {}
    try:
        if kind == "disconnect":
            if command.player is not None:
                session.set_connected(command.player, -1)
            return Reply()
        if kind in ("join", "rejoin"):
            return _hello(session, message)
        if kind == "hello_host":
            if not session.is_host(message["token"]):
                return Reply([error("bad_token", "This host link is not valid.")], close=True)
            return Reply([host_state(session)], host=True)
        if command.host and kind == "command":
            run_host_command(session, message)
            done = {"type": "done", "action": message["action"], "phase": session.phase}
            return Reply([{**done, **ref}])
        if command.player is None:
            return Reply([error("not_joined", "Join the room first.")])
        if kind == "vote":
            return Reply([session.vote(command.player, message["decision"], message["choice"])])
        if kind == "answer":
            answer = session.answer(
                command.player, message["phase"], message["question"], message["option"]
            )
            return Reply([answer])
        if kind == "leave":
            session.leave(command.player)
            return Reply([{"type": "left"}], close=True)
        return Reply([error("not_allowed", "That message is for the host.")])
    except (ActionError, JoinRefused) as refused:
        return Reply([{**error(refused.code, str(refused)), **ref}])


def _hello(session: HostSession, message: dict[str, Any]) -> Reply:
    room = str(message["room"]).strip().upper()
    if room != session.room.code:
        return Reply([error("bad_room", "There is no room with that code here.")])
    if message["type"] == "rejoin":
        participant = session.room.by_token(message["token"])
        if participant is None:
            return Reply([error("unknown_token", "You are no longer in this room. Join again.")])
        token = message["token"]
    else:
        try:
            participant, token = session.join(message.get("nickname"), message.get("device"))
        except JoinRefused as refused:
            if refused.code == "full":
                session.refuse_full()
            raise
    session.set_connected(participant.id, +1)
    welcome = {
        "type": "welcome",
        "player": participant.id,
        "nickname": participant.nickname,
        "token": token,
    }
    return Reply([welcome, phone_snapshot(session, participant.id)], player=participant.id)


def run_host_command(session: HostSession, message: dict[str, Any]) -> None:
    """Carry out a facilitator command (from the host remote or the facilitator window)."""
    action = message["action"]
    if action in ("pause", "resume", "extend", "end_now"):
        session.timer_action(action)
    elif action in _SIMPLE:
        getattr(session, _SIMPLE[action])()
    elif action == "play":
        session.play(message.get("choice"))
    elif action == "show_of_hands":
        session.show_of_hands(message.get("counts") or {}, message.get("choice"))
    elif action == "reveal":
        session.reveal(str(message.get("what")))
    elif action == "discuss":
        session.discuss(message.get("seconds"))
    elif action == "preview":
        session.show_preview(str(message.get("choice")))
    elif action in ("kick", "ban"):
        session.remove(str(message.get("player")), ban=action == "ban")
    elif action == "settings":
        session.change_settings(message.get("settings") or {})
    else:
        raise ActionError("bad_action", f"unknown action '{action[:40]}'")


_SIMPLE = {
    "start": "start",
    "next": "next",
    "open_vote": "open_vote",
    "close_vote": "close_vote",
    "end_preview": "end_preview",
    "skip_check": "skip_check",
    "rewind": "rewind",
    "end": "end",
}
