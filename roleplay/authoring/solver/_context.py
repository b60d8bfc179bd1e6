"""A condition context over the parts of a solver state key (what GameState offers a condition)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any


class Bits(Mapping[str, Any]):
    """A read-only name -> bool/0-1 view of an integer's bits (flags, chosen choices)."""

    __slots__ = ("as_count", "bits", "pos")

    def __init__(self, bits: int, pos: dict[str, int], as_count: bool) -> None:
        self.bits = bits
        self.pos = pos
        self.as_count = as_count

    def __getitem__(self, name: str) -> Any:
        value = bool(self.bits >> self.pos[name] & 1)
        return int(value) if self.as_count else value

    def get(self, name: str, default: Any = None) -> Any:
        """The value of ``name``; ``default`` when it is not tracked."""
        position = self.pos.get(name)
        if position is None:
            return default
        value = bool(self.bits >> position & 1)
        return int(value) if self.as_count else value

    def __iter__(self) -> Iterator[str]:
        return (n for n, p in self.pos.items() if self.bits >> p & 1)

    def __len__(self) -> int:
        return sum(1 for _ in self)


class Context:
    """The evaluation context a condition reads (the same mappings GameState offers)."""

    __slots__ = ("chosen", "flags", "meters", "visits")

    def __init__(
        self,
        meters: dict[str, int],
        flags: Mapping[str, bool],
        visits: dict[str, int],
        chosen: Mapping[str, int],
    ) -> None:
        self.meters = meters
        self.flags = flags
        self.visits = visits
        self.chosen = chosen
