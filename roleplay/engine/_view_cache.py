"""The parts of a view that never change, built once per scenario and reused by every Runner.

A node's lines and a choice's reaction lines depend only on the scenario (speaker names and
roles, default expressions, texts), and so does a choice's view at a given number, available
or locked. What changes from one visit to the next is which lines show (their conditions), which
choices show and are available, in which order, the background and the place title.
``Runner.view()`` evaluates those against the state on every call and assembles a new view from
the parts kept here: a node's parts are made on its first visit. Whole views are not kept: with
choices shuffled per playthrough most (node, order) pairs of a big scenario are seen once, and a
view is a named tuple that costs less to make than a cache of them costs to keep up. So a beat
costs the same on a scenario of any size, at any depth, whatever the order of its choices.

Exactness: every kept part is keyed by what it was made from (lines by the node or choice and the
set of conditions that held, a choice view by its choice, number and availability).
:func:`roleplay.engine._view.build_view` remains the from-scratch reference; the tests compare
the two on random and seeded playthroughs.
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from roleplay.engine._expr import Condition
from roleplay.engine._lazy import LazyNodes
from roleplay.engine._scenario import CompiledChoice, CompiledLine, CompiledNode, Scenario
from roleplay.engine._state import GameState
from roleplay.engine._view import ChoiceView, Line, View, build_view, choice_made, line_view

# Line selections (one per set of conditions that held) kept per node or reaction.
MAX_SELECTIONS = 64


class _LineSet:
    """The lines of one node (or one choice's reaction), with the selections already made."""

    __slots__ = ("by_mask", "conditions", "fixed", "lines")

    def __init__(self, lines: tuple[Line, ...], conditions: tuple[Condition | None, ...]) -> None:
        self.lines = lines
        self.conditions = conditions
        # no condition at all: always the same tuple
        self.fixed: tuple[Line, ...] | None = None if any(conditions) else lines
        self.by_mask: dict[int, tuple[Line, ...]] = {}

    def select(self, state: GameState) -> tuple[Line, ...]:
        """The lines whose conditions hold in ``state``, in order."""
        fixed = self.fixed
        if fixed is not None:
            return fixed
        mask = 0
        bit = 1
        for condition in self.conditions:
            if condition is None or condition(state):
                mask |= bit
            bit <<= 1
        chosen = self.by_mask.get(mask)
        if chosen is None:
            chosen = tuple(line for i, line in enumerate(self.lines) if mask >> i & 1)
            if len(self.by_mask) < MAX_SELECTIONS:
                self.by_mask[mask] = chosen
        return chosen


def _line_set(scenario: Scenario, lines: tuple[CompiledLine, ...], reaction: bool) -> _LineSet:
    views = tuple(line_view(scenario, line, reaction) for line in lines)
    return _LineSet(views, tuple(line.condition for line in lines))


_UNSEEN = _LineSet((), ())  # a choice whose reaction was not looked up yet


class _Beat:
    """What one node's views are made of: its lines, what never changes, its choice views."""

    __slots__ = ("can_advance", "cast", "discussion", "lines", "node_id")

    def __init__(self, scenario: Scenario, node: CompiledNode) -> None:
        spec = node.spec
        self.node_id = node.id
        self.lines = _line_set(scenario, node.lines, False)
        self.can_advance = node.next_id is not None
        self.discussion = spec.discussion
        self.cast: tuple[str, ...] = tuple(spec.cast) if spec.cast else ()


class ViewCache:
    """Views of one scenario's beats, assembled from parts built once.

    It holds nothing of the scenario itself (it is kept beside it in a weak mapping), so the
    scenario is passed to every call.
    """

    def __init__(self) -> None:
        self._beats: dict[str, _Beat] = {}
        self._reactions: dict[str, _LineSet | None] = {}

    def view(
        self,
        scenario: Scenario,
        state: GameState,
        shown: Sequence[tuple[CompiledChoice, bool]],
        background: str | None,
        title: str | None = None,
        reaction_background: str | None = None,
    ) -> View:
        """Exactly ``build_view(scenario, state, shown, background, title,
        reaction_background)``, from cached parts."""
        if state.ending is not None:  # an ending is shown once; nothing to gain
            return build_view(scenario, state, list(shown), background, title, reaction_background)
        beat = self._beats.get(state.node) or self._beat(scenario, state.node)
        lines = beat.lines.fixed
        if lines is None:
            lines = beat.lines.select(state)
        reaction_cast: tuple[str, ...] = ()
        if state.last_choice is None:
            reaction_background = None
        else:
            lines = self._reaction_lines(scenario, state, state.last_choice) + lines
            if state.history:  # the reaction happens where the choice was made: its cast
                reaction_cast = self._cast_at(scenario, state.history[-1].node)
        return _make(
            View,
            (
                beat.node_id,
                background,
                lines,
                _choice_views(shown),
                beat.can_advance,
                None,
                beat.discussion,
                title,
                beat.cast,
                reaction_background,
                reaction_cast,
            ),
        )

    def _reaction_lines(
        self, scenario: Scenario, state: GameState, choice_id: str
    ) -> tuple[Line, ...]:
        """The reaction lines of the choice just made whose conditions hold."""
        reaction = self._reactions.get(choice_id, _UNSEEN)
        if reaction is _UNSEEN:
            choice = choice_made(scenario, state, choice_id)
            reaction = None
            if choice is not None and choice.reaction:
                reaction = _line_set(scenario, choice.reaction, True)
            self._reactions[choice_id] = reaction
        return () if reaction is None else reaction.select(state)

    def _beat(self, scenario: Scenario, node_id: str) -> _Beat:
        """The parts of ``node_id``'s views, made on its first visit."""
        beat = self._beats[node_id] = _Beat(scenario, scenario.nodes[node_id])
        return beat

    def _cast_at(self, scenario: Scenario, node_id: str) -> tuple[str, ...]:
        """The cast of ``node_id`` (empty for a node that is not in the scenario)."""
        beat = self._beats.get(node_id)
        if beat is None:
            if node_id not in scenario.nodes:
                return ()
            beat = self._beat(scenario, node_id)
        return beat.cast

    def clear(self) -> None:
        """Forget every cached part."""
        self._beats.clear()
        self._reactions.clear()


def _choice_views(shown: Sequence[tuple[CompiledChoice, bool]]) -> tuple[ChoiceView, ...]:
    """The views of the choices ``shown``, numbered in order, available or locked."""
    return tuple(
        [
            _make(
                ChoiceView,
                (
                    number,
                    choice.id,
                    choice.text,
                    choice.technique,
                    choice.family,
                    available,
                    None if available else choice.spec.locked_hint,
                ),
            )
            for number, (choice, available) in enumerate(shown, 1)
        ]
    )


# Views are made for every beat shown: filling the named tuple directly skips its __new__'s frame.
_make = tuple.__new__


_CACHES: weakref.WeakKeyDictionary[Scenario, ViewCache] = weakref.WeakKeyDictionary()


def view_cache(scenario: Scenario) -> ViewCache:
    """The view cache shared by every runner of ``scenario``."""
    cache = _CACHES.get(scenario)
    if cache is None:
        cache = _CACHES[scenario] = ViewCache()
    return cache


class PlayParts(NamedTuple):
    """What the play loop looks up in a scenario: its view cache and its compiled nodes (the
    nodes compiled so far when they are compiled on first use: a plain dict look-up)."""

    scenario: Scenario
    views: ViewCache
    compiled: Mapping[str, CompiledNode]


def play_parts(scenario: Scenario) -> PlayParts:
    """The view cache and compiled nodes of ``scenario`` (see :class:`PlayParts`)."""
    nodes = scenario.nodes
    compiled = nodes.compiled if isinstance(nodes, LazyNodes) else nodes
    return PlayParts(scenario, view_cache(scenario), compiled)
