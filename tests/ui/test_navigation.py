"""Scenes open each other by name and answer with dismiss(result), by real key presses."""

from __future__ import annotations

from typing import Any

import pygame
import pytest
from harness import click, press
from test_play import start, to_choices

from roleplay.gui.scene import Scene
from roleplay.learner.desktop import progress, saves
from roleplay.learner.desktop.scenes.confirm import ConfirmScene
from roleplay.learner.desktop.scenes.history import HistoryScene
from roleplay.learner.desktop.scenes.library import LibraryScene
from roleplay.learner.desktop.scenes.mode import ModeScene
from roleplay.learner.desktop.scenes.play import PlayScene
from roleplay.learner.desktop.scenes.saves import SavesScene


def _ask(app: Any) -> list[object]:
    answers: list[object] = []
    app.push("confirm", question="Delete everything?", yes="Delete", on_dismiss=answers.append)
    assert isinstance(app.stack.top, ConfirmScene)
    return answers


def test_confirm_answers_yes_and_no_through_dismiss(app) -> None:  # type: ignore[no-untyped-def]
    title = app.stack.top
    answers = _ask(app)
    press(app, pygame.K_y)
    assert answers == [True] and app.stack.top is title
    answers = _ask(app)
    press(app, pygame.K_ESCAPE)
    assert answers == [False] and app.stack.top is title
    answers = _ask(app)
    dialog = app.stack.top
    click(app, next(b for b in dialog.buttons.buttons if b.key == "yes").rect.center)
    assert answers == [True]
    answers = _ask(app)
    press(app, pygame.K_RETURN)  # Cancel has the focus: the safe answer
    assert answers == [False]


def test_unknown_names_and_taken_names_are_refused(app) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(KeyError, match=r"'credits'.*registered: .*settings"):
        app.push("credits")
    with pytest.raises(ValueError, match="already registered"):
        app.register("title", Scene)
    with pytest.raises(TypeError):
        app.push(Scene(app), saving=True)


def test_only_the_top_scene_can_dismiss(app) -> None:  # type: ignore[no-untyped-def]
    below = app.stack.top
    app.push("settings")
    with pytest.raises(RuntimeError, match="only the top scene"):
        below.dismiss()


def test_the_mode_dialog_answers_the_library(app) -> None:  # type: ignore[no-untyped-def]
    press(app, pygame.K_RETURN)  # Scenarios
    press(app, pygame.K_RETURN)  # first card
    assert isinstance(app.stack.top, ModeScene)
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.stack.top, LibraryScene)
    press(app, pygame.K_RETURN)
    press(app, pygame.K_a)
    play = app.stack.top
    assert isinstance(play, PlayScene) and play.session.mode == "assessment"
    assert [type(s).__name__ for s in app.stack.scenes] == ["TitleScene", "PlayScene"]


def test_pause_menu_history_comes_back_to_the_play_screen(app) -> None:  # type: ignore[no-untyped-def]
    scene = start(app)
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_DOWN)
    press(app, pygame.K_RETURN)  # History
    assert isinstance(app.stack.top, HistoryScene)
    assert [type(s).__name__ for s in app.stack.scenes][-2:] == ["PlayScene", "HistoryScene"]
    press(app, pygame.K_ESCAPE)
    assert app.stack.top is scene


def _save_into_slot_one(app: Any) -> None:
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_DOWN)
    press(app, pygame.K_DOWN)
    press(app, pygame.K_RETURN)  # Save
    assert isinstance(app.stack.top, SavesScene)
    press(app, pygame.K_RETURN)  # slot 1


def test_overwriting_a_slot_asks_first(app) -> None:  # type: ignore[no-untyped-def]
    scene = start(app)
    to_choices(app, scene)
    _save_into_slot_one(app)
    assert saves.list_slots()[0].info.decisions == 0
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_ESCAPE)
    assert app.stack.top is scene
    press(app, pygame.K_1)
    _save_into_slot_one(app)
    assert isinstance(app.stack.top, ConfirmScene)
    press(app, pygame.K_n)
    assert isinstance(app.stack.top, SavesScene)
    assert saves.list_slots()[0].info.decisions == 0
    press(app, pygame.K_RETURN)
    press(app, pygame.K_y)
    assert saves.list_slots()[0].info.decisions == 1
    press(app, pygame.K_DELETE)
    press(app, pygame.K_y)
    assert saves.list_slots()[0].empty


def test_reaching_an_ending_records_it_as_found(app) -> None:  # type: ignore[no-untyped-def]
    scene = start(app)
    assert progress.endings_found("mini_pitch") == []
    for _ in range(200):
        if scene.runner.is_over:
            break
        press(app, pygame.K_1 if scene.choosing else pygame.K_SPACE)
    assert progress.endings_found("mini_pitch") == [scene.runner.state.ending]
