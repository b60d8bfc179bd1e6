"""Small shapes the session modules share: a message to send, a refused action, the discuss
card. Re-exported by :mod:`roleplay.facilitator._session`, where they are imported from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from roleplay.facilitator._timer import VoteTimer


@dataclass(frozen=True)
class Outgoing:
    """A message for ``to``: ``"phones"`` (everyone), ``"host"`` (host remotes) or a player id."""

    to: str
    message: dict[str, Any]
    close: bool = False


class ActionError(Exception):
    """An action was refused; ``code`` is the error code sent back."""

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        super().__init__(message)


@dataclass
class Discussion:
    """The discuss card: the node's prompt and an optional discussion timer."""

    node: str
    prompt: str
    timer: VoteTimer | None
