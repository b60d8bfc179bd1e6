"""The place a node is reached in: the background and title in force on the way to it.

A run that starts at a node other than the start (``play --from``, designer mode's jump) has no
path behind it, so nothing says which background and place title are in force when the node does
not set them. The answer here is what a player would most likely have seen: walking back from the
node along a shortest path from the start, the nearest node that sets each.
"""

from __future__ import annotations

from collections import deque

from roleplay.engine._scenario import Scenario


def _parents(scenario: Scenario) -> dict[str, str | None]:
    """Each node reachable from the start, with the node before it on a shortest path."""
    parents: dict[str, str | None] = {scenario.start: None}
    queue = deque([scenario.start])
    while queue:
        node_id = queue.popleft()
        node = scenario.nodes[node_id]
        targets = [choice.next_id for choice in node.choices]
        if node.next_id is not None:
            targets.append(node.next_id)
        for target in targets:
            if target not in parents and target in scenario.nodes:
                parents[target] = node_id
                queue.append(target)
    return parents


def arrival_context(scenario: Scenario, node_id: str) -> tuple[str | None, str | None]:
    """The background and place title in force on arriving at ``node_id`` (before the node's
    own), from the nearest node setting each on a shortest path from the start."""
    parents = _parents(scenario)
    background: str | None = None
    title: str | None = None
    current = parents.get(node_id)
    while current is not None and (background is None or title is None):
        spec = scenario.nodes[current].spec
        background = background or spec.background
        title = title or spec.title
        current = parents[current]
    return background, title
