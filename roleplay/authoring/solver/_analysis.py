"""The story's shape as the solver needs it: its loops and its strongly connected node groups."""

from __future__ import annotations

from collections.abc import Sequence

from roleplay.authoring.solver._tables import NEXT, TableNode


def _successors(nodes: Sequence[TableNode]) -> list[list[int]]:
    """Per node: where its choices and its ``next`` lead (sorted)."""
    return [
        sorted({c.target for c in node.choices} | ({node.final} if node.kind == NEXT else set()))
        for node in nodes
    ]


def has_cycle(nodes: Sequence[TableNode]) -> bool:
    """True when the story's nodes form a loop (else no state can repeat)."""
    return any(len(g) > 1 or loops_to_itself(nodes, g[0]) for g in components(nodes))


def loops_to_itself(nodes: Sequence[TableNode], node: int) -> bool:
    """True when a choice or the ``next`` chain of ``node`` leads straight back to it."""
    table = nodes[node]
    return node in {c.target for c in table.choices} or (table.kind == NEXT and table.final == node)


def components(nodes: Sequence[TableNode]) -> list[list[int]]:
    """The story's strongly connected node groups, in an order where moves only go forward."""
    successors = _successors(nodes)
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
