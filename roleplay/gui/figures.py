"""The people on stage: where each character stands, who is lit, and how the room lights them.

A :class:`Figure` is one character in a beat: their portrait file, whether they are speaking
(lit, in front) and their place among those present. Places come from the order of the cast, so
nobody moves when someone else speaks or changes expression. A background may have a lighting
preset (:data:`SETS`): a colour the characters are tinted with (night in the evening office) and
a frame they stand inside (the laptop screen of a video call).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from roleplay.gui.painter import LOGICAL_H, FRect, Painter

Box = tuple[float, float, float, float]  # left, top, width, height (logical)
PORTRAIT_BOX: Box = (40, 60, 520, LOGICAL_H - 60)
#: Horizontal centres of the first and last place when several people are on stage.
CROWD_SPAN = (300.0, 980.0)
CROWD_W = 480.0
#: Multiplied into the portraits of those present who are not speaking.
DIMMED = (118, 122, 136)
WHITE = (255, 255, 255)


@dataclass(frozen=True)
class StageSet:
    """How a background lights and frames the characters in front of it."""

    tint: tuple[int, int, int] = WHITE
    frame: Box | None = None  # the characters stand inside this rectangle, clipped to it
    single: Box = PORTRAIT_BOX  # where one person stands
    span: tuple[float, float] = CROWD_SPAN
    width: float = CROWD_W


#: Lighting and framing by background file name (without ``.svg``); others are lit by day.
SETS: dict[str, StageSet] = {
    "evening_office": StageSet(tint=(168, 174, 214)),
    "video_call": StageSet(
        frame=(220, 60, 840, 487),
        single=(190, 92, 480, 455),
        span=(400.0, 880.0),
        width=420.0,
    ),
}
DAYLIGHT = StageSet()


@dataclass(frozen=True)
class Figure:
    """One character on stage in the current beat."""

    character: str
    name: str
    portrait: Path | None
    place: int  # 0-based, in cast order
    lit: bool  # speaking (or nobody is): drawn in front at full light


def stage_set(background: Path | None) -> StageSet:
    """The lighting and framing preset for a background file (daylight when it has none)."""
    return SETS.get(background.stem, DAYLIGHT) if background is not None else DAYLIGHT


def figure_box(staging: StageSet, place: int, count: int) -> FRect:
    """The box a figure's portrait is fitted into (standing on its bottom edge)."""
    if count <= 1:
        return FRect(staging.single)
    left, right = staging.span
    centre = left + (right - left) * place / (count - 1)
    _, top, _, height = staging.single
    box = FRect(0, top, staging.width, height)
    box.centerx = centre
    return box


def figure_tint(staging: StageSet, lit: bool) -> tuple[int, int, int] | None:
    """The colour a figure's portrait is multiplied by (None when it is drawn as it is)."""
    tint = staging.tint if lit else _multiply(staging.tint, DIMMED)
    return None if tint == WHITE else tint


def draw_figures(
    painter: Painter, figures: tuple[Figure, ...], staging: StageSet, lift: float = 0.0
) -> None:
    """Draw those present, the speakers last (in front); ``lift`` raises the speakers."""
    if staging.frame is not None:
        painter.clip(FRect(staging.frame))
    ordered = sorted(figures, key=lambda f: f.lit)
    for figure in ordered:
        box = figure_box(staging, figure.place, len(figures))
        if figure.lit:
            box = box.move(0, -lift)
        tint = figure_tint(staging, figure.lit)
        if not painter.image(figure.portrait, box, fit="contain", anchor="midbottom", tint=tint):
            draw_silhouette(painter, box, figure.name, figure.lit)
    if staging.frame is not None:
        painter.clip(None)


def warm_figures(painter: Painter, figures: tuple[Figure, ...], staging: StageSet) -> None:
    """Rasterise the figures' portraits now, at the size and light they will be drawn with."""
    for figure in figures:
        box = figure_box(staging, figure.place, len(figures))
        for lit in (True, False):
            painter.warm(figure.portrait, box, "contain", figure_tint(staging, lit))


def draw_silhouette(painter: Painter, box: FRect, name: str, lit: bool = True) -> None:
    """A quiet head-and-shoulders silhouette with the character's initials."""
    theme = painter.theme
    lift = 30 if lit else 12
    color = tuple(min(255, c + lift) for c in theme.backdrop)
    cx = box.centerx
    width = min(340.0, box.width * 0.66)
    shoulders = FRect(cx - width / 2, box.bottom - 260, width, 300)
    painter.rect(shoulders, color, radius=width * 0.44)
    painter.circle((cx, box.bottom - 330), width * 0.28, color)
    initials = "".join(part[0] for part in name.split()[:2]).upper()
    painter.text(initials, (cx, box.bottom - 330), 54, theme.text_muted, "bold", anchor="center")


def _multiply(a: tuple[int, int, int], b: tuple[int, int, int]) -> tuple[int, int, int]:
    return (a[0] * b[0] // 255, a[1] * b[1] // 255, a[2] * b[2] // 255)
