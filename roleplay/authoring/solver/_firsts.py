"""The first move, in breadth-first order, that reached each node, ending, dead end and loop.

A move's key is (rank of its state x ``width``) + its position; the story's start comes before
every move. The witness of a finding is the breadth-first path to its first move.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from roleplay.authoring.solver._explorer import TO_LOOP, Explorer
from roleplay.authoring.solver._order import START_KEY, Order
from roleplay.authoring.solver._tables import ENDING_BASE

Array = np.ndarray[Any, Any]
#: (state, position of the move), or (-1, 0) for the start.
Origin = tuple[int, int]

_NONE = np.iinfo(np.int64).max


@dataclass
class Firsts:
    """Where each node, ending, dead end and looping chain was first reached from."""

    nodes: dict[int, Origin] = field(default_factory=dict)
    endings: dict[str, Origin] = field(default_factory=dict)
    dead_ends: dict[int, Origin] = field(default_factory=dict)
    loops: dict[int, Origin] = field(default_factory=dict)


def first_moves(
    explorer: Explorer, order: Order, starts: Array, edges: Array, choices: Array
) -> Firsts:
    """Every first move, found with one pass over the moves, batch by batch."""
    t = explorer.t
    width = max((len(o) for o in explorer.option_table), default=0) + 1
    entries = np.array([c.target for c in t.choices] or [0], dtype=np.int64)
    by_entry = np.full(len(t.nodes), _NONE, dtype=np.int64)
    by_ending = np.full(len(t.ending_code), _NONE, dtype=np.int64)
    by_loop = np.full(len(t.nodes), _NONE, dtype=np.int64)
    for batch in explorer.batches:
        keys = order.keys(starts, batch.first, batch.stop, width)
        begin, end = int(starts[batch.first]), int(starts[batch.stop])
        moved = edges[begin:end]
        entered = entries[choices[begin:end]]
        np.minimum.at(by_entry, entered, keys)
        ended = moved <= ENDING_BASE
        np.minimum.at(by_ending, ENDING_BASE - moved[ended].astype(np.int64), keys[ended])
        looped = moved == TO_LOOP
        np.minimum.at(by_loop, entered[looped], keys[looped])
    _start(explorer, by_entry, by_ending, by_loop)
    found = Firsts()
    found.nodes = _arrivals(explorer, by_entry, order, width)
    ending_ids = [r.spec.id for r in t.scenario.ending_rules]
    found.endings = {
        ending_ids[i]: order.origin(int(k), width)
        for i, k in enumerate(by_ending.tolist())
        if k != _NONE
    }
    found.loops = {n: order.origin(int(k), width) for n, k in enumerate(by_loop) if k != _NONE}
    found.dead_ends = _dead_ends(explorer, order, starts, width)
    return found


def _start(explorer: Explorer, by_entry: Array, by_ending: Array, by_loop: Array) -> None:
    """The story's start enters its node before any move is made."""
    by_entry[explorer.start] = START_KEY
    if explorer.initial <= ENDING_BASE:
        by_ending[ENDING_BASE - explorer.initial] = START_KEY
    elif explorer.initial == TO_LOOP:
        by_loop[explorer.start] = START_KEY


def _arrivals(explorer: Explorer, by_entry: Array, order: Order, width: int) -> dict[int, Origin]:
    """Per node reached: the first move whose ``next`` chain passes or stops there."""
    t = explorer.t
    best: dict[int, int] = {}
    for entry, key in enumerate(by_entry.tolist()):
        if key == _NONE:
            continue
        table = t.nodes[entry]
        passed = (*table.chain_prefix, table.final) if table.final >= 0 else table.chain_prefix
        for node in passed:
            if key < best.get(node, _NONE):
                best[node] = key
    ranges = explorer.out.ranges
    return {n: order.origin(k, width) for n, k in sorted(best.items()) if ranges[n] is not None}


def _dead_ends(explorer: Explorer, order: Order, starts: Array, width: int) -> dict[int, Origin]:
    """Per node: the first move into a state there with no choice available."""
    best: dict[int, int] = {}
    if explorer.out.dead_start is not None:
        best[explorer.out.dead_start] = START_KEY
    for node, moves in explorer.out.dead_moves:
        owners = np.searchsorted(starts, moves.astype(starts.dtype), side="right") - 1
        keys = order.rank[owners].astype(np.int64) * width
        keys += moves - starts[owners]
        key = int(keys.min())
        if key < best.get(node, _NONE):
            best[node] = key
    return {n: order.origin(k, width) for n, k in best.items()}
