"""Colour palettes and type roles: a calm default theme and a high-contrast theme."""

from __future__ import annotations

from dataclasses import dataclass

Color = tuple[int, int, int]
RGBA = tuple[int, int, int, int]


@dataclass(frozen=True)
class Theme:
    """Colours used by every scene; scenes never hard-code colours."""

    name: str
    backdrop: Color  # letterbox bars and screens without a background image
    panel: RGBA  # dialogue box, cards, menus
    panel_border: RGBA
    panel_raised: RGBA  # hovered / focused card or button
    scrim: RGBA  # darkening layer behind modal menus
    text: Color
    text_muted: Color
    text_disabled: Color
    accent: Color  # focus ring, name plate, primary buttons
    accent_text: Color  # text drawn on the accent colour
    focus: Color
    good: Color
    bad: Color
    chart: tuple[Color, ...]
    grid: Color  # chart grid lines and quiet separators


CALM = Theme(
    name="calm",
    backdrop=(18, 22, 32),
    panel=(22, 28, 42, 232),
    panel_border=(255, 255, 255, 38),
    panel_raised=(44, 54, 78, 245),
    scrim=(8, 10, 16, 170),
    text=(240, 242, 247),
    text_muted=(178, 186, 204),
    text_disabled=(118, 124, 140),
    accent=(232, 176, 92),
    accent_text=(30, 24, 16),
    focus=(255, 204, 122),
    good=(126, 206, 156),
    bad=(240, 128, 118),
    chart=((232, 176, 92), (120, 180, 240), (126, 206, 156), (224, 128, 176), (180, 160, 240)),
    grid=(64, 72, 92),
)

HIGH_CONTRAST = Theme(
    name="high-contrast",
    backdrop=(0, 0, 0),
    panel=(0, 0, 0, 250),
    panel_border=(255, 255, 255, 255),
    panel_raised=(40, 40, 40, 255),
    scrim=(0, 0, 0, 215),
    text=(255, 255, 255),
    text_muted=(235, 235, 235),
    text_disabled=(170, 170, 170),
    accent=(255, 230, 0),
    accent_text=(0, 0, 0),
    focus=(255, 230, 0),
    good=(120, 255, 160),
    bad=(255, 140, 140),
    chart=((255, 230, 0), (0, 220, 255), (120, 255, 160), (255, 140, 220), (255, 255, 255)),
    grid=(150, 150, 150),
)


def theme_for(high_contrast: bool) -> Theme:
    """Return the palette for the high-contrast setting."""
    return HIGH_CONTRAST if high_contrast else CALM
