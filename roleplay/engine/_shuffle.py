"""The order choices (and knowledge-check answers) are shown in: shuffled per playthrough.

The order comes from the seed kept in the game state, so saves, rewinds and replays show the
same order again. Each item's place depends only on the seed, where it is and its own id, so
adding a choice to a decision does not reorder the others.

How: every item has a fixed 64-bit key (a hash of where it is and its id, the same in every
process), and items are sorted by their key mixed with the playthrough's mixed seed (one xor and
one multiplication). The play loop orders a decision's choices at every visit, so the per-item
work is kept to integer arithmetic; the keys are hashed once per scenario and decision.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from roleplay.engine._scenario import CompiledChoice, CompiledNode

T = TypeVar("T")

_MASK = (1 << 64) - 1
_MULTIPLIER = 0xD6E8FEB86659FD93  # odd: multiplying by it permutes 64-bit numbers


def new_seed() -> int:
    """A fresh random seed for a new playthrough."""
    return secrets.randbits(32)


def item_key(scope: str, item: str) -> int:
    """The fixed 64-bit key of ``item`` at ``scope`` (a decision's node id, say)."""
    digest = hashlib.blake2b(f"{scope}:{item}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big")


def mixed_seed(seed: int) -> int:
    """``seed`` spread over 64 bits (splitmix64's finaliser), so nearby seeds order unlike."""
    mixed = (seed + 0x9E3779B97F4A7C15) & _MASK
    mixed = ((mixed ^ (mixed >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    mixed = ((mixed ^ (mixed >> 27)) * 0x94D049BB133111EB) & _MASK
    return mixed ^ (mixed >> 31)


def shuffled_items(items: Sequence[T], keys: Sequence[int], mixed: int) -> tuple[T, ...]:
    """``items`` (with ``keys``) in the order a ``mixed_seed`` gives them: by rank, then by
    place as written (so the items themselves are never compared)."""
    if len(keys) == 3:  # most decisions: three comparisons instead of a sort
        return _three(items, keys, mixed)
    ranks = [((key ^ mixed) * _MULTIPLIER) & _MASK for key in keys]
    return tuple(
        [item for _rank, _place, item in sorted(zip(ranks, range(len(ranks)), items, strict=True))]
    )


def _three(items: Sequence[T], keys: Sequence[int], mixed: int) -> tuple[T, ...]:
    """:func:`shuffled_items` of three items (an equal rank keeps the written order)."""
    first, second, third = items
    key_a, key_b, key_c = keys
    a = ((key_a ^ mixed) * _MULTIPLIER) & _MASK
    b = ((key_b ^ mixed) * _MULTIPLIER) & _MASK
    c = ((key_c ^ mixed) * _MULTIPLIER) & _MASK
    if a <= b:
        if b <= c:
            return (first, second, third)
        return (first, third, second) if a <= c else (third, first, second)
    if a <= c:
        return (second, first, third)
    return (second, third, first) if b <= c else (third, second, first)


def shuffled(items: Sequence[T], seed: int | None, scope: str, key: Callable[[T], str]) -> list[T]:
    """``items`` in the order ``seed`` gives them at ``scope``; as written when seed is None."""
    if seed is None or len(items) < 2:
        return list(items)
    keys = [item_key(scope, key(item)) for item in items]
    return list(shuffled_items(items, keys, mixed_seed(seed)))


def choice_order(node: CompiledNode, seed: int | None) -> tuple[CompiledChoice, ...]:
    """A decision's choices in the order shown with ``seed`` (as written when not shuffled)."""
    if not node.shuffle or seed is None:
        return node.choices
    return tuple(shuffled(node.choices, seed, node.id, _choice_id))


def _choice_id(choice: CompiledChoice) -> str:
    return choice.id
