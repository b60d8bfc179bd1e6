"""Drawing pieces shared by the projector and the facilitator view."""

from __future__ import annotations

import io
from functools import lru_cache

import pygame

from roleplay.facilitator._network import qr_png
from roleplay.gui.painter import FRect, Painter


@lru_cache(maxsize=8)
def qr_surface(text: str) -> pygame.Surface:
    """A QR code of ``text`` (one pixel per module plus the quiet zone)."""
    return pygame.image.load(io.BytesIO(qr_png(text, scale=1)), "qr.png")


def draw_qr(painter: Painter, text: str, rect: FRect) -> None:
    """Draw a QR code crisp (nearest-neighbour) on a white square filling ``rect``."""
    target = painter.viewport.to_pixels(rect)
    side = min(target.width, target.height)
    source = qr_surface(text)
    modules = source.get_width()
    scale = max(1, side // modules)
    image = pygame.transform.scale(source, (modules * scale, modules * scale))
    painter.surface.fill((255, 255, 255), target)
    placed = image.get_rect(center=target.center)
    painter.surface.blit(image, placed)


def panel(painter: Painter, rect: FRect, radius: float = 16) -> None:
    """A card in the theme's panel colour with its border."""
    painter.rect(rect, painter.theme.panel, radius=radius)
    painter.rect(rect, painter.theme.panel_border, radius=radius, width=1)


def bar(painter: Painter, rect: FRect, fraction: float, color: tuple[int, ...]) -> None:
    """A horizontal bar filled to ``fraction`` (0 to 1)."""
    painter.rect(rect, (*painter.theme.grid, 255), radius=rect.height / 2)
    filled = FRect(rect.left, rect.top, max(rect.height, rect.width * fraction), rect.height)
    if fraction > 0:
        painter.rect(filled, (*color[:3], 255), radius=rect.height / 2)


def timer_text(remaining: float | None, paused: bool) -> str:
    """'0:42 left', 'paused (0:42)' or '' when untimed."""
    if remaining is None:
        return ""
    seconds = int(remaining + 0.999)
    clock = f"{seconds // 60}:{seconds % 60:02d}"
    return f"paused ({clock})" if paused else f"{clock} left"


def plural(count: int, word: str) -> str:
    """'1 vote', '3 votes'."""
    return f"{count} {word}{'' if count == 1 else 's'}"
