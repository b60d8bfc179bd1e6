"""Drawing the play screen: scenery, dialogue box, choices and what sits over them.

While only the typewriter moves, everything but the dialogue text comes from a memoised
picture of the screen (a pure cache: the same inputs give the same pixels); while a dissolve,
a reaction bounce or a locked-choice shake runs, everything is drawn afresh.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import pygame

from roleplay.gui import stage
from roleplay.gui.painter import Painter
from roleplay.learner.desktop.scenes.play import overlays
from roleplay.learner.desktop.scenes.play.room import stage_room
from roleplay.learner.desktop.scenes.play.scenery import FADE_S, REACT_S, draw_picture

if TYPE_CHECKING:
    from roleplay import Line
    from roleplay.learner.desktop.scenes.play import PlayScene


def menu_entries(scene: PlayScene) -> list[overlays.MenuEntry]:
    """The quick menu: every reading control, with the key that does the same."""
    reading = scene.reading
    entries = [
        overlays.MenuEntry("History", "H", scene.open_history),
        overlays.MenuEntry("Skip", "Tab", scene.toggle_skip, on=reading.skipping),
        overlays.MenuEntry("Auto", "A", scene.toggle_auto, on=reading.auto),
        overlays.MenuEntry("Hide", "V", lambda: scene.set_hidden(True)),
        overlays.MenuEntry("Save", "", lambda: scene.open_saves(True)),
        overlays.MenuEntry("Q.Save", "S", scene.quick_save),
        overlays.MenuEntry("Q.Load", "L", scene.quick_load),
        overlays.MenuEntry("Settings", "", lambda: scene.app.push("settings")),
        overlays.MenuEntry("Menu", "Esc", scene.open_pause),
    ]
    if scene.session.mode == "practice":
        entries.insert(0, overlays.MenuEntry("Back", "Bksp", scene.rewind))
    else:  # one save per run, always where the player is: no slots, nothing to load back
        entries[4:7] = [overlays.MenuEntry("Save", "S", scene.quick_save)]
    return entries


def shown_line(scene: PlayScene) -> Line | None:
    """The line in the dialogue box: the live one, or the earlier one being looked back at."""
    review = scene.reading.review
    backlog = scene.session.backlog
    if review is None or not 0 <= review < len(backlog):
        return scene.line
    from roleplay import Line

    entry = backlog[review]
    name = "You chose" if entry.kind == "choice" else entry.name
    return Line(None, name, None, None, entry.text)


def _revealed(scene: PlayScene) -> float:
    return math.inf if scene.reading.reviewing else scene.typewriter.revealed


def draw_play(scene: PlayScene, painter: Painter) -> None:
    """Draw the whole play screen (a save thumbnail: scenery and the whole line only)."""
    if painter.thumbnail:
        if scene.scenery.picture is not None:
            draw_picture(painter, scene.scenery.picture)
        line = scene.line
        if line is not None:
            box = stage.dialogue_box(painter, line.text)
            stage.draw_dialogue(painter, line, math.inf, box, scene.app.settings.box_alpha)
        return
    if scene.reading.hidden:
        scene.scenery.draw(painter)
    elif scene.react > 0 or scene.shake > 0 or scene.scenery.dissolving:
        lift = 14 * math.sin(math.pi * scene.react / REACT_S) if scene.react else 0.0
        scene.scenery.draw(painter, lift, stage_room(scene, painter))
        _draw_chrome(scene, painter, _revealed(scene))
    else:
        painter.surface.blit(_layer(scene, painter), (0, 0))
        line = shown_line(scene)
        if line is not None:
            box = stage.dialogue_box(painter, line.text)
            stage.draw_dialogue_text(painter, line, _revealed(scene), box)
    if scene.fade > 0:
        painter.veil(painter.theme.backdrop, round(255 * scene.fade / FADE_S))
    if not scene.reading.hidden:
        scene.designer.draw(painter)
    scene.hot_reload.draw(painter)


def _layer(scene: PlayScene, painter: Painter) -> pygame.Surface:
    reading = scene.reading
    key = (
        painter.surface.get_size(),
        painter.viewport,
        painter.theme.name,
        painter.text_scale,
        scene.scenery.picture,
        id(scene.view),
        scene.typewriter.index,
        scene.choosing,
        scene.line_done,
        scene.choice_focus,
        scene.choices.offset,
        scene.quick.state,
        (reading.skipping, reading.auto, reading.review),
        scene.app.settings.box_alpha,
        scene.covered,
    )
    cached = scene.layer_cache
    if cached is None or cached[0] != key:
        layer = pygame.Surface(painter.surface.get_size())
        layer_painter = Painter(
            layer, painter.viewport, painter.res, painter.theme, painter.text_scale
        )
        scene.scenery.draw(layer_painter, room=stage_room(scene, painter))
        _draw_chrome(scene, layer_painter, 0.0)
        scene.layer_cache = cached = (key, layer)
    return cached[1]


def _draw_chrome(scene: PlayScene, painter: Painter, revealed: float) -> None:
    """Dialogue box, choices, status pills, discussion prompt, caption and quick menu."""
    line = shown_line(scene)
    choosing = scene.choosing and not scene.reading.reviewing
    if line is not None:
        box = stage.dialogue_box(painter, line.text)
        stage.draw_dialogue(painter, line, revealed, box, scene.app.settings.box_alpha)
        if scene.reading.reviewing:
            stage.draw_looking_back(painter, box)
        elif choosing:
            _draw_choices(scene, painter)
        elif scene.line_done:
            stage.draw_more_marker(painter, box)
    practice = scene.session.mode == "practice"
    overlays.draw_status(painter, practice, scene.view.title, _status(scene))
    if choosing and scene.view.discussion:
        overlays.draw_discussion(painter, scene.view.discussion, painter.text_scale)
    if not scene.covered:
        scene.quick.draw(painter)


def _draw_choices(scene: PlayScene, painter: Painter) -> None:
    layout = scene.choice_layout(painter)
    shake = 8 * math.sin(scene.shake * 40) if scene.shake else 0.0
    alpha = scene.app.settings.box_alpha
    choices = scene.view.choices
    stage.draw_choices(
        painter, choices, layout, scene.choice_focus, shake, scene.choices.offset, alpha
    )
    overlays.draw_caption(painter, choice_caption(len(choices), layout))


def choice_caption(count: int, layout: stage.ChoiceLayout) -> str:
    """How to pick a choice, and what was done so that the choices fit (said, not hidden)."""
    numbers = "1" if count == 1 else f"1–{min(count, 9)}"
    caption = f"Press {numbers}, or Up/Down then Enter"
    if layout.stepped_down:
        caption += "  ·  choices in smaller text so all fit"
    if layout.max_offset:
        caption += "  ·  scroll for more"
    return caption


def _status(scene: PlayScene) -> str:
    reading = scene.reading
    if reading.skipping:
        return "Skipping"
    if reading.auto:
        return "Auto"
    return ""
