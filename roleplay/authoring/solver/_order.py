"""Breadth-first numbering of the explored states, and which move first led where.

The states are explored node by node, but every witness is the path breadth-first search would
have found: a shortest one, and among those the one whose choices come first as written. That
is what the numbering here gives: states in breadth-first order (``rank``), each with the state
and move it was first reached from (``parent``, ``parent_pos``). A "first" move (to an ending,
a node, a dead end) is the one with the lowest (rank of its state, position) pair.
"""

from __future__ import annotations

from typing import Any

import numpy as np

Array = np.ndarray[Any, Any]

#: The key of the story's start, before every move (see ``first_keys``).
START_KEY = -1
#: More than the number of codes a move can lead to (not explored, a loop, the endings).
_CODES = 1 << 16


class Order:
    """States in breadth-first order from ``initial``, with the move each was first reached by."""

    def __init__(self, starts: Array, edges: Array, initial: int, count: int) -> None:
        index_type: Any = np.int32 if count < 2**31 - 1 else np.int64
        self.rank = np.full(count, -1, dtype=index_type)
        self.parent = np.full(count, -1, dtype=index_type)
        self.parent_pos = np.zeros(count, dtype=np.int16)
        self.by_rank = np.empty(count, dtype=index_type)
        if initial >= 0:
            self._number(starts, edges, initial)

    def _number(self, starts: Array, edges: Array, initial: int) -> None:
        rank, parent, parent_pos, by_rank = self.rank, self.parent, self.parent_pos, self.by_rank
        index_type = rank.dtype
        rank[initial] = 0
        by_rank[0] = initial
        filled = 1
        # per state, then at the (negative) index of each move's result code (never new)
        unseen = np.ones(rank.size + _CODES, dtype=bool)
        unseen[rank.size :] = False
        unseen[initial] = False
        starts = starts.astype(index_type, copy=False) if edges.size < 2**31 - 1 else starts
        # where each target first occurs among a level's moves (filled from the back: the
        # last value written to a repeated index stays, so the first occurrence wins)
        seat = np.zeros(rank.size, dtype=index_type)
        frontier = np.array([initial], dtype=index_type)
        while frontier.size:
            begin = starts[frontier]
            counts = starts[frontier + 1] - begin
            ends = np.cumsum(counts)
            moves = np.repeat(begin - ends + counts, counts)
            moves += np.arange(moves.size, dtype=moves.dtype)
            targets = edges[moves]
            fresh = np.flatnonzero(unseen[targets])
            met = targets[fresh]
            order = np.arange(met.size, dtype=index_type)
            seat[met[::-1]] = order[::-1]
            first = fresh[seat[met] == order]  # the moves, as breadth-first search meets them
            found = targets[first].astype(index_type)
            unseen[found] = False
            owner = np.searchsorted(ends, first.astype(ends.dtype), side="right")
            parent[found] = frontier[owner]
            parent_pos[found] = moves[first] - begin[owner]
            rank[found] = np.arange(filled, filled + found.size)
            by_rank[filled : filled + found.size] = found
            filled += found.size
            frontier = found

    def origin(self, key: int, width: int) -> tuple[int, int]:
        """The (state, position) a first-move key stands for; (-1, 0) for the start."""
        if key == START_KEY:
            return -1, 0
        return int(self.by_rank[key // width]), key % width

    def keys(self, starts: Array, first: int, stop: int, width: int) -> Array:
        """First-move keys (rank of the state x ``width`` + position) of the moves of the
        states ``first``..``stop - 1``."""
        counts = np.diff(starts[first : stop + 1])
        ranks = np.repeat(self.rank[first:stop].astype(np.int64), counts)
        offsets = np.repeat(starts[first:stop] - starts[first], counts)
        pos = np.arange(int(counts.sum())) - offsets
        return np.asarray(ranks * width + pos)
