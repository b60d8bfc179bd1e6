"""Layout and drawing of the play screen's text: dialogue box, name plate and choices.

Layout functions are pure (they only measure), so the play scene uses the same rectangles
for hit-testing that the draw code uses for drawing. The people on stage are in ``figures``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from roleplay.gui.painter import LOGICAL_H, LOGICAL_W, FRect, Painter
from roleplay.gui.settings import TEXT_SIZES

if TYPE_CHECKING:
    from roleplay import ChoiceView, Line

BOX_LEFT = 40
BOX_WIDTH = LOGICAL_W - 80
BOX_BOTTOM = LOGICAL_H - 38  # the quick menu sits below
BOX_MIN_H = 170
BOX_PAD_X = 40
BOX_PAD_Y = 30
DIALOGUE_SIZE = 24
CHOICE_SIZE = 20
CHOICES_LEFT = 560
CHOICES_RIGHT = LOGICAL_W - 40
CHOICES_TOP = 66
CHOICE_GAP = 10
CHOICE_PAD_Y = 12
CHOICE_TEXT_LEFT = 62
CHOICE_MIN_H = 52
CHOICES_ABOVE_BOX = 18  # gap between the lowest choice and the dialogue box
#: Less than this past the bottom is rounding (rectangles hold 32-bit floats), not overflow.
OVERFLOW_SLACK = 0.5


def dialogue_size(painter: Painter) -> float:
    """Logical font size of dialogue text (with the player's text size)."""
    return DIALOGUE_SIZE * painter.text_scale


def dialogue_box(painter: Painter, text: str) -> FRect:
    """The dialogue box rectangle, grown upward so the whole line fits."""
    size = dialogue_size(painter)
    text_h = painter.text_height(text, size, BOX_WIDTH - 2 * BOX_PAD_X)
    height = max(BOX_MIN_H, text_h + 2 * BOX_PAD_Y + 8)
    return FRect(BOX_LEFT, BOX_BOTTOM - height, BOX_WIDTH, height)


@dataclass(frozen=True)
class ChoiceLayout:
    """Where each choice goes (before scrolling), the text size, and how it was made to fit.

    The text is stepped down one size at most (``stepped_down``); when the choices still do
    not fit, they overflow ``area`` and the list scrolls (``max_offset`` > 0).
    """

    rects: tuple[FRect, ...]
    size: float
    area: FRect
    stepped_down: bool = False

    @property
    def max_offset(self) -> float:
        """How far the list can scroll (0 when every choice is visible)."""
        bottom = self.rects[-1].bottom if self.rects else self.area.top
        overflow = bottom - self.area.bottom
        return overflow if overflow > OVERFLOW_SLACK else 0.0

    def scrolled(self, offset: float) -> tuple[FRect, ...]:
        """The rectangles on screen with the list scrolled down by ``offset``."""
        return tuple(rect.move(0, -offset) for rect in self.rects)

    def offset_showing(self, index: int, offset: float) -> float:
        """The scroll offset nearest to ``offset`` that shows choice ``index`` whole."""
        rect = self.rects[index]
        if rect.top - offset < self.area.top:
            offset = rect.top - self.area.top
        elif rect.bottom - offset > self.area.bottom:
            offset = rect.bottom - self.area.bottom
        return min(max(offset, 0.0), self.max_offset)


def _one_size_smaller(scale: float) -> float | None:
    smaller = [s for _, s in TEXT_SIZES if s < scale - 1e-6]
    return max(smaller) if smaller else None


def layout_choices(
    painter: Painter, choices: tuple[ChoiceView, ...], bottom: float
) -> ChoiceLayout:
    """Stack choices upward from bottom in the right column at the player's text size, or one
    size smaller when they do not fit; when they still do not fit, they overflow downward."""
    area = FRect(CHOICES_LEFT, CHOICES_TOP, CHOICES_RIGHT - CHOICES_LEFT, bottom - CHOICES_TOP)
    scales = [painter.text_scale]
    smaller = _one_size_smaller(painter.text_scale)
    if smaller is not None:
        scales.append(smaller)
    for attempt, scale in enumerate(scales):
        size = CHOICE_SIZE * scale
        heights = [_choice_height(painter, c, size) for c in choices]
        total = sum(heights) + CHOICE_GAP * max(len(choices) - 1, 0)
        if total <= area.height or attempt == len(scales) - 1:
            break
    top = area.top + max(0.0, area.height - total)
    rects = []
    for height in heights:
        rects.append(FRect(CHOICES_LEFT, top, area.width, height))
        top += height + CHOICE_GAP
    return ChoiceLayout(tuple(rects), size, area, stepped_down=attempt > 0)


def _choice_text_width() -> float:
    return CHOICES_RIGHT - CHOICES_LEFT - CHOICE_TEXT_LEFT - 24


def _choice_height(painter: Painter, choice: ChoiceView, size: float) -> float:
    width = _choice_text_width()
    height = painter.text_height(choice.text, size, width)
    if not choice.available:
        height += painter.text_height(_locked_text(choice), size * 0.82, width, "italic") + 4
    return max(height + 2 * CHOICE_PAD_Y, CHOICE_MIN_H)


def _locked_text(choice: ChoiceView) -> str:
    return "Locked: " + (choice.locked_hint or "not available yet")


def draw_choices(
    painter: Painter,
    choices: tuple[ChoiceView, ...],
    layout: ChoiceLayout,
    focus: int,
    shake: float = 0.0,
    offset: float = 0.0,
    alpha: int = 255,
) -> None:
    """Draw the numbered choices (scrolled by ``offset``); only ``focus`` (if >= 0) is
    highlighted; locked ones are greyed with their hint."""
    painter.clip(layout.area.inflate(12, 12) if layout.max_offset else None)
    rects = layout.scrolled(offset)
    for index, (choice, rect) in enumerate(zip(choices, rects, strict=True)):
        focused = index == focus
        box = rect.move(shake if focused and not choice.available else 0, 0)
        _draw_choice(painter, choice, box, layout.size, focused, alpha)
    painter.clip(None)
    if layout.max_offset:
        _draw_scroll_marks(painter, layout, offset)


def _draw_choice(
    painter: Painter, choice: ChoiceView, box: FRect, size: float, focused: bool, alpha: int
) -> None:
    theme = painter.theme
    fill = theme.panel_raised if focused and choice.available else theme.panel
    painter.rect(box, (*fill[:3], alpha), radius=14)
    painter.rect(box, theme.panel_border, radius=14, width=1)
    if focused:
        ring = (*(theme.focus if choice.available else theme.text_disabled), 255)
        painter.rect(box.inflate(6, 6), ring, radius=17, width=2.5)
    badge = (box.left + 32, box.top + CHOICE_PAD_Y + 14)
    painter.circle(badge, 15, theme.accent if choice.available else theme.text_disabled)
    painter.text(str(choice.number), badge, 16, theme.accent_text, "bold", anchor="center")
    color = theme.text if choice.available else theme.text_disabled
    width = _choice_text_width()
    text_rect = FRect(box.left + CHOICE_TEXT_LEFT, box.top + CHOICE_PAD_Y, width, box.height)
    used = painter.paragraph(choice.text, text_rect, size, color)
    if not choice.available:
        hint_rect = FRect(text_rect.left, text_rect.top + used + 4, width, 80)
        painter.paragraph(_locked_text(choice), hint_rect, size * 0.82, theme.text_muted, "italic")


def _draw_scroll_marks(painter: Painter, layout: ChoiceLayout, offset: float) -> None:
    """Small arrows at the top or bottom of the choice list when more choices are there."""
    color = painter.theme.accent
    x = layout.area.centerx
    if offset > 0:
        y = layout.area.top - 12
        painter.polygon([(x - 12, y + 6), (x + 12, y + 6), (x, y - 6)], color)
    if offset < layout.max_offset:
        y = layout.area.bottom + 12
        painter.polygon([(x - 12, y - 6), (x + 12, y - 6), (x, y + 6)], color)


def draw_dialogue(
    painter: Painter, line: Line, revealed: float, box: FRect, alpha: int = 255
) -> None:
    """Draw the dialogue box (at ``alpha``), the name plate and the revealed part of the line."""
    theme = painter.theme
    painter.rect(box, (*theme.panel[:3], alpha), radius=18)
    painter.rect(box, theme.panel_border, radius=18, width=1)
    if line.name:
        _draw_name_plate(painter, line, box)
    draw_dialogue_text(painter, line, revealed, box)


def draw_dialogue_text(painter: Painter, line: Line, revealed: float, box: FRect) -> None:
    """Draw the first `revealed` characters of the line inside the dialogue box."""
    theme = painter.theme
    role = "regular" if line.name else "italic"
    size = dialogue_size(painter)
    lines = painter.wrap(line.text, size, box.width - 2 * BOX_PAD_X, role)
    height = painter.line_height(size, role)
    remaining = int(min(revealed, 1e9))
    top = box.top + BOX_PAD_Y + (4 if line.name else 0)
    for index, text in enumerate(lines):
        pos = (box.left + BOX_PAD_X, top + index * height)
        if remaining >= len(text):
            painter.text(text, pos, size, theme.text, role)
            remaining -= len(text) + 1
            continue
        painter.text_prefix(text[: max(remaining, 0)], pos, size, theme.text, role)
        break


def name_plate(painter: Painter, line: Line, box: FRect) -> FRect:
    """Where the speaker's name plate sits, on the top edge of the dialogue box."""
    name_w = painter.text_width(line.name or "", 21, "bold")
    role_w = painter.text_width(line.role, 16) if line.role else 0
    width = name_w + (role_w + 18 if line.role else 0) + 40
    height = max(46.0, painter.line_height(21, "bold") + 16)
    return FRect(box.left + 28, box.top - height + 20, width, height)


def name_plate_area(painter: Painter, line: Line, box: FRect) -> FRect:
    """The name plate with the reaction tag beside it (when there is one)."""
    plate = name_plate(painter, line, box)
    if line.is_reaction and line.expression:
        return plate.union(_tag_rect(painter, _reaction_text(line), plate))
    return plate


def _reaction_text(line: Line) -> str:
    return f"reacts · {line.expression}"


def _draw_name_plate(painter: Painter, line: Line, box: FRect) -> None:
    theme = painter.theme
    name = line.name or ""
    plate = name_plate(painter, line, box)
    painter.rect(plate, (*theme.accent, 255), radius=12)
    middle = (plate.left + 20, plate.centery)
    painter.text(name, middle, 21, theme.accent_text, "bold", anchor="midleft")
    if line.role:
        role_at = (plate.left + 38 + painter.text_width(name, 21, "bold"), plate.centery + 1)
        painter.text(line.role, role_at, 16, theme.accent_text, anchor="midleft")
    if line.is_reaction and line.expression:
        _draw_tag(painter, _reaction_text(line), plate)


def _tag_rect(painter: Painter, text: str, plate: FRect) -> FRect:
    width = painter.text_width(text, 15, "bold") + 24
    return FRect(plate.right + 10, plate.top + 8, width, max(30.0, painter.line_height(15) + 8))


def _draw_tag(painter: Painter, text: str, plate: FRect) -> None:
    theme = painter.theme
    tag = _tag_rect(painter, text, plate)
    painter.rect(tag, theme.panel_raised, radius=15)
    painter.rect(tag, (*theme.accent, 255), radius=15, width=1.5)
    painter.text(text, tag.center, 15, theme.accent, "bold", anchor="center")


def draw_looking_back(painter: Painter, box: FRect) -> None:
    """The tag on the dialogue box while the player re-reads an earlier line."""
    text = "Looking back  ·  wheel down or Space to return"
    width = painter.text_width(text, 15, "bold") + 28
    tag = FRect(box.right - width - 24, box.top - 18, width, max(32.0, painter.line_height(15) + 8))
    painter.rect(tag, (*painter.theme.accent, 255), radius=16)
    painter.text(text, tag.center, 15, painter.theme.accent_text, "bold", anchor="center")


def draw_more_marker(painter: Painter, box: FRect) -> None:
    """A small triangle in the dialogue box's corner: click or press a key to go on."""
    x, y = box.right - 36, box.bottom - 30
    painter.polygon([(x - 9, y - 6), (x + 9, y - 6), (x, y + 6)], painter.theme.accent)
