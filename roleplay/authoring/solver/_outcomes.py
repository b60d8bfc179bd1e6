"""What an exploration records as it goes: meter ranges on arrival, endings, loops, dead ends.

Which move first led somewhere (the witnesses) is decided later, once the states are numbered
in breadth-first order (:mod:`._order`).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from roleplay.authoring.solver._arrays import unique
from roleplay.authoring.solver._layout import Layout, Rests
from roleplay.authoring.solver._tables import ENDING_BASE, Tables

Array = np.ndarray[Any, Any]


class Outcomes:
    """Meter ranges by node and by ending, the endings met at each node, loops and dead ends."""

    def __init__(self, t: Tables, layout: Layout) -> None:
        self.t = t
        self.layout = layout
        self.ranges: list[list[list[int]] | None] = [None] * len(t.nodes)
        self.ending_ranges: dict[str, list[list[int]]] = {}
        self.ending_nodes: set[tuple[str, int]] = set()
        self.ending_ids = [r.spec.id for r in t.scenario.ending_rules]
        #: nodes whose ``next`` chain, entered there, loops forever
        self.loops: set[int] = set()
        #: (node, positions of moves): moves into a decision state with no choice available
        self.dead_moves: list[tuple[int, Array]] = []
        #: the node where the story's start is already a dead end
        self.dead_start: int | None = None

    def _bounds(self, rests: Rests) -> list[tuple[int, int]]:
        """(lowest, highest) value of each meter over an array of rests."""
        found = []
        for m, low in enumerate(self.layout.meter_min):
            values = self.layout.meter(rests, m)
            found.append((int(values.min()) + low, int(values.max()) + low))
        return found

    def arrive(self, node: int, rests: Rests) -> None:
        """States arrive at ``node``: widen its meter ranges."""
        if rests.size:
            self.ranges[node] = _widen(self.ranges[node], self._bounds(rests))

    def endings(self, codes: Array, node: int, rests: Rests) -> None:
        """States end the story at ``node`` with the endings ``codes``."""
        for code in unique(codes).tolist():
            ending = self.ending_ids[ENDING_BASE - code]
            self.ending_nodes.add((ending, node))
            chosen = rests[codes == code]
            self.ending_ranges[ending] = _widen(
                self.ending_ranges.get(ending), self._bounds(chosen)
            )


def _widen(ranges: list[list[int]] | None, bounds: list[tuple[int, int]]) -> list[list[int]]:
    if ranges is None:
        return [[low, high] for low, high in bounds]
    for pair, (low, high) in zip(ranges, bounds, strict=True):
        pair[0] = min(pair[0], low)
        pair[1] = max(pair[1], high)
    return ranges
