"""What the play screen draws over the stage: mode badge, discussion prompt, quick menu, and
the panel listing the problems of a scenario edited while it is being played (hot reload)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from roleplay.gui.painter import LOGICAL_W, FRect, Painter
from roleplay.gui.widgets import Button, FocusGroup, draw_button

if TYPE_CHECKING:
    from roleplay import Scenario, ScenarioWatcher

MenuEntry = tuple[str, Callable[[], object]]


class QuickMenu:
    """A row of small buttons at the top right (History, Save, Load, ...), mouse-driven."""

    def __init__(self) -> None:
        """Start empty: :meth:`build` lays the buttons out."""
        self.group = FocusGroup()

    def build(self, painter: Painter, entries: list[MenuEntry]) -> None:
        """Lay entries out right to left, keeping the hovered button hovered."""
        buttons: list[Button] = []
        right = LOGICAL_W - 24.0
        for label, action in reversed(entries):
            width = painter.text_width(label, 15, "bold") + 26
            right -= width
            rect = FRect(right, 18, width, 34)
            buttons.insert(
                0, Button(label, rect, action, size=15, style="quiet", key=label.lower())
            )
            right -= 8
        focus = self.group.focus if self.group.buttons else -1
        self.group.buttons = buttons
        self.group.focus = focus

    def handle_mouse(self, event: pygame.event.Event, logical: tuple[float, float]) -> bool:
        """Hover and click; True when the pointer is over a button (the event is used)."""
        if event.type not in (pygame.MOUSEBUTTONUP, pygame.MOUSEMOTION):
            return False
        hit = self.group.hit(logical)
        self.group.focus = hit if hit is not None else -1
        if hit is None:
            return False
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            self.group.buttons[hit].activate()
        return True

    @property
    def state(self) -> tuple[int, int]:
        """What changes the menu's pixels: the hovered button and the number of buttons."""
        return self.group.focus, len(self.group.buttons)

    def draw(self, painter: Painter) -> None:
        """Draw the buttons; the hovered one has a focus ring."""
        for index, button in enumerate(self.group.buttons):
            draw_button(painter, button, index == self.group.focus)


class HotReload:
    """Watches the scenario file; edits load in place, broken edits are listed on screen."""

    def __init__(self, scenario: Scenario) -> None:
        """Watch scenario's file (nothing is watched when it has none)."""
        self.watcher = _watcher_for(scenario)
        self.problems: tuple[str, ...] = ()

    def check(self, force: bool = False) -> Scenario | None:
        """The edited scenario when the file changed and loads (or now, with force).

        When it does not load, its errors become :attr:`problems` and None is returned.
        """
        if self.watcher is None:
            return None
        result = self.watcher.check() if force else self.watcher.poll()
        if result is None:
            return None
        if result.scenario is None:
            self.problems = tuple(d.format() for d in result.diagnostics if d.severity == "error")
        return result.scenario

    def node_gone(self, node: str) -> None:
        """Explain that the edit removed the node the player stands in."""
        self.problems = (
            f"The scene '{node}' you are in no longer exists in the edited scenario. "
            "Go back to the library and start again, or restore the node.",
        )

    def draw(self, painter: Painter) -> None:
        """The problems panel, when there are problems."""
        if self.problems:
            draw_problems(painter, self.problems)


def _watcher_for(scenario: Scenario) -> ScenarioWatcher | None:
    path = scenario.path
    if path is None or not path.is_file():
        return None
    from roleplay import ScenarioWatcher

    return ScenarioWatcher(path)


def draw_problems(painter: Painter, problems: tuple[str, ...]) -> None:
    """A red-edged panel listing up to six problems, with how to get rid of it."""
    theme = painter.theme
    shown = problems[:6]
    more = len(problems) - len(shown)
    text = "\n\n".join(shown) + (f"\n\n... and {more} more" if more else "")
    rect = FRect(80, 90, LOGICAL_W - 160, 10)
    rect.height = painter.text_height(text, 15, rect.width - 48) + 110
    painter.rect(rect, (*theme.panel_raised[:3], 245), radius=14)
    painter.rect(rect, (*theme.bad, 255), radius=14, width=2)
    heading = "The edited scenario has problems"
    painter.text(heading, (rect.left + 24, rect.top + 18), 20, theme.text, "bold")
    body = FRect(rect.left + 24, rect.top + 56, rect.width - 48, rect.height - 96)
    painter.paragraph(text, body, 15, theme.text_muted)
    painter.text(
        "Fix the file and save: it reloads by itself.  F5 check now  ·  Esc hide",
        (rect.left + 24, rect.bottom - 32),
        14,
        theme.accent,
        "bold",
    )


def draw_mode_badge(painter: Painter, practice: bool) -> None:
    """A pill at the top left saying whether take-backs are allowed."""
    theme = painter.theme
    label = "Practice" if practice else "Assessment"
    badge = FRect(24, 18, painter.text_width(label, 14, "bold") + 28, 34)
    painter.rect(badge, theme.panel, radius=17)
    color = theme.accent if practice else theme.text
    painter.text(label, badge.center, 14, color, "bold", anchor="center")


def draw_discussion(painter: Painter, text: str) -> None:
    """The designer's "think about it" prompt, shown while the player chooses."""
    theme = painter.theme
    rect = FRect(24, 66, 500, 10)
    height = painter.text_height(text, 15, rect.width - 32, "italic") + 44
    rect.height = height
    painter.rect(rect, theme.panel, radius=12)
    painter.text("Think about it", (rect.left + 16, rect.top + 10), 13, theme.accent, "bold")
    body = FRect(rect.left + 16, rect.top + 32, rect.width - 32, height)
    painter.paragraph(text, body, 15, theme.text_muted, "italic")
