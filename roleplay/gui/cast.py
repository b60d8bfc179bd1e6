"""Who is on stage for a line of a beat, and how they look.

Places follow the node's ``cast`` (then anyone else who speaks in the beat, in order of their
first line), so nobody moves while the beat plays. Without a cast, only the speaker stands
there, as in a one-to-one conversation. The reaction lines that open a beat happen where the
choice was made: in front of that place's background, with that node's cast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from roleplay.gui.figures import Figure

if TYPE_CHECKING:
    from collections.abc import Iterable

    from roleplay import Line, Scenario, View


def stage_figures(scenario: Scenario, view: View, index: int) -> tuple[Figure, ...]:
    """The figures on stage while line ``index`` of ``view`` is shown."""
    lines = view.lines
    line = lines[index] if 0 <= index < len(lines) else None
    speaker = line.speaker if line is not None else None
    reacting = line is not None and line.is_reaction
    cast = view.reaction_cast if reacting else view.cast
    if not cast:
        present: tuple[str, ...] = (speaker,) if speaker else ()
    else:
        present = _with_speakers(cast, (li for li in lines if li.is_reaction == reacting))
    expressions = _expressions_so_far(view, index)
    nobody_speaks = speaker is None or speaker not in present
    return tuple(
        Figure(
            character=character,
            name=_name(scenario, character),
            portrait=scenario.portrait_path(character, expressions.get(character)),
            place=place,
            lit=nobody_speaks or character == speaker,
        )
        for place, character in enumerate(present)
    )


def stage_background(view: View, index: int) -> str | None:
    """The background id behind line ``index``: where the choice was made for its reaction
    lines, the beat's own background for the rest."""
    lines = view.lines
    if 0 <= index < len(lines) and lines[index].is_reaction and view.reaction_background:
        return view.reaction_background
    return view.background


def _with_speakers(cast: tuple[str, ...], lines: Iterable[Line]) -> tuple[str, ...]:
    present = list(cast)
    for line in lines:
        if line.speaker and line.speaker not in present:
            present.append(line.speaker)
    return tuple(present)


def _expressions_so_far(view: View, index: int) -> dict[str, str | None]:
    """Each character's latest expression up to line ``index`` (their default before)."""
    expressions: dict[str, str | None] = {}
    for line in view.lines[: index + 1]:
        if line.speaker:
            expressions[line.speaker] = line.expression
    return expressions


def _name(scenario: Scenario, character: str) -> str:
    known = scenario.characters.get(character)
    return known.name if known is not None else character
