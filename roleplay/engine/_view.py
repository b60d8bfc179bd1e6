"""What the UI draws: the view of the current beat (lines, choices, ending) built from a runner.

``Runner.view()`` returns a :class:`View`; building it never changes the game state.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from roleplay.engine._prose import render
from roleplay.engine._scenario import CompiledChoice, CompiledLine, Scenario
from roleplay.engine._state import GameState
from roleplay.engine._why import NearMiss, Reason, ending_reasons, near_miss


class Line(NamedTuple):
    """A line to show: who says it (None for narration), with which expression."""

    speaker: str | None
    name: str | None
    role: str | None
    expression: str | None
    text: str
    is_reaction: bool = False


class ChoiceView(NamedTuple):
    """A choice to show; locked choices are shown greyed with their hint."""

    number: int
    id: str
    text: str
    technique: str
    family: str
    available: bool
    locked_hint: str | None


@dataclass(frozen=True, slots=True)
class EndingView:
    """The ending reached, told for this playthrough, and why it was reached.

    ``text`` and ``debrief`` hold the paragraphs whose conditions held (one blank line apart);
    ``rule`` is the reasons as one paragraph; ``why`` the reasons one by one; ``near_miss`` what
    the nearest goal ending still needed (None when a goal ending was reached).
    """

    id: str
    title: str
    text: str
    debrief: str
    rule: str
    why: tuple[Reason, ...] = ()
    near_miss: NearMiss | None = None
    goal: bool = False


class View(NamedTuple):
    """Everything the UI needs to draw the current beat.

    Views, choice views and lines are named tuples: immutable like frozen dataclasses, and a
    new one is made for every beat shown, several times faster.
    """

    node_id: str
    background: str | None
    lines: tuple[Line, ...]
    choices: tuple[ChoiceView, ...]
    can_advance: bool
    ending: EndingView | None
    discussion: str | None
    title: str | None = None  # the chapter or place: the nearest node title on the path
    cast: tuple[str, ...] = ()  # characters on stage (the node's cast; empty: whoever speaks)
    # Where the reaction lines happen: the place the choice was made (its background and its
    # node's cast), which is not the new node's when the choice leads somewhere else.
    reaction_background: str | None = None
    reaction_cast: tuple[str, ...] = ()


FALLBACK_RULE = "None of the other endings' rules held, so the story ends here."


def build_view(
    scenario: Scenario,
    state: GameState,
    shown: list[tuple[CompiledChoice, bool]],
    background: str | None,
    title: str | None = None,
    reaction_background: str | None = None,
) -> View:
    """The view of the beat at ``state.node``: ``shown`` are its visible choices;
    ``reaction_background`` is the background in force where the last choice was made."""
    node = scenario.nodes[state.node]
    lines = _reaction_lines(scenario, state) + _lines(scenario, state, node.lines, False)
    family = scenario.technique_family
    choices = tuple(
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
    return View(
        node_id=node.id,
        background=background,
        lines=lines,
        choices=choices,
        can_advance=state.ending is None and node.spec.next is not None,
        ending=build_ending_view(scenario, state),
        discussion=node.spec.discussion,
        title=title,
        cast=tuple(node.spec.cast or ()),
        reaction_background=reaction_background if state.last_choice else None,
        reaction_cast=_reaction_cast(scenario, state),
    )


def _reaction_cast(scenario: Scenario, state: GameState) -> tuple[str, ...]:
    """The cast of the node where the last choice was made (empty without a reaction)."""
    if state.last_choice is None or not state.history:
        return ()
    where = scenario.nodes.get(state.history[-1].node)
    return tuple(where.spec.cast or ()) if where is not None else ()


def build_ending_view(scenario: Scenario, state: GameState) -> EndingView | None:
    """The ending reached in ``state``, or None while playing."""
    reached = state.ending
    if reached is None:
        return None
    rule = scenario.ending_rule(reached)
    if rule is None:
        return EndingView(reached, reached, "", "", FALLBACK_RULE)
    why = ending_reasons(scenario, state)
    return EndingView(
        rule.spec.id,
        rule.spec.title,
        render(rule.text, state, state.meters),
        render(rule.debrief, state, state.meters),
        " ".join(reason.text for reason in why),
        why,
        near_miss(scenario, state),
        rule.goal,
    )


def _lines(
    scenario: Scenario, state: GameState, lines: tuple[CompiledLine, ...], reaction: bool
) -> tuple[Line, ...]:
    """The lines whose conditions hold now, with their speakers' names and expressions."""
    return tuple(
        line_view(scenario, line, reaction)
        for line in lines
        if line.condition is None or line.condition(state)
    )


def line_view(scenario: Scenario, line: CompiledLine, reaction: bool) -> Line:
    """The :class:`Line` shown for a compiled line: speaker name, role, expression, text."""
    spec = line.spec
    character = scenario.characters.get(spec.speaker) if spec.speaker else None
    expression = spec.expression
    if character is not None and expression is None:
        expression = character.expressions[0]
    fields = (
        spec.speaker,
        character.name if character else None,
        character.role if character else None,
        expression,
        spec.text,
        reaction,
    )
    return _make(Line, fields)  # made once per line of a scenario, on first play: no __new__ frame


_make = tuple.__new__


def _reaction_lines(scenario: Scenario, state: GameState) -> tuple[Line, ...]:
    """The reaction to the choice just made (shown before the node's own lines)."""
    if state.last_choice is None:
        return ()
    choice = choice_made(scenario, state, state.last_choice)
    return _lines(scenario, state, choice.reaction, True) if choice else ()


def choice_made(scenario: Scenario, state: GameState, choice_id: str) -> CompiledChoice | None:
    """The choice ``choice_id`` just made: looked for at the node it was made at (the last
    step's), where it is found without the index of every choice, else by its id."""
    if state.history and state.history[-1].choice_id == choice_id:
        node = scenario.nodes.get(state.history[-1].node)
        for choice in node.choices if node is not None else ():
            if choice.id == choice_id:
                return choice
    return scenario.choice_index.get(choice_id)
