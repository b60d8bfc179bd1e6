"""The choice list's own state: which choice is highlighted (none at first) and how far an
overflowing list is scrolled, with the geometry the play screen hit-tests against."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from roleplay.gui import stage

if TYPE_CHECKING:
    from roleplay import ChoiceView, Line, View
    from roleplay.gui.painter import FRect, Painter


@dataclass
class ChoiceList:
    """Highlight and scroll of the choices of one beat."""

    focus: int = -1  # -1: nothing highlighted until arrows, Tab or the mouse move to a choice
    offset: float = 0.0

    def reset(self) -> None:
        """A new beat: nothing highlighted, not scrolled."""
        self.focus, self.offset = -1, 0.0

    @staticmethod
    def layout(painter: Painter, view: View, line: Line | None) -> stage.ChoiceLayout:
        """Where the choices of ``view`` go above the dialogue box of ``line``."""
        box = stage.dialogue_box(painter, line.text if line else "")
        return stage.layout_choices(painter, view.choices, box.top - stage.CHOICES_ABOVE_BOX)

    def highlight(self, index: int, layout: stage.ChoiceLayout) -> None:
        """Highlight choice ``index`` (wrapping around) and scroll it into view."""
        self.focus = index % len(layout.rects)
        self.offset = layout.offset_showing(self.focus, self.offset)

    def step_from(self, step: int, count: int) -> int:
        """The choice ``step`` away from the highlighted one; from none, the first or last."""
        start = self.focus if self.focus >= 0 else (-1 if step > 0 else count)
        return (start + step) % count

    def at(self, layout: stage.ChoiceLayout, point: tuple[float, float]) -> int | None:
        """The choice under ``point`` (only its visible part counts)."""
        if layout.max_offset and not layout.area.inflate(0, 12).collidepoint(point):
            return None
        for index, rect in enumerate(self.rects(layout)):
            if rect.collidepoint(point):
                return index
        return None

    def rects(self, layout: stage.ChoiceLayout) -> tuple[FRect, ...]:
        """The choices' rectangles on screen, scrolled."""
        return layout.scrolled(self.offset)

    def scroll(
        self, layout: stage.ChoiceLayout, amount: float, pointer: tuple[float, float] | None
    ) -> bool:
        """Scroll an overflowing list under ``pointer`` by ``amount``; False when not one."""
        if not layout.max_offset or pointer is None or not layout.area.collidepoint(pointer):
            return False
        self.offset = min(max(self.offset + amount, 0.0), layout.max_offset)
        return True


def spoken_choices(choices: tuple[ChoiceView, ...]) -> str:
    """The choices as the self-voicing reads them out when they appear."""
    spoken = ". ".join(
        f"{c.number}: {c.text}" + ("" if c.available else f" (locked: {c.locked_hint})")
        for c in choices
    )
    return f"Choices. {spoken}"
