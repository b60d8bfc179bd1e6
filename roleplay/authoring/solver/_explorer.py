"""Breadth-first exploration of decision states, with parent pointers for witnesses.

:meth:`Explorer.enter` mirrors ``Runner._enter`` (with its ``next`` chain, forced endings, the
dead-end rule and ending resolution) and :meth:`Explorer.expand` mirrors ``Runner.choose``.
"""

from __future__ import annotations

import time
from array import array
from collections.abc import Callable

from roleplay.authoring.solver._analysis import Origin, has_cycle
from roleplay.authoring.solver._tables import (
    END,
    FORCED,
    Key,
    TableChoice,
    TableNode,
    Tables,
    visible,
)
from roleplay.engine._scenario import Scenario

#: ``progress(states, seconds)`` is called now and then during long explorations.
Progress = Callable[[int, float], None]

#: What a move led to when it never reaches a decision or an ending (endings: see ENDING_BASE).
TO_LOOP = -2

Options = list[tuple[int, TableChoice]]

_REPORT_EVERY = 50_000


class Explorer:
    """Breadth-first exploration with parent pointers for witnesses."""

    def __init__(
        self,
        scenario: Scenario,
        max_states: int,
        family: str | None,
        progress: Progress | None,
        graph: bool = False,
    ) -> None:
        self.t = Tables(scenario)
        self.max_states = max_states
        self.family = family
        self.progress = progress
        self._keep_graph(graph and family is None)
        # decision states: their keys, where they were first reached from, choices left to try
        self.keys: list[Key] = []
        self.index: dict[Key, int] = {}
        self.parent: list[Origin] = []
        self.pending: dict[int, Options] = {}
        self.option_lists: dict[int, tuple[int, Options]] = {}
        # without loops in the story no state can repeat, so no player can get caught:
        # the edges needed to find traps are only kept when the nodes form a loop (and the
        # whole graph is not kept anyway: traps are then found on it)
        self.cyclic = has_cycle(self.t.nodes)
        self.track_edges = self.cyclic and not self.graph
        self.succ: list[list[int]] = []
        self.can_end: list[bool] = []
        # memos
        self.resolved: dict[Key, str] = {}
        self.option_cache: dict[Key, Options] = {}
        self.chain_seen: set[tuple[int, tuple[int, ...]]] = set()
        self.arrived: set[tuple[int, tuple[int, ...]]] = set()
        self.ended: set[tuple[str, int, tuple[int, ...]]] = set()
        # findings, by node index or ending id
        self.ranges: list[list[list[int]] | None] = [None] * len(self.t.node_ids)
        self.node_witness: dict[int, Origin] = {}
        self.ending_ranges: dict[str, list[list[int]]] = {}
        self.ending_witness: dict[str, Origin] = {}
        self.ending_nodes: set[tuple[str, int]] = set()
        self.dead_ends: dict[int, Origin] = {}
        self.loops: dict[int, Origin] = {}

    def _keep_graph(self, graph: bool) -> None:
        """Keep the whole state graph, for questions about paths (see _paths): every state's
        options and, from edge_start[state] on, where each option led (a state or an ending
        code)."""
        self.graph = graph
        # states share their lists of options: each distinct list once, and per state its slot
        self.option_table: list[Options] = []
        self.option_slot: dict[int, int] = {}
        self.state_option = array("i")
        self.edge_start = array("i")
        self.edges = array("i")
        self.initial = TO_LOOP

    # --- bookkeeping ------------------------------------------------------------------
    def _arrive(self, node: int, meters: tuple[int, ...], origin: Origin) -> None:
        seen = (node, meters)
        if seen in self.arrived:  # states that differ only in flags arrive with equal meters
            return
        self.arrived.add(seen)
        ranges = self.ranges[node]
        if ranges is None:
            self.ranges[node] = [[v, v] for v in meters]
            self.node_witness[node] = origin
            return
        for pair, value in zip(ranges, meters, strict=True):
            if value < pair[0]:
                pair[0] = value
            elif value > pair[1]:
                pair[1] = value

    def _ending(self, ending: str, meters: tuple[int, ...], origin: Origin, node: int) -> None:
        if self.track_edges and origin[0] >= 0:
            self.can_end[origin[0]] = True
        seen = (ending, node, meters)
        if seen in self.ended:  # the same ending, node and meters add nothing new
            return
        self.ended.add(seen)
        self.ending_nodes.add((ending, node))
        ranges = self.ending_ranges.get(ending)
        if ranges is None:
            self.ending_ranges[ending] = [[v, v] for v in meters]
            self.ending_witness[ending] = origin
            return
        for pair, value in zip(ranges, meters, strict=True):
            pair[0] = min(pair[0], value)
            pair[1] = max(pair[1], value)

    # --- transitions ------------------------------------------------------------------
    def enter(
        self,
        target: int,
        meters: tuple[int, ...],
        flags: int,
        visits: tuple[int, ...],
        chosen: int,
        origin: Origin,
    ) -> int:
        """Enter ``target`` (and its ``next`` chain) the way Runner._enter does.

        Returns the decision state reached, an ending's code (ENDING_BASE - position) or
        TO_LOOP.
        """
        t = self.t
        node = t.nodes[target]
        if t.chain_visits[target]:
            visits = self._count_visits(target, visits)
        if node.chain_prefix:
            self._pass_chain(target, node.chain_prefix, meters, origin)
        final = node.final
        if final < 0:
            self.loops.setdefault(target, origin)
            return TO_LOOP
        end_node = t.nodes[final]
        if end_node.kind == FORCED:
            return self._reach_ending(end_node.forced, final, meters, origin)
        if visits and t.live_visits[final] != t.all_visits:
            visits = self._live_visits(final, visits)
        flags &= t.live_flags[final]
        chosen &= t.live_chosen[final]
        key: Key = (final, meters, flags, visits, chosen)
        if end_node.kind == END:
            return self._reach_ending(self._resolve(key), final, meters, origin)
        found = self.index.get(key)
        if found is None:
            return self._new_state(key, end_node, origin)
        if self.track_edges and origin[0] >= 0:
            self.succ[origin[0]].append(found)
        return found

    def _reach_ending(
        self, ending: str | None, node: int, meters: tuple[int, ...], origin: Origin
    ) -> int:
        """Arrive at an ending node and record the ending it leads to."""
        assert ending is not None
        self._arrive(node, meters, origin)
        self._ending(ending, meters, origin, node)
        return self.t.ending_code[ending]

    def _count_visits(self, target: int, visits: tuple[int, ...]) -> tuple[int, ...]:
        """Visit counts after entering ``target``'s chain (each capped where conditions stop)."""
        t = self.t
        counts = list(visits)
        for pos in t.chain_visits[target]:
            counts[pos] = min(counts[pos] + 1, t.cap_list[pos])
        return tuple(counts)

    def _pass_chain(
        self, target: int, passed: tuple[int, ...], meters: tuple[int, ...], origin: Origin
    ) -> None:
        """Record the arrival at the ``next`` nodes passed through on the way to the last one."""
        seen = (target, meters)
        if seen not in self.chain_seen:  # the same meters along the same chain add nothing
            self.chain_seen.add(seen)
            for n in passed:
                self._arrive(n, meters, origin)

    def _live_visits(self, node: int, visits: tuple[int, ...]) -> tuple[int, ...]:
        """Visit counts no condition from ``node`` on reads are forgotten (set to 0)."""
        live = self.t.live_visits[node]
        return tuple(v if live >> i & 1 else 0 for i, v in enumerate(visits))

    def _new_state(self, key: Key, node: TableNode, origin: Origin) -> int:
        """Register a decision state not seen before, or end in it when it is a dead end."""
        final, meters = key[0], key[1]
        # a decision state seen before arrived with these very meters: only new ones count
        self._arrive(final, meters, origin)
        options = node.options if node.unconditional else self._options(node, key)
        if not options:
            self.dead_ends.setdefault(final, origin)
            ending = self._resolve(key)
            self._ending(ending, meters, origin, final)
            return self.t.ending_code[ending]
        new_id = len(self.keys)
        self.keys.append(key)
        self.index[key] = new_id
        self.pending[new_id] = options
        self.option_lists.setdefault(id(options), (final, options))
        self.parent.append(origin)
        if self.graph:
            slot = self.option_slot.get(id(options))
            if slot is None:
                slot = self.option_slot[id(options)] = len(self.option_table)
                self.option_table.append(options)
            self.state_option.append(slot)
        if self.track_edges:
            self.succ.append([])
            self.can_end.append(False)
            if origin[0] >= 0:
                self.succ[origin[0]].append(new_id)
        return new_id

    def _resolve(self, key: Key) -> str:
        """The ending the rules pick in the state ``key`` (memoised on what the rules read)."""
        t = self.t
        projection = (0, key[1], key[2] & t.ending_flags, key[3], key[4] & t.ending_chosen)
        ending = self.resolved.get(projection)
        if ending is None:
            ending = t.resolve_ending(t.context(key[1], key[2], key[3], key[4]))
            self.resolved[projection] = ending
        return ending

    def _options(self, node: TableNode, key: Key) -> Options:
        """The available choices in state ``key`` with their 1-based visible numbers.

        Memoised on what the node's conditions read, so most states reuse an earlier answer.
        """
        meters = key[1]
        projection = (
            key[0],
            tuple([meters[i] for i in node.read_meters]),
            key[2] & node.read_flags,
            key[3],
            key[4] & node.read_chosen,
        )
        options = self.option_cache.get(projection)
        if options is None:
            ctx = self.t.context(meters, key[2], key[3], key[4])
            options = [
                (number, choice)
                for number, (choice, ok) in enumerate(visible(node, ctx, key[4]), start=1)
                if ok
            ]
            self.option_cache[projection] = options
        return options

    def expand(self, state: int) -> None:
        """Try every available choice of a decision state."""
        _node, meters, flags, visits, chosen = self.keys[state]
        family = self.family
        append = self.edges.append if self.graph else None
        if append is not None:
            self.edge_start.append(len(self.edges))
        for number, choice in self.pending.pop(state):
            if family is not None and choice.family != family:
                continue
            new_meters = meters
            if choice.effects:
                moved = choice.moves.get(meters)
                if moved is None:
                    values = list(meters)
                    for m, delta, low, high in choice.effects:
                        value = values[m] + delta
                        values[m] = low if value < low else high if value > high else value
                    moved = choice.moves[meters] = tuple(values)
                new_meters = moved
            reached = self.enter(
                choice.target,
                new_meters,
                (flags | choice.set_on) & ~choice.set_off,
                visits,
                chosen | choice.chosen_mask,
                (state, number),
            )
            if append is not None:
                append(reached)

    def run(self) -> tuple[bool, float]:
        """Explore until done or over budget; return (complete, seconds)."""
        t = self.t
        began = time.perf_counter()
        initial = tuple(m.initial for m in t.scenario.meters.values())
        flags = sum(1 << i for i, f in enumerate(t.scenario.flags.values()) if f.start)
        start = t.node_index[t.scenario.start]
        self.initial = self.enter(start, initial, flags, tuple(0 for _ in t.visit_ids), 0, (-1, 0))
        cursor = 0
        next_report = _REPORT_EVERY
        while cursor < len(self.keys):
            if len(self.keys) > self.max_states:
                return False, time.perf_counter() - began
            self.expand(cursor)
            cursor += 1
            if self.progress is not None and cursor >= next_report:
                next_report += _REPORT_EVERY
                self.progress(len(self.keys), time.perf_counter() - began)
        if self.graph:
            self.edge_start.append(len(self.edges))
        return True, time.perf_counter() - began
