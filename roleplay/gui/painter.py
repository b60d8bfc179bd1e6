"""Drawing in logical 1280x720 coordinates onto a window of any size.

The logical canvas is letterboxed into the window and every primitive is drawn at the real
pixel scale (text rendered at the scaled point size), so nothing is ever smooth-scaled.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pygame

from roleplay.gui.resources import Resources
from roleplay.gui.theme import Theme

LOGICAL_W = 1280
LOGICAL_H = 720
#: The smallest text drawn, in window pixels (an 800x600 window would otherwise get 9 px).
MIN_TEXT_PX = 12
Rect = pygame.Rect
FRect = pygame.FRect


@dataclass(frozen=True)
class Viewport:
    """Where the logical canvas sits in the window: scale and letterbox offset."""

    scale: float
    offset_x: int
    offset_y: int
    window: tuple[int, int]

    @classmethod
    def fit(cls, window: tuple[int, int]) -> Viewport:
        """Return the largest letterboxed viewport for a window size."""
        width, height = max(window[0], 1), max(window[1], 1)
        scale = min(width / LOGICAL_W, height / LOGICAL_H)
        offset_x = round((width - LOGICAL_W * scale) / 2)
        offset_y = round((height - LOGICAL_H * scale) / 2)
        return cls(scale, offset_x, offset_y, (width, height))

    def to_logical(self, pos: tuple[float, float]) -> tuple[float, float]:
        """Convert a window pixel position into logical coordinates."""
        return ((pos[0] - self.offset_x) / self.scale, (pos[1] - self.offset_y) / self.scale)

    def to_pixels(self, rect: FRect | Rect) -> Rect:
        """Convert a logical rectangle into a window pixel rectangle (edges rounded)."""
        left = round(self.offset_x + rect.left * self.scale)
        top = round(self.offset_y + rect.top * self.scale)
        right = round(self.offset_x + rect.right * self.scale)
        bottom = round(self.offset_y + rect.bottom * self.scale)
        return Rect(left, top, right - left, bottom - top)


class Painter:
    """Scene drawing API: logical coordinates in, crisp pixels out."""

    def __init__(
        self,
        surface: pygame.Surface,
        viewport: Viewport,
        resources: Resources,
        theme: Theme,
        text_scale: float = 1.0,
    ) -> None:
        """Draw onto surface through viewport, using shared resources and a theme."""
        self.surface = surface
        self.viewport = viewport
        self.res = resources
        self.theme = theme
        self.text_scale = text_scale
        self.thumbnail = False  # True while drawing a save thumbnail: no menus, text complete
        self._panels: dict[tuple[object, ...], pygame.Surface] = {}
        self._veil: pygame.Surface | None = None
        self._veil_color: tuple[int, ...] = ()

    # -- measuring ---------------------------------------------------------------------------
    @property
    def scale(self) -> float:
        """Window pixels per logical unit."""
        return self.viewport.scale

    def px(self, size: float) -> int:
        """Return the pixel size for a logical font size, never below :data:`MIN_TEXT_PX`.

        In small windows the floor makes small text take more logical room; layouts measure
        text through this painter, so they grow with it.
        """
        floor = 6 if self.thumbnail else MIN_TEXT_PX  # thumbnails are pictures, not for reading
        return max(floor, round(size * self.viewport.scale))

    def line_height(self, size: float, role: str = "regular") -> float:
        """Return the logical height of one line of text."""
        return self.res.font(role, self.px(size)).get_linesize() / self.scale

    def text_width(self, text: str, size: float, role: str = "regular") -> float:
        """Return the logical width of one line of text."""
        return self.res.font(role, self.px(size)).size(text)[0] / self.scale

    def wrap(self, text: str, size: float, width: float, role: str = "regular") -> tuple[str, ...]:
        """Wrap text into lines that fit a logical width."""
        return self.res.wrap(text, role, self.px(size), int(width * self.scale))

    def text_height(self, text: str, size: float, width: float, role: str = "regular") -> float:
        """Return the logical height of wrapped text."""
        return len(self.wrap(text, size, width, role)) * self.line_height(size, role)

    # -- drawing -----------------------------------------------------------------------------
    def clear(self) -> None:
        """Fill the whole window (letterbox bars included) with the backdrop colour."""
        self.surface.fill(self.theme.backdrop)

    def rect(
        self, rect: FRect | Rect, color: tuple[int, ...], radius: float = 0, width: float = 0
    ) -> None:
        """Draw a (rounded, optionally outlined) rectangle; colours with alpha are blended."""
        target = self.viewport.to_pixels(rect)
        rad = round(radius * self.scale)
        line = max(1, round(width * self.scale)) if width else 0
        if line and len(color) == 4 and color[3] < 255:
            color = _over(color, self.theme.panel)  # outlines sit on panels: blend once
        if len(color) == 4 and color[3] < 255:
            key = (target.size, color, rad, line)
            panel = self._panels.get(key)
            if panel is None:
                panel = pygame.Surface(target.size, pygame.SRCALPHA)
                pygame.draw.rect(panel, color, panel.get_rect(), line, border_radius=rad)
                if len(self._panels) > 256:
                    self._panels.clear()
                self._panels[key] = panel
            self.surface.blit(panel, target)
        else:
            pygame.draw.rect(self.surface, color[:3], target, line, border_radius=rad)

    def veil(self, color: tuple[int, ...], alpha: int) -> None:
        """Cover the whole window with a colour at an alpha (fades), without caching per alpha."""
        size = self.surface.get_size()
        if self._veil is None or self._veil.get_size() != size or self._veil_color != color[:3]:
            self._veil = pygame.Surface(size)
            self._veil.fill(color[:3])
            self._veil_color = color[:3]
        self._veil.set_alpha(max(0, min(255, alpha)))
        self.surface.blit(self._veil, (0, 0))

    def line(
        self,
        start: tuple[float, float],
        end: tuple[float, float],
        color: tuple[int, ...],
        width: float = 1,
    ) -> None:
        """Draw an anti-aliased-looking straight line between logical points."""
        a = self._point(start)
        b = self._point(end)
        pygame.draw.line(self.surface, color[:3], a, b, max(1, round(width * self.scale)))

    def circle(self, center: tuple[float, float], radius: float, color: tuple[int, ...]) -> None:
        """Draw a filled circle."""
        pygame.draw.circle(
            self.surface, color[:3], self._point(center), max(1, round(radius * self.scale))
        )

    def polygon(self, points: list[tuple[float, float]], color: tuple[int, ...]) -> None:
        """Draw a filled polygon."""
        pygame.draw.polygon(self.surface, color[:3], [self._point(p) for p in points])

    def text(
        self,
        text: str,
        pos: tuple[float, float],
        size: float,
        color: tuple[int, ...] | None = None,
        role: str = "regular",
        anchor: str = "topleft",
    ) -> FRect:
        """Draw one line of text; anchor is a pygame Rect attribute name. Returns logical rect."""
        if not text:
            return FRect(pos[0], pos[1], 0, 0)
        surface = self.res.text(text, role, self.px(size), tuple(color or self.theme.text))
        return self._blit_anchored(surface, pos, anchor)

    def text_prefix(
        self,
        text: str,
        pos: tuple[float, float],
        size: float,
        color: tuple[int, ...],
        role: str = "regular",
    ) -> None:
        """Draw a partially revealed line (not cached: it changes every frame)."""
        if text:
            surface = self.res.font(role, self.px(size)).render(text, True, color)
            self._blit_anchored(surface, pos, "topleft")

    def paragraph(
        self,
        text: str,
        rect: FRect,
        size: float,
        color: tuple[int, ...] | None = None,
        role: str = "regular",
        max_lines: int | None = None,
    ) -> float:
        """Draw wrapped text inside rect.width from rect.top; returns the logical height used."""
        lines = self.wrap(text, size, rect.width, role)
        if max_lines is not None and len(lines) > max_lines:
            lines = (*lines[: max_lines - 1], lines[max_lines - 1].rstrip(" .,") + "…")
        height = self.line_height(size, role)
        for index, line in enumerate(lines):
            self.text(line, (rect.left, rect.top + index * height), size, color, role)
        return len(lines) * height

    def image(
        self,
        path: Path | None,
        rect: FRect,
        fit: str = "contain",
        anchor: str = "midbottom",
        tint: tuple[int, int, int] | None = None,
    ) -> bool:
        """Draw an image fitted into a logical rect, its colours multiplied by ``tint`` when
        given; returns False (drawing nothing) if the image is missing."""
        if path is None:
            return False
        target = self.viewport.to_pixels(rect)
        surface = self.res.image(path, target.size, fit, tint)
        if surface is None:
            return False
        placed = surface.get_rect()
        setattr(placed, anchor, getattr(target, anchor))
        self.surface.blit(surface, placed)
        return True

    def warm(
        self, path: Path | None, rect: FRect, fit: str, tint: tuple[int, int, int] | None = None
    ) -> None:
        """Load an image into the cache for the size it will be drawn at (no drawing)."""
        if path is not None:
            self.res.image(path, self.viewport.to_pixels(rect).size, fit, tint)

    def blit_pixels(self, surface: pygame.Surface, rect: FRect) -> None:
        """Blit an already-rendered surface, scaled to a logical rect (for thumbnails)."""
        target = self.viewport.to_pixels(rect)
        if surface.get_size() != target.size:
            surface = pygame.transform.smoothscale(surface, target.size)
        self.surface.blit(surface, target)

    def clip(self, rect: FRect | None) -> None:
        """Restrict drawing to a logical rect (None removes the clip)."""
        self.surface.set_clip(self.viewport.to_pixels(rect) if rect is not None else None)

    def _point(self, point: tuple[float, float]) -> tuple[int, int]:
        vp = self.viewport
        return (round(vp.offset_x + point[0] * vp.scale), round(vp.offset_y + point[1] * vp.scale))

    def _blit_anchored(
        self, surface: pygame.Surface, pos: tuple[float, float], anchor: str
    ) -> FRect:
        placed = surface.get_rect()
        setattr(placed, anchor, self._point(pos))
        self.surface.blit(surface, placed)
        vp = self.viewport
        return FRect(
            (placed.x - vp.offset_x) / vp.scale,
            (placed.y - vp.offset_y) / vp.scale,
            placed.w / vp.scale,
            placed.h / vp.scale,
        )


def _over(color: tuple[int, ...], base: tuple[int, ...]) -> tuple[int, int, int]:
    """Blend a translucent colour over an opaque base colour."""
    alpha = color[3] / 255

    def mix(channel: int) -> int:
        return round(color[channel] * alpha + base[channel] * (1 - alpha))

    return mix(0), mix(1), mix(2)
