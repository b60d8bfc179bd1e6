"""Making room on the projector: what covers the stage while the room votes or discusses, and
where the people on stage stand meanwhile.

The choices being voted on (with their tally once revealed), the discuss card, the speaker's
name plate, the banner ("N of M voted"), the revealed meters and the toolbar are measured here,
and the projector draws them with these same rectangles, so the people stand clear of them at
every window and text size; ``gui.blocking`` decides where. Measuring changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from roleplay.facilitator.desktop.common import timer_text
from roleplay.gui.blocking import Room
from roleplay.gui.cast import stage_background, stage_figures
from roleplay.gui.figures import Figure, Placement, StageSet, stage_layout, stage_set
from roleplay.gui.painter import LOGICAL_H, LOGICAL_W, FRect, Painter
from roleplay.gui.stage import (
    CHOICES_LEFT,
    CHOICES_RIGHT,
    ChoiceLayout,
    dialogue_box,
    layout_choices,
    name_plate_area,
)

if TYPE_CHECKING:
    from roleplay import ChoiceView, Line
    from roleplay.facilitator._controls import HostSession
    from roleplay.facilitator._host import HostRuntime

#: Where the toolbar is drawn when the mouse moved (its backing is 6 larger on every side).
TOOLBAR = FRect(16, LOGICAL_H - 58, LOGICAL_W - 32, 42)
TOOLBAR_BACKING = TOOLBAR.inflate(12, 12)
STORY_PHASES = ("story", "vote", "closed")  # the story is read, voted on, or the vote closed
STAGE_PHASES = (*STORY_PHASES, "ending")  # the phases the story's stage is shown in
CHOICES_ABOVE_BOX = 40  # between the lowest choice and the dialogue box (the name plate)
CHOICE_RING = 6  # the ring round the choice under the mouse: this much larger than the choice
BANNER_SIZE = 22
METER_ROW = 44
#: The discuss card beside the people: its left and right, the highest its top may be, and the
#: prompt's text sizes tried in turn (the largest one the card can hold).
DISCUSS_SIDES = (CHOICES_LEFT, CHOICES_RIGHT)
DISCUSS_TOP = 76
DISCUSS_SIZES = (32.0, 28.0, 24.0)
DISCUSS_LINES = 5
DISCUSS_HEAD = 100  # from the card's top to the prompt (the title "Discuss")
DISCUSS_FOOT = 36  # below the prompt


def shown_line(session: HostSession) -> Line | None:
    """The line of the story on the projector now (None when the beat has none)."""
    lines = session.view.lines
    return lines[max(0, min(session.line, len(lines) - 1))] if lines else None


def stage_box(painter: Painter, session: HostSession) -> FRect:
    """The dialogue box under the line shown (its smallest size when there is none)."""
    line = shown_line(session)
    return dialogue_box(painter, line.text if line is not None else "")


def voting(session: HostSession) -> bool:
    """True while the choices are on the projector: a vote open, or closed but not played."""
    shown = session.phase in ("vote", "closed")
    return session.round is not None and not session.decided and shown


def vote_choices(session: HostSession) -> tuple[ChoiceView, ...]:
    """The choices the room votes on (the available ones)."""
    return tuple(choice for choice in session.view.choices if choice.available)


def vote_layout(painter: Painter, session: HostSession, box: FRect) -> ChoiceLayout:
    """Where the choices being voted on are drawn, stacked up from above the dialogue box."""
    return layout_choices(painter, vote_choices(session), box.top - CHOICES_ABOVE_BOX)


def choice_panel(layout: ChoiceLayout) -> FRect:
    """What the choices cover, with the ring round the one under the mouse."""
    if not layout.rects:
        return FRect(layout.area.left, layout.area.bottom, layout.area.width, 0)
    every = layout.rects[0].unionall(layout.rects[1:])
    return every.inflate(CHOICE_RING, CHOICE_RING)


# The projector's banner on the first line after a decision: how it was settled, honestly.
SETTLED_WORDS = {
    "majority": "The room's choice",
    "show_of_hands": "The room's choice (show of hands)",
    "tie": "Tie · the facilitator picked",
    "facilitator": "No votes · the facilitator picked",
    "override": "The facilitator's choice · the room voted otherwise",
    "override_tie": "The facilitator's choice · the room's vote was a tie",
}


def banner_text(runtime: HostRuntime) -> str:
    """The banner's words: the votes so far while voting; how the decision was settled on the
    first line after it; else the join link while people may still join ('' for none)."""
    session = runtime.session
    current = session.round
    if current is not None and voting(session):
        voted = f"{len(current.votes)} of {session.eligible()} voted"
        if current.open:
            left = timer_text(current.timer.remaining(), current.timer.paused)
            return " · ".join(p for p in ("Vote on your phone", voted, left) if p)
        return f"Voting closed · {voted}"
    settled = session.settled
    if settled is not None and session.decided and session.phase == "story" and session.line == 0:
        return SETTLED_WORDS.get(
            settled.how if settled.majority or settled.how != "override" else "override_tie", ""
        )
    if session.room.settings.late_join and not session.room.settings.locked:
        return f"Join: {runtime.short_link}"
    return ""


def banner_rect(painter: Painter, text: str) -> FRect:
    """Where the banner with ``text`` is drawn: a pill at the top right."""
    width = painter.text_width(text, BANNER_SIZE, "bold") + 48
    return FRect(LOGICAL_W - width - 24, 16, width, 48)


def meters_rect(session: HostSession) -> FRect:
    """Where the revealed meters are drawn: a panel at the top left."""
    return FRect(24, 16, 360, 40 + METER_ROW * len(session.scenario.meters))


@dataclass(frozen=True)
class DiscussCard:
    """The discuss card beside the people on stage: where it is, its prompt's text size and
    how many lines of the prompt it shows."""

    rect: FRect
    size: float
    lines: int


def discuss_card(painter: Painter, session: HostSession) -> DiscussCard | None:
    """The discuss card while the story is read or voted on: in the choices' column (instead
    of them while the room votes), as tall as its prompt at the largest size it fits at
    (None: no card, or the ending's stage, where the centred card is drawn)."""
    shown = session.discussion
    if shown is None or session.phase not in STORY_PHASES:
        return None
    left, right = DISCUSS_SIDES
    bottom = stage_box(painter, session).top - CHOICES_ABOVE_BOX
    space = bottom - DISCUSS_TOP - DISCUSS_HEAD - DISCUSS_FOOT
    width = right - left - 96
    for size in DISCUSS_SIZES:
        step = painter.line_height(size)
        lines = min(DISCUSS_LINES, len(painter.wrap(shown.prompt, size, width)))
        if lines * step <= space:
            break
    lines = max(1, min(lines, int(space // step)))  # the rest is cut short with "…"
    top = max(DISCUSS_TOP, bottom - DISCUSS_HEAD - DISCUSS_FOOT - lines * step)
    return DiscussCard(FRect(left, top, right - left, bottom - top), size, lines)


def projector_room(painter: Painter, runtime: HostRuntime, toolbar: bool) -> Room | None:
    """What the people on stage keep clear of now: None unless the choices or the discuss card
    are shown over the stage (``toolbar``: the toolbar is shown too)."""
    session = runtime.session
    card = discuss_card(painter, session)
    box = stage_box(painter, session)
    if card is not None:  # the choices are not drawn meanwhile
        panel = card.rect
    elif voting(session):
        panel = choice_panel(vote_layout(painter, session, box))
    else:
        return None
    covers = []
    line = shown_line(session)
    if line is not None and line.name:
        covers.append(name_plate_area(painter, line, box))
    banner = banner_text(runtime)
    if banner:
        covers.append(banner_rect(painter, banner))
    if session.meters_revealed:
        covers.append(meters_rect(session))
    if toolbar:
        covers.append(TOOLBAR_BACKING)
    return Room(floor=box.top, panel=panel, covers=tuple(covers))


def stage_people(session: HostSession) -> tuple[tuple[Figure, ...], StageSet]:
    """Those on stage for the line shown, and how the scene's background lights them."""
    view = session.view
    index = max(0, min(session.line, len(view.lines) - 1))
    background = session.scenario.background_path(stage_background(view, index))
    if not view.lines:
        return (), stage_set(background)
    return stage_figures(session.scenario, view, index), stage_set(background)


def on_stage(
    painter: Painter, runtime: HostRuntime, toolbar: bool = False
) -> tuple[Placement, ...]:
    """Where each person on the projector's stage is drawn now (in cast order): their
    portrait's box, their head and their name label, as the projector draws them."""
    if runtime.session.phase not in STAGE_PHASES:
        return ()
    figures, staging = stage_people(runtime.session)
    return stage_layout(painter, figures, staging, projector_room(painter, runtime, toolbar))
