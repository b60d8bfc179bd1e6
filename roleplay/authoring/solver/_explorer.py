"""The exploration: every reachable decision state, node by node, on arrays of packed states.

The story's nodes are taken in topological order of their strongly connected groups (a node in
a loop comes back whenever a move brings new states to it). All states arriving at a node are
handled in one batch with array operations: the choices each state sees (conditions evaluated
once per distinct value of what they read), where each choice leads (:meth:`Explorer.move`,
mirroring ``Runner.choose`` and ``Runner._enter`` with its ``next`` chain, forced endings, the
dead-end rule and ending resolution). Moves into decision states are resolved to state numbers
once the target node's batch exists. Breadth-first order, witnesses and the checks come after,
on the finished graph (:mod:`._order`, :mod:`._paths`).
"""

from __future__ import annotations

import heapq
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from roleplay.authoring.solver._arrays import Growing, unique, unique_inverse
from roleplay.authoring.solver._layout import Layout, Rests
from roleplay.authoring.solver._outcomes import Outcomes
from roleplay.authoring.solver._tables import END, FORCED, TableChoice, Tables
from roleplay.engine._expr import Condition
from roleplay.engine._scenario import Scenario

#: ``progress(states, seconds, share)`` is called now and then during long explorations;
#: ``share`` is the part of the state or memory budget used so far (0..1).
Progress = Callable[[int, float, float], None]

#: What a move led to when it never reaches a decision or an ending (endings: ENDING_BASE - i).
TO_LOOP = -2
#: A move into a state the exploration stopped before reaching.
UNEXPLORED = -1

Options = list[tuple[int, TableChoice]]
Array = np.ndarray[Any, Any]

_REPORT_EVERY_S = 0.25
#: What one more state costs, about: its rest, options, moves, and its share of the lookups.
_BYTES_PER_STATE = 48
#: What each state costs after the exploration: breadth-first numbering and parent pointers
#: (18 bytes), where its moves begin (4), distances and masks of the checks (about 10).
_BYTES_AFTER = 32


@dataclass(frozen=True)
class Batch:
    """The new decision states of one node found at once (states first..stop-1)."""

    node: int
    first: int
    stop: int


@dataclass
class Fragment:
    """Moves into one decision node whose target states are numbered once that node is done."""

    rests: Rests
    where: Array  # the moves' positions in ``Explorer.edges``; empty for the start


@dataclass
class Lookup:
    """Every state seen at a node (decision states and dead ends): rest -> state or ending code."""

    rests: list[Rests] = field(default_factory=list)
    codes: list[Array] = field(default_factory=list)


class Explorer:
    """Explores a scenario's decision states within a state and a memory budget."""

    def __init__(
        self,
        scenario: Scenario,
        max_states: int,
        max_bytes: int,
        progress: Progress | None = None,
    ) -> None:
        self.t = Tables(scenario)
        self.layout = Layout(self.t)
        self.max_states = max_states
        self.max_bytes = max_bytes
        self.progress = progress
        self.batches: list[Batch] = []
        self.states = 0
        # per state: its rest (sorted within a batch), list of options, number of moves; per
        # move: where it leads (a state, an ending's code, TO_LOOP or UNEXPLORED), the choice
        widest = max((len(n.choices) for n in self.t.nodes), default=0)
        self.rests = Growing(self.layout.dtype)
        self.slots = Growing(np.uint16)  # widened when there are more lists of options
        self.counts = Growing(np.uint8 if widest < 256 else np.int32)
        self._edge_type: Any = np.int32 if max_states < 2**31 - 1 else np.int64
        self.edges = Growing(self._edge_type)
        self.choices = Growing(np.uint16 if len(self.t.choices) < 2**16 else np.int32)
        self.held = 0  # bytes held in lookups and pending moves (see ``footprint``)
        self.peak_bytes = 0
        #: which budget an incomplete exploration ran out of: "states" or "memory"
        self.stopped = ""
        self.initial = UNEXPLORED
        self.out = Outcomes(self.t, self.layout)
        self.option_table: list[Options] = []
        self.slot_node: list[int] = []
        self._slot_of: dict[tuple[int, ...], int] = {}
        self._lengths: list[int] = []
        self._length_array = np.zeros(0, dtype=np.int64)
        self._masks: dict[str, int] = {}
        self._truth: dict[tuple[str, int], bool] = {}
        self._pending: dict[int, list[Fragment]] = {}
        self._lookups: dict[int, Lookup] = {}
        self._heap: list[tuple[int, int]] = []
        self.rank, self._looping = _topological_rank(self.t)

    # --- the work list ------------------------------------------------------------------
    def run(self) -> tuple[bool, float]:
        """Explore until done or over budget; return (complete, seconds)."""
        began = time.perf_counter()
        t = self.t
        start = t.node_index[t.scenario.start]
        rests = np.array([self.layout.initial()], dtype=self.layout.dtype)
        self.start = start
        first = self.move_into(start, rests, np.zeros(0, dtype=np.int64))
        if first is not None:
            self.initial = int(first[0])
        reported = began
        while self._heap:
            _rank, node = heapq.heappop(self._heap)
            if not self._process(node):
                self._report(began)
                return False, time.perf_counter() - began
            now = time.perf_counter()
            if self.progress is not None and now - reported >= _REPORT_EVERY_S:
                reported = now
                self.progress(self.states, now - began, self.share())
        self._lookups.clear()  # every move is resolved: what was seen where is not needed
        self._report(began)
        return True, time.perf_counter() - began

    def _report(self, began: float) -> None:
        """The last word to ``progress``: where the exploration ended."""
        if self.progress is not None:
            self.progress(self.states, time.perf_counter() - began, self.share())

    def footprint(self) -> int:
        """The bytes the exploration needs: its tables, the states seen per node, pending
        moves, and what numbering the states and the checks will need per state after."""
        stores = (self.rests, self.slots, self.counts, self.edges, self.choices)
        return self.held + sum(a.nbytes for a in stores) + self.states * _BYTES_AFTER

    def share(self) -> float:
        """The part of the budget used: the larger of states and memory."""
        return min(1.0, max(self.states / self.max_states, self.footprint() / self.max_bytes))

    def _process(self, node: int) -> bool:
        """Number the new states that moves brought to ``node``, then resolve those moves.

        False when they would not fit in the budget (nothing is added then).
        """
        fragments = self._pending.pop(node)
        # a node outside the story's loops is entered once, after every move into it was made:
        # what was seen there need not be kept
        kept = self._looping[self.rank[node]]
        lookup = self._lookups.setdefault(node, Lookup()) if kept else Lookup()
        incoming = [f.rests for f in fragments]
        new = unique(np.concatenate(incoming) if len(incoming) > 1 else incoming[0])
        first_time = not lookup.rests
        for known in lookup.rests:
            new = new[~_contains(known, new)]
        self.peak_bytes = max(self.peak_bytes, self.footprint())
        if new.size:
            if self.states + new.size > self.max_states:
                self.stopped = "states"
                return False
            if self.footprint() + new.size * (_BYTES_PER_STATE + _BYTES_AFTER) > self.max_bytes:
                self.stopped = "memory"
                return False
            self._new_states(node, new, lookup)
        for fragment in fragments:
            self._resolve_fragment(node, fragment, lookup, first_time=first_time)
            self.held -= fragment.rests.nbytes + fragment.where.nbytes
        if not kept:
            self.held -= sum(a.nbytes for a in (*lookup.rests, *lookup.codes))
        return True

    def _resolve_fragment(
        self, node: int, fragment: Fragment, lookup: Lookup, *, first_time: bool
    ) -> None:
        if first_time:  # the node's only batch holds every rest the moves brought
            codes = lookup.codes[0][np.searchsorted(lookup.rests[0], fragment.rests)]
        else:
            codes = self._look_up(fragment.rests, lookup)
        if not fragment.where.size:
            self.initial = int(codes[0])
            if self.initial < UNEXPLORED:
                self.out.dead_start = node
            return
        self.edges.data[fragment.where] = codes
        dead = codes < UNEXPLORED
        if dead.any():
            self.out.dead_moves.append((node, fragment.where[dead]))

    @staticmethod
    def _look_up(values: Rests, lookup: Lookup) -> Array:
        """The state numbers or ending codes of ``values`` at a node (UNEXPLORED: not seen)."""
        codes = np.full(values.size, UNEXPLORED, dtype=np.int64)
        for rests, known in zip(lookup.rests, lookup.codes, strict=True):
            at = np.searchsorted(rests, values)
            at[at >= rests.size] = 0
            hit = rests[at] == values
            codes[hit] = known[at[hit]]
        return codes

    # --- new states ------------------------------------------------------------------------
    def _new_states(self, node: int, new: Rests, lookup: Lookup) -> None:
        """Register the decision states in ``new`` (sorted), end the dead ends, make the moves."""
        self.out.arrive(node, new)
        slots = self._slots(node, new)
        codes = np.empty(new.size, dtype=self._edge_type)
        dead = slots < 0
        if dead.any():
            ended = self.resolve(new[dead])
            self.out.endings(ended, node, new[dead])
            codes[dead] = ended
        alive = ~dead
        rests, slots = new[alive], slots[alive]
        first = self.states
        codes[alive] = np.arange(first, first + rests.size)
        lookup.rests.append(new)
        lookup.codes.append(codes)
        self.held += new.nbytes + codes.nbytes
        if rests.size:
            self._moves(node, first, rests, slots)

    def _moves(self, node: int, first: int, rests: Rests, slots: Array) -> None:
        """Make every available move of a batch of new states."""
        if self._length_array.size != len(self._lengths):
            self._length_array = np.array(self._lengths, dtype=np.int64)
        lengths = self._length_array[slots]
        starts = np.zeros(rests.size + 1, dtype=np.int64)
        np.cumsum(lengths, out=starts[1:])
        self.rests.extend(rests)
        if len(self.option_table) > 65535 and self.slots.data.dtype == np.uint16:
            self.slots.widen(np.int32)
        self.slots.extend(slots)
        self.counts.extend(lengths)
        begin, end = self.edges.add(int(starts[-1]))
        self.edges.data[begin:end] = UNEXPLORED
        self.choices.add(end - begin)
        self.batches.append(Batch(node, first, first + rests.size))
        self.states += rests.size
        for slot in unique(slots).tolist():
            members = np.flatnonzero(slots == slot)
            base = starts[members] + begin
            for pos, (_number, choice) in enumerate(self.option_table[slot]):
                where = base + pos
                self.choices.data[where] = choice.code
                moved = self.layout.apply(choice, rests[members])
                reached = self.move_into(choice.target, moved, where)
                if reached is not None:
                    self.edges.data[where] = reached

    def _slots(self, node: int, rests: Rests) -> Array:
        """Each state's list of options (its slot), -1 where none is available (a dead end).

        Runner.visible_choices on arrays: per choice, whether it is gone (``once`` and taken),
        open, or shown locked; the distinct combinations become lists of options.
        """
        table = self.t.nodes[node]
        if table.unconditional:
            return np.full(rests.size, self._slot(node, table.options), dtype=np.int64)
        wide = 2 * len(table.choices) > 62
        shown = np.zeros(rests.size, dtype=object if wide else np.int64)
        for i, choice in enumerate(table.choices):
            there = np.ones(rests.size, dtype=bool)
            if choice.once_mask:
                there = (rests & self.layout.chosen(choice.once_mask)) == 0
            open_ = (
                there if choice.condition is None else there & self.holds(choice.condition, rests)
            )
            locked = there & ~open_ if choice.show_locked else np.zeros(rests.size, dtype=bool)
            bits = open_.astype(np.int64) | locked.astype(np.int64) << 1
            shown |= (bits.astype(object) if wide else bits) << (2 * i)
        seen, where = unique_inverse(shown)
        found = np.array([self._slot_of_shown(node, int(k)) for k in seen.tolist()], dtype=np.int64)
        return found[where]

    def _slot_of_shown(self, node: int, shown: int) -> int:
        """The slot of the options a combination of open and locked choices gives."""
        options: Options = []
        number = 0
        for i, choice in enumerate(self.t.nodes[node].choices):
            state = shown >> (2 * i) & 3
            if state:
                number += 1
                if state == 1:
                    options.append((number, choice))
        return self._slot(node, options) if options else -1

    def holds(self, condition: Condition, rests: Rests) -> Array:
        """Whether ``condition`` holds in each state (evaluated once per value of what it reads)."""
        mask = self._masks.get(condition.source)
        if mask is None:
            mask = self._masks[condition.source] = self.layout.condition_mask(condition)
        seen, where = unique_inverse(rests & mask)
        truth = np.empty(seen.size, dtype=bool)
        for i, projection in enumerate(seen.tolist()):
            key = (condition.source, projection)
            value = self._truth.get(key)
            if value is None:
                value = self._truth[key] = condition(self.layout.context(projection))
            truth[i] = value
        return truth[where]

    def _slot(self, node: int, options: Options) -> int:
        key = (node, *(x for n, c in options for x in (n, c.code)))
        slot = self._slot_of.get(key)
        if slot is None:
            slot = self._slot_of[key] = len(self.option_table)
            self.option_table.append(options)
            self._lengths.append(len(options))
            self.slot_node.append(node)
        return slot

    # --- moves -------------------------------------------------------------------------------
    def move_into(self, target: int, rests: Rests, where: Array) -> Array | None:
        """Enter ``target`` (and its ``next`` chain) as Runner._enter does, for many states.

        Returns the outcome of each move (an ending's code or TO_LOOP), or None when the moves
        lead to a decision node: they are then resolved once that node has been explored.
        """
        t, layout, out = self.t, self.layout, self.out
        if t.chain_visits[target]:
            rests = layout.count_visits(target, rests)
        table = t.nodes[target]
        for passed in table.chain_prefix:
            out.arrive(passed, rests)
        final = table.final
        if final < 0:
            out.loops.add(target)
            return np.full(rests.size, TO_LOOP, dtype=np.int64)
        end_node = t.nodes[final]
        if end_node.kind == FORCED:
            out.arrive(final, rests)
            assert end_node.forced is not None
            codes = np.full(rests.size, t.ending_code[end_node.forced], dtype=np.int64)
            out.endings(codes, final, rests)
            return codes
        rests = rests & layout.live[final]
        if end_node.kind == END:
            out.arrive(final, rests)
            codes = self.resolve(rests)
            out.endings(codes, final, rests)
            return codes
        self._pending.setdefault(final, []).append(Fragment(rests, where))
        self.held += rests.nbytes + where.nbytes
        if len(self._pending[final]) == 1:
            heapq.heappush(self._heap, (self.rank[final], final))
        return None

    def resolve(self, rests: Rests) -> Array:
        """The code of the ending the rules pick in each state (Runner.resolve_ending)."""
        t = self.t
        codes = np.full(rests.size, t.ending_code[t.scenario.endings[-1].id], dtype=np.int64)
        open_ = np.arange(rests.size)
        for rule in t.scenario.ending_rules:
            if not open_.size:
                break
            if rule.condition is None:
                codes[open_] = t.ending_code[rule.spec.id]
                break
            holds = self.holds(rule.condition, rests[open_])
            codes[open_[holds]] = t.ending_code[rule.spec.id]
            open_ = open_[~holds]
        return codes


def _contains(known: Rests, values: Rests) -> Array:
    """Which of ``values`` are in the sorted array ``known``."""
    at = np.searchsorted(known, values)
    at[at >= known.size] = 0
    return np.asarray(known[at] == values) if known.size else np.zeros(values.size, dtype=bool)


def _topological_rank(t: Tables) -> tuple[list[int], list[bool]]:
    """Per node: the position of its strongly connected group, in an order moves go forward;
    per group: whether it loops."""
    from roleplay.authoring.solver._analysis import components, loops_to_itself

    rank = [0] * len(t.nodes)
    looping = []
    for index, group in enumerate(components(t.nodes)):
        looping.append(len(group) > 1 or loops_to_itself(t.nodes, group[0]))
        for node in group:
            rank[node] = index
    return rank, looping
