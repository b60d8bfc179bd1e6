"""The expert's road: a shortest path to a goal ending, kept as close to a learner's as it can.

The debrief sets it beside the learner's path (``build_debrief(..., expert_path=...)``): the
learner's own choices for as long as a goal ending could still be reached after them, then the
solver's shortest way on from there.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from roleplay.authoring.solver._paths import Array, Move, StateGraph
from roleplay.authoring.solver._results import DEFAULT_MAX_STATES, explore
from roleplay.engine._scenario import Scenario


def expert_path(
    scenario: Scenario, taken: Sequence[str] = (), *, max_states: int = DEFAULT_MAX_STATES
) -> tuple[str, ...] | None:
    """Choice ids of a road to a goal ending that follows ``taken`` as long as it can.

    None when no goal ending can be reached at all, or the exploration was too big to finish.
    """
    graph = _graph(scenario, max_states)
    goals = graph.codes(list(scenario.goal_endings)) if graph is not None else frozenset()
    if graph is None or not goals:
        return None
    good = graph.good(goals)
    kept, state = _follow(graph, taken, goals, good)
    if state is None:
        return None
    if state in goals:
        return tuple(taken[:kept])
    rest = _shortest_on(graph, state, goals, good)
    return None if rest is None else (*taken[:kept], *graph.ids(rest))


def _follow(
    graph: StateGraph, taken: Sequence[str], goals: frozenset[int], good: Array
) -> tuple[int, int | None]:
    """How many of ``taken`` keep a goal in reach, and the state (or goal) after them."""
    best: tuple[int, int | None] = (0, None)
    state = graph.initial
    for kept in range(len(taken) + 1):
        if state in goals or (state >= 0 and good[state]):
            best = (kept, state)
        if kept == len(taken) or state < 0:
            break
        pos = next(
            (p for p, (_n, c) in enumerate(graph.options(state)) if c.id == taken[kept]), None
        )
        if pos is None:
            break
        state = graph.target((state, pos))
    return best


def _shortest_on(
    graph: StateGraph, state: int, goals: frozenset[int], good: Array
) -> list[Move] | None:
    """A shortest way from ``state`` to a goal, through states that can still reach one."""
    return graph.search_from(state, goals)


@lru_cache(maxsize=4)
def _graph(scenario: Scenario, max_states: int) -> StateGraph | None:
    return explore(scenario, max_states=max_states, graph=True).graph
