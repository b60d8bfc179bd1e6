"""Questions about whole paths, answered on the explored state graph.

An exploration with ``graph=True`` keeps, for every decision state, its available choices and
where each led: another state or an ending. Since the states are exact (the reduction only
forgets what no later condition reads), a path through this graph is a path a player can take,
and what holds on every path is proven, not sampled. States are numbered in breadth-first
order, so scanning them in order finds shallow witnesses first.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections import deque
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from roleplay.authoring.solver._tables import ENDING_BASE, NEXT, TableChoice, TableNode

if TYPE_CHECKING:
    from roleplay.authoring.solver._explorer import Explorer

#: A move: (decision state, position of the choice among the state's available choices).
Move = tuple[int, int]
#: Whether a policy may take a choice in a state.
Allowed = Callable[[int, TableChoice], bool]
#: The positions among a list of options that ``search`` must ask ``allowed`` about.
Ask = Callable[[list[tuple[int, TableChoice]]], "frozenset[int] | range"]
#: A deterministic policy: the position it takes in a state, or None when it cannot decide.
Pick = Callable[[int], "int | None"]

#: ``follow`` ended without an ending: the policy could not decide, or went round in a loop.
UNDECIDED, LOOPED = -1, -2


class OptionsByState:
    """Each decision state's available choices as (1-based number, choice), by state."""

    __slots__ = ("slots", "table")

    def __init__(self, table: list[list[tuple[int, TableChoice]]], slots: array[int]) -> None:
        self.table = table
        self.slots = slots

    def __getitem__(self, state: int) -> list[tuple[int, TableChoice]]:
        return self.table[self.slots[state]]

    def __len__(self) -> int:
        return len(self.slots)


class StateGraph:
    """The explored decision states, their choices and where each choice led."""

    def __init__(self, explorer: Explorer) -> None:
        self.t = explorer.t
        self.keys = explorer.keys
        self.parent = explorer.parent
        self.options = OptionsByState(explorer.option_table, explorer.state_option)
        self.start = explorer.edge_start
        self.edges = explorer.edges
        self.initial = explorer.initial
        self.ending_ids = [r.spec.id for r in self.t.scenario.ending_rules]
        self._good: dict[frozenset[int], bytearray] = {}

    # --- naming ---------------------------------------------------------------------------
    def ending_of(self, code: int) -> str | None:
        """The ending id a move's result stands for (None for a decision state)."""
        return self.ending_ids[ENDING_BASE - code] if code <= ENDING_BASE else None

    def codes(self, ending_ids: tuple[str, ...] | list[str]) -> frozenset[int]:
        """The move results that stand for these endings."""
        return frozenset(self.t.ending_code[e] for e in ending_ids)

    def choice(self, move: Move) -> TableChoice:
        """The choice a move takes."""
        state, pos = move
        return self.options[state][pos][1]

    def ids(self, moves: list[Move]) -> tuple[str, ...]:
        """A path as choice ids (replay them with ``roleplay.replay``)."""
        return tuple(self.choice(m).id for m in moves)

    def numbers(self, moves: list[Move]) -> tuple[int, ...]:
        """A path as 1-based choice numbers, counted as the choices are written."""
        return tuple(self.options[s][p][0] for s, p in moves)

    def target(self, move: Move) -> int:
        """Where a move leads: a state, or an ending's code."""
        state, pos = move
        return self.edges[self.start[state] + pos]

    def moves(self, state: int) -> Iterator[tuple[int, TableChoice, int]]:
        """(position, choice, target) of every choice available in ``state``."""
        base = self.start[state]
        for pos, (_number, choice) in enumerate(self.options[state]):
            yield pos, choice, self.edges[base + pos]

    def prefix(self, state: int) -> list[Move]:
        """The breadth-first (shortest) path from the start to ``state``."""
        moves: list[Move] = []
        while True:
            before, number = self.parent[state]
            if before < 0:
                break
            pos = next(i for i, (n, _c) in enumerate(self.options[before]) if n == number)
            moves.append((before, pos))
            state = before
        moves.reverse()
        return moves

    # --- searches ---------------------------------------------------------------------------
    def search(
        self, goals: frozenset[int], allowed: Allowed, ask: Ask | None = None
    ) -> list[Move] | None:
        """A shortest path to one of ``goals`` taking only ``allowed`` choices, or None.

        With ``ask``, ``allowed`` is only asked about the positions ``ask`` names for a list of
        options (the others are allowed): fewer calls on big graphs. Only states from which a
        goal can still be reached are searched.
        """
        good = self.good(goals)
        if self.initial >= 0 and not good[self.initial]:
            return None
        return self.search_from(self.initial, goals, allowed, good, ask)

    def search_from(
        self,
        origin: int,
        goals: frozenset[int],
        allowed: Allowed,
        within: bytearray | None = None,
        ask: Ask | None = None,
    ) -> list[Move] | None:
        """:meth:`search` from ``origin`` (a state or a code), through ``within`` states only."""
        if origin in goals or origin < 0:
            return [] if origin in goals else None
        came = array("l", bytes(8 * len(self.keys)))  # 1 + the move's flat index; 0: not seen
        came[origin] = -1
        queue = deque([origin])
        start, edges, options = self.start, self.edges, self.options
        everywhere = range(64)
        while queue:
            state = queue.popleft()
            base = start[state]
            listed = options[state]
            asked = everywhere if ask is None else ask(listed)
            for pos, (_number, choice) in enumerate(listed):
                target = edges[base + pos]
                if target >= 0:
                    if came[target] or (within is not None and not within[target]):
                        continue
                    if pos in asked and not allowed(state, choice):
                        continue
                    came[target] = base + pos + 1
                    queue.append(target)
                elif target in goals and (pos not in asked or allowed(state, choice)):
                    return [*self._trail(came, state), (state, pos)]
        return None

    def _trail(self, came: array[int], state: int) -> list[Move]:
        """The moves ``search`` made to reach ``state``."""
        moves: list[Move] = []
        while came[state] > 0:  # the origin is marked -1
            flat = came[state] - 1
            before = bisect_right(self.start, flat) - 1
            moves.append((before, flat - self.start[before]))
            state = before
        moves.reverse()
        return moves

    def reachable(self, allowed: Allowed) -> set[str]:
        """Every ending some path of only ``allowed`` choices reaches."""
        if self.initial < 0:
            ending = self.ending_of(self.initial)
            return {ending} if ending else set()
        found: set[str] = set()
        seen = {self.initial}
        queue = deque([self.initial])
        while queue:
            state = queue.popleft()
            for _pos, choice, target in self.moves(state):
                if not allowed(state, choice):
                    continue
                if target >= 0:
                    if target not in seen:
                        seen.add(target)
                        queue.append(target)
                else:
                    ending = self.ending_of(target)
                    if ending is not None:
                        found.add(ending)
        return found

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
            state = self.edges[self.start[state] + pos]
        return moves, state

    # --- paths through a move ----------------------------------------------------------------
    def good(self, goals: frozenset[int]) -> bytearray:
        """Per state: 1 when some way on from it reaches one of ``goals`` (memoised).

        Moves only go forward between the story's strongly connected parts, so one backward
        sweep over the parts settles everything; inside a part with a loop the sweep repeats
        until nothing changes.
        """
        found = self._good.get(goals)
        if found is not None:
            return found
        good = self._good[goals] = bytearray(len(self.keys))
        groups = _components(self.t.nodes)
        buckets: list[list[int]] = [[] for _ in groups]
        group_of = {node: index for index, group in enumerate(groups) for node in group}
        for state, key in enumerate(self.keys):
            buckets[group_of[key[0]]].append(state)
        for index in reversed(range(len(groups))):
            looping = len(groups[index]) > 1 or self._loops_to_itself(groups[index][0])
            while self._sweep(buckets[index], goals, good) and looping:
                pass
        return good

    def _loops_to_itself(self, node: int) -> bool:
        table = self.t.nodes[node]
        return node in {c.target for c in table.choices} or (
            table.kind == NEXT and table.final == node
        )

    def _sweep(self, states: list[int], goals: frozenset[int], good: bytearray) -> bool:
        """Mark the states with a move to a goal or a good state; True when any changed."""
        start, edges = self.start, self.edges
        changed = False
        for state in reversed(states):
            if good[state]:
                continue
            for target in edges[start[state] : start[state + 1]]:
                if good[target] if target >= 0 else target in goals:
                    good[state] = 1
                    changed = True
                    break
        return changed

    def onward(self, target: int, goals: frozenset[int]) -> list[Move] | None:
        """A shortest path from ``target`` (a move's result) on to one of ``goals``, or None."""
        if target < 0:
            return [] if target in goals else None
        good = self.good(goals)
        if not good[target]:
            return None
        return self.search_from(target, goals, lambda _s, _c: True, good)

    def traps(self) -> dict[int, tuple[int, int]]:
        """Entry states (by node) from which no ending can be reached any more, with where they
        were first reached from (as ``find_traps`` in :mod:`._analysis` finds them)."""
        every = frozenset(self.t.ending_code.values())
        good = self.good(every)
        entries: dict[int, tuple[int, int]] = {}
        for state, ok in enumerate(good):
            entry = self.parent[state][0]
            if not ok and (entry < 0 or good[entry]):
                entries.setdefault(self.keys[state][0], self.parent[state])
        return entries

    def through(
        self, goals: frozenset[int], bad: Callable[[int, int, TableChoice], bool]
    ) -> list[Move] | None:
        """A path to one of ``goals`` that takes a move ``bad(state, pos, choice)`` says is bad.

        The first such move in breadth-first order is used, so the path up to it is shortest.
        """
        good = self.good(goals)
        start, edges, options = self.start, self.edges, self.options
        for state in range(len(options)):
            if not good[state]:
                continue  # no move from here leads on to a goal
            base = start[state]
            for pos, (_number, choice) in enumerate(options[state]):
                target = edges[base + pos]
                if not (good[target] if target >= 0 else target in goals):
                    continue
                if bad(state, pos, choice):
                    rest = self.onward(target, goals)
                    if rest is not None:
                        return [*self.prefix(state), (state, pos), *rest]
        return None


def _components(nodes: list[TableNode]) -> list[list[int]]:
    """The story's strongly connected node groups, in an order where moves only go forward."""
    successors = [
        sorted({c.target for c in node.choices} | ({node.final} if node.kind == NEXT else set()))
        for node in nodes
    ]
    index: dict[int, int] = {}
    low: dict[int, int] = {}
    on_stack: set[int] = set()
    stack: list[int] = []
    groups: list[list[int]] = []
    for root in range(len(nodes)):
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, child_at = work.pop()
            if child_at == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            for at in range(child_at, len(successors[node])):
                child = successors[node][at]
                if child < 0:
                    continue
                if child not in index:
                    work.append((node, at + 1))
                    work.append((child, 0))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                if low[node] == index[node]:
                    groups.append(_pop_group(stack, on_stack, node))
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
    groups.reverse()  # Tarjan finds groups in reverse topological order
    return groups


def _pop_group(stack: list[int], on_stack: set[int], root: int) -> list[int]:
    """Take a finished strongly connected group (down to ``root``) off Tarjan's stack."""
    group = []
    while True:
        member = stack.pop()
        on_stack.discard(member)
        group.append(member)
        if member == root:
            return group
