"""The immutable, compiled scenario the runtime plays.

The compiled lines, choices and nodes are named tuples: immutable, and made several times faster
than frozen dataclasses, which matters because a scenario from the cache compiles each node on
its first visit, in the middle of play.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

from roleplay.engine._diagnostics import Diagnostic
from roleplay.engine._expr import Condition
from roleplay.engine._model import (
    Character,
    Choice,
    Ending,
    Flag,
    LineSpec,
    Meter,
    Node,
    ScenarioSpec,
    Technique,
)


class CompiledLine(NamedTuple):
    """A line with its condition compiled."""

    spec: LineSpec
    condition: Condition | None


class CompiledParagraph(NamedTuple):
    """A paragraph of learner-facing prose with its condition compiled (None: always shown)."""

    text: str
    condition: Condition | None


@dataclass(frozen=True, slots=True)
class CompiledPart:
    """One part of an ending rule: its condition and the sentences the learner reads."""

    source: str
    condition: Condition
    explain: str = ""
    missing: str = ""


class CompiledChoice(NamedTuple):
    """A choice with its id settled and its condition and effects compiled."""

    # shadows tuple.index, which nothing calls on a choice (its place among the node's choices)
    index: int  # type: ignore[assignment]
    id: str
    spec: Choice
    condition: Condition | None
    effects: tuple[tuple[str, int, int, int], ...]  # meter, delta, min, max
    sets: tuple[tuple[str, bool], ...]
    reaction: tuple[CompiledLine, ...]
    # Copied out of ``spec`` so the hot path of the runtime reads plain attributes.
    next_id: str = ""
    once: bool = False
    show_locked: bool = False
    text: str = ""
    technique: str = ""
    feedback: tuple[CompiledParagraph, ...] = ()
    family: str = ""  # the technique's family ('' when the technique is unknown)
    # What the effects change when no meter reaches a bound, flat: (meter, change, ...). The
    # runtime keeps this very tuple in the step (see roleplay.engine._state.packed_step).
    changes: tuple[str | int, ...] = ()


class CompiledNode(NamedTuple):
    """A node with compiled lines and choices and its way forward."""

    id: str
    spec: Node
    lines: tuple[CompiledLine, ...]
    choices: tuple[CompiledChoice, ...]
    unconditional: bool  # no choice has a condition or once: the available set never changes
    next_id: str | None = None
    end: bool = False
    ending_id: str | None = None
    shuffle: bool = False  # show the choices in an order shuffled per playthrough
    # Copied out of ``spec`` (or worked out once) so the runtime's hot path reads plain
    # attributes: the choices' shuffle keys (see roleplay.engine._shuffle; empty when the node
    # is not shuffled), the background and the place title the node sets.
    shuffle_keys: tuple[int, ...] = ()
    background: str | None = None
    title: str | None = None

    @property
    def is_terminal(self) -> bool:
        """True when the scenario ends at this node."""
        return self.spec.end or self.spec.ending is not None


@dataclass(frozen=True, slots=True)
class CompiledEnding:
    """An ending rule with its condition compiled (None for the fallback)."""

    spec: Ending
    condition: Condition | None
    parts: tuple[CompiledPart, ...] = ()  # the rule's parts when ``when`` is a list
    text: tuple[CompiledParagraph, ...] = ()
    debrief: tuple[CompiledParagraph, ...] = ()
    goal: bool = False
    #: Reached only by a node's ``ending:`` (``when: false``, or no ``when`` and not the
    #: fallback): its condition never holds.
    by_name: bool = False

    @property
    def source(self) -> str | None:
        """The rule as one condition text (None for the fallback)."""
        return None if self.condition is None else self.condition.source


@dataclass(frozen=True, eq=False)
class Scenario:
    """A loaded, checked and compiled scenario. Immutable; share it freely."""

    spec: ScenarioSpec
    path: Path | None
    asset_roots: tuple[Path, ...]
    techniques: Mapping[str, Technique]
    content_hash: str
    nodes: Mapping[str, CompiledNode]
    ending_rules: tuple[CompiledEnding, ...]
    choice_index: Mapping[str, CompiledChoice]
    diagnostics: tuple[Diagnostic, ...] = ()
    _labels: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def id(self) -> str:
        """The scenario id."""
        return self.spec.id

    @property
    def title(self) -> str:
        """The scenario title."""
        return self.spec.title

    @property
    def summary(self) -> str:
        """The library card summary."""
        return self.spec.summary

    @property
    def learning_goals(self) -> tuple[str, ...]:
        """What the learner should take away."""
        return self.spec.learning_goals

    @property
    def estimated_minutes(self) -> int:
        """Typical playing time."""
        return self.spec.estimated_minutes

    @property
    def start(self) -> str:
        """Id of the first node."""
        return self.spec.start

    @property
    def meters(self) -> Mapping[str, Meter]:
        """Meters by id."""
        return self.spec.meters

    @property
    def flags(self) -> Mapping[str, Flag]:
        """Flags by id."""
        return self.spec.flags

    @property
    def characters(self) -> Mapping[str, Character]:
        """Characters by id."""
        return self.spec.characters

    @property
    def endings(self) -> tuple[Ending, ...]:
        """Ending rules in order."""
        return self.spec.endings

    @property
    def labels(self) -> Mapping[str, str]:
        """Human labels for meters, flags and choices, used to put rules in words."""
        return self._labels

    @property
    def goal_endings(self) -> tuple[str, ...]:
        """Ids of the endings the scenario teaches towards (``goal: true``, else the first)."""
        return tuple(r.spec.id for r in self.ending_rules if r.goal)

    @property
    def relationship_meters(self) -> tuple[str, ...]:
        """Meters that measure the relationship (``relationship_meters``, default trust)."""
        named = self.spec.relationship_meters
        if named is not None:
            return named
        return ("trust",) if "trust" in self.spec.meters else ()

    def ending_rule(self, ending_id: str) -> CompiledEnding | None:
        """The compiled rule of the ending with this id."""
        return next((r for r in self.ending_rules if r.spec.id == ending_id), None)

    def ending(self, ending_id: str) -> Ending | None:
        """The ending with this id."""
        return next((e for e in self.spec.endings if e.id == ending_id), None)

    def find_asset(self, relative: str) -> Path | None:
        """Resolve an asset path inside the scenario folder or assets/; None when missing."""
        from roleplay.engine._assets import resolve_asset

        return resolve_asset(relative, self.asset_roots)

    def portrait_path(self, character_id: str, expression: str | None = None) -> Path | None:
        """The SVG file for a character's expression (default expression when None)."""
        character = self.spec.characters.get(character_id)
        if character is None or character.portrait is None:
            return None
        name = expression if expression in character.expressions else character.expressions[0]
        return self.find_asset(f"{character.portrait}/{name}.svg")

    def background_path(self, background_id: str | None) -> Path | None:
        """The image file of a background id."""
        if background_id is None or background_id not in self.spec.backgrounds:
            return None
        return self.find_asset(self.spec.backgrounds[background_id])

    def nearest_title(self, path: Sequence[str]) -> str | None:
        """The ``title`` of the latest node on ``path`` that has one (None when none has)."""
        for node_id in reversed(path):
            node = self.nodes.get(node_id)
            if node is not None and node.spec.title is not None:
                return node.spec.title
        return None

    def technique_family(self, technique_id: str) -> str:
        """The family of a technique id ('' when unknown)."""
        technique = self.techniques.get(technique_id)
        return technique.family if technique else ""
