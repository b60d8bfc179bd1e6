"""Passes over the whole state graph, one strongly connected group of the story at a time.

States are explored one group of the story's nodes after another, and moves only go forward
between groups, so a backward pass over the groups settles distances to the goals, and a forward
pass settles what policies reach; inside a group with a loop a pass repeats until nothing
changes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

if TYPE_CHECKING:
    from roleplay.authoring.solver._explorer import Explorer

Array = np.ndarray[Any, Any]
#: Which moves a policy may take: a boolean array over all moves, or a function that answers
#: for moves given by position and by the state each is a move of (for policies only asked
#: about the states they reach).
Moves = Array | Callable[[Array, Array], Array]
#: (first state, stop, whether the group can loop), in the order the states were explored.
Groups = list[tuple[int, int, bool]]

#: The distance of a state from which no goal can be reached.
FAR = 2**30


class StateGraph(Protocol):
    """What a pass needs of the state graph (:class:`._paths.StateGraph`)."""

    count: int  # states
    codes_count: int  # the codes a move can lead to: -1 down to -codes_count
    initial: int  # the state (or code) at the start
    starts: Array  # per state: where its moves begin in ``edges`` (one more at the end)
    counts: Array  # per state: how many moves it has
    edges: Array  # per move: the state it leads to, or a code
    groups: Groups
    ending_codes: dict[str, int]


@dataclass
class Reach:
    """What several policies reach: the endings of each, and per state a word whose bit i says
    whether policy i reaches it."""

    endings: list[set[str]]
    bits: Array

    def states(self, index: int) -> Array:
        """The states policy ``index`` reaches."""
        return np.asarray((self.bits >> self.bits.dtype.type(index)) & 1, dtype=bool)


def distances(
    graph: StateGraph, goals: frozenset[int], allowed: Moves | None, within: Array | None
) -> Array:
    """Per state: the fewest ``allowed`` moves to one of ``goals`` (``FAR``: none).

    The array goes on past the states: at the (negative) index of every move's result code
    it holds 0 for the goals, ``FAR`` for the rest, so a move's distance is one look-up. One
    backward pass over the groups; only the states ``within`` are worked out when it is given
    (it must be given when ``allowed`` is a function).
    """
    left = np.full(graph.count + graph.codes_count, FAR, dtype=np.int32)
    for code in goals:
        left[code] = 0
    blocked = None if allowed is None or callable(allowed) else ~allowed
    for first, stop, looping in reversed(graph.groups):
        if within is None:
            while _sweep(graph, first, stop, left, blocked) and looping:
                pass
            continue
        states = np.flatnonzero(within[first:stop]) + first
        while states.size and _sweep_some(graph, states, left, allowed) and looping:
            pass
    return left


def _sweep(graph: StateGraph, first: int, stop: int, left: Array, blocked: Array | None) -> bool:
    """Lower the distances of the states first..stop-1 from their moves; True if any fell."""
    begin, end = int(graph.starts[first]), int(graph.starts[stop])
    step = left[graph.edges[begin:end]]
    step += 1
    if blocked is not None:
        step[blocked[begin:end]] = FAR
    now = np.minimum.reduceat(step, graph.starts[first:stop] - begin)
    before = left[first:stop]
    fell = now < before
    if not fell.any():
        return False
    before[fell] = now[fell]
    return True


def _sweep_some(graph: StateGraph, states: Array, left: Array, allowed: Moves | None) -> bool:
    """:meth:`_sweep` for some states only."""
    begin = graph.starts[states]
    counts = graph.counts[states].astype(np.int64)
    ends = np.cumsum(counts)
    moves = np.repeat(begin - ends + counts, counts)
    moves += np.arange(moves.size)
    step = left[graph.edges[moves]]
    step += 1
    if callable(allowed):
        step[~allowed(moves, np.repeat(states, counts))] = FAR
    elif allowed is not None:
        step[~allowed[moves]] = FAR
    now = np.minimum.reduceat(step, ends - counts)
    fell = now < left[states]
    if not fell.any():
        return False
    left[states[fell]] = now[fell]
    return True


def reach(graph: StateGraph, allowed: Sequence[Callable[[], Array]]) -> Reach:
    """What several policies (up to 64) reach from the start, in one pass: one bit of a
    word each. Each policy's moves are asked for in turn, so only one such array lives at
    a time."""
    assert len(allowed) <= 64
    word: Any = next(
        w for w in (np.uint8, np.uint16, np.uint32, np.uint64) if len(allowed) <= np.iinfo(w).bits
    )
    bits = np.zeros(graph.edges.size, dtype=word)
    for index, mask in enumerate(allowed):
        bits |= mask().astype(word) << word(index)
    # per state, then at the (negative) index of each move's result code: the policies
    # (bits) that reach it
    reached = np.zeros(graph.count + graph.codes_count, dtype=word)
    reached[graph.initial] = (1 << len(allowed)) - 1
    if graph.initial >= 0:
        for first, stop, looping in graph.groups:
            while _carry(graph, first, stop, bits, reached) and looping:
                pass
    endings = [
        {e for e, code in graph.ending_codes.items() if int(reached[code]) >> i & 1}
        for i in range(len(allowed))
    ]
    return Reach(endings, reached[: graph.count])


def _carry(graph: StateGraph, first: int, stop: int, bits: Array, reached: Array) -> bool:
    """Carry the policies that reach states first..stop-1 along their moves; True when a
    state of the same range gained one."""
    begin, end = int(graph.starts[first]), int(graph.starts[stop])
    carried = np.repeat(reached[first:stop], graph.counts[first:stop]) & bits[begin:end]
    live = carried != 0
    before = reached[first:stop].copy()
    np.bitwise_or.at(reached, graph.edges[begin:end][live], carried[live])
    return bool((reached[first:stop] != before).any())


def groups_of(explorer: Explorer, batch_first: Array) -> list[tuple[int, int, bool]]:
    """The state ranges of the story's strongly connected node groups, in exploration order,
    and whether each group can loop."""
    from roleplay.authoring.solver._analysis import loops_to_itself

    rank = explorer.rank
    found: list[tuple[int, int, bool]] = []
    for index, batch in enumerate(explorer.batches):
        first, stop = int(batch_first[index]), int(batch_first[index + 1])
        if found and rank[explorer.batches[index - 1].node] == rank[batch.node]:
            found[-1] = (found[-1][0], stop, True)  # a second batch: the group loops
            continue
        found.append((first, stop, loops_to_itself(explorer.t.nodes, batch.node)))
    return found
