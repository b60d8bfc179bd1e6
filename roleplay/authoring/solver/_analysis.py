"""Questions about the explored states: witnesses, loops in the story and traps."""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence

from roleplay.authoring.solver._tables import NEXT, Key, TableNode

#: Where a state or an outcome was first reached from: (state, 1-based choice number);
#: the state is -1 for the start.
Origin = tuple[int, int]


def witness(parent: Sequence[Origin], origin: Origin) -> tuple[int, ...]:
    """The 1-based choice numbers leading to ``origin`` (a state and a choice number)."""
    numbers: list[int] = []
    state, number = origin
    while state >= 0:
        numbers.append(number)
        state, number = parent[state]
    return tuple(reversed(numbers))


def has_cycle(nodes: Sequence[TableNode]) -> bool:
    """True when the story's nodes form a loop (else no state can repeat)."""
    successors = [
        {c.target for c in node.choices} | ({node.final} if node.kind == NEXT else set())
        for node in nodes
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


def _can_reach_an_ending(succ: Sequence[list[int]], can_end: Sequence[bool]) -> list[bool]:
    """Per state: whether some way on from it still reaches an ending."""
    reverse: list[list[int]] = [[] for _ in succ]
    for source, targets in enumerate(succ):
        for target in targets:
            reverse[target].append(source)
    good = list(can_end)
    queue = deque(i for i, ok in enumerate(good) if ok)
    while queue:
        current = queue.popleft()
        for source in reverse[current]:
            if not good[source]:
                good[source] = True
                queue.append(source)
    return good


def find_traps(
    keys: Sequence[Key],
    parent: Sequence[Origin],
    succ: Sequence[list[int]],
    can_end: Sequence[bool],
) -> dict[int, Origin]:
    """Entry states (by node) from which no ending can be reached any more.

    ``succ`` and ``can_end`` are the edges between decision states and whether a state's choice
    led straight to an ending; they are only kept when the story has a loop.
    """
    good = _can_reach_an_ending(succ, can_end)
    entries: dict[int, Origin] = {}
    for state, ok in enumerate(good):
        entry = parent[state][0]
        if not ok and (entry < 0 or good[entry]):
            entries.setdefault(keys[state][0], parent[state])
    return entries
