"""The state-space solver: explores every reachable hidden-meter state of a scenario.

It mirrors :class:`roleplay.engine._runtime.Runner` exactly (visible choices, clamped effects,
``next`` chains, forced endings, the dead-end rule and ending resolution) but works on small
immutable state keys ``(node, meters, flags, visits, chosen)`` with memoisation. Only what
conditions can observe is tracked: visit counts of nodes named in ``visited()``/``visits()``
(capped just above the largest number those conditions compare with) and whether ``once``
choices or choices named in ``chose()`` were taken. Breadth-first search makes every witness a
shortest one.
"""

from __future__ import annotations

import ast
import gc
import time
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from roleplay.engine._expr import Condition
from roleplay.engine._scenario import CompiledChoice, Scenario

DEFAULT_MAX_STATES = 1_000_000

#: ``progress(states, seconds)`` is called now and then during long explorations.
Progress = Callable[[int, float], None]

Key = tuple[int, tuple[int, ...], int, tuple[int, ...], int]

_DECISION, _NEXT, _FORCED, _END = 0, 1, 2, 3
_TO_ENDING, _TO_LOOP = -1, -2  # what a move led to, when not to a decision state


class _Bits(Mapping[str, Any]):
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


class _Ctx:
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


@dataclass(frozen=True, slots=True)
class _Choice:
    """A choice compiled for the solver: bit masks and indices instead of names."""

    index: int
    condition: Condition | None
    once_mask: int
    show_locked: bool
    effects: tuple[tuple[int, int, int, int], ...]
    set_on: int
    set_off: int
    chosen_mask: int
    target: int
    family: str
    # memo of the pure meters -> meters-after-effects function (states share meter values)
    moves: dict[tuple[int, ...], tuple[int, ...]] = field(
        default_factory=dict, compare=False, hash=False
    )


@dataclass(frozen=True, slots=True)
class _Node:
    kind: int
    choices: tuple[_Choice, ...]
    unconditional: bool
    forced: str | None
    chain: tuple[int, ...]  # nodes entered when entering this one (itself, then its `next`s)
    final: int  # where the chain stops; -1 when the `next` nodes loop forever
    options: list[tuple[int, _Choice]]  # (number, choice) of an unconditional decision
    read_meters: tuple[int, ...]  # meters its choice conditions read
    read_flags: int
    read_chosen: int  # including its own `once` choices
    chain_prefix: tuple[int, ...] = ()  # the `next` nodes passed through before ``final``


@dataclass(frozen=True)
class EndingResult:
    """What the solver learned about one ending."""

    id: str
    reachable: bool
    witness: tuple[int, ...] | None
    meters: Mapping[str, tuple[int, int]]


@dataclass
class Exploration:
    """The result of exploring a scenario's state space."""

    scenario_id: str
    states: int
    complete: bool
    seconds: float
    family: str | None
    endings: dict[str, EndingResult]
    node_meters: dict[str, dict[str, tuple[int, int]]]
    node_witness: dict[str, tuple[int, ...]]
    available: set[tuple[str, int]]
    dead_ends: dict[str, tuple[int, ...]]
    traps: dict[str, tuple[int, ...]]
    loops: dict[str, tuple[str, ...]]
    loop_witness: dict[str, tuple[int, ...]] = field(default_factory=dict)
    ending_nodes: set[tuple[str, str]] = field(default_factory=set)
    tracked_visits: dict[str, int] = field(default_factory=dict)
    tracked_choices: tuple[str, ...] = ()

    @property
    def reachable_endings(self) -> list[str]:
        """Ids of the endings some play reaches."""
        return [e.id for e in self.endings.values() if e.reachable]


def _walk_calls(condition: Condition) -> tuple[set[str], set[str], int]:
    """Nodes read with visited(), nodes read with visits(), and the largest constant."""
    visited: set[str] = set()
    counted: set[str] = set()
    largest = 0
    for node in ast.walk(condition.tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.args:
            argument = node.args[0]
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                if node.func.id == "visits":
                    counted.add(argument.value)
                elif node.func.id == "visited":
                    visited.add(argument.value)
        elif isinstance(node, ast.Constant) and type(node.value) is int:
            largest = max(largest, abs(node.value))
    return visited, counted, largest


def _logic_conditions(scenario: Scenario) -> list[Condition]:
    """Conditions that decide the way through (choices and ending rules, not lines)."""
    found = [c.condition for n in scenario.nodes.values() for c in n.choices if c.condition]
    found += [r.condition for r in scenario.ending_rules if r.condition is not None]
    return found


def visit_caps(scenario: Scenario) -> dict[str, int]:
    """Tracked nodes and the visit count above which conditions cannot tell counts apart."""
    caps: dict[str, int] = {}
    for condition in _logic_conditions(scenario):
        visited, counted, largest = _walk_calls(condition)
        for node_id in visited:
            caps[node_id] = max(caps.get(node_id, 1), 1)
        for node_id in counted:
            caps[node_id] = max(caps.get(node_id, 1), largest + 1, 2)
    return caps


def tracked_choices(scenario: Scenario) -> list[str]:
    """Choice ids whose having-been-taken matters: ``once`` choices and those in chose()."""
    wanted = {c for cond in _logic_conditions(scenario) for c in cond.choices}
    for node in scenario.nodes.values():
        wanted.update(c.id for c in node.choices if c.spec.once)
    return sorted(wanted)


class _Tables:
    """The scenario compiled into index-based tables for fast exploration."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.node_ids = list(scenario.nodes)
        self.node_index = {n: i for i, n in enumerate(self.node_ids)}
        self.meter_ids = list(scenario.meters)
        self.meter_index = {m: i for i, m in enumerate(self.meter_ids)}
        self.flag_ids = list(scenario.flags)
        self.caps = visit_caps(scenario)
        self.visit_ids = sorted(self.caps)
        self.visit_pos = [-1] * len(self.node_ids)
        for pos, node_id in enumerate(self.visit_ids):
            self.visit_pos[self.node_index[node_id]] = pos
        self.cap_list = [self.caps[n] for n in self.visit_ids]
        self.all_visits = (1 << len(self.visit_ids)) - 1
        self.chosen_ids = tracked_choices(scenario)
        self.chosen_bit = {c: 1 << i for i, c in enumerate(self.chosen_ids)}
        self.chosen_pos = {c: i for i, c in enumerate(self.chosen_ids)}
        self.flag_pos = {f: i for i, f in enumerate(self.flag_ids)}
        self.nodes = [self._node(node_id) for node_id in self.node_ids]
        self.chain_visits = [
            tuple(self.visit_pos[n] for n in node.chain if self.visit_pos[n] >= 0)
            for node in self.nodes
        ]
        rules = [r.condition for r in scenario.ending_rules if r.condition is not None]
        self.ending_flags = sum(1 << self.flag_pos[f] for f in {f for c in rules for f in c.flags})
        self.ending_chosen = sum(self.chosen_bit[x] for x in {x for c in rules for x in c.choices})
        self.live_flags, self.live_visits, self.live_chosen = self._liveness()

    # --- liveness: what a condition may still read from a node on -----------------------
    def _reads(self, node_id: str) -> tuple[int, int, int]:
        """Flags, visit slots and chosen bits read by the conditions evaluated at a node."""
        compiled = self.scenario.nodes[node_id]
        conditions = [c.condition for c in compiled.choices if c.condition is not None]
        if compiled.spec.end or not compiled.unconditional:
            conditions += [r.condition for r in self.scenario.ending_rules if r.condition]
        flag_pos = {f: i for i, f in enumerate(self.flag_ids)}
        visit_pos = {n: i for i, n in enumerate(self.visit_ids)}
        flags = visits = chosen = 0
        for condition in conditions:
            flags |= sum(1 << flag_pos[f] for f in condition.flags)
            visits |= sum(1 << visit_pos[n] for n in condition.nodes if n in visit_pos)
            chosen |= sum(self.chosen_bit.get(c, 0) for c in condition.choices)
        chosen |= sum(self.chosen_bit.get(c.id, 0) for c in compiled.choices if c.spec.once)
        return flags, visits, chosen

    def _liveness(self) -> tuple[list[int], list[int], list[int]]:
        """Per node: what any condition from here on may read (the rest is dropped from keys).

        Two states that differ only in what no later condition reads have the same futures,
        so forgetting it is exact and keeps the state space small.
        """
        reads = [self._reads(node_id) for node_id in self.node_ids]
        successors: list[set[int]] = []
        for node_id in self.node_ids:
            spec = self.scenario.nodes[node_id].spec
            targets = {self.node_index[c.next] for c in spec.choices or ()}
            if spec.next is not None:
                targets.add(self.node_index[spec.next])
            successors.append(targets)
        live = [list(r) for r in reads]
        changed = True
        while changed:
            changed = False
            for index in reversed(range(len(live))):
                mine = live[index]
                for target in successors[index]:
                    theirs = live[target]
                    for slot in range(3):
                        merged = mine[slot] | theirs[slot]
                        if merged != mine[slot]:
                            mine[slot] = merged
                            changed = True
        return [x[0] for x in live], [x[1] for x in live], [x[2] for x in live]

    def _choice(self, choice: CompiledChoice) -> _Choice:
        flag_bit = {f: 1 << i for i, f in enumerate(self.flag_ids)}
        set_on = sum(flag_bit[f] for f, v in choice.sets if v)
        set_off = sum(flag_bit[f] for f, v in choice.sets if not v)
        bit = self.chosen_bit.get(choice.id, 0)
        return _Choice(
            choice.index,
            choice.condition,
            bit if choice.spec.once else 0,
            choice.spec.show_locked,
            tuple((self.meter_index[m], d, lo, hi) for m, d, lo, hi in choice.effects),
            set_on,
            set_off,
            bit,
            self.node_index[choice.spec.next],
            self.scenario.technique_family(choice.spec.technique),
        )

    def _node(self, node_id: str) -> _Node:
        compiled = self.scenario.nodes[node_id]
        spec = compiled.spec
        if spec.ending is not None:
            kind = _FORCED
        elif spec.end:
            kind = _END
        elif spec.next is not None:
            kind = _NEXT
        else:
            kind = _DECISION
        chain, final = self._chain(node_id)
        choices = tuple(self._choice(c) for c in compiled.choices)
        conditions = [c.condition for c in compiled.choices if c.condition is not None]
        read_meters = sorted({self.meter_index[m] for c in conditions for m in c.meters})
        read_flags = sum(1 << self.flag_pos[f] for f in {f for c in conditions for f in c.flags})
        read_chosen = sum(c.chosen_mask for c in choices if c.once_mask)
        read_chosen |= sum(self.chosen_bit[x] for x in {x for c in conditions for x in c.choices})
        return _Node(
            kind,
            choices,
            compiled.unconditional,
            spec.ending,
            chain,
            final,
            list(enumerate(choices, start=1)),
            tuple(read_meters),
            read_flags,
            read_chosen,
            chain[:-1],
        )

    def _chain(self, node_id: str) -> tuple[tuple[int, ...], int]:
        entered: list[int] = []
        current: str | None = node_id
        while current is not None:
            index = self.node_index[current]
            if index in entered:
                return tuple(entered), -1
            entered.append(index)
            spec = self.scenario.nodes[current].spec
            if spec.ending is not None or spec.end:
                break
            current = spec.next
        return tuple(entered), entered[-1]

    def context(
        self, meters: tuple[int, ...], flags: int, visits: tuple[int, ...], chosen: int
    ) -> _Ctx:
        """A condition context for a state key's parts."""
        return _Ctx(
            dict(zip(self.meter_ids, meters, strict=True)),
            _Bits(flags, self.flag_pos, False),
            dict(zip(self.visit_ids, visits, strict=True)),
            _Bits(chosen, self.chosen_pos, True),
        )

    def resolve_ending(self, ctx: _Ctx) -> str:
        """The ending the rules pick in ``ctx`` (Runner.resolve_ending)."""
        for rule in self.scenario.ending_rules:
            if rule.condition is None or rule.condition(ctx):
                return rule.spec.id
        return self.scenario.endings[-1].id


def visible(node: _Node, ctx: _Ctx | None, chosen: int) -> list[tuple[_Choice, bool]]:
    """Runner.visible_choices on solver tables (``ctx`` may be None for unconditional nodes)."""
    if node.unconditional:
        return [(c, True) for c in node.choices]
    assert ctx is not None
    shown: list[tuple[_Choice, bool]] = []
    for choice in node.choices:
        if choice.once_mask and chosen & choice.once_mask:
            continue
        if choice.condition is None or choice.condition(ctx):
            shown.append((choice, True))
        elif choice.show_locked:
            shown.append((choice, False))
    return shown


class _Explorer:
    """Breadth-first exploration with parent pointers for witnesses."""

    def __init__(
        self,
        scenario: Scenario,
        max_states: int,
        family: str | None,
        progress: Progress | None,
    ) -> None:
        self.t = _Tables(scenario)
        self.max_states = max_states
        self.family = family
        self.progress = progress
        self.keys: list[Key] = []
        self.index: dict[Key, int] = {}
        self.parent: list[tuple[int, int]] = []
        self.succ: list[list[int]] = []
        self.can_end: list[bool] = []
        self.pending: dict[int, list[tuple[int, _Choice]]] = {}
        self.resolved: dict[Key, str] = {}
        self.option_cache: dict[Key, list[tuple[int, _Choice]]] = {}
        n_meters = len(self.t.meter_ids)
        self.ranges: list[list[list[int]] | None] = [None] * len(self.t.node_ids)
        self.node_witness: dict[int, tuple[int, int]] = {}
        self.ending_ranges: dict[str, list[list[int]]] = {}
        self.ending_witness: dict[str, tuple[int, int]] = {}
        self.dead_ends: dict[int, tuple[int, int]] = {}
        self.loops: dict[int, tuple[int, int]] = {}
        self.option_lists: dict[int, tuple[int, list[tuple[int, _Choice]]]] = {}
        self.chain_seen: set[tuple[int, tuple[int, ...]]] = set()
        self.ending_nodes: set[tuple[str, int]] = set()
        self.arrived: set[tuple[int, tuple[int, ...]]] = set()
        self.ended: set[tuple[str, int, tuple[int, ...]]] = set()
        self._n_meters = n_meters
        # without loops in the story no state can repeat, so no player can get caught:
        # the edges needed to find traps are only kept when the nodes form a loop
        self.track_edges = self.node_graph_has_cycle()

    # --- bookkeeping ------------------------------------------------------------------
    def _arrive(self, node: int, meters: tuple[int, ...], origin: tuple[int, int]) -> None:
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

    def _ending(
        self, ending: str, meters: tuple[int, ...], origin: tuple[int, int], node: int
    ) -> None:
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
        origin: tuple[int, int],
    ) -> int:
        """Enter ``target`` (and its ``next`` chain) the way Runner._enter does.

        Returns the decision state reached, or _TO_ENDING / _TO_LOOP.
        """
        t = self.t
        node = t.nodes[target]
        slots = t.chain_visits[target]
        if slots:
            counts = list(visits)
            for pos in slots:
                counts[pos] = min(counts[pos] + 1, t.cap_list[pos])
            visits = tuple(counts)
        if node.chain_prefix:
            seen = (target, meters)
            if seen not in self.chain_seen:  # the same meters along the same chain add nothing
                self.chain_seen.add(seen)
                for n in node.chain_prefix:
                    self._arrive(n, meters, origin)
        final = node.final
        if final < 0:
            self.loops.setdefault(target, origin)
            return _TO_LOOP
        end_node = t.nodes[final]
        if end_node.kind == _FORCED:
            assert end_node.forced is not None
            self._arrive(final, meters, origin)
            self._ending(end_node.forced, meters, origin, final)
            return _TO_ENDING
        flags &= t.live_flags[final]
        chosen &= t.live_chosen[final]
        live_visits = t.live_visits[final]
        if visits and live_visits != t.all_visits:
            visits = tuple(v if live_visits >> i & 1 else 0 for i, v in enumerate(visits))
        key: Key = (final, meters, flags, visits, chosen)
        if end_node.kind == _END:
            self._arrive(final, meters, origin)
            self._ending(self._resolve(key), meters, origin, final)
            return _TO_ENDING
        found = self.index.get(key)
        if found is not None:
            if self.track_edges and origin[0] >= 0:
                self.succ[origin[0]].append(found)
            return found
        # a decision state seen before arrived with these very meters: only new ones count
        self._arrive(final, meters, origin)
        options = end_node.options if end_node.unconditional else self._options(end_node, key)
        if not options:
            self.dead_ends.setdefault(final, origin)
            self._ending(self._resolve(key), meters, origin, final)
            return _TO_ENDING
        new_id = len(self.keys)
        self.keys.append(key)
        self.index[key] = new_id
        self.pending[new_id] = options
        self.option_lists.setdefault(id(options), (final, options))
        self.parent.append(origin)
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

    def _options(self, node: _Node, key: Key) -> list[tuple[int, _Choice]]:
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
            self.enter(
                choice.target,
                new_meters,
                (flags | choice.set_on) & ~choice.set_off,
                visits,
                chosen | choice.chosen_mask,
                (state, number),
            )

    def run(self) -> tuple[bool, float]:
        """Explore until done or over budget; return (complete, seconds)."""
        t = self.t
        began = time.perf_counter()
        initial = tuple(m.initial for m in t.scenario.meters.values())
        flags = sum(1 << i for i, f in enumerate(t.scenario.flags.values()) if f.start)
        self.enter(
            t.node_index[t.scenario.start],
            initial,
            flags,
            tuple(0 for _ in t.visit_ids),
            0,
            (-1, 0),
        )
        cursor = 0
        next_report = 50_000
        while cursor < len(self.keys):
            if len(self.keys) > self.max_states:
                return False, time.perf_counter() - began
            self.expand(cursor)
            cursor += 1
            if self.progress is not None and cursor >= next_report:
                next_report += 50_000
                self.progress(len(self.keys), time.perf_counter() - began)
        return True, time.perf_counter() - began

    # --- results ----------------------------------------------------------------------
    def witness(self, origin: tuple[int, int]) -> tuple[int, ...]:
        """The 1-based choice numbers leading to ``origin`` (a state and a choice number)."""
        numbers: list[int] = []
        state, number = origin
        while state >= 0:
            numbers.append(number)
            state, number = self.parent[state]
        return tuple(reversed(numbers))

    def node_graph_has_cycle(self) -> bool:
        """True when the story's nodes form a loop (else no state can repeat)."""
        t = self.t
        successors = [
            {c.target for c in node.choices} | ({node.final} if node.kind == _NEXT else set())
            for node in t.nodes
        ]
        state = [0] * len(successors)  # 0 new, 1 on the stack, 2 done
        for root in range(len(successors)):
            if state[root]:
                continue
            stack = [(root, iter(successors[root]))]
            state[root] = 1
            while stack:
                node, children = stack[-1]
                child = next(children, None)
                if child is None:
                    state[node] = 2
                    stack.pop()
                elif child >= 0 and state[child] == 1:
                    return True
                elif child >= 0 and state[child] == 0:
                    state[child] = 1
                    stack.append((child, iter(successors[child])))
        return False

    def traps(self) -> dict[int, tuple[int, int]]:
        """Entry states (by node) from which no ending can be reached any more."""
        if not self.track_edges:
            return {}  # without loops every path runs into an ending, a dead end or a loop
        reverse: list[list[int]] = [[] for _ in self.keys]
        for source, targets in enumerate(self.succ):
            for target in targets:
                reverse[target].append(source)
        good = list(self.can_end)
        queue = deque(i for i, ok in enumerate(good) if ok)
        while queue:
            current = queue.popleft()
            for source in reverse[current]:
                if not good[source]:
                    good[source] = True
                    queue.append(source)
        entries: dict[int, tuple[int, int]] = {}
        for state, ok in enumerate(good):
            parent = self.parent[state][0]
            if not ok and (parent < 0 or good[parent]):
                entries.setdefault(self.keys[state][0], self.parent[state])
        return entries


def explore(
    scenario: Scenario,
    *,
    max_states: int = DEFAULT_MAX_STATES,
    family: str | None = None,
    progress: Progress | None = None,
) -> Exploration:
    """Explore every reachable state of ``scenario`` (only ``family`` choices, when given)."""
    # The exploration builds hundreds of thousands of tuples and no reference cycles: the
    # cyclic collector would only re-walk them again and again (a third of the run time).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _explore(scenario, max_states, family, progress)
    finally:
        if was_enabled:
            gc.enable()


def _explore(
    scenario: Scenario, max_states: int, family: str | None, progress: Progress | None
) -> Exploration:
    explorer = _Explorer(scenario, max_states, family, progress)
    complete, seconds = explorer.run()
    t = explorer.t
    meter_ids = t.meter_ids
    endings: dict[str, EndingResult] = {}
    for ending in scenario.endings:
        origin = explorer.ending_witness.get(ending.id)
        ranges = explorer.ending_ranges.get(ending.id)
        endings[ending.id] = EndingResult(
            ending.id,
            origin is not None,
            None if origin is None else explorer.witness(origin),
            {}
            if ranges is None
            else {m: (r[0], r[1]) for m, r in zip(meter_ids, ranges, strict=True)},
        )
    node_meters = {
        t.node_ids[i]: {m: (r[0], r[1]) for m, r in zip(meter_ids, ranges, strict=True)}
        for i, ranges in enumerate(explorer.ranges)
        if ranges is not None
    }
    node_ids = t.node_ids
    return Exploration(
        scenario_id=scenario.id,
        states=len(explorer.keys),
        complete=complete,
        seconds=seconds,
        family=family,
        endings=endings,
        node_meters=node_meters,
        node_witness={node_ids[n]: explorer.witness(o) for n, o in explorer.node_witness.items()},
        available={
            (node_ids[n], choice.index)
            for n, options in explorer.option_lists.values()
            for _number, choice in options
        },
        dead_ends={node_ids[n]: explorer.witness(o) for n, o in explorer.dead_ends.items()},
        traps={node_ids[n]: explorer.witness(o) for n, o in explorer.traps().items()}
        if complete
        else {},
        loops={node_ids[n]: tuple(node_ids[i] for i in t.nodes[n].chain) for n in explorer.loops},
        loop_witness={node_ids[n]: explorer.witness(o) for n, o in explorer.loops.items()},
        ending_nodes={(e, node_ids[n]) for e, n in explorer.ending_nodes},
        tracked_visits=dict(t.caps),
        tracked_choices=tuple(t.chosen_ids),
    )
