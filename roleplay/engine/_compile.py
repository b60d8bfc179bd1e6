"""Compiling one node into the runtime's tables, once its checks have run (or never need to).

A part of :class:`roleplay.engine._checks._Checker`. A load runs every node's checks
(``check_node``; none for a scenario from the cache, which keeps only scenarios that had no
diagnostic at all), and the scenario compiles each node here on its first use, in the middle of
play. Compiling reports nothing: a condition that failed to compile was reported by the checks
and compiles to None here, an effect on an unknown meter was reported and is left out; so it
makes no locations and no diagnostics, only the compiled tuples.

What many choices hold alike is shared rather than copied: the ids of the nodes they lead to (so
the runtime's look-ups by node id find the very same string), their effects and flag sets (a
scenario has few distinct ones). A big scenario's play loop then reads far fewer distinct objects
per decision, which keeps it in the CPU caches.
"""

from __future__ import annotations

from collections.abc import Mapping
from sys import intern
from typing import Any, TypeVar

from roleplay.engine._expr import Condition
from roleplay.engine._model import Choice, Prose, ScenarioSpec, Technique
from roleplay.engine._scenario import (
    CompiledChoice,
    CompiledLine,
    CompiledNode,
    CompiledParagraph,
)
from roleplay.engine._shuffle import item_key

Loc = tuple[str | int, ...]
_NOWHERE: Loc = ()  # compiling records no diagnostic, so it needs no location
T = TypeVar("T")


class NodeCompiler:
    """Compiles a node without checking it (a mixin of the checker)."""

    spec: ScenarioSpec
    techniques: Mapping[str, Technique]
    _shared: dict[Any, Any]  # effects and flag sets already made, to share equal ones

    def shared(self, value: T) -> T:
        """``value``, or an equal one made before (immutable values only)."""
        found: T = self._shared.setdefault(value, value)
        return found

    def condition(self, source: str | None, loc: Loc) -> Condition | None:
        """Compile a condition (the checker's own)."""
        raise NotImplementedError

    def prose(self, value: Prose, loc: Loc) -> tuple[CompiledParagraph, ...]:
        """Compile learner-facing prose (the checker's own)."""
        raise NotImplementedError

    def compiled_node(self, node_id: str) -> CompiledNode:
        """The node ``node_id`` compiled (its checks have run, or never need to)."""
        node = self.spec.nodes[node_id]
        node_id = intern(node_id)
        condition = self.condition
        lines = tuple([CompiledLine(line, condition(line.if_, _NOWHERE)) for line in node.lines])
        choices = tuple([self._choice(node_id, i, c) for i, c in enumerate(node.choices or ())])
        unconditional = all(c.condition is None and not c.spec.once for c in choices)
        shuffle = self.spec.shuffle if node.shuffle is None else node.shuffle
        keys = tuple([item_key(node_id, c.id) for c in choices]) if shuffle else ()
        return CompiledNode(
            node_id,
            node,
            lines,
            choices,
            unconditional,
            None if node.next is None else intern(node.next),
            node.end,
            node.ending,
            shuffle,
            keys,
            node.background,
            node.title,
        )

    def _choice(self, node_id: str, index: int, choice: Choice) -> CompiledChoice:
        meters = self.spec.meters
        shared = self.shared
        effects = [
            shared((meter_id, delta, meters[meter_id].min, meters[meter_id].max))
            for meter_id, delta in choice.effects.items()
            if meter_id in meters
        ]
        condition = self.condition
        reaction = [CompiledLine(line, condition(line.if_, _NOWHERE)) for line in choice.reaction]
        technique = self.techniques.get(choice.technique)
        return CompiledChoice(
            index,
            choice.id or f"{node_id}.{index + 1}",  # as _choice_ids() names it
            choice,
            condition(choice.if_, _NOWHERE),
            shared(tuple(effects)),
            shared(tuple(choice.set.items())),
            tuple(reaction),
            intern(choice.next),
            choice.once,
            choice.show_locked,
            choice.text,
            choice.technique,
            self.prose(choice.feedback, _NOWHERE),
            technique.family if technique is not None else "",
        )
