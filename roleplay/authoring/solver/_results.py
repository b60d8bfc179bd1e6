"""``explore()`` and what it returns: per ending, per node and per choice findings."""

from __future__ import annotations

import gc
from collections.abc import Mapping
from dataclasses import dataclass, field

from roleplay.authoring.solver._analysis import Origin, find_traps, witness
from roleplay.authoring.solver._explorer import Explorer, Progress
from roleplay.authoring.solver._paths import StateGraph
from roleplay.engine._scenario import Scenario

__all__ = ["DEFAULT_MAX_STATES", "EndingResult", "Exploration", "Progress", "explore"]

DEFAULT_MAX_STATES = 1_000_000

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
    graph: StateGraph | None = field(default=None, repr=False)

    @property
    def reachable_endings(self) -> list[str]:
        """Ids of the endings some play reaches."""
        return [e.id for e in self.endings.values() if e.reachable]


def explore(
    scenario: Scenario,
    *,
    max_states: int = DEFAULT_MAX_STATES,
    family: str | None = None,
    progress: Progress | None = None,
    graph: bool = False,
) -> Exploration:
    """Explore every reachable state of ``scenario`` (only ``family`` choices, when given).

    With ``graph`` the result keeps the whole state graph (``Exploration.graph``) for questions
    about paths (see :mod:`roleplay.authoring.solver._policies`); it needs a complete run.
    """
    # The exploration builds hundreds of thousands of tuples and no reference cycles: the
    # cyclic collector would only re-walk them again and again (a third of the run time).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        explorer = Explorer(scenario, max_states, family, progress, graph)
        complete, seconds = explorer.run()
        kept = StateGraph(explorer) if explorer.graph and complete else None
        found = _summarise(explorer, complete, seconds, kept)
        found.graph = kept
        return found
    finally:
        if was_enabled:
            gc.enable()


def _ranges(meter_ids: list[str], ranges: list[list[int]]) -> Ranges:
    return {m: (r[0], r[1]) for m, r in zip(meter_ids, ranges, strict=True)}


def _endings(explorer: Explorer) -> dict[str, EndingResult]:
    """What was found for each ending, in the scenario's order."""
    endings: dict[str, EndingResult] = {}
    for ending in explorer.t.scenario.endings:
        origin = explorer.ending_witness.get(ending.id)
        ranges = explorer.ending_ranges.get(ending.id)
        endings[ending.id] = EndingResult(
            ending.id,
            origin is not None,
            None if origin is None else witness(explorer.parent, origin),
            {} if ranges is None else _ranges(explorer.t.meter_ids, ranges),
        )
    return endings


def _traps(explorer: Explorer, graph: StateGraph | None) -> dict[int, Origin]:
    """Where players get caught: on the kept graph, else on the edges kept for loops."""
    if graph is not None and explorer.cyclic:
        return graph.traps()
    if explorer.track_edges:
        return find_traps(explorer.keys, explorer.parent, explorer.succ, explorer.can_end)
    return {}


def _summarise(
    explorer: Explorer, complete: bool, seconds: float, graph: StateGraph | None = None
) -> Exploration:
    """The findings of a finished (or stopped) exploration, by node and choice ids."""
    t = explorer.t
    node_ids = t.node_ids

    def witnesses(found: dict[int, Origin]) -> dict[str, tuple[int, ...]]:
        return {node_ids[n]: witness(explorer.parent, o) for n, o in found.items()}

    traps = _traps(explorer, graph) if complete else {}
    return Exploration(
        scenario_id=t.scenario.id,
        states=len(explorer.keys),
        complete=complete,
        seconds=seconds,
        family=explorer.family,
        endings=_endings(explorer),
        node_meters={
            node_ids[i]: _ranges(t.meter_ids, ranges)
            for i, ranges in enumerate(explorer.ranges)
            if ranges is not None
        },
        node_witness=witnesses(explorer.node_witness),
        available={
            (node_ids[n], choice.index)
            for n, options in explorer.option_lists.values()
            for _number, choice in options
        },
        dead_ends=witnesses(explorer.dead_ends),
        traps=witnesses(traps),
        loops={node_ids[n]: tuple(node_ids[i] for i in t.nodes[n].chain) for n in explorer.loops},
        loop_witness=witnesses(explorer.loops),
        ending_nodes={(e, node_ids[n]) for e, n in explorer.ending_nodes},
        tracked_visits=dict(t.caps),
        tracked_choices=tuple(t.chosen_ids),
    )
