"""The scenery of the play screen: background and people, with a short dissolve between two
pictures (a new background, someone else speaking, a change of expression).

The picture is rendered once per window size into a layer; while a dissolve runs, the previous
layer is drawn over the new one, fading out. With reduced motion the change is instant.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pygame

from roleplay.gui.blocking import Room
from roleplay.gui.chrome import FULL, draw_gradient
from roleplay.gui.figures import Figure, draw_figures, stage_set, warm_figures
from roleplay.gui.painter import Painter

DISSOLVE_S = 0.25  # between two pictures
FADE_S = 0.3  # in from the backdrop colour, when a game starts or a choice is taken back
REACT_S = 0.5  # the speaker's bounce on a reaction line
SHAKE_S = 0.35  # a locked choice refusing


@dataclass(frozen=True)
class Picture:
    """What the scenery shows: a background image and the figures in front of it, making room
    for the choices when ``choosing`` (where exactly depends on the window: see ``room``)."""

    background: Path | None
    figures: tuple[Figure, ...]
    choosing: bool = False


def draw_picture(
    painter: Painter, picture: Picture, lift: float = 0.0, room: Room | None = None
) -> None:
    """Draw a picture directly (thumbnails, the reaction bounce): background, then people
    (clear of ``room``'s panels)."""
    if not painter.image(picture.background, FULL, fit="cover", anchor="center"):
        draw_gradient(painter)
    draw_figures(painter, picture.figures, stage_set(picture.background), lift, room)


def warm_picture(painter: Painter, picture: Picture, room: Room | None = None) -> None:
    """Rasterise a picture's images at the size they will be drawn at."""
    painter.warm(picture.background, FULL, "cover")
    warm_figures(painter, picture.figures, stage_set(picture.background), room)


class Scenery:
    """The current picture, its rendered layer, and the dissolve from the previous one."""

    def __init__(self) -> None:
        """Start with nothing shown."""
        self.picture: Picture | None = None
        self.dissolve = 0.0
        self._layer: tuple[tuple[object, ...], pygame.Surface] | None = None
        self._old: pygame.Surface | None = None

    def show(self, picture: Picture, instant: bool) -> None:
        """Change to ``picture``, dissolving from the one on screen unless ``instant``."""
        if picture == self.picture:
            return
        shown = self._layer is not None and self._layer[0][-1] == self.picture
        if instant or self.picture is None:
            self._old, self.dissolve = None, 0.0
        elif shown and self._layer is not None:
            self._old, self.dissolve = self._layer[1], DISSOLVE_S
        self.picture = picture

    def finish(self) -> None:
        """End any dissolve now (storyboards, screenshots)."""
        self._old, self.dissolve = None, 0.0

    @property
    def dissolving(self) -> bool:
        """True while the previous picture is still fading out."""
        return self.dissolve > 0 and self._old is not None

    def update(self, dt: float) -> bool:
        """Run the dissolve; True while it runs."""
        if self.dissolve <= 0:
            return False
        self.dissolve = max(0.0, self.dissolve - dt)
        if self.dissolve == 0:
            self._old = None
        return True

    def draw(self, painter: Painter, lift: float = 0.0, room: Room | None = None) -> None:
        """Draw the picture (from its layer unless ``lift`` moves the speaker), its people clear
        of ``room``'s panels, then the previous picture fading out over it."""
        if self.picture is None:
            draw_gradient(painter)
            return
        if lift:
            draw_picture(painter, self.picture, lift, room)
        else:
            painter.surface.blit(self._layer_for(painter, self.picture, room), (0, 0))
        old = self._old
        if self.dissolving and old is not None and old.get_size() == painter.surface.get_size():
            old.set_alpha(round(255 * self.dissolve / DISSOLVE_S))
            painter.surface.blit(old, (0, 0))

    def _layer_for(self, painter: Painter, picture: Picture, room: Room | None) -> pygame.Surface:
        key = (painter.surface.get_size(), painter.viewport, painter.theme.name, room, picture)
        if self._layer is None or self._layer[0] != key:
            layer = pygame.Surface(painter.surface.get_size())
            layer_painter = Painter(layer, painter.viewport, painter.res, painter.theme)
            layer_painter.clear()
            draw_picture(layer_painter, picture, room=room)
            self._layer = (key, layer)
        return self._layer[1]
