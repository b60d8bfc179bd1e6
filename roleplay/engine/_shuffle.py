"""The order choices (and knowledge-check answers) are shown in: shuffled per playthrough.

The order comes from the seed kept in the game state, so saves, rewinds and replays show the
same order again. Each item's place depends only on the seed, where it is and its own id, so
adding a choice to a decision does not reorder the others.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")


def new_seed() -> int:
    """A fresh random seed for a new playthrough."""
    return secrets.randbits(32)


def shuffled(items: Sequence[T], seed: int | None, scope: str, key: Callable[[T], str]) -> list[T]:
    """``items`` in the order ``seed`` gives them at ``scope``; as written when seed is None."""
    if seed is None or len(items) < 2:
        return list(items)
    return sorted(items, key=lambda item: _rank(seed, scope, key(item)))


def _rank(seed: int, scope: str, item: str) -> bytes:
    return hashlib.blake2b(f"{seed}:{scope}:{item}".encode(), digest_size=8).digest()
