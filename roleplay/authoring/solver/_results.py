"""``explore()`` and what it returns: per ending, per node and per choice findings."""

from __future__ import annotations

import gc
import time
from collections.abc import Mapping
from dataclasses import dataclass, field

from roleplay.authoring.solver._analysis import has_cycle
from roleplay.authoring.solver._explorer import Explorer, Progress
from roleplay.authoring.solver._firsts import Origin, first_moves
from roleplay.authoring.solver._paths import StateGraph
from roleplay.engine._scenario import Scenario

__all__ = [
    "DEFAULT_MAX_MEMORY_MB",
    "DEFAULT_MAX_STATES",
    "EndingResult",
    "Exploration",
    "Progress",
    "explore",
]

DEFAULT_MAX_STATES = 10_000_000
#: The memory budget of one exploration, in megabytes (see ``Explorer.footprint``).
DEFAULT_MAX_MEMORY_MB = 500

Ranges = dict[str, tuple[int, int]]


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
    seconds: float  # the whole exploration: states, breadth-first order and witnesses
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
    #: why an incomplete exploration stopped: "states" or "memory" ("" when complete)
    stopped_by: str = ""
    #: what the exploration needed at its largest, in bytes (see ``Explorer.footprint``)
    held_bytes: int = 0
    graph: StateGraph | None = field(default=None, repr=False)

    @property
    def reachable_endings(self) -> list[str]:
        """Ids of the endings some play reaches."""
        return [e.id for e in self.endings.values() if e.reachable]


def explore(
    scenario: Scenario,
    *,
    max_states: int = DEFAULT_MAX_STATES,
    max_memory_mb: float = DEFAULT_MAX_MEMORY_MB,
    progress: Progress | None = None,
    graph: bool = False,
) -> Exploration:
    """Explore every reachable state of ``scenario`` within the state and memory budgets.

    With ``graph`` the result keeps the whole state graph (``Exploration.graph``) for questions
    about paths (see :mod:`roleplay.authoring.solver._policies`); it needs a complete run.
    """
    # The exploration builds big arrays and no reference cycles: the cyclic collector would
    # only walk the memos again and again.
    was_enabled = gc.isenabled()
    gc.disable()
    began = time.perf_counter()
    try:
        explorer = Explorer(scenario, max_states, int(max_memory_mb * 1048576), progress)
        complete, _seconds = explorer.run()
        found = _summarise(explorer, complete, keep=graph)
        found.seconds = time.perf_counter() - began
        return found
    finally:
        if was_enabled:
            gc.enable()


def _ranges(meter_ids: list[str], ranges: list[list[int]]) -> Ranges:
    return {m: (r[0], r[1]) for m, r in zip(meter_ids, ranges, strict=True)}


def _summarise(explorer: Explorer, complete: bool, *, keep: bool) -> Exploration:
    """The findings of a finished (or stopped) exploration, by node and choice ids."""
    t, out = explorer.t, explorer.out
    node_ids = t.node_ids
    held = max(explorer.peak_bytes, explorer.footprint())
    graph = StateGraph(explorer)
    firsts = first_moves(explorer, graph.order, graph.starts, graph.edges, graph.choices)

    def witnesses(found: dict[int, Origin]) -> dict[str, tuple[int, ...]]:
        paths = graph.paths([state for state, _pos in found.values()])
        return {
            node_ids[n]: _then(graph, path, origin)
            for (n, origin), path in zip(found.items(), paths, strict=True)
        }

    found = Exploration(
        scenario_id=t.scenario.id,
        states=explorer.states,
        complete=complete,
        seconds=0.0,
        endings=_endings(explorer, graph, firsts.endings),
        node_meters={
            node_ids[i]: _ranges(t.meter_ids, ranges)
            for i, ranges in enumerate(out.ranges)
            if ranges is not None
        },
        node_witness=witnesses(firsts.nodes),
        available=_available(explorer),
        dead_ends=witnesses(firsts.dead_ends),
        traps=witnesses(graph.traps()) if complete and has_cycle(t.nodes) else {},
        loops={node_ids[n]: tuple(node_ids[i] for i in t.nodes[n].chain) for n in out.loops},
        loop_witness=witnesses(firsts.loops),
        ending_nodes={(e, node_ids[n]) for e, n in out.ending_nodes},
        tracked_visits=dict(t.caps),
        tracked_choices=tuple(t.chosen_ids),
        stopped_by="" if complete else explorer.stopped,
        held_bytes=held,
    )
    found.graph = graph if keep and complete else None
    return found


def _endings(
    explorer: Explorer, graph: StateGraph, firsts: dict[str, Origin]
) -> dict[str, EndingResult]:
    """What was found for each ending, in the scenario's order."""
    t = explorer.t
    endings: dict[str, EndingResult] = {}
    for ending in t.scenario.endings:
        origin = firsts.get(ending.id)
        ranges = explorer.out.ending_ranges.get(ending.id)
        endings[ending.id] = EndingResult(
            ending.id,
            origin is not None,
            None if origin is None else witness(graph, origin),
            {} if ranges is None else _ranges(t.meter_ids, ranges),
        )
    return endings


def _available(explorer: Explorer) -> set[tuple[str, int]]:
    """(node id, choice index) of every choice some state offers."""
    node_ids = explorer.t.node_ids
    return {
        (node_ids[explorer.slot_node[slot]], choice.index)
        for slot, options in enumerate(explorer.option_table)
        for _number, choice in options
    }


def witness(graph: StateGraph, origin: Origin) -> tuple[int, ...]:
    """The 1-based choice numbers (as written) of the breadth-first path to a move."""
    return _then(graph, graph.paths([origin[0]])[0], origin)


def _then(graph: StateGraph, path: tuple[int, ...], origin: Origin) -> tuple[int, ...]:
    """A path to a state, then the move of ``origin`` from it."""
    state, pos = origin
    return () if state < 0 else (*path, graph.options(state)[pos][0])
