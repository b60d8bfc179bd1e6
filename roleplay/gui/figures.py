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

from roleplay.gui.blocking import Room, block, bust_of, head_of, portrait_in
from roleplay.gui.painter import LOGICAL_H, LOGICAL_W, FRect, Painter

Box = tuple[float, float, float, float]  # left, top, width, height (logical)
PORTRAIT_BOX: Box = (40, 60, 520, LOGICAL_H - 60)
#: Horizontal centres of the first and last place when several people are on stage.
CROWD_SPAN = (300.0, 980.0)
CROWD_W = 480.0
#: Multiplied into the portraits of those present who are not speaking.
DIMMED = (118, 122, 136)
WHITE = (255, 255, 255)
#: Where people may be seen on an open stage (a video call's frame is its own).
OPEN_STAGE = FRect(24, 0, LOGICAL_W - 48, LOGICAL_H)
LABEL_SIZE = 14


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


@dataclass(frozen=True)
class Placement:
    """Where one figure is drawn: the box its portrait is fitted into, where its head is, and
    its name label with its text (while people make room for the choices; None otherwise)."""

    figure: Figure
    box: FRect
    head: FRect
    label: FRect | None = None
    label_text: str = ""


def stage_layout(
    painter: Painter, figures: tuple[Figure, ...], staging: StageSet, room: Room | None = None
) -> tuple[Placement, ...]:
    """Where each figure is drawn, in cast order: their usual places, or, when a panel of
    ``room`` would cover a face, places making room for the panels (``blocking``), each named
    on a label but the speaker (whose name plate names them)."""
    usual = tuple(figure_box(staging, f.place, len(figures)) for f in figures)
    lit = [index for index, figure in enumerate(figures) if figure.lit]
    speaker = lit[0] if len(lit) == 1 else None
    bounds = FRect(staging.frame) if staging.frame is not None else OPEN_STAGE
    boxes = block(usual, speaker, room, bounds)
    if boxes == usual or len(figures) < 2:
        return tuple(Placement(f, box, head_of(box)) for f, box in zip(figures, boxes, strict=True))
    names = _label_texts(painter, figures, boxes)
    return tuple(
        Placement(f, box, head_of(box))
        if index == speaker
        else Placement(f, box, head_of(box), _label_rect(painter, name, box), name)
        for index, (f, box, name) in enumerate(zip(figures, boxes, names, strict=True))
    )


def _label_texts(
    painter: Painter, figures: tuple[Figure, ...], boxes: tuple[FRect, ...]
) -> list[str]:
    """Everyone's whole name when each fits across its shoulders (and short of the next
    person's), else everyone's first name."""
    whole = [figure.name for figure in figures]
    busts = [bust_of(box) for box in boxes]
    for name, bust in zip(whole, busts, strict=True):
        beside = [abs(o.centerx - bust.centerx) for o in busts if abs(o.bottom - bust.bottom) < 30]
        room = min([bust.width] + [distance - 6 for distance in beside if distance > 0])
        if _label_width(painter, name) > room:
            return [n.split()[0] if n.split() else n for n in whole]
    return whole


def _label_width(painter: Painter, text: str) -> float:
    return painter.text_width(text, LABEL_SIZE, "bold") + 20


def _label_rect(painter: Painter, text: str, box: FRect) -> FRect:
    """A name label on the figure's chest, at the bottom of its bust."""
    bust = bust_of(box)
    height = max(24.0, painter.line_height(LABEL_SIZE, "bold") + 6)
    label = FRect(0, 0, _label_width(painter, text), height)
    label.centerx = bust.centerx
    label.bottom = bust.bottom - 2
    return label


def draw_figures(
    painter: Painter,
    figures: tuple[Figure, ...],
    staging: StageSet,
    lift: float = 0.0,
    room: Room | None = None,
) -> None:
    """Draw those present, the speakers last (in front); ``lift`` raises the speakers; with a
    ``room``, they stand clear of its panels, named."""
    if staging.frame is not None:
        painter.clip(FRect(staging.frame))
    placements = stage_layout(painter, figures, staging, room)
    for placed in sorted(placements, key=lambda p: p.figure.lit):
        figure = placed.figure
        box = placed.box.move(0, -lift) if figure.lit else placed.box
        tint = figure_tint(staging, figure.lit)
        if not painter.image(figure.portrait, box, fit="contain", anchor="midbottom", tint=tint):
            draw_silhouette(painter, box, figure.name, figure.lit)
    for placed in placements:
        if placed.label is not None:
            _draw_label(painter, placed.label, placed.label_text)
    if staging.frame is not None:
        painter.clip(None)


def _draw_label(painter: Painter, label: FRect, text: str) -> None:
    theme = painter.theme
    painter.rect(label, theme.panel, radius=label.height / 2)
    painter.text(text, label.center, LABEL_SIZE, theme.text, "bold", anchor="center")


def warm_figures(
    painter: Painter, figures: tuple[Figure, ...], staging: StageSet, room: Room | None = None
) -> None:
    """Rasterise the figures' portraits now, at the size and light they will be drawn with."""
    for placed in stage_layout(painter, figures, staging, room):
        for lit in (True, False):
            painter.warm(placed.figure.portrait, placed.box, "contain", figure_tint(staging, lit))


def draw_silhouette(painter: Painter, box: FRect, name: str, lit: bool = True) -> None:
    """A quiet head-and-shoulders silhouette with the character's initials, sized and placed
    like a portrait fitted into ``box`` (its head inside the portrait's head)."""
    theme = painter.theme
    lift = 30 if lit else 12
    color = tuple(min(255, c + lift) for c in theme.backdrop)
    shown = portrait_in(box)
    width = shown.width * 0.66
    top = shown.top + shown.height * 0.594
    shoulders = FRect(shown.centerx - width / 2, top, width, shown.height * 0.47)
    painter.rect(shoulders, color, radius=width * 0.44)
    head = (shown.centerx, shown.top + shown.height * 0.484)
    painter.circle(head, shown.width * 0.185, color)
    initials = "".join(part[0] for part in name.split()[:2]).upper()
    size = 54 * shown.height / 640
    painter.text(initials, head, size, theme.text_muted, "bold", anchor="center")


def _multiply(a: tuple[int, int, int], b: tuple[int, int, int]) -> tuple[int, int, int]:
    return (a[0] * b[0] // 255, a[1] * b[1] // 255, a[2] * b[2] // 255)
