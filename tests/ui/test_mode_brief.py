"""The brief before a scenario starts: its whole summary and every learning goal, then the mode."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest
from harness import click, make_app, press, step

from roleplay.learner.desktop.scenes.check import CheckScene
from roleplay.learner.desktop.scenes.library import LibraryScene
from roleplay.learner.desktop.scenes.mode import ModeScene

SHIPPED = Path(__file__).resolve().parents[2] / "scenarios"


@pytest.mark.parametrize("size", [(1280, 720), (1024, 640)])
def test_every_shipped_brief_shows_all_its_goals_above_the_choice(size: tuple[int, int]) -> None:
    app = make_app(size, scenarios=SHIPPED)
    try:
        press(app, pygame.K_RETURN)  # Scenarios
        library = app.stack.top
        assert isinstance(library, LibraryScene)
        for index, entry in enumerate(library.entries):
            scenario = entry.scenario
            assert scenario is not None
            library.cards.focus = index
            press(app, pygame.K_RETURN)
            scene = app.stack.top
            assert isinstance(scene, ModeScene)
            brief = scene.brief
            goal_words = [" ".join(lines).split() for lines in brief.goal_lines]
            assert goal_words == [goal.split() for goal in scenario.learning_goals]
            assert " ".join(brief.summary_lines).split() == scenario.summary.split()
            goals_bottom = brief.goals_top + sum(
                len(lines) * app.painter.line_height(15) + 4 for lines in brief.goal_lines
            )
            assert goals_bottom <= brief.question_top <= brief.practice.top
            assert (
                brief.practice.bottom < brief.cancel.top < brief.cancel.bottom <= brief.panel.bottom
            )
            assert brief.panel.top >= 0 and brief.panel.bottom <= 720
            press(app, pygame.K_ESCAPE)
            assert isinstance(app.stack.top, LibraryScene)
    finally:
        pygame.display.quit()


def test_clicking_assessment_in_the_brief_starts_an_assessment_run() -> None:
    app = make_app(scenarios=SHIPPED)
    try:
        press(app, pygame.K_RETURN)
        press(app, pygame.K_RETURN)
        scene = app.stack.top
        assert isinstance(scene, ModeScene)
        click(app, scene.brief.assessment.center)
        step(app, 2)
        check = app.stack.top
        assert isinstance(check, CheckScene)  # the knowledge check comes first
        assert check.session.mode == "assessment"
        assert check.session.scenario.id == scene.scenario.id
    finally:
        pygame.display.quit()
