"""The scenario's brief and how to play it: practice (take-backs) or assessment (every decision
counts).

The library's cards show what fits; this dialog shows the whole summary and every learning goal
before the learner commits to a mode. It dismisses with ``"practice"``, ``"assessment"`` or None
(cancelled).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from roleplay.gui.chrome import draw_scrim
from roleplay.gui.painter import LOGICAL_H, LOGICAL_W, FRect, Painter
from roleplay.gui.scene import Scene
from roleplay.gui.widgets import Button, FocusGroup, draw_button

if TYPE_CHECKING:
    from roleplay import Scenario
    from roleplay.gui.app import App

MODE_TEXT = {
    "practice": "Explore freely. Press Backspace to take back a choice and try another approach.",
    "assessment": "No take-backs or loading back: every decision counts, like the real "
    "conversation.",
}
SHORTCUTS = {pygame.K_p: "practice", pygame.K_a: "assessment"}

PANEL_W, PAD = 1040, 40
TITLE_SIZE, SUMMARY_SIZE, GOAL_SIZE = 26, 16, 15
OPTION_H, CANCEL_H, GAP = 120, 44, 14


@dataclass(frozen=True)
class Brief:
    """Where everything of the dialog goes (logical pixels), and the text as wrapped."""

    panel: FRect
    title_lines: tuple[str, ...]
    summary_lines: tuple[str, ...]
    summary_top: float
    goal_lines: tuple[tuple[str, ...], ...]  # each goal's lines
    goals_top: float
    question_top: float
    practice: FRect
    assessment: FRect
    cancel: FRect


def brief_layout(painter: Painter, scenario: Scenario) -> Brief:
    """Lay the brief out for ``painter``'s text size: the panel grows with the text, centred."""
    width = PANEL_W - 2 * PAD
    title = painter.wrap(scenario.title, TITLE_SIZE, width - 120, "bold")
    summary = painter.wrap(scenario.summary, SUMMARY_SIZE, width)
    goals = tuple(painter.wrap(goal, GOAL_SIZE, width - 18) for goal in scenario.learning_goals)
    title_h = len(title) * painter.line_height(TITLE_SIZE, "bold")
    summary_h = len(summary) * painter.line_height(SUMMARY_SIZE)
    goal_line = painter.line_height(GOAL_SIZE)
    goals_h = (painter.line_height(13, "bold") + 4 if goals else 0) + sum(
        len(lines) * goal_line + 4 for lines in goals
    )
    question_h = painter.line_height(20, "bold") + 10
    body = title_h + 8 + summary_h + 14 + goals_h + 16 + question_h
    height = min(LOGICAL_H - 24, PAD + body + OPTION_H + GAP + CANCEL_H + 24)
    panel = FRect(0, 0, PANEL_W, height)
    panel.center = (LOGICAL_W / 2, LOGICAL_H / 2)
    summary_top = panel.top + PAD - 8 + title_h + 8
    goals_top = summary_top + summary_h + 14
    question_top = goals_top + goals_h + 16
    options_top = min(question_top + question_h, panel.bottom - 24 - CANCEL_H - GAP - OPTION_H)
    half = (width - 20) / 2
    practice = FRect(panel.left + PAD, options_top, half, OPTION_H)
    assessment = FRect(practice.right + 20, options_top, half, OPTION_H)
    cancel = FRect(0, panel.bottom - 24 - CANCEL_H, 180, CANCEL_H)
    cancel.centerx = panel.centerx
    return Brief(
        panel, title, summary, summary_top, goals, goals_top, question_top,
        practice, assessment, cancel,
    )  # fmt: skip


class ModeScene(Scene):
    """The scenario's brief, then a modal choice between practice and assessment."""

    opaque = False

    def __init__(self, app: App, scenario: Scenario) -> None:
        """Show the brief of ``scenario`` and ask how to play it."""
        super().__init__(app)
        self.scenario = scenario
        self.brief = brief_layout(app.painter, scenario)
        self.buttons = FocusGroup(
            self._buttons(self.brief), on_focus=lambda b: self.app.voice.say(b.label)
        )

    def enter(self) -> None:
        """Read the brief aloud when self-voicing is on (the cards only name the scenario)."""
        goals = " ".join(self.scenario.learning_goals)
        self.app.voice.say(
            f"{self.scenario.title}. {self.scenario.summary} You will practise: {goals}"
        )

    def _buttons(self, brief: Brief) -> list[Button]:
        return [
            Button(
                "Practice",
                brief.practice,
                lambda: self.dismiss("practice"),
                style="primary",
                size=24,
                key="practice",
            ),
            Button(
                "Assessment",
                brief.assessment,
                lambda: self.dismiss("assessment"),
                size=24,
                key="assessment",
            ),
            Button("Cancel", brief.cancel, self.dismiss, style="quiet", size=18, key="cancel"),
        ]

    def handle_event(self, event: pygame.event.Event) -> None:
        """Left/Right pick, Enter confirms, P/A shortcuts, Esc cancels."""
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                self.dismiss()
                return
            if event.key in SHORTCUTS:
                self.dismiss(SHORTCUTS[event.key])
                return
        self.buttons.handle(event, self.app.logical(event))

    def draw(self, painter: Painter) -> None:
        """The brief (title, minutes, summary, goals), the question and two described options."""
        theme, brief = painter.theme, self.brief
        draw_scrim(painter)
        painter.rect(brief.panel, (*theme.panel[:3], 250), radius=20)
        painter.rect(brief.panel, theme.panel_border, radius=20, width=1)
        _draw_heading(painter, self.scenario, brief)
        _draw_lines(painter, brief.summary_lines, brief.panel.left + PAD, brief.summary_top)
        _draw_goals(painter, brief)
        painter.text(
            "How do you want to play?",
            (brief.panel.left + PAD, brief.question_top),
            20,
            theme.text,
            "bold",
        )
        for index, button in enumerate(self.buttons.buttons):
            focused = index == self.buttons.focus
            if button.key == "cancel":
                draw_button(painter, button, focused)
            else:
                _draw_mode_option(painter, button, focused)


def _draw_heading(painter: Painter, scenario: Scenario, brief: Brief) -> None:
    theme, panel = painter.theme, brief.panel
    y = panel.top + PAD - 8
    for line in brief.title_lines:
        painter.text(line, (panel.left + PAD, y), TITLE_SIZE, theme.text, "bold")
        y += painter.line_height(TITLE_SIZE, "bold")
    minutes = f"{scenario.estimated_minutes} min"
    pill_w = painter.text_width(minutes, 15, "bold") + 22
    pill = FRect(panel.right - PAD - pill_w, panel.top + PAD - 4, pill_w, 26)
    painter.rect(pill, (*theme.accent, 255), radius=13)
    painter.text(minutes, pill.center, 15, theme.accent_text, "bold", anchor="center")


def _draw_lines(painter: Painter, lines: tuple[str, ...], left: float, top: float) -> None:
    for line in lines:
        painter.text(line, (left, top), SUMMARY_SIZE, painter.theme.text_muted)
        top += painter.line_height(SUMMARY_SIZE)


def _draw_goals(painter: Painter, brief: Brief) -> None:
    if not brief.goal_lines:
        return
    theme, left = painter.theme, brief.panel.left + PAD
    painter.text("You will practise", (left, brief.goals_top), 13, theme.accent, "bold")
    y = brief.goals_top + painter.line_height(13, "bold") + 4
    line_h = painter.line_height(GOAL_SIZE)
    for lines in brief.goal_lines:
        painter.circle((left + 5, y + 10), 2.5, theme.text_muted)
        for line in lines:
            painter.text(line, (left + 18, y), GOAL_SIZE, theme.text)
            y += line_h
        y += 4


def _draw_mode_option(painter: Painter, button: Button, focused: bool) -> None:
    theme = painter.theme
    rect = button.rect
    painter.rect(rect, theme.panel_raised if focused else (*theme.backdrop, 255), radius=14)
    painter.rect(
        rect,
        (*theme.accent, 255) if focused else theme.panel_border,
        radius=14,
        width=2 if focused else 1,
    )
    if focused:
        painter.rect(rect.inflate(8, 8), (*theme.focus, 255), radius=17, width=2.5)
    painter.text(button.label, (rect.left + 24, rect.top + 18), 22, theme.text, "bold")
    painter.paragraph(
        MODE_TEXT[button.key],
        FRect(rect.left + 24, rect.top + 56, rect.width - 48, rect.height - 60),
        16,
        theme.text_muted,
    )
    hint = "P" if button.key == "practice" else "A"
    painter.text(
        hint, (rect.right - 22, rect.top + 20), 15, theme.text_disabled, "bold", anchor="topright"
    )
