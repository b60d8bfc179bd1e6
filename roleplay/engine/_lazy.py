"""Compiled nodes made on first use, for a scenario served from the scenario cache.

A scenario read back from the cache is exactly one that loaded without a diagnostic (see
roleplay.engine._cache), so its nodes need no checking again, only compiling, and a playthrough
visits a fraction of a big scenario's nodes. :class:`LazyNodes` compiles a node the first time it
is looked up and keeps it; iterating, ``len`` and ``in`` need no compiling. :class:`LazyChoices`
finds a choice by id through the node that holds it. Both are read-only mappings, like the
``MappingProxyType`` a fresh load gives.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from typing import TypeVar, overload

from roleplay.engine._scenario import CompiledChoice, CompiledNode

T = TypeVar("T")

# Compiled nodes are long-lived scenario data, like the records a load freezes (see
# roleplay.engine._yaml.paused_gc); frozen in batches, the collector stops walking them on every
# full collection (a fifth of the play time of a big scenario otherwise). A batch is frozen once
# per this many nodes compiled, so a scenario freezes at most nodes / FREEZE_EVERY times.
FREEZE_EVERY = 1_000


class LazyNodes(Mapping[str, CompiledNode]):
    """Node id -> compiled node, compiled on first look-up with ``compile(node_id)``."""

    __slots__ = ("_compile", "_done", "_ids")

    def __init__(self, ids: Mapping[str, object], compile_node: Callable[[str], CompiledNode]):
        self._ids = ids
        self._compile = compile_node
        self._done: dict[str, CompiledNode] = {}

    def __getitem__(self, node_id: str) -> CompiledNode:
        node = self._done.get(node_id)
        if node is None:
            if node_id not in self._ids:
                raise KeyError(node_id)
            node = self._done[node_id] = self._compile(node_id)
            if len(self._done) % FREEZE_EVERY == 0:
                gc.freeze()
        return node

    @overload
    def get(self, node_id: str, /) -> CompiledNode | None: ...
    @overload
    def get(self, node_id: str, default: CompiledNode | T, /) -> CompiledNode | T: ...
    def get(self, node_id: str, default: object = None, /) -> object:
        """The compiled node, or ``default`` when there is no such node."""
        node = self._done.get(node_id)
        if node is not None:
            return node
        return self[node_id] if node_id in self._ids else default

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._ids

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)

    def __repr__(self) -> str:
        return f"LazyNodes({len(self._done)} of {len(self._ids)} compiled)"


class LazyChoices(Mapping[str, CompiledChoice]):
    """Choice id -> compiled choice, through the (lazily compiled) node that holds it; the ids
    (``ids()``: (node id, index) -> choice id) are collected on first use."""

    __slots__ = ("_ids", "_nodes", "_where_made")

    def __init__(
        self, ids: Callable[[], Mapping[tuple[str, int], str]], nodes: Mapping[str, CompiledNode]
    ):
        self._ids = ids
        self._nodes = nodes
        self._where_made: dict[str, tuple[str, int]] | None = None

    @property
    def _where(self) -> dict[str, tuple[str, int]]:
        if self._where_made is None:
            self._where_made = {choice_id: place for place, choice_id in self._ids().items()}
        return self._where_made

    def __getitem__(self, choice_id: str) -> CompiledChoice:
        node_id, index = self._where[choice_id]
        return self._nodes[node_id].choices[index]

    def __contains__(self, choice_id: object) -> bool:
        return choice_id in self._where

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)


class LazySet(AbstractSet[str]):
    """A set of names ``build()`` makes on first use."""

    __slots__ = ("_build", "_made")

    def __init__(self, build: Callable[[], frozenset[str]]):
        self._build = build
        self._made: frozenset[str] | None = None

    def _set(self) -> frozenset[str]:
        if self._made is None:
            self._made = self._build()
        return self._made

    def __contains__(self, name: object) -> bool:
        return name in self._set()

    def __iter__(self) -> Iterator[str]:
        return iter(self._set())

    def __len__(self) -> int:
        return len(self._set())


class LazyMapping(Mapping[str, T]):
    """A mapping ``build()`` makes on first use (labels of a big scenario: rarely needed)."""

    __slots__ = ("_build", "_made")

    def __init__(self, build: Callable[[], Mapping[str, T]]):
        self._build = build
        self._made: Mapping[str, T] | None = None

    def _mapping(self) -> Mapping[str, T]:
        if self._made is None:
            self._made = self._build()
        return self._made

    def __getitem__(self, key: str) -> T:
        return self._mapping()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._mapping())

    def __len__(self) -> int:
        return len(self._mapping())
