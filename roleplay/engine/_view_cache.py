"""The parts of a view that never change, built once per scenario and reused by every Runner.

A node's lines, a choice's reaction lines and the :class:`ChoiceView` of a choice depend only on
the scenario (speaker names and roles, default expressions, texts, technique families). What
changes from one visit to the next is which lines show (their conditions), which choices show and
are available, in which order, and the background. ``Runner.view()`` evaluates those against the
state on every call and takes everything else from here, so a view costs a few condition
evaluations and dictionary look-ups instead of rebuilding a dozen objects.

Exactness: every cached object is keyed by what it was built from. Lines are keyed by the node or
choice and the set of conditions that held; a beat's choices by the node and the exact sequence of
(choice, available) pairs shown, so any order (a per-playthrough shuffle, say) is simply another
key. :func:`roleplay.engine._view.build_view` remains the from-scratch reference; the tests
compare the two on random playthroughs.
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence

from roleplay.engine._expr import Condition
from roleplay.engine._scenario import CompiledChoice, CompiledLine, CompiledNode, Scenario
from roleplay.engine._state import GameState
from roleplay.engine._view import ChoiceView, Line, View, build_view, line_view

# Entries (line selections, choice tuples, views) before a cache empties itself: bounds memory on
# a huge scenario played for hours; refilling costs what the first visit did.
MAX_ENTRIES = 100_000

ShownKey = tuple[int, ...]  # choice.index when available, ~choice.index when locked


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
        self.views: dict[tuple[int, ShownKey, str | None, str | None], View] = {}


class ViewCache:
    """Views of one scenario's beats, assembled from parts built once.

    It holds nothing of the scenario itself (it is kept beside it in a weak mapping), so the
    scenario is passed to every call.
    """

    def __init__(self) -> None:
        self._beats: dict[str, _Beat] = {}
        self._reactions: dict[str, _LineSet | None] = {}
        self._joins: dict[tuple[int, int], tuple[Line, ...]] = {}
        self._entries = 0

    def view(
        self,
        scenario: Scenario,
        state: GameState,
        shown: Sequence[tuple[CompiledChoice, bool]],
        background: str | None,
        title: str | None = None,
    ) -> View:
        """Exactly ``build_view(scenario, state, shown, background, title)``, from cached parts."""
        if state.ending is not None:  # an ending is shown once; nothing to gain
            return build_view(scenario, state, list(shown), background, title)
        beat = self._beats.get(state.node)
        if beat is None:
            beat = self._new_beat(scenario, scenario.nodes[state.node])
        lines = beat.lines.fixed
        if lines is None:
            lines = beat.lines.select(state)
        last = state.last_choice
        if last is not None:
            reaction = self._reactions.get(last, _UNSEEN)
            if reaction is _UNSEEN:
                reaction = self._reaction(scenario, last)
            if reaction is not None:
                lines = self._joined(reaction.select(state), lines)
        key = tuple([c.index if ok else ~c.index for c, ok in shown])
        # the lines tuples are owned by this cache, so their ids are unique while cached
        view = beat.views.get((id(lines), key, background, title))
        if view is None:
            node = scenario.nodes[state.node]
            choices = beat.choices.get(key)
            if choices is None:
                choices = beat.choices[key] = _choice_views(scenario, shown)
            view = View(
                node.id,
                background,
                lines,
                choices,
                node.next_id is not None,
                None,
                node.spec.discussion,
                title,
                tuple(node.spec.cast or ()),
            )
            beat.views[(id(lines), key, background, title)] = view
            self._entries += 1
        return view

    def clear(self) -> None:
        """Forget every cached part."""
        self._beats.clear()
        self._reactions.clear()
        self._joins.clear()
        self._entries = 0

    def _new_beat(self, scenario: Scenario, node: CompiledNode) -> _Beat:
        if self._entries > MAX_ENTRIES:
            self.clear()
        beat = self._beats[node.id] = _Beat(_line_set(scenario, node.lines, False))
        self._entries += 1
        return beat

    def _joined(self, before: tuple[Line, ...], lines: tuple[Line, ...]) -> tuple[Line, ...]:
        """A reaction's lines, then the node's (one cached tuple per pair)."""
        if not before:
            return lines
        key = (id(before), id(lines))
        joined = self._joins.get(key)
        if joined is None:
            joined = self._joins[key] = before + lines
            self._entries += 1
        return joined

    def _reaction(self, scenario: Scenario, choice_id: str) -> _LineSet | None:
        choice = scenario.choice_index.get(choice_id)
        found = _line_set(scenario, choice.reaction, True) if choice and choice.reaction else None
        self._reactions[choice_id] = found
        self._entries += 1
        return found


def _choice_views(
    scenario: Scenario, shown: Sequence[tuple[CompiledChoice, bool]]
) -> tuple[ChoiceView, ...]:
    family = scenario.technique_family
    return tuple(
        ChoiceView(
            number,
            choice.id,
            choice.spec.text,
            choice.spec.technique,
            family(choice.spec.technique),
            available,
            None if available else choice.spec.locked_hint,
        )
        for number, (choice, available) in enumerate(shown, start=1)
    )


_CACHES: weakref.WeakKeyDictionary[Scenario, ViewCache] = weakref.WeakKeyDictionary()


def view_cache(scenario: Scenario) -> ViewCache:
    """The view cache shared by every runner of ``scenario``."""
    cache = _CACHES.get(scenario)
    if cache is None:
        cache = _CACHES[scenario] = ViewCache()
    return cache
