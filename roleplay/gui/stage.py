"""Layout and drawing of the play screen: background, portrait, name plate, dialogue, choices.

Layout functions are pure (they only measure), so the play scene uses the same rectangles
for hit-testing that the draw code uses for drawing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from roleplay.gui.painter import LOGICAL_H, LOGICAL_W, FRect, Painter

if TYPE_CHECKING:
    from roleplay import ChoiceView, Line

BOX_LEFT = 40
BOX_WIDTH = LOGICAL_W - 80
BOX_BOTTOM = LOGICAL_H - 22
BOX_MIN_H = 176
BOX_PAD_X = 40
BOX_PAD_Y = 30
DIALOGUE_SIZE = 24
CHOICE_SIZE = 20
CHOICES_LEFT = 560
CHOICES_RIGHT = LOGICAL_W - 40
CHOICES_TOP = 76
CHOICE_GAP = 12
CHOICE_PAD_Y = 14
CHOICE_TEXT_LEFT = 62
PORTRAIT_BOX = FRect(40, 60, 520, LOGICAL_H - 60)
MIN_CHOICE_SIZE = 13


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
    """Where each choice goes, and the text size that made them all fit."""

    rects: tuple[FRect, ...]
    size: float


def layout_choices(
    painter: Painter, choices: tuple[ChoiceView, ...], bottom: float
) -> ChoiceLayout:
    """Stack choices upward from bottom in the right column, shrinking text until they fit."""
    size = CHOICE_SIZE * painter.text_scale
    while True:
        heights = [_choice_height(painter, c, size) for c in choices]
        total = sum(heights) + CHOICE_GAP * max(len(choices) - 1, 0)
        if total <= bottom - CHOICES_TOP or size <= MIN_CHOICE_SIZE:
            break
        size = max(MIN_CHOICE_SIZE, size * 0.92)
    rects = []
    top = max(CHOICES_TOP, bottom - total)
    for height in heights:
        rects.append(FRect(CHOICES_LEFT, top, CHOICES_RIGHT - CHOICES_LEFT, height))
        top += height + CHOICE_GAP
    return ChoiceLayout(tuple(rects), size)


def _choice_text_width() -> float:
    return CHOICES_RIGHT - CHOICES_LEFT - CHOICE_TEXT_LEFT - 24


def _choice_height(painter: Painter, choice: ChoiceView, size: float) -> float:
    width = _choice_text_width()
    height = painter.text_height(choice.text, size, width)
    if not choice.available:
        height += painter.text_height(_locked_text(choice), size * 0.82, width, "italic") + 4
    return max(height + 2 * CHOICE_PAD_Y, 52)


def _locked_text(choice: ChoiceView) -> str:
    return "Locked: " + (choice.locked_hint or "not available yet")


def draw_choices(
    painter: Painter,
    choices: tuple[ChoiceView, ...],
    layout: ChoiceLayout,
    focus: int,
    shake: float,
) -> None:
    """Draw the numbered choices; locked ones greyed with their hint."""
    theme = painter.theme
    width = _choice_text_width()
    for index, (choice, rect) in enumerate(zip(choices, layout.rects, strict=True)):
        focused = index == focus
        box = rect.move(shake if focused and not choice.available else 0, 0)
        fill = theme.panel_raised if focused and choice.available else theme.panel
        painter.rect(box, fill, radius=14)
        painter.rect(box, theme.panel_border, radius=14, width=1)
        if focused:
            ring = (*(theme.focus if choice.available else theme.text_disabled), 255)
            painter.rect(box.inflate(6, 6), ring, radius=17, width=2.5)
        badge_color = theme.accent if choice.available else theme.text_disabled
        painter.circle((box.left + 32, box.top + CHOICE_PAD_Y + 14), 15, badge_color)
        painter.text(
            str(choice.number),
            (box.left + 32, box.top + CHOICE_PAD_Y + 14),
            16,
            theme.accent_text,
            "bold",
            anchor="center",
        )
        color = theme.text if choice.available else theme.text_disabled
        text_rect = FRect(box.left + CHOICE_TEXT_LEFT, box.top + CHOICE_PAD_Y, width, box.height)
        used = painter.paragraph(choice.text, text_rect, layout.size, color)
        if not choice.available:
            hint_rect = FRect(text_rect.left, text_rect.top + used + 4, width, 80)
            painter.paragraph(
                _locked_text(choice), hint_rect, layout.size * 0.82, theme.text_muted, "italic"
            )


def draw_portrait(painter: Painter, path: Path | None, name: str, lift: float) -> None:
    """Draw the speaker's portrait standing on the bottom edge; a silhouette when missing."""
    box = PORTRAIT_BOX.move(0, -lift)
    if painter.image(path, box, fit="contain", anchor="midbottom"):
        return
    draw_silhouette(painter, box, name)


def draw_silhouette(painter: Painter, box: FRect, name: str) -> None:
    """A quiet head-and-shoulders silhouette with the character's initials."""
    theme = painter.theme
    color = tuple(min(255, c + 30) for c in theme.backdrop)
    cx = box.centerx
    shoulders = FRect(cx - 170, box.bottom - 260, 340, 300)
    painter.rect(shoulders, color, radius=150)
    painter.circle((cx, box.bottom - 330), 95, color)
    initials = "".join(part[0] for part in name.split()[:2]).upper()
    painter.text(initials, (cx, box.bottom - 330), 54, theme.text_muted, "bold", anchor="center")


def draw_dialogue(painter: Painter, line: Line, revealed: float, box: FRect) -> None:
    """Draw the dialogue box, the name plate and the revealed part of the line."""
    theme = painter.theme
    painter.rect(box, theme.panel, radius=18)
    painter.rect(box, theme.panel_border, radius=18, width=1)
    if line.name:
        _draw_name_plate(painter, line, box)
    draw_dialogue_text(painter, line, revealed, box)


def draw_dialogue_text(painter: Painter, line: Line, revealed: float, box: FRect) -> None:
    """Draw the first `revealed` characters of the line inside the dialogue box."""
    theme = painter.theme
    role = "regular" if line.speaker else "italic"
    color = theme.text if line.speaker else theme.text_muted
    size = dialogue_size(painter)
    lines = painter.wrap(line.text, size, box.width - 2 * BOX_PAD_X, role)
    height = painter.line_height(size, role)
    remaining = int(min(revealed, 1e9))
    top = box.top + BOX_PAD_Y + (4 if line.name else 0)
    for index, text in enumerate(lines):
        pos = (box.left + BOX_PAD_X, top + index * height)
        if remaining >= len(text):
            painter.text(text, pos, size, color, role)
            remaining -= len(text) + 1
            continue
        painter.text_prefix(text[: max(remaining, 0)], pos, size, color, role)
        break


def _draw_name_plate(painter: Painter, line: Line, box: FRect) -> None:
    theme = painter.theme
    name = line.name or ""
    role_text = line.role or ""
    name_w = painter.text_width(name, 21, "bold")
    role_w = painter.text_width(role_text, 16) if role_text else 0
    width = name_w + (role_w + 18 if role_text else 0) + 40
    plate = FRect(box.left + 28, box.top - 26, width, 46)
    painter.rect(plate, (*theme.accent, 255), radius=12)
    painter.text(
        name, (plate.left + 20, plate.centery), 21, theme.accent_text, "bold", anchor="midleft"
    )
    if role_text:
        painter.text(
            role_text,
            (plate.left + 38 + name_w, plate.centery + 1),
            16,
            theme.accent_text,
            anchor="midleft",
        )
    if line.is_reaction and line.expression:
        _draw_reaction_tag(painter, line.expression, plate)


def _draw_reaction_tag(painter: Painter, expression: str, plate: FRect) -> None:
    theme = painter.theme
    text = f"reacts · {expression}"
    width = painter.text_width(text, 15, "bold") + 24
    tag = FRect(plate.right + 10, plate.top + 8, width, 30)
    painter.rect(tag, theme.panel_raised, radius=15)
    painter.rect(tag, (*theme.accent, 255), radius=15, width=1.5)
    painter.text(text, tag.center, 15, theme.accent, "bold", anchor="center")


def draw_more_marker(painter: Painter, box: FRect) -> None:
    """A small triangle in the dialogue box's corner: click or press a key to go on."""
    x, y = box.right - 36, box.bottom - 30
    painter.polygon([(x - 9, y - 6), (x + 9, y - 6), (x, y + 6)], painter.theme.accent)
