"""Screen furniture shared by scenes: backdrops, the modal scrim and key hints."""

from __future__ import annotations

from roleplay.gui.painter import LOGICAL_H, LOGICAL_W, FRect, Painter
from roleplay.gui.resources import assets_dir

#: The whole logical canvas.
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
