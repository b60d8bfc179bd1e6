"""What the UI draws: the view of the current beat (lines, choices, ending) built from a runner.

``Runner.view()`` returns a :class:`View`; building it never changes the game state.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from roleplay.engine._expr import describe
from roleplay.engine._scenario import CompiledLine

if TYPE_CHECKING:
    from roleplay.engine._runtime import Runner


@dataclass(frozen=True, slots=True)
class Line:
    """A line to show: who says it (None for narration), with which expression."""

    speaker: str | None
    name: str | None
    role: str | None
    expression: str | None
    text: str
    is_reaction: bool = False


@dataclass(frozen=True, slots=True)
class ChoiceView:
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
    """The ending reached, with the rule that picked it in words."""

    id: str
    title: str
    text: str
    debrief: str
    rule: str


@dataclass(frozen=True, slots=True)
class View:
    """Everything the UI needs to draw the current beat."""

    node_id: str
    background: str | None
    lines: tuple[Line, ...]
    choices: tuple[ChoiceView, ...]
    can_advance: bool
    ending: EndingView | None
    discussion: str | None


FALLBACK_RULE = "none of the other endings' conditions held, so the fallback ending applies"
FORCED_RULE = "the story led straight to this ending"


def build_view(runner: Runner, background: str | None) -> View:
    """The view of ``runner``'s current beat, drawn over ``background``."""
    node = runner.node
    lines = _reaction_lines(runner) + _lines(runner, node.lines, False)
    family = runner.scenario.technique_family
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
        for number, (choice, available) in enumerate(runner.visible_choices(), start=1)
    )
    return View(
        node_id=node.id,
        background=background,
        lines=lines,
        choices=choices,
        can_advance=runner.state.ending is None and node.spec.next is not None,
        ending=build_ending_view(runner),
        discussion=node.spec.discussion,
    )


def build_ending_view(runner: Runner) -> EndingView | None:
    """The ending ``runner`` reached, or None while playing."""
    reached = runner.state.ending
    if reached is None:
        return None
    ending = runner.scenario.ending(reached)
    if ending is None:
        return EndingView(reached, reached, "", "", FALLBACK_RULE)
    return EndingView(ending.id, ending.title, ending.text, ending.debrief, _rule_text(runner))


def _rule_text(runner: Runner) -> str:
    """Why the ending was reached, in words."""
    if runner.node.spec.ending is not None:
        return FORCED_RULE
    for rule in runner.scenario.ending_rules:
        if rule.spec.id == runner.state.ending:
            if rule.condition is None:
                return FALLBACK_RULE
            return describe(rule.condition, runner.scenario.labels)
    return FALLBACK_RULE


def _lines(runner: Runner, lines: tuple[CompiledLine, ...], reaction: bool) -> tuple[Line, ...]:
    """The lines whose conditions hold now, with their speakers' names and expressions."""
    characters = runner.scenario.characters
    state = runner.state
    shown = []
    for line in lines:
        if line.condition is not None and not line.condition(state):
            continue
        spec = line.spec
        character = characters.get(spec.speaker) if spec.speaker else None
        expression = spec.expression
        if character is not None and expression is None:
            expression = character.expressions[0]
        shown.append(
            Line(
                spec.speaker,
                character.name if character else None,
                character.role if character else None,
                expression,
                spec.text,
                reaction,
            )
        )
    return tuple(shown)


def _reaction_lines(runner: Runner) -> tuple[Line, ...]:
    """The reaction to the choice just made (shown before the node's own lines)."""
    last = runner.state.last_choice
    if last is None:
        return ()
    choice = runner.scenario.choice_index.get(last)
    return _lines(runner, choice.reaction, True) if choice else ()
