"""Finding a recorded choice that has moved, for ``roleplay test``.

A choice written without an id is named by its place among its node's choices (``meeting.1``),
which inserting, removing or reordering choices changes. A format 3 playthrough records such a
choice with its text (:class:`roleplay.engine._playthrough.RecordedChoice`); replaying, a place
that now holds another text sends the search to the node's choices with that text: one is
taken (with a note that it moved), none or several fail with the node's choices listed.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from roleplay.engine._playthrough import RecordedChoice
from roleplay.engine._scenario import CompiledChoice, CompiledNode

#: Longest choice text quoted in full in a note or a list of choices.
SHORT_TEXT = 40


@dataclass(frozen=True)
class Located:
    """Where a recorded choice is now: the id to take (None when it cannot be told), a note
    for a choice that moved, or why it cannot be found."""

    choice_id: str | None
    note: str = ""
    problem: str = ""


def locate(node: CompiledNode, recorded: RecordedChoice) -> Located:
    """The choice ``recorded`` names at ``node``, the node the run is at.

    A run at another node than the one recorded keeps the recorded id (it is then reported as
    not offered here, as any id would be).
    """
    if recorded.node != node.id:
        return Located(recorded.id)
    place = int(recorded.id.rpartition(".")[2]) - 1
    choices = node.choices
    if 0 <= place < len(choices) and choices[place].text == recorded.text:
        return Located(choices[place].id)  # in its place (perhaps given an id since)
    same = [choice for choice in choices if choice.text == recorded.text]
    if len(same) == 1:
        return Located(same[0].id, note=_moved(recorded, same[0]))
    if same:
        return Located(None, problem=_ambiguous(recorded, node, same))
    return Located(None, problem=_gone(recorded, node))


def _moved(recorded: RecordedChoice, choice: CompiledChoice) -> str:
    if choice.spec.id is not None:
        return (
            f"{recorded.id} moved: now '{choice.id}' ({short(choice.text)}); write '{choice.id}' "
            "in this file instead"
        )
    return (
        f"{recorded.id} moved: now {choice.id} ({short(choice.text)}); give that choice an "
        "`id:` and write the id in this file instead, so that it is found wherever it moves"
    )


def _ambiguous(recorded: RecordedChoice, node: CompiledNode, same: list[CompiledChoice]) -> str:
    ids = ", ".join(choice.id for choice in same)
    return (
        f"the recorded choice {recorded.id} ({short(recorded.text)}) has moved, and "
        f"{len(same)} choices at '{node.id}' now have its text ({ids}): give them ids and "
        "write the one meant in this file"
    )


def _gone(recorded: RecordedChoice, node: CompiledNode) -> str:
    listed = ", ".join(f"{choice.id} {short(choice.text)}" for choice in node.choices)
    texts = {choice.text: choice for choice in node.choices}
    close = difflib.get_close_matches(recorded.text, list(texts), n=1, cutoff=0.6)
    reworded = (
        f"; if it was reworded, it may be {texts[close[0]].id} ({short(close[0])})" if close else ""
    )
    return (
        f"the recorded choice {recorded.id} ('{recorded.text}') is not in '{node.id}' any "
        f"more: none of its choices has that text now (its choices: {listed}){reworded}; "
        "write the id of the choice the run should take in this file, or record the run again"
    )


def short(text: str) -> str:
    """``text`` quoted, cut at a word with "…" when it is longer than :data:`SHORT_TEXT`."""
    if len(text) <= SHORT_TEXT:
        return f"'{text}'"
    cut = text[:SHORT_TEXT].rsplit(" ", 1)[0] or text[:SHORT_TEXT]
    return f"'{cut.rstrip(' ,.;:')}…'"
