"""The parts of a view that never change, built once per scenario and reused by every Runner.

A node's lines and a choice's reaction lines depend only on the scenario (speaker names and
roles, default expressions, texts). What changes from one visit to the next is which lines show
(their conditions), which choices show and are available, in which order, the background and the
place title. ``Runner.view()`` evaluates those against the state on every call and takes the rest
from here: a node's lines are built on its first visit, and a whole view (with its choice views)
is kept from the second time the same one is asked for, so a small scenario is soon served
entirely from the cache while the one-off orders of a big shuffled one are built, shown and let
go instead of filling memory (and the garbage collector's walks).

Exactness: every cached object is keyed by what it was built from. Lines are keyed by the node or
choice and the set of conditions that held; a view by the node, its lines, the exact sequence of
(choice, available) pairs shown (so any order, a per-playthrough shuffle say, is simply another
key), the background and the title. :func:`roleplay.engine._view.build_view` remains the
from-scratch reference; the tests compare the two on random and seeded playthroughs.
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence

from roleplay.engine._expr import Condition
from roleplay.engine._scenario import CompiledChoice, CompiledLine, CompiledNode, Scenario
from roleplay.engine._shuffle import item_key
from roleplay.engine._state import GameState
from roleplay.engine._view import ChoiceView, Line, View, build_view, line_view

# Whole views (and choice tuples, and joined reaction lines) kept before they are forgotten: bounds
# memory on a huge scenario played for hours; refilling costs what the first visit did. What is
# kept per node or choice (its lines, its choices' views at each number) is bounded by the
# scenario's size and stays.
MAX_ENTRIES = 100_000
# Line selections (one per set of conditions that held) kept per node or reaction.
MAX_SELECTIONS = 64

ShownKey = tuple[int, ...]  # choice.index when available, ~choice.index when locked
#: where a reaction happens: the background then in force and the node the choice was made at
Reacted = tuple[str | None, str | None] | None
ViewKey = tuple[int, ShownKey, str | None, str | None, Reacted]


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
    """What one node's views are made of, and the views already made."""

    __slots__ = ("choices", "lines", "views")

    def __init__(self, lines: _LineSet) -> None:
        self.lines = lines
        self.choices: dict[ShownKey, tuple[ChoiceView, ...]] = {}
        # (id of the lines tuple, shown key, background, place title) -> View
        self.views: dict[ViewKey, View] = {}


class ViewCache:
    """Views of one scenario's beats, assembled from parts built once.

    It holds nothing of the scenario itself (it is kept beside it in a weak mapping), so the
    scenario is passed to every call.
    """

    def __init__(self) -> None:
        self._beats: dict[str, _Beat] = {}
        self._reactions: dict[str, _LineSet | None] = {}
        self._joins: dict[tuple[int, int], tuple[Line, ...]] = {}
        self._shuffle_keys: dict[str, tuple[int, ...]] = {}
        # views asked for once: a view (and its choice tuple) is kept from the second time on,
        # so the one-off orders of a big shuffled scenario do not fill the cache (nor keep the
        # garbage collector busy walking it)
        self._seen: set[tuple[str, ViewKey]] = set()
        self._entries = 0

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
        beat = self._beats.get(state.node)
        if beat is None:
            beat = self._new_beat(scenario, scenario.nodes[state.node])
        lines = beat.lines.fixed
        if lines is None:
            lines = beat.lines.select(state)
        last = state.last_choice
        reacted: Reacted = None
        if last is not None:
            # the reaction happens where the choice was made: that place and its cast
            reacted = (reaction_background, state.history[-1].node if state.history else None)
            reaction = self._reactions.get(last, _UNSEEN)
            if reaction is _UNSEEN:
                reaction = self._reaction(scenario, last)
            if reaction is not None:
                lines = self._joined(reaction.select(state), lines)
        key = tuple([c.index if ok else ~c.index for c, ok in shown])
        # the lines tuples are owned by this cache, so their ids are unique while cached
        view = beat.views.get((id(lines), key, background, title, reacted))
        if view is None:
            place = (background, title, reacted)
            view = self._new_view(scenario, state.node, beat, lines, shown, key, place)
        return view

    def _new_view(
        self,
        scenario: Scenario,
        node_id: str,
        beat: _Beat,
        lines: tuple[Line, ...],
        shown: Sequence[tuple[CompiledChoice, bool]],
        key: ShownKey,
        place: tuple[str | None, str | None, Reacted],
    ) -> View:
        node = scenario.nodes[node_id]
        background, title, reacted = place
        view_key = (id(lines), key, background, title, reacted)
        seen = (node_id, view_key)
        keep = seen in self._seen
        choices = beat.choices.get(key)
        if choices is None:
            choices = self._choice_views(scenario, shown)
            if keep:
                beat.choices[key] = choices
                self._entries += 1
        view = _filled_view(scenario, node, lines, choices, place)
        if self._entries >= MAX_ENTRIES:
            self._forget_views()
        if keep:
            beat.views[view_key] = view
        else:
            self._seen.add(seen)
        self._entries += 1
        return view

    def _choice_views(
        self, scenario: Scenario, shown: Sequence[tuple[CompiledChoice, bool]]
    ) -> tuple[ChoiceView, ...]:
        """The shown choices' views, numbered in order."""
        return tuple(
            [
                _choice_view(scenario, choice, number, available)
                for number, (choice, available) in enumerate(shown, start=1)
            ]
        )

    def shuffle_keys(self, node: CompiledNode) -> tuple[int, ...]:
        """The shuffle keys of a decision's choices (see :mod:`roleplay.engine._shuffle`)."""
        keys = self._shuffle_keys.get(node.id)
        if keys is None:
            keys = tuple([item_key(node.id, choice.id) for choice in node.choices])
            self._shuffle_keys[node.id] = keys
        return keys

    def clear(self) -> None:
        """Forget every cached part."""
        self._beats.clear()
        self._reactions.clear()
        self._joins.clear()
        self._seen.clear()
        self._entries = 0

    def _forget_views(self) -> None:
        """Forget the whole views, choice tuples and joined lines; keep each node's parts.

        A view's key holds the id of its lines tuple, which the view itself keeps alive, so
        forgetting joined lines while views stay cannot make a key point at other lines.
        """
        for beat in self._beats.values():
            beat.views.clear()
            beat.choices.clear()
        self._seen.clear()
        self._joins.clear()
        self._entries = 0

    def _new_beat(self, scenario: Scenario, node: CompiledNode) -> _Beat:
        beat = self._beats[node.id] = _Beat(_line_set(scenario, node.lines, False))
        return beat

    def _joined(self, before: tuple[Line, ...], lines: tuple[Line, ...]) -> tuple[Line, ...]:
        """A reaction's lines, then the node's (one cached tuple per pair)."""
        if not before:
            return lines
        key = (id(before), id(lines))
        joined = self._joins.get(key)
        if joined is None:
            if self._entries >= MAX_ENTRIES:
                self._forget_views()
            joined = self._joins[key] = before + lines
            self._entries += 1
        return joined

    def _reaction(self, scenario: Scenario, choice_id: str) -> _LineSet | None:
        choice = scenario.choice_index.get(choice_id)
        found = _line_set(scenario, choice.reaction, True) if choice and choice.reaction else None
        self._reactions[choice_id] = found
        return found


def _choice_view(
    scenario: Scenario, choice: CompiledChoice, number: int, available: bool
) -> ChoiceView:
    """``ChoiceView(number, id, text, technique, family, available, locked hint)``, made fast."""
    spec = choice.spec
    made: ChoiceView = _new(ChoiceView)
    _set_number(made, number)
    _set_id(made, choice.id)
    _set_text(made, choice.text)
    _set_technique(made, choice.technique)
    _set_family(made, scenario.technique_family(choice.technique))
    _set_available(made, available)
    _set_locked_hint(made, None if available else spec.locked_hint)
    return made


def _filled_view(
    scenario: Scenario,
    node: CompiledNode,
    lines: tuple[Line, ...],
    choices: tuple[ChoiceView, ...],
    place: tuple[str | None, str | None, Reacted],
) -> View:
    """A view of a beat that is not an ending, its slots filled directly (see below)."""
    background, title, reacted = place
    spec = node.spec
    view: View = _new(View)
    _set_node_id(view, node.id)
    _set_background(view, background)
    _set_lines(view, lines)
    _set_choices(view, choices)
    _set_can_advance(view, node.next_id is not None)
    _set_ending(view, None)
    _set_discussion(view, spec.discussion)
    _set_title(view, title)
    _set_cast(view, tuple(spec.cast) if spec.cast else ())
    _set_reaction_background(view, None if reacted is None else reacted[0])
    _set_reaction_cast(view, _cast_of(scenario, None if reacted is None else reacted[1]))
    return view


def _cast_of(scenario: Scenario, node_id: str | None) -> tuple[str, ...]:
    """The cast of the node where a reaction happens (empty without a reaction)."""
    node = scenario.nodes.get(node_id) if node_id is not None else None
    return tuple(node.spec.cast or ()) if node is not None else ()


# Views and choice views are made on every cache miss: filling their slots directly takes a third
# of the time of the frozen dataclasses' __init__ (which calls object.__setattr__ for each field).
_new = object.__new__
_VIEW_FIELDS = (
    "node_id",
    "background",
    "lines",
    "choices",
    "can_advance",
    "ending",
    "discussion",
    "title",
    "cast",
    "reaction_background",
    "reaction_cast",
)
_CHOICE_FIELDS = ("number", "id", "text", "technique", "family", "available", "locked_hint")
if View.__slots__ != _VIEW_FIELDS or ChoiceView.__slots__ != _CHOICE_FIELDS:
    raise ImportError("roleplay.engine._view_cache must fill every field of View and ChoiceView")
(
    _set_node_id,
    _set_background,
    _set_lines,
    _set_choices,
    _set_can_advance,
    _set_ending,
    _set_discussion,
    _set_title,
    _set_cast,
    _set_reaction_background,
    _set_reaction_cast,
) = (getattr(View, name).__set__ for name in _VIEW_FIELDS)
(
    _set_number,
    _set_id,
    _set_text,
    _set_technique,
    _set_family,
    _set_available,
    _set_locked_hint,
) = (getattr(ChoiceView, name).__set__ for name in _CHOICE_FIELDS)


_CACHES: weakref.WeakKeyDictionary[Scenario, ViewCache] = weakref.WeakKeyDictionary()


def view_cache(scenario: Scenario) -> ViewCache:
    """The view cache shared by every runner of ``scenario``."""
    cache = _CACHES.get(scenario)
    if cache is None:
        cache = _CACHES[scenario] = ViewCache()
    return cache
