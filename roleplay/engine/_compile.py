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

from collections.abc import Mapping, Sequence
from sys import intern
from typing import Any

from roleplay.engine._expr import Condition
from roleplay.engine._model import Choice, LineSpec, Prose, ScenarioSpec, Technique
from roleplay.engine._scenario import (
    CompiledChoice,
    CompiledLine,
    CompiledNode,
    CompiledParagraph,
)
from roleplay.engine._shuffle import item_key

Loc = tuple[str | int, ...]
_NOWHERE: Loc = ()  # compiling records no diagnostic, so it needs no location


class NodeCompiler:
    """Compiles a node without checking it (a mixin of the checker)."""

    spec: ScenarioSpec
    techniques: Mapping[str, Technique]
    _shared: dict[Any, Any]  # effects and flag sets already made, to share equal ones

    def condition(self, source: str | None, loc: Loc) -> Condition | None:
        """Compile a condition (the checker's own)."""
        raise NotImplementedError

    def prose(self, value: Prose, loc: Loc) -> tuple[CompiledParagraph, ...]:
        """Compile learner-facing prose (the checker's own)."""
        raise NotImplementedError

    def compiled_node(self, node_id: str) -> CompiledNode:
        """The node ``node_id`` compiled (its checks have run, or never need to).

        Every node of a big scenario is compiled in the middle of play, on its first visit, so
        the records are made directly (``_make``: no frame of the named tuples' ``__new__``).
        """
        node = self.spec.nodes[node_id]
        node_id = intern(node_id)
        lines = self._lines(node.lines)
        choices = tuple([self._choice(node_id, i, c) for i, c in enumerate(node.choices or ())])
        unconditional = True
        for choice in choices:
            if choice.condition is not None or choice.once:
                unconditional = False
        shuffle = self.spec.shuffle if node.shuffle is None else node.shuffle
        keys = tuple([item_key(node_id, c.id) for c in choices]) if shuffle else ()
        fields = (
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
        return _make(CompiledNode, fields)

    def _lines(self, lines: Sequence[LineSpec]) -> tuple[CompiledLine, ...]:
        """Lines with their conditions compiled."""
        condition = self.condition
        return tuple(
            [
                _make(
                    CompiledLine,
                    (line, None if line.if_ is None else condition(line.if_, _NOWHERE)),
                )
                for line in lines
            ]
        )

    def _choice(self, node_id: str, index: int, choice: Choice) -> CompiledChoice:
        meters = self.spec.meters
        share = self._shared.setdefault
        effects = []
        for meter_id, delta in choice.effects.items():
            meter = meters.get(meter_id)
            if meter is not None:
                effect = (meter_id, delta, meter.min, meter.max)
                effects.append(share(effect, effect))
        effects_made, sets = tuple(effects), tuple(choice.set.items())
        changes = tuple([part for e in effects_made if e[1] for part in e[:2]])
        technique = self.techniques.get(choice.technique)
        source = choice.if_
        fields = (
            index,
            choice.id or f"{node_id}.{index + 1}",  # as _choice_ids() names it
            choice,
            None if source is None else self.condition(source, _NOWHERE),
            share(effects_made, effects_made),
            share(sets, sets),
            self._lines(choice.reaction) if choice.reaction else (),
            intern(choice.next),
            choice.once,
            choice.show_locked,
            choice.text,
            choice.technique,
            self._feedback(choice.feedback),
            technique.family if technique is not None else "",
            share(changes, changes),
        )
        return _make(CompiledChoice, fields)

    def _feedback(self, feedback: Prose) -> tuple[CompiledParagraph, ...]:
        """A choice's feedback compiled: once per distinct text without a placeholder (most
        repeat; only a placeholder can have something to report), else each time."""
        if not isinstance(feedback, str) or "{" in feedback:
            return self.prose(feedback, _NOWHERE)
        key = ("feedback", feedback)
        paragraphs: tuple[CompiledParagraph, ...] | None = self._shared.get(key)
        if paragraphs is None:
            paragraphs = self._shared[key] = self.prose(feedback, _NOWHERE)
        return paragraphs


# Fills a named tuple from a tuple of all its fields, without its __new__'s frame.
_make = tuple.__new__
