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
from roleplay.engine._scenario import CompiledChoice, CompiledLine, CompiledNode, Scenario
from roleplay.engine._state import GameState, Step
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


class NodeSlot:
    """One node's runtime parts, found with one look-up by its id: the compiled node, what its
    views are made of (its lines, what never changes) and its choices' reactions (made on first
    use, by the choice's place among the node's choices)."""

    __slots__ = ("can_advance", "cast", "discussion", "lines", "node", "node_id", "reactions")

    def __init__(self, scenario: Scenario, node: CompiledNode) -> None:
        spec = node.spec
        self.node = node
        self.node_id = node.id
        self.lines = _line_set(scenario, node.lines, False)
        self.can_advance = node.next_id is not None
        self.discussion = spec.discussion
        self.cast: tuple[str, ...] = tuple(spec.cast) if spec.cast else ()
        self.reactions: list[_LineSet | None] | None = None

    def reaction(self, scenario: Scenario, choice: CompiledChoice) -> _LineSet | None:
        """The reaction lines of ``choice``, one of this node's choices (None: it has none)."""
        reactions = self.reactions
        if reactions is None:
            reactions = self.reactions = [_UNSEEN] * len(self.node.choices)
        found = reactions[choice.index]
        if found is _UNSEEN:
            found = _line_set(scenario, choice.reaction, True) if choice.reaction else None
            reactions[choice.index] = found
        return found


#: The choice just made, as the runner made it: its step, the choice and the node it was made at.
Made = tuple[Step, CompiledChoice, NodeSlot]


class ViewCache:
    """Views of one scenario's beats, assembled from parts built once.

    It holds nothing of the scenario itself (it is kept beside it in a weak mapping), so the
    scenario is passed to every call.
    """

    def __init__(self) -> None:
        self.slots: dict[str, NodeSlot] = {}
        self._reactions: dict[str, _LineSet | None] = {}  # by choice id, for the general path

    def slot(self, scenario: Scenario, node_id: str) -> NodeSlot:
        """The parts of ``node_id`` (compiled on its first use; KeyError for no such node)."""
        slot = self.slots.get(node_id)
        if slot is None:
            slot = self.slots[node_id] = NodeSlot(scenario, scenario.nodes[node_id])
        return slot

    def view(
        self,
        scenario: Scenario,
        state: GameState,
        shown: Sequence[tuple[CompiledChoice, bool]],
        background: str | None,
        title: str | None = None,
        reaction_background: str | None = None,
        at: NodeSlot | None = None,
        made: Made | None = None,
    ) -> View:
        """Exactly ``build_view(scenario, state, shown, background, title,
        reaction_background)``, from cached parts. ``at`` may be the slot of the node the runner
        is at and ``made`` the choice it made last: both are used only while they still match
        the state (else the parts are looked up by id)."""
        if state.ending is not None:  # an ending is shown once; nothing to gain
            return build_view(scenario, state, list(shown), background, title, reaction_background)
        if at is None or at.node_id != state.node:
            at = self.slots.get(state.node) or self.slot(scenario, state.node)
        lines = at.lines.fixed
        if lines is None:
            lines = at.lines.select(state)
        reaction_cast: tuple[str, ...] = ()
        last = state.last_choice
        if last is None:
            reaction_background = None
        else:
            reaction, reaction_cast = self._reaction_parts(scenario, state, last, made)
            if reaction is not None:
                lines = reaction.select(state) + lines
        return _make(View, (
            at.node_id, background, lines, _choice_views(shown), at.can_advance, None,
            at.discussion, title, at.cast, reaction_background, reaction_cast,
        ))  # fmt: skip

    def _reaction_parts(
        self, scenario: Scenario, state: GameState, last: str, made: Made | None
    ) -> tuple[_LineSet | None, tuple[str, ...]]:
        """The reaction lines of the choice ``last`` just made and the cast where it was made."""
        history = state.history
        if (  # the runner's own last choice, as made: no look-up by id
            made is not None
            and history
            and history[-1] is made[0]
            and made[1].id == last
            and made[2].node_id == made[0].node
        ):
            where = made[2]
            return where.reaction(scenario, made[1]), where.cast
        # the reaction happens where the choice was made: its cast
        cast = self._cast_at(scenario, history[-1].node) if history else ()
        return self._reaction(scenario, state, last), cast

    def _reaction(self, scenario: Scenario, state: GameState, choice_id: str) -> _LineSet | None:
        """The reaction lines of the choice ``choice_id`` just made (None: it has none)."""
        reaction = self._reactions.get(choice_id, _UNSEEN)
        if reaction is _UNSEEN:
            choice = choice_made(scenario, state, choice_id)
            reaction = None
            if choice is not None and choice.reaction:
                reaction = _line_set(scenario, choice.reaction, True)
            self._reactions[choice_id] = reaction
        return reaction

    def _cast_at(self, scenario: Scenario, node_id: str) -> tuple[str, ...]:
        """The cast of ``node_id`` (empty for a node that is not in the scenario)."""
        slot = self.slots.get(node_id)
        if slot is None:
            if node_id not in scenario.nodes:
                return ()
            slot = self.slot(scenario, node_id)
        return slot.cast

    def clear(self) -> None:
        """Forget every cached part."""
        self.slots.clear()
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
    """What the play loop looks up in a scenario: its view cache and the slots of its nodes
    (each node's compiled form and view parts, made on its first use: a plain dict look-up)."""

    scenario: Scenario
    views: ViewCache
    slots: Mapping[str, NodeSlot]


def play_parts(scenario: Scenario) -> PlayParts:
    """The view cache and node slots of ``scenario`` (see :class:`PlayParts`)."""
    views = view_cache(scenario)
    return PlayParts(scenario, views, views.slots)
