"""Making room for the choices: what covers the stage while the player chooses, and where the
people on stage stand meanwhile.

The panels are measured at draw time from what is shown (the choices, the speaker's name plate,
the "think about it" prompt), so the people stand clear of them at every window and text size;
``gui.blocking`` decides where. Measuring changes nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from roleplay.gui import stage
from roleplay.gui.blocking import Room
from roleplay.gui.figures import Placement, stage_layout, stage_set
from roleplay.learner.desktop.scenes.play import overlays

if TYPE_CHECKING:
    from roleplay.gui.painter import FRect, Painter
    from roleplay.learner.desktop.scenes.play import PlayScene

#: Around the choices: the highlighted choice's ring and a refused choice's shake.
CHOICE_MARGIN = (2 * 8 + 6, 6)


def choice_panel(layout: stage.ChoiceLayout) -> FRect:
    """The part of the screen the choices cover (their whole area when the list scrolls)."""
    if layout.max_offset or not layout.rects:
        return layout.area.inflate(CHOICE_MARGIN[0], 36)  # and the scroll arrows
    return layout.rects[0].unionall(layout.rects[1:]).inflate(*CHOICE_MARGIN)


def stage_room(scene: PlayScene, painter: Painter) -> Room | None:
    """What the people on stage keep clear of now: None unless the choices are shown (and the
    screen is not hidden)."""
    picture = scene.scenery.picture
    if picture is None or not picture.choosing or scene.reading.hidden or not scene.view.choices:
        return None
    line = scene.line
    box = stage.dialogue_box(painter, line.text if line is not None else "")
    covers = []
    if line is not None and line.name:
        covers.append(stage.name_plate_area(painter, line, box))
    if scene.view.discussion:
        covers.append(overlays.discussion_rect(painter, scene.view.discussion, painter.text_scale))
    panel = choice_panel(scene.choice_layout(painter))
    return Room(floor=box.top, panel=panel, covers=tuple(covers))


def on_stage(scene: PlayScene, painter: Painter) -> tuple[Placement, ...]:
    """Where each person on stage is drawn now (in cast order): their portrait's box, their
    head and their name label, as the play screen draws them with ``painter``."""
    picture = scene.scenery.picture
    if picture is None:
        return ()
    staging = stage_set(picture.background)
    return stage_layout(painter, picture.figures, staging, stage_room(scene, painter))
