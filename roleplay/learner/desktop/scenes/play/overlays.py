"""What the play screen draws over the stage: the quick menu with its keys, the mode badge and
reading status, the discussion prompt, the choice caption, and the panel listing the problems
of a scenario edited while it is being played (hot reload)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from roleplay.gui.painter import LOGICAL_H, LOGICAL_W, FRect, Painter
from roleplay.gui.widgets import Button, FocusGroup

if TYPE_CHECKING:
    from roleplay import Diagnostic, Scenario, ScenarioWatcher

QUICK_SIZE = 14
QUICK_H = 28
QUICK_GAP = 6


@dataclass(frozen=True)
class MenuEntry:
    """One quick-menu button: its label, the key that does the same, its action, and whether
    it is switched on (Skip, Auto)."""

    label: str
    keys: str
    action: Callable[[], object]
    on: bool = False


class QuickMenu:
    """A row of small buttons under the dialogue box, each showing its key (mouse-driven)."""

    def __init__(self) -> None:
        """Start empty: :meth:`build` lays the buttons out."""
        self.group = FocusGroup()
        self.entries: list[MenuEntry] = []

    def build(self, painter: Painter, entries: list[MenuEntry]) -> None:
        """Lay entries out centred in a row, keeping the hovered button hovered."""
        widths = [_entry_width(painter, entry) for entry in entries]
        left = (LOGICAL_W - sum(widths) - QUICK_GAP * (len(widths) - 1)) / 2
        top = LOGICAL_H - QUICK_H - 6
        buttons: list[Button] = []
        for entry, width in zip(entries, widths, strict=True):
            rect = FRect(left, top, width, QUICK_H)
            key = entry.label.lower().replace(".", "")
            buttons.append(Button(entry.label, rect, entry.action, style="quiet", key=key))
            left += width + QUICK_GAP
        focus = self.group.focus if self.group.buttons else -1
        self.group.buttons = buttons
        self.group.focus = focus
        self.entries = entries

    def handle_mouse(self, event: pygame.event.Event, logical: tuple[float, float]) -> bool:
        """Hover and left click; True when a click landed on a button (the event is used)."""
        if event.type not in (pygame.MOUSEBUTTONUP, pygame.MOUSEMOTION):
            return False
        hit = self.group.hit(logical)
        self.group.focus = hit if hit is not None else -1
        if hit is None or event.type != pygame.MOUSEBUTTONUP or event.button != 1:
            return event.type == pygame.MOUSEMOTION and hit is not None
        self.group.buttons[hit].activate()
        return True

    @property
    def state(self) -> tuple[object, ...]:
        """What changes the menu's pixels: the hovered button and the entries shown."""
        return self.group.focus, tuple((e.label, e.on) for e in self.entries)

    def draw(self, painter: Painter) -> None:
        """Draw the buttons with their keys; the hovered one is raised, switched-on ones lit."""
        theme = painter.theme
        for index, (entry, button) in enumerate(zip(self.entries, self.group.buttons, strict=True)):
            rect = button.rect
            hovered = index == self.group.focus
            fill = theme.panel_raised if hovered or entry.on else theme.panel
            painter.rect(rect, (*fill[:3], 235), radius=8)
            if entry.on:
                painter.rect(rect, (*theme.accent, 255), radius=8, width=1.5)
            color = theme.accent if entry.on else theme.text
            label_w = painter.text_width(entry.label, QUICK_SIZE, "bold")
            x = rect.left + 10
            painter.text(entry.label, (x, rect.centery), QUICK_SIZE, color, "bold", "midleft")
            if entry.keys:
                at = (x + label_w + 6, rect.centery)
                painter.text(entry.keys, at, QUICK_SIZE - 1, theme.text_muted, anchor="midleft")


def _entry_width(painter: Painter, entry: MenuEntry) -> float:
    width = painter.text_width(entry.label, QUICK_SIZE, "bold") + 20
    if entry.keys:
        width += painter.text_width(entry.keys, QUICK_SIZE - 1) + 6
    return width


@dataclass(frozen=True)
class Problem:
    """One problem of an edited scenario: where (``file:line:col`` and code), what, and the
    hint that says how to fix it."""

    where: str
    message: str
    hint: str = ""


class HotReload:
    """Watches the scenario file; edits load in place, broken edits are listed on screen."""

    def __init__(self, scenario: Scenario) -> None:
        """Watch scenario's file (nothing is watched when it has none)."""
        self.watcher = _watcher_for(scenario)
        self.problems: tuple[Problem, ...] = ()

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
            self.problems = tuple(_problem(d) for d in result.diagnostics if d.severity == "error")
        return result.scenario

    def node_gone(self, node: str) -> None:
        """Explain that the edit removed the node the player stands in."""
        self.problems = (
            Problem(
                "",
                f"The scene '{node}' you are in no longer exists in the edited scenario.",
                "Go back to the library and start again, or restore the node.",
            ),
        )

    def draw(self, painter: Painter) -> None:
        """The problems panel, when there are problems."""
        if self.problems:
            draw_problems(painter, self.problems)


def _problem(diagnostic: Diagnostic) -> Problem:
    name = Path(diagnostic.file).name or diagnostic.file
    where = f"{name}:{diagnostic.line}:{diagnostic.col}  {diagnostic.code}"
    return Problem(where, diagnostic.message, diagnostic.hint)


def _watcher_for(scenario: Scenario) -> ScenarioWatcher | None:
    path = scenario.path
    if path is None or not path.is_file():
        return None
    from roleplay import ScenarioWatcher

    return ScenarioWatcher(path)


PROBLEMS_RECT = FRect(80, 80, LOGICAL_W - 160, LOGICAL_H - 160)


def _problem_height(painter: Painter, problem: Problem, size: float, width: float) -> float:
    height = painter.text_height(problem.message, size, width)
    if problem.where:
        height += painter.line_height(size, "bold")
    if problem.hint:
        height += painter.text_height(f"Hint: {problem.hint}", size, width)
    return height + 14


def draw_problems(painter: Painter, problems: tuple[Problem, ...]) -> None:
    """A red-edged panel listing the problems (as many as fit), each located, with its hint,
    and how to get rid of the panel."""
    theme = painter.theme
    size = 15 * painter.text_scale
    width = PROBLEMS_RECT.width - 48
    heights = [_problem_height(painter, p, size, width) for p in problems]
    room = PROBLEMS_RECT.height - 110 - painter.line_height(size)
    shown = 0
    while shown < len(problems) and sum(heights[: shown + 1]) <= room:
        shown += 1
    shown = max(shown, 1)
    more = len(problems) - shown
    rect = FRect(PROBLEMS_RECT.left, PROBLEMS_RECT.top, PROBLEMS_RECT.width, 10)
    rect.height = min(sum(heights[:shown]), room) + 110 + (painter.line_height(size) if more else 0)
    painter.rect(rect, (*theme.panel_raised[:3], 245), radius=14)
    painter.rect(rect, (*theme.bad, 255), radius=14, width=2)
    heading = "The edited scenario has problems"
    painter.text(heading, (rect.left + 24, rect.top + 18), 20, theme.text, "bold")
    painter.clip(rect.inflate(-4, -4))
    y = rect.top + 56
    for problem in problems[:shown]:
        y = _draw_problem(painter, problem, FRect(rect.left + 24, y, width, 10), size)
    if more:
        painter.text(f"... and {more} more", (rect.left + 24, y), size, theme.text_muted)
    painter.clip(None)
    painter.text(
        "Fix the file and save: it reloads by itself.  F5 check now  ·  Esc hide",
        (rect.left + 24, rect.bottom - 32),
        14,
        theme.accent,
        "bold",
    )


def _draw_problem(painter: Painter, problem: Problem, at: FRect, size: float) -> float:
    """One problem from ``at.top``: location, message, hint; returns the y after it."""
    theme = painter.theme
    y = at.top
    if problem.where:
        painter.text(problem.where, (at.left, y), size, theme.bad, "bold")
        y += painter.line_height(size, "bold")
    y += painter.paragraph(problem.message, FRect(at.left, y, at.width, 10), size, theme.text)
    if problem.hint:
        hint = FRect(at.left, y, at.width, 10)
        y += painter.paragraph(f"Hint: {problem.hint}", hint, size, theme.text_muted, "italic")
    return y + 14


def draw_status(painter: Painter, practice: bool, title: str | None, status: str) -> None:
    """Pills at the top left: the mode (are take-backs allowed?), where the scene is, and
    what the reading controls are doing (skipping, auto-advance)."""
    theme = painter.theme
    left = 24.0
    for text, color in (
        ("Practice" if practice else "Assessment", theme.accent if practice else theme.text),
        (title or "", theme.text_muted),
        (status, theme.accent_text),
    ):
        if not text:
            continue
        height = max(34.0, painter.line_height(14, "bold") + 12)
        pill = FRect(left, 18, painter.text_width(text, 14, "bold") + 28, height)
        fill = (*theme.accent, 255) if text == status else theme.panel
        painter.rect(pill, fill, radius=height / 2)
        painter.text(text, pill.center, 14, color, "bold", anchor="center")
        left = pill.right + 8


def draw_caption(painter: Painter, text: str) -> None:
    """A quiet line at the top right: how to pick a choice, and what was done to fit them."""
    if not text:
        return
    theme = painter.theme
    width = painter.text_width(text, 15) + 28
    height = max(32.0, painter.line_height(15) + 10)
    pill = FRect(LOGICAL_W - 24 - width, 20, width, height)
    painter.rect(pill, theme.panel, radius=height / 2)
    painter.text(text, pill.center, 15, theme.text, anchor="center")


def discussion_rect(painter: Painter, text: str, text_scale: float) -> FRect:
    """Where the "think about it" prompt is drawn (top left, as tall as its text)."""
    rect = FRect(24, 66, 512, 10)
    heading = painter.line_height(15, "bold")
    rect.height = painter.text_height(text, 17 * text_scale, rect.width - 36) + heading + 34
    return rect


def draw_discussion(painter: Painter, text: str, text_scale: float) -> None:
    """The designer's "think about it" prompt, shown while the player chooses: readable at
    the player's text size, on an opaque panel."""
    theme = painter.theme
    size = 17 * text_scale
    rect = discussion_rect(painter, text, text_scale)
    heading = painter.line_height(15, "bold")
    painter.rect(rect, (*theme.panel_raised[:3], 250), radius=12)
    painter.rect(FRect(rect.left, rect.top, 5, rect.height), (*theme.accent, 255), radius=2)
    painter.text("Think about it", (rect.left + 20, rect.top + 12), 15, theme.accent, "bold")
    body = FRect(rect.left + 20, rect.top + 20 + heading, rect.width - 36, rect.height)
    painter.paragraph(text, body, size, theme.text)
