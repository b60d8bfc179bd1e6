"""Fonts, rendered text and SVG images, each loaded once and cached.

Text is rendered at the real window pixel size (logical size x scale), so it stays crisp at
any window size; images are rasterised from SVG at the exact pixel size they are shown at.
"""

from __future__ import annotations

import io
import re
from collections import OrderedDict
from pathlib import Path

import pygame

FONT_FILES: dict[str, tuple[str, ...]] = {
    "regular": ("AtkinsonHyperlegible-Regular.ttf", "NotoSans-Regular.ttf"),
    "bold": ("AtkinsonHyperlegible-Bold.ttf", "NotoSans-Bold.ttf"),
    "italic": ("AtkinsonHyperlegible-Italic.ttf", "NotoSans-Regular.ttf"),
    "bolditalic": ("AtkinsonHyperlegible-BoldItalic.ttf", "NotoSans-Bold.ttf"),
}
TEXT_CACHE_SIZE = 1500
IMAGE_CACHE_SIZE = 64
_SVG_SIZE = re.compile(rb'viewBox\s*=\s*["\']\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)')


def assets_dir() -> Path:
    """Return the game's assets folder (bundled copy when installed, repo folder otherwise)."""
    package = Path(__file__).resolve().parent.parent
    bundled = package / "_bundled" / "assets"
    return bundled if bundled.is_dir() else package.parent / "assets"


def encode_png(surface: pygame.Surface) -> bytes:
    """The surface as PNG file bytes."""
    buffer = io.BytesIO()
    pygame.image.save(surface, buffer, "frame.png")
    return buffer.getvalue()


def find_font_file(role: str) -> Path | None:
    """Return the first existing font file for a role, or None (pygame's default font)."""
    folder = assets_dir() / "fonts"
    for name in FONT_FILES.get(role, FONT_FILES["regular"]):
        path = folder / name
        if path.is_file():
            return path
    return None


def svg_aspect(path: Path) -> float | None:
    """Return width / height declared by an SVG's viewBox, or None when unknown."""
    from roleplay import FileProblem, read_head

    try:
        head = read_head(path, 4096)
    except FileProblem:
        return None
    return svg_aspect_of(head)


def svg_aspect_of(head: bytes) -> float | None:
    """Width / height declared by the viewBox in the first bytes of an SVG, or None."""
    match = _SVG_SIZE.search(head)
    if not match:
        return None
    width, height = float(match.group(1)), float(match.group(2))
    return width / height if width > 0 and height > 0 else None


class Resources:
    """Shared caches for fonts, text surfaces and images (one per running game)."""

    def __init__(self) -> None:
        """Create empty caches."""
        self._fonts: dict[tuple[str, int], pygame.font.Font] = {}
        self._text: OrderedDict[tuple[object, ...], pygame.Surface] = OrderedDict()
        self._images: OrderedDict[tuple[object, ...], pygame.Surface | None] = OrderedDict()
        self._wraps: OrderedDict[tuple[object, ...], tuple[str, ...]] = OrderedDict()

    def font(self, role: str, px: int) -> pygame.font.Font:
        """Return the font for a role ("regular", "bold", "italic", "bolditalic") at px size."""
        key = (role, max(px, 6))
        font = self._fonts.get(key)
        if font is None:
            path = find_font_file(role)
            font = pygame.font.Font(str(path) if path else None, key[1])
            self._fonts[key] = font
        return font

    def text(self, text: str, role: str, px: int, color: tuple[int, ...]) -> pygame.Surface:
        """Return a cached anti-aliased rendering of one line of text."""
        key = (text, role, px, color)
        surface = self._text.get(key)
        if surface is not None:
            self._text.move_to_end(key)
            return surface
        surface = self.font(role, px).render(text, True, color)
        self._text[key] = surface
        if len(self._text) > TEXT_CACHE_SIZE:
            self._text.popitem(last=False)
        return surface

    def wrap(self, text: str, role: str, px: int, width_px: int) -> tuple[str, ...]:
        """Split text into lines no wider than width_px (explicit newlines are kept)."""
        key = (text, role, px, width_px)
        lines = self._wraps.get(key)
        if lines is None:
            lines = tuple(wrap_text(self.font(role, px), text, width_px))
            self._wraps[key] = lines
            if len(self._wraps) > TEXT_CACHE_SIZE:
                self._wraps.popitem(last=False)
        return lines

    def image(
        self,
        path: Path,
        size: tuple[int, int],
        fit: str = "contain",
        tint: tuple[int, int, int] | None = None,
    ) -> pygame.Surface | None:
        """Return an SVG (or raster) image rasterised for size, or None when unreadable.

        fit="contain" keeps the aspect ratio inside size; fit="cover" fills size and crops.
        ``tint`` multiplies the colours (lighting, dimming), keeping the transparency.
        """
        key = (str(path), size, fit, tint)
        if key in self._images:
            self._images.move_to_end(key)
            return self._images[key]
        if tint is None:
            surface = _load_image(path, size, fit)
        else:  # a tinted picture starts from the plain one (rasterised once for both)
            surface = self.image(path, size, fit)
            if surface is not None:
                surface = surface.copy()
                surface.fill(tint, special_flags=pygame.BLEND_RGB_MULT)
        self._images[key] = surface
        if len(self._images) > IMAGE_CACHE_SIZE:
            self._images.popitem(last=False)
        return surface

    def clear_text(self) -> None:
        """Forget rendered text (after a theme change, for instance)."""
        self._text.clear()


def _load_image(path: Path, size: tuple[int, int], fit: str) -> pygame.Surface | None:
    from roleplay import image_problem

    width, height = max(size[0], 1), max(size[1], 1)
    if image_problem(path) is not None:  # checked again: the file may have changed since
        return None
    if path.suffix.lower() == ".svg":
        from roleplay.gui.raster_cache import svg_surface

        return svg_surface(path, (width, height), fit)
    try:
        image = pygame.image.load(str(path)).convert_alpha()
        return pygame.transform.smoothscale(image, (width, height))
    except (pygame.error, OSError, ValueError):
        return None


def wrap_text(font: pygame.font.Font, text: str, width_px: int) -> list[str]:
    """Greedy word wrap by rendered width; explicit newlines kept, over-long words split."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for word in paragraph.split():
            candidate = f"{current} {word}" if current else word
            if font.size(candidate)[0] <= width_px:
                current = candidate
                continue
            if current:
                lines.append(current)
            current = word
            while len(current) > 1 and font.size(current)[0] > width_px:
                cut = _longest_prefix(font, current, width_px)
                lines.append(current[:cut])
                current = current[cut:]
        lines.append(current)
    return lines


def _longest_prefix(font: pygame.font.Font, word: str, width_px: int) -> int:
    """Return the length of the longest prefix of word that fits (at least 1)."""
    cut = 1
    while cut < len(word) and font.size(word[: cut + 1])[0] <= width_px:
        cut += 1
    return cut
