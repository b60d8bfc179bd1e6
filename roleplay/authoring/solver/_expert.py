"""The expert's road: a way to a goal ending, kept as close to a learner's as it can.

The debrief sets it beside the learner's path (``build_debrief(..., expert_path=...)``): the
learner's own choices for as long as a goal ending could still be reached after them, then the
solver's way on from there. An expert does not spend the relationship to get there: of the ways
on, it takes the one that lowers the relationship meters (trust, unless the scenario names
others) least, then the shortest (a push made before the relationship can carry it is parked and
costs trust, so the expert's road never makes one when a better-timed road exists).
"""

from __future__ import annotations

import heapq
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
    relation = [list(scenario.meters).index(m) for m in scenario.relationship_meters]
    rest = _kindest_on(graph, state, goals, good, relation)
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


def _kindest_on(
    graph: StateGraph, origin: int, goals: frozenset[int], good: Array, relation: list[int]
) -> list[Move] | None:
    """The way from ``origin`` to a goal, through states that can still reach one, that lowers
    the relationship meters least, then is shortest, then takes choices first as written."""
    if origin < 0:
        return [] if origin in goals else None
    best: dict[int, tuple[int, int]] = {origin: (0, 0)}
    came: dict[int, Move] = {}
    queue = [(0, 0, 0, origin)]
    order = 0
    while queue:
        cost, length, _order, state = heapq.heappop(queue)
        if state < 0:
            return _back(came, origin, state)
        if best[state] != (cost, length):
            continue
        before = graph.meters(state)
        for pos in range(len(graph.options(state))):
            after = graph.target((state, pos))
            if (after < 0 and after not in goals) or (after >= 0 and not good[after]):
                continue
            hurt = 0 if after < 0 else _hurt(before, graph.meters(after), relation)
            step = (cost + hurt, length + 1)
            if after not in best or step < best[after]:
                best[after], came[after] = step, (state, pos)
                order += 1
                heapq.heappush(queue, (*step, order, after))
    return None


def _hurt(before: tuple[int, ...], after: tuple[int, ...], relation: list[int]) -> int:
    return sum(max(before[m] - after[m], 0) for m in relation)


def _back(came: dict[int, Move], origin: int, end: int) -> list[Move]:
    moves: list[Move] = []
    while end != origin:
        move = came[end]
        moves.append(move)
        end = move[0]
    moves.reverse()
    return moves


@lru_cache(maxsize=4)
def _graph(scenario: Scenario, max_states: int) -> StateGraph | None:
    return explore(scenario, max_states=max_states, graph=True).graph
