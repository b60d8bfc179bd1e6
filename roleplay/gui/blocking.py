"""Blocking (the theatre's word for where the actors stand) while the player chooses.

The choices, the "think about it" prompt and the speaker's name plate are drawn over the stage.
When one of them would cover somebody's face, everyone on stage makes room: the speaker (or the
first people of the cast) stand beside the choices, in front of the dialogue box, and the others
stand further back, above the choices, smaller; their heads and the tops of their shoulders stay
clear of every panel and their feet stay hidden behind one; nobody at the back is larger than
those in front. How many stand where is decided by size: the smallest face as large as it can
be, the speaker's counting for a little more.

Everything here is geometry in logical coordinates: it measures nothing and draws nothing. A
portrait is assumed to be drawn like the shipped ones (600 x 800, head and shoulders placed alike).
"""

from __future__ import annotations

from dataclasses import dataclass

from roleplay.gui.painter import FRect

PORTRAIT_ASPECT = 0.75  # width / height of a portrait (600 x 800)
#: Where the head is in a portrait, as fractions of it: left, top, width, height.
HEAD = (0.25, 0.19, 0.50, 0.45)
#: The face (eyes to chin, without the hair): covering it is what makes people move.
FACE = (0.30, 0.25, 0.40, 0.37)
#: The head and the tops of the shoulders: the part of a figure kept clear of the panels.
BUST = (0.13, 0.19, 0.74, 0.59)
FOOT = 1.0 - BUST[1] - BUST[3]  # from the bottom of the bust to the bottom of the portrait
#: Distance between neighbours, in portrait widths: the heads stay apart, shoulders may touch.
PITCH = 0.62
SPREAD = 0.9  # the widest distance between neighbours when there is room to spare
GAP = 12.0  # between a figure's bust and a panel
STAGE_TOP = 60.0  # the status pills and the choice caption sit above
SPEAKER_WEIGHT = 0.25  # how much the speaker's size counts against the smallest face
SPEAKER_SCALE = 1.15  # the speaker among others in a row: larger, still clear of their heads


@dataclass(frozen=True)
class Room:
    """What covers the stage while the player chooses: ``panel`` (the choices), ``covers``
    (other panels drawn over the stage) and ``floor`` (the top of the dialogue box)."""

    floor: float
    panel: FRect
    covers: tuple[FRect, ...] = ()
    top: float = STAGE_TOP

    def hides(self, rect: FRect) -> bool:
        """True when a panel covers part of ``rect`` or it reaches above the stage's top."""
        panels = (self.panel, *self.covers)
        return rect.top < self.top or any(rect.colliderect(panel) for panel in panels)


def portrait_in(box: FRect) -> FRect:
    """Where a portrait fitted into ``box`` (kept whole, standing on its bottom edge) is drawn."""
    height = min(box.height, box.width / PORTRAIT_ASPECT)
    width = height * PORTRAIT_ASPECT
    return FRect(box.centerx - width / 2, box.bottom - height, width, height)


def head_of(box: FRect) -> FRect:
    """Where the head of a portrait fitted into ``box`` is."""
    return _part(box, HEAD)


def bust_of(box: FRect) -> FRect:
    """Where the head and the tops of the shoulders of a portrait fitted into ``box`` are."""
    return _part(box, BUST)


def _part(box: FRect, part: tuple[float, float, float, float]) -> FRect:
    shown = portrait_in(box)
    left, top, width, height = part
    return FRect(
        shown.left + left * shown.width,
        shown.top + top * shown.height,
        width * shown.width,
        height * shown.height,
    )


def block(
    boxes: tuple[FRect, ...], speaker: int | None, room: Room | None, bounds: FRect
) -> tuple[FRect, ...]:
    """The boxes the figures stand in while ``room``'s panels are shown: ``boxes`` (their usual
    places, in cast order) when no face is covered, else places making room (see the module).
    ``speaker`` is the index of the one speaking (None: nobody or everybody); ``bounds`` the
    part of the screen figures may be seen in."""
    if room is None or not any(room.hides(_part(box, FACE)) for box in boxes):
        return boxes
    usual = max(portrait_in(box).height for box in boxes)
    side, above = _regions(room, bounds)
    above_cap = min(usual, (room.panel.height + GAP) / FOOT)  # feet hidden behind the choices
    order = list(range(len(boxes)))
    if speaker is not None:
        order.remove(speaker)
        order.insert(0, speaker)
    best: tuple[float, list[tuple[int, FRect]]] | None = None
    for beside in range(len(order) + 1):
        front, back = sorted(order[:beside]), sorted(order[beside:])
        front_h = _fit(side, len(front), usual)
        back_h = _fit(above, len(back), min(above_cap, front_h) if front else above_cap)
        if (front and front_h <= 0) or (back and back_h <= 0):
            continue
        smallest = min([front_h] * len(front) + [back_h] * len(back))
        speaker_h = front_h if speaker in front else back_h if speaker is not None else 0.0
        score = smallest + SPEAKER_WEIGHT * speaker_h
        if best is None or score > best[0] + 0.5:
            near = _row(side, front, front_h, speaker, usual)
            best = (score, near + _row(above, back, back_h, speaker, above_cap))
    if best is None:
        return boxes
    where = dict(best[1])
    return tuple(where[index] for index in range(len(boxes)))


def _regions(room: Room, bounds: FRect) -> tuple[FRect, FRect]:
    """The column beside the choices (down to the floor) and the one above them."""
    panel = room.panel
    top = max(bounds.top, room.top)
    floor = min(bounds.bottom, room.floor)
    if panel.centerx >= bounds.centerx:
        side = _column(bounds.left, panel.left - GAP, top, floor, room.covers)
    else:
        side = _column(panel.right + GAP, bounds.right, top, floor, room.covers)
    left, right = max(panel.left + GAP, bounds.left), min(panel.right - GAP, bounds.right)
    above = _column(left, right, top, min(floor, panel.top - GAP), room.covers)
    return side, above


def _column(
    left: float, right: float, top: float, bottom: float, covers: tuple[FRect, ...]
) -> FRect:
    """The part of a column that no cover reaches into: a cover in its upper half pushes its top
    down, one in its lower half pulls its bottom up."""
    for cover in covers:
        if cover.right <= left or cover.left >= right or cover.bottom <= top or cover.top >= bottom:
            continue
        if cover.centery < (top + bottom) / 2:
            top = cover.bottom + GAP
        else:
            bottom = cover.top - GAP
    return FRect(left, top, max(0.0, right - left), max(0.0, bottom - top))


def _fit(region: FRect, count: int, cap: float) -> float:
    """The tallest portrait ``count`` figures side by side can have, their busts inside
    ``region`` (at most ``cap``)."""
    if count == 0:
        return 0.0
    by_width = region.width / (((count - 1) * PITCH + BUST[2]) * PORTRAIT_ASPECT)
    by_height = region.height / BUST[3]
    return max(0.0, min(by_width, by_height, cap))


def _row(
    region: FRect, members: list[int], height: float, speaker: int | None, cap: float
) -> list[tuple[int, FRect]]:
    """Boxes for ``members`` side by side, centred in ``region``, busts standing on its bottom;
    the speaker among others a little larger, in so far as the region is tall enough."""
    if not members:
        return []
    width = height * PORTRAIT_ASPECT
    spare = region.width - BUST[2] * width
    pitch = min(SPREAD * width, spare / (len(members) - 1)) if len(members) > 1 else 0.0
    first = region.centerx - pitch * (len(members) - 1) / 2
    larger = min(SPEAKER_SCALE, region.height / (BUST[3] * height), cap / height)
    placed = []
    for place, index in enumerate(members):
        scale = max(1.0, larger) if index == speaker and len(members) > 1 else 1.0
        box = FRect(0, 0, width * scale, height * scale)
        box.centerx = first + pitch * place
        box.top = region.bottom - (1.0 - FOOT) * box.height
        placed.append((index, box))
    return placed
