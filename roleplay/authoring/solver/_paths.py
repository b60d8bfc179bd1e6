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

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from roleplay.authoring.solver._arrays import first_occurrences
from roleplay.authoring.solver._order import Order
from roleplay.authoring.solver._sweeps import FAR, Moves, Reach, distances, groups_of, reach
from roleplay.authoring.solver._tables import ENDING_BASE, TableChoice

if TYPE_CHECKING:
    from roleplay.authoring.solver._explorer import Explorer

Array = np.ndarray[Any, Any]
#: A move: (decision state, position of the choice among the state's available choices).
Move = tuple[int, int]
#: A deterministic policy: the position it takes in a state, or None when it cannot decide.
Pick = Callable[[int], "int | None"]

#: How many states ``moves_where`` takes at once.
_SLICE = 1 << 18

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
        #: per state: its rest, list of options and number of moves; where its moves begin
        self.rests = explorer.rests.final()
        self.slots = explorer.slots.final()
        self.counts = explorer.counts.final()
        index: Any = np.int32 if explorer.edges.size < 2**31 - 1 else np.int64
        self.starts = np.zeros(self.count + 1, dtype=index)
        np.cumsum(self.counts, out=self.starts[1:], dtype=index)
        #: per move: where it leads and the code of its choice
        self.edges = explorer.edges.final()
        self.choices = explorer.choices.final()
        self.batch_first = np.array([b.first for b in batches] + [self.count], dtype=np.int64)
        self.batch_node = np.array([b.node for b in batches], dtype=np.int64)
        self.initial = explorer.initial
        self.order = Order(self.starts, self.edges, self.initial, self.count)
        self.ending_ids = [r.spec.id for r in self.t.scenario.ending_rules]
        self.ending_codes = self.t.ending_code
        self.groups = groups_of(explorer, self.batch_first)
        #: how many move results are codes (-1 down to -_codes): not explored, loop, endings
        self.codes_count = -(ENDING_BASE - len(self.ending_ids)) - 1
        self._distance: dict[frozenset[int], Array] = {}
        self._toward: dict[frozenset[int], Array] = {}
        self._numbers: Array | None = None

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

    def paths(self, states: list[int]) -> list[tuple[int, ...]]:
        """The breadth-first paths to many states at once, as choice numbers (as written)."""
        numbers = self._parent_numbers()
        current = np.array(states, dtype=np.int64)
        steps: list[Array] = []
        parent = self.order.parent
        while current.size and (current >= 0).any():
            here = np.maximum(current, 0)
            before = np.where(current >= 0, parent[here], -1)
            steps.append(np.where(before >= 0, numbers[here], 0))
            current = before
        if not steps:
            return [() for _ in states]
        rows = np.stack(steps[::-1], axis=1).tolist()
        return [tuple(n for n in row if n) for row in rows]

    def _parent_numbers(self) -> Array:
        """Per state: the number (as written) of the choice it was first reached by."""
        if self._numbers is None:
            width = max((len(o) for o in self.option_table), default=0) + 1
            table = np.zeros((len(self.option_table), width), dtype=np.int16)
            for slot, options in enumerate(self.option_table):
                table[slot, : len(options)] = [n for n, _c in options]
            parent = np.maximum(self.order.parent, 0)
            self._numbers = table[self.slots[parent], self.order.parent_pos]
        return self._numbers

    # --- per-move arrays ------------------------------------------------------------------
    def per_move(self, per_state: Array) -> Array:
        """A per-state array repeated for each of the state's moves."""
        return np.repeat(per_state, self.counts)

    def of_choices(self, values: list[Any] | Array) -> Array:
        """A per-choice table (by choice code) looked up for every move."""
        return np.asarray(values)[self.choices]

    def state_nodes(self) -> Array:
        """The story node of every state."""
        return np.repeat(self.batch_node, np.diff(self.batch_first))

    def meter_values(self, meter: int) -> Array:
        """One meter's value in every state (offset by the meter's minimum)."""
        values = self.layout.meter(self.rests, meter)
        return values.astype(np.int16 if self.layout.meter_field[meter] < 2**15 else np.int64)

    # --- searches ---------------------------------------------------------------------------
    def search(
        self, goals: frozenset[int], allowed: Moves | None = None, within: Array | None = None
    ) -> list[Move] | None:
        """A shortest path to one of ``goals`` taking only ``allowed`` moves, or None.

        ``within``, when given, are the states such moves reach from the start (see
        :meth:`reach`): only their distances are worked out.
        """
        return self.search_from(self.initial, goals, allowed, within)

    def search_from(
        self,
        origin: int,
        goals: frozenset[int],
        allowed: Moves | None = None,
        within: Array | None = None,
    ) -> list[Move] | None:
        """:meth:`search` from ``origin`` (a state or a move's result).

        Of the shortest paths it takes the one whose choices come first as written, move by
        move: the path breadth-first search finds.
        """
        if origin < 0:
            return [] if origin in goals else None
        left = self.distance(goals, allowed, within)
        if left[origin] >= FAR:
            return None
        moves: list[Move] = []
        state = origin
        while state >= 0:
            begin, end = int(self.starts[state]), int(self.starts[state + 1])
            wanted = left[state] - 1
            for pos in range(end - begin):
                if allowed is not None and not _allows(allowed, begin + pos, state):
                    continue
                target = int(self.edges[begin + pos])
                if left[target] == wanted:  # a goal's code is at distance 0
                    moves.append((state, pos))
                    state = target
                    break
            else:
                raise AssertionError("a state's distance to the goals has no move to match it")
        return moves

    def distance(
        self, goals: frozenset[int], allowed: Moves | None = None, within: Array | None = None
    ) -> Array:
        """Per state: the fewest ``allowed`` moves to one of ``goals`` (``FAR``: none); see
        :func:`._sweeps.distances`. Without ``allowed`` the answer is memoised."""
        if allowed is not None:
            return distances(self, goals, allowed, within)
        found = self._distance.get(goals)
        if found is None:
            found = self._distance[goals] = distances(self, goals, None, within)
        return found

    def good(self, goals: frozenset[int]) -> Array:
        """Per state: True when some way on from it reaches one of ``goals``."""
        return np.asarray(self.distance(goals)[: self.count] < FAR)

    def reachable(self, allowed: Array | None = None) -> set[str]:
        """Every ending some path of only ``allowed`` moves reaches."""
        every = np.ones(self.edges.size, dtype=bool) if allowed is None else allowed
        return self.reach([lambda: every]).endings[0]

    def reach(self, allowed: Sequence[Callable[[], Array]]) -> Reach:
        """What several policies reach from the start, in one pass (see :func:`._sweeps.reach`)."""
        return reach(self, allowed)

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
    def onward(self, target: int, goals: frozenset[int]) -> list[Move] | None:
        """A shortest path from ``target`` (a move's result) on to one of ``goals``, or None."""
        if target < 0:
            return [] if target in goals else None
        return self.search_from(target, goals)

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
        first = first_occurrences(nodes)
        return {
            int(nodes[i]): (int(parent[states[i]]), int(self.order.parent_pos[states[i]]))
            for i in first
        }

    def through(self, goals: frozenset[int], bad: Array) -> list[Move] | None:
        """A path to one of ``goals`` that takes a move ``bad`` marks.

        The first such move in breadth-first order is used, so the path up to it is shortest.
        """
        if not self.count:
            return None
        toward = self._toward.get(goals)
        if toward is None:  # per move: whether it leads to a goal or a state that can reach one
            toward = self._toward[goals] = (self.distance(goals) < FAR)[self.edges]
        useful = toward & bad
        offers = np.logical_or.reduceat(useful, self.starts[:-1])
        if not offers.any():
            return None
        best = int(np.argmin(np.where(offers, self.order.rank, np.iinfo(np.int32).max)))
        begin = int(self.starts[best])
        pos = int(np.argmax(useful[begin : int(self.starts[best + 1])]))
        rest = self.onward(int(self.edges[begin + pos]), goals)
        assert rest is not None
        return [*self.prefix(best), (best, pos), *rest]

    def moves_where(self, per_state: Array, test: Callable[[Array, Array], Array]) -> Array:
        """Per move: ``test(value of its state, code of its choice)``, in slices (so the
        per-move arrays in between stay small)."""
        found = np.empty(self.edges.size, dtype=bool)
        for first in range(0, self.count, _SLICE):
            stop = min(self.count, first + _SLICE)
            begin, end = int(self.starts[first]), int(self.starts[stop])
            values = np.repeat(per_state[first:stop], self.counts[first:stop])
            found[begin:end] = test(values, self.choices[begin:end])
        return found


def _allows(allowed: Moves, move: int, state: int) -> bool:
    """Whether a policy may take one move (of ``state``)."""
    if callable(allowed):
        return bool(allowed(np.array([move]), np.array([state]))[0])
    return bool(allowed[move])
