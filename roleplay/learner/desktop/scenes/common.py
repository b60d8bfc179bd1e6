"""Drawing and navigation helpers shared by several scenes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from roleplay.gui.painter import LOGICAL_H, LOGICAL_W, FRect, Painter
from roleplay.gui.resources import assets_dir

if TYPE_CHECKING:
    from roleplay.gui.app import App

FULL = FRect(0, 0, LOGICAL_W, LOGICAL_H)


def draw_backdrop(painter: Painter, background: str = "title", dim: int = 0) -> None:
    """Draw a shared background from assets/backgrounds (or a calm gradient when missing)."""
    path = assets_dir() / "backgrounds" / f"{background}.svg"
    if not painter.image(path if path.is_file() else None, FULL, fit="cover", anchor="center"):
        draw_gradient(painter)
    if dim:
        painter.rect(FULL, (*painter.theme.backdrop, dim))


def draw_gradient(painter: Painter) -> None:
    """A quiet vertical gradient used when no background image exists."""
    top = painter.theme.backdrop
    bottom = tuple(min(255, c + 22) for c in top)
    bands = 24
    for band in range(bands):
        t = band / (bands - 1)
        color = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        painter.rect(FRect(0, band * LOGICAL_H / bands, LOGICAL_W, LOGICAL_H / bands + 1), color)


def draw_scrim(painter: Painter) -> None:
    """Darken everything below a modal overlay."""
    painter.rect(FULL, painter.theme.scrim)


def draw_key_hints(painter: Painter, hints: str, y: float = LOGICAL_H - 34) -> None:
    """Draw a quiet line of keyboard hints at the bottom of the screen."""
    painter.text(hints, (LOGICAL_W / 2, y), 15, painter.theme.text_muted, anchor="midtop")


def open_settings(app: App) -> None:
    """Push the settings screen."""
    from roleplay.learner.desktop.scenes.settings import SettingsScene

    app.push(SettingsScene(app))


def open_library(app: App) -> None:
    """Go to the scenario library (replacing whatever is on the stack above the title)."""
    from roleplay.learner.desktop.scenes.library import LibraryScene
    from roleplay.learner.desktop.scenes.title import TitleScene

    app.reset(TitleScene(app))
    app.push(LibraryScene(app))


def open_saves(app: App, saving: bool) -> None:
    """Push the save/load screen."""
    from roleplay.learner.desktop.scenes.saves import SavesScene

    app.push(SavesScene(app, saving=saving))
