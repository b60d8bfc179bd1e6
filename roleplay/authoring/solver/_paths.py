"""Questions about whole paths, answered on the explored state graph with array operations.

The graph keeps, for every decision state, its available choices and where each led: another
state or an ending. Since the states are exact (the reduction only forgets what no later
condition reads), a path through this graph is a path a player can take, and what holds on
every path is proven, not sampled. A path found here is always a shortest one and, among the
shortest, the one whose choices come first as written: the path breadth-first search finds.

A policy or a property of moves is given as a boolean array over all moves (see
:meth:`StateGraph.per_move`), so one question costs a few passes over arrays, not a Python
loop per move.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np

from roleplay.authoring.solver._order import Order, spread
from roleplay.authoring.solver._tables import ENDING_BASE, TableChoice

if TYPE_CHECKING:
    from roleplay.authoring.solver._explorer import Explorer

Array = np.ndarray[Any, Any]
#: A move: (decision state, position of the choice among the state's available choices).
Move = tuple[int, int]
#: A deterministic policy: the position it takes in a state, or None when it cannot decide.
Pick = Callable[[int], "int | None"]

#: ``follow`` ended without an ending: the policy could not decide, or went round in a loop.
UNDECIDED, LOOPED = -1, -2


class StateGraph:
    """The explored decision states, their choices and where each choice led."""

    def __init__(self, explorer: Explorer) -> None:
        self.t = explorer.t
        self.layout = explorer.layout
        self.option_table = explorer.option_table
        self.slot_node = explorer.slot_node
        batches = explorer.batches
        self.count = explorer.states
        self.rests = _join([b.rests for b in batches], explorer.layout.empty())
        self.slots = _join([b.slots for b in batches], np.empty(0, dtype=np.uint16))
        self.starts = np.zeros(self.count + 1, dtype=np.int64)
        at = 0
        for batch in batches:
            self.starts[batch.first + 1 : batch.first + batch.rests.size + 1] = batch.starts[1:] + at
            at += int(batch.starts[-1])
        self.edges = _join([b.edges for b in batches], np.empty(0, dtype=np.int32))
        self.choices = _join([b.choices for b in batches], np.empty(0, dtype=np.uint16))
        for batch in batches:  # the batches now look into the joined arrays
            stop = batch.first + batch.rests.size
            begin, end = int(self.starts[batch.first]), int(self.starts[stop])
            batch.rests = self.rests[batch.first : stop]
            batch.slots = self.slots[batch.first : stop]
            batch.edges = self.edges[begin:end]
            batch.choices = self.choices[begin:end]
        self.batch_first = np.array([b.first for b in batches] + [self.count], dtype=np.int64)
        self.batch_node = np.array([b.node for b in batches], dtype=np.int64)
        self.initial = explorer.initial
        self.order = Order(self.starts, self.edges, self.initial, self.count)
        self.ending_ids = [r.spec.id for r in self.t.scenario.ending_rules]
        self._groups = _groups(explorer, self.batch_first)
        self._good: dict[frozenset[int], Array] = {}

    # --- naming ---------------------------------------------------------------------------
    def ending_of(self, code: int) -> str | None:
        """The ending id a move's result stands for (None for a decision state)."""
        return self.ending_ids[ENDING_BASE - code] if code <= ENDING_BASE else None

    def codes(self, ending_ids: tuple[str, ...] | list[str]) -> frozenset[int]:
        """The move results that stand for these endings."""
        return frozenset(self.t.ending_code[e] for e in ending_ids)

    def options(self, state: int) -> list[tuple[int, TableChoice]]:
        """A state's available choices as (1-based number as written, choice)."""
        return self.option_table[int(self.slots[state])]

    def node(self, state: int) -> int:
        """The story node of a state."""
        return self.slot_node[int(self.slots[state])]

    def meters(self, state: int) -> tuple[int, ...]:
        """The meter values of a state."""
        return self.layout.meters_of(int(self.rests[state]))

    def choice(self, move: Move) -> TableChoice:
        """The choice a move takes."""
        state, pos = move
        return self.options(state)[pos][1]

    def ids(self, moves: list[Move]) -> tuple[str, ...]:
        """A path as choice ids (replay them with ``roleplay.replay``)."""
        return tuple(self.choice(m).id for m in moves)

    def numbers(self, moves: list[Move]) -> tuple[int, ...]:
        """A path as 1-based choice numbers, counted as the choices are written."""
        return tuple(self.options(s)[p][0] for s, p in moves)

    def target(self, move: Move) -> int:
        """Where a move leads: a state, or an ending's code."""
        state, pos = move
        return int(self.edges[self.starts[state] + pos])

    def prefix(self, state: int) -> list[Move]:
        """The breadth-first (shortest) path from the start to ``state``."""
        moves: list[Move] = []
        parent, parent_pos = self.order.parent, self.order.parent_pos
        while state >= 0 and parent[state] >= 0:
            moves.append((int(parent[state]), int(parent_pos[state])))
            state = int(parent[state])
        moves.reverse()
        return moves

    # --- per-move arrays ------------------------------------------------------------------
    def per_move(self, per_state: Array) -> Array:
        """A per-state array repeated for each of the state's moves."""
        return np.repeat(per_state, np.diff(self.starts))

    def of_choices(self, values: list[Any] | Array) -> Array:
        """A per-choice table (by choice code) looked up for every move."""
        return np.asarray(values)[self.choices]

    def state_nodes(self) -> Array:
        """The story node of every state."""
        return np.repeat(self.batch_node, np.diff(self.batch_first))

    def meter_values(self, meter: int) -> Array:
        """One meter's value in every state (offset by the meter's minimum)."""
        return self.layout.meter(self.rests, meter)

    # --- searches ---------------------------------------------------------------------------
    def search(self, goals: frozenset[int], allowed: Array | None = None) -> list[Move] | None:
        """A shortest path to one of ``goals`` taking only ``allowed`` moves, or None."""
        if self.initial < 0:
            return [] if self.initial in goals else None
        good = self.good(goals)
        if not good[self.initial]:
            return None
        return self.search_from(self.initial, goals, allowed, good)

    def search_from(
        self,
        origin: int,
        goals: frozenset[int],
        allowed: Array | None = None,
        within: Array | None = None,
    ) -> list[Move] | None:
        """:meth:`search` from ``origin`` (a state or a code), through ``within`` states only."""
        if origin < 0:
            return [] if origin in goals else None
        aims = np.array(sorted(goals), dtype=np.int64)
        levels = self._levels(origin, aims, allowed, within)
        if levels is None:
            return None
        mark = self._mark(levels, aims, allowed)
        return self._walk(origin, len(levels) - 1, mark, aims, allowed)

    def _levels(
        self, origin: int, aims: Array, allowed: Array | None, within: Array | None
    ) -> list[Array] | None:
        """Breadth-first levels from ``origin`` up to the first one with a move to a goal."""
        seen = np.zeros(self.count, dtype=bool)
        seen[origin] = True
        levels = [np.array([origin], dtype=np.int64)]
        while True:
            moves, _owner, _pos = spread(self.starts, levels[-1])
            targets = self.edges[moves]
            usable = allowed[moves] if allowed is not None else np.ones(moves.size, dtype=bool)
            if (usable & np.isin(targets, aims)).any():
                return levels
            onward = targets[usable & (targets >= 0)]
            onward = np.unique(onward[~seen[onward]])
            if within is not None:
                onward = onward[within[onward]]
            if not onward.size:
                return None
            seen[onward] = True
            levels.append(onward.astype(np.int64))

    def _mark(self, levels: list[Array], aims: Array, allowed: Array | None) -> Array:
        """Per state: 1 + its level when some shortest path to a goal passes it, else 0."""
        mark = np.zeros(self.count, dtype=np.int32)
        for depth in range(len(levels) - 1, -1, -1):
            states = levels[depth]
            moves, owner, _pos = spread(self.starts, states)
            targets = self.edges[moves]
            if depth == len(levels) - 1:
                hit = np.isin(targets, aims)
            else:
                hit = targets >= 0
                hit[hit] = mark[targets[hit]] == depth + 2
            if allowed is not None:
                hit &= allowed[moves]
            mark[states[np.unique(owner[hit])]] = depth + 1
        return mark

    def _walk(
        self, origin: int, last: int, mark: Array, aims: Array, allowed: Array | None
    ) -> list[Move]:
        """Take, level by level, the first move that stays on a shortest path to a goal."""
        moves: list[Move] = []
        state = origin
        goals = set(aims.tolist())
        for depth in range(last + 1):
            begin, end = int(self.starts[state]), int(self.starts[state + 1])
            for pos in range(end - begin):
                if allowed is not None and not allowed[begin + pos]:
                    continue
                target = int(self.edges[begin + pos])
                if (target in goals) if depth == last else (target >= 0 and mark[target] == depth + 2):
                    moves.append((state, pos))
                    state = target
                    break
        return moves

    def reachable(self, allowed: Array | None = None) -> set[str]:
        """Every ending some path of only ``allowed`` moves reaches."""
        if self.initial < 0:
            ending = self.ending_of(self.initial)
            return {ending} if ending else set()
        found: set[int] = set()
        seen = np.zeros(self.count, dtype=bool)
        seen[self.initial] = True
        frontier = np.array([self.initial], dtype=np.int64)
        while frontier.size:
            moves, _owner, _pos = spread(self.starts, frontier)
            targets = self.edges[moves]
            if allowed is not None:
                targets = targets[allowed[moves]]
            found.update(np.unique(targets[targets <= ENDING_BASE]).tolist())
            onward = np.unique(targets[targets >= 0])
            frontier = onward[~seen[onward]].astype(np.int64)
            seen[frontier] = True
        return {self.ending_ids[ENDING_BASE - code] for code in found}

    def follow(self, pick: Pick) -> tuple[list[Move], int]:
        """The one path a deterministic policy takes, and where it ends.

        The end is an ending's code, TO_LOOP for ``next`` nodes that never stop, UNDECIDED when
        the policy cannot choose, or LOOPED when it goes round in a loop of the story.
        """
        state, seen = self.initial, set()
        moves: list[Move] = []
        while state >= 0:
            if state in seen:
                return moves, LOOPED
            seen.add(state)
            pos = pick(state)
            if pos is None:
                return moves, UNDECIDED
            moves.append((state, pos))
            state = self.target((state, pos))
        return moves, state

    # --- paths through a move ----------------------------------------------------------------
    def good(self, goals: frozenset[int]) -> Array:
        """Per state: True when some way on from it reaches one of ``goals`` (memoised).

        Moves only go forward between the story's strongly connected groups of nodes, whose
        states are explored one group after the other, so one backward sweep over the groups
        settles everything; inside a group with a loop the sweep repeats until nothing changes.
        """
        found = self._good.get(goals)
        if found is not None:
            return found
        good = np.zeros(self.count, dtype=bool)
        aims = np.array(sorted(goals), dtype=np.int64)
        for first, stop, looping in reversed(self._groups):
            while self._sweep(first, stop, aims, good) and looping:
                pass
        self._good[goals] = good
        return good

    def _sweep(self, first: int, stop: int, aims: Array, good: Array) -> bool:
        """Mark the states first..stop-1 with a move to a goal or a good state."""
        begin, end = int(self.starts[first]), int(self.starts[stop])
        targets = self.edges[begin:end]
        hit = np.isin(targets, aims)
        onward = targets >= 0
        hit[onward] |= good[targets[onward]]
        now = np.logical_or.reduceat(hit, self.starts[first:stop] - begin)
        before = good[first:stop]
        changed = bool((now & ~before).any())
        good[first:stop] = before | now
        return changed

    def onward(self, target: int, goals: frozenset[int]) -> list[Move] | None:
        """A shortest path from ``target`` (a move's result) on to one of ``goals``, or None."""
        if target < 0:
            return [] if target in goals else None
        good = self.good(goals)
        if not good[target]:
            return None
        return self.search_from(target, goals, None, good)

    def traps(self) -> dict[int, tuple[int, int]]:
        """Entry states (by node) from which no ending can be reached any more, with the move
        they were first reached by (-1 for the start)."""
        good = self.good(frozenset(self.t.ending_code.values()))
        parent = self.order.parent
        caught = ~good
        caught[caught] = (parent[caught] < 0) | good[np.maximum(parent[caught], 0)]
        states = np.flatnonzero(caught)
        states = states[np.argsort(self.order.rank[states], kind="stable")]
        nodes = self.state_nodes()[states]
        _unique, first = np.unique(nodes, return_index=True)
        return {
            int(nodes[i]): (int(parent[states[i]]), int(self.order.parent_pos[states[i]]))
            for i in first
        }

    def through(self, goals: frozenset[int], bad: Array) -> list[Move] | None:
        """A path to one of ``goals`` that takes a move ``bad`` marks.

        The first such move in breadth-first order is used, so the path up to it is shortest.
        """
        good = self.good(goals)
        targets = self.edges
        useful = np.isin(targets, np.array(sorted(goals), dtype=np.int64))
        onward = targets >= 0
        useful[onward] = good[targets[onward]]
        moves = np.flatnonzero(useful & bad)
        if not moves.size:
            return None
        owners = np.searchsorted(self.starts, moves, side="right") - 1
        best = int(owners[np.argmin(self.order.rank[owners])])
        move = int(moves[np.searchsorted(owners, best)])
        pos = move - int(self.starts[best])
        rest = self.onward(int(targets[move]), goals)
        assert rest is not None
        return [*self.prefix(best), (best, pos), *rest]


def _join(parts: list[Array], empty: Array) -> Array:
    if not parts:
        return empty
    return parts[0] if len(parts) == 1 else np.concatenate(parts)


def _groups(explorer: Explorer, batch_first: Array) -> list[tuple[int, int, bool]]:
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
