"""Playing a scenario: typewriter, choices by key, locked choices, rewind, reactions."""

from __future__ import annotations

import pygame
from harness import click, press, step

from roleplay.learner.desktop.scenes.play import PlayScene


def start(app, mode: str = "practice") -> PlayScene:  # type: ignore[no-untyped-def]
    """Open the library, pick the first scenario in a mode; return the play scene."""
    press(app, pygame.K_RETURN)  # title: "Scenarios" is focused without an autosave
    press(app, pygame.K_RETURN)  # library: first card
    press(app, pygame.K_p if mode == "practice" else pygame.K_a)
    scene = app.stack.top
    assert isinstance(scene, PlayScene)
    assert scene.session.mode == mode
    return scene


def to_choices(app, scene: PlayScene) -> None:  # type: ignore[no-untyped-def]
    """Press Space until the choices are shown."""
    for _ in range(20):
        if scene.choosing:
            return
        press(app, pygame.K_SPACE)
    raise AssertionError("choices never appeared")


def test_any_key_completes_the_line_then_advances(app) -> None:  # type: ignore[no-untyped-def]
    scene = start(app)
    step(app, 2)
    assert not scene.line_done
    press(app, pygame.K_x)
    assert scene.line_done and scene.line_index == 0
    press(app, pygame.K_x)
    assert scene.line_index == 1


def test_number_key_picks_choice_and_reaction_follows(app) -> None:  # type: ignore[no-untyped-def]
    scene = start(app)
    to_choices(app, scene)
    press(app, pygame.K_1)
    history = scene.session.runner.state.history
    assert [s.choice_id for s in history] == ["ask"]
    assert scene.line is not None and scene.line.is_reaction
    assert scene.line.expression == "pleased"


def test_arrows_and_enter_pick_the_focused_choice(app) -> None:  # type: ignore[no-untyped-def]
    scene = start(app)
    to_choices(app, scene)
    press(app, pygame.K_DOWN)
    press(app, pygame.K_RETURN)
    assert scene.session.runner.state.history[0].choice_id == "push"


def test_mouse_click_picks_a_choice(app) -> None:  # type: ignore[no-untyped-def]
    scene = start(app)
    to_choices(app, scene)
    rect = scene.choice_rects()[1]
    click(app, rect.center)
    assert scene.session.runner.state.history[0].choice_id == "push"


def test_locked_choice_cannot_be_picked(app) -> None:  # type: ignore[no-untyped-def]
    scene = start(app)
    to_choices(app, scene)
    locked = [c for c in scene.view.choices if not c.available]
    assert locked and locked[0].locked_hint
    press(app, pygame.K_3)
    assert scene.session.runner.state.history == []
    assert scene.choosing
    assert locked[0].locked_hint in app.toast_text


def test_backspace_rewinds_in_practice(app) -> None:  # type: ignore[no-untyped-def]
    scene = start(app, "practice")
    to_choices(app, scene)
    press(app, pygame.K_2)
    assert scene.session.decisions == 1
    press(app, pygame.K_BACKSPACE)
    assert scene.session.decisions == 0
    assert scene.view.node_id == "intro"
    assert all(e.decision < 1 for e in scene.session.backlog)


def test_backspace_does_not_rewind_in_assessment(app) -> None:  # type: ignore[no-untyped-def]
    scene = start(app, "assessment")
    to_choices(app, scene)
    press(app, pygame.K_2)
    press(app, pygame.K_BACKSPACE)
    assert scene.session.decisions == 1
    assert "assessment" in app.toast_text


def test_history_lists_lines_and_choices(app) -> None:  # type: ignore[no-untyped-def]
    from roleplay.learner.desktop.scenes.history import HistoryScene

    scene = start(app)
    to_choices(app, scene)
    press(app, pygame.K_1)
    press(app, pygame.K_h)
    assert isinstance(app.stack.top, HistoryScene)
    kinds = [e.kind for e in scene.session.backlog]
    assert "line" in kinds and "choice" in kinds
    press(app, pygame.K_ESCAPE)
    assert app.stack.top is scene


def test_escape_opens_pause_menu_with_all_entries(app) -> None:  # type: ignore[no-untyped-def]
    from roleplay.learner.desktop.scenes.pause import PauseScene

    start(app)
    press(app, pygame.K_ESCAPE)
    pause = app.stack.top
    assert isinstance(pause, PauseScene)
    keys = [b.key for b in pause.menu.buttons]
    assert keys == ["resume", "history", "save", "load", "settings", "library"]
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.stack.top, PlayScene)


def test_idle_play_screen_does_not_redraw(app) -> None:  # type: ignore[no-untyped-def]
    scene = start(app)
    to_choices(app, scene)
    step(app, 200)
    before = app.frames_drawn
    step(app, 30)
    assert app.frames_drawn == before


def test_main_starts_and_quits_cleanly() -> None:
    from roleplay.learner.desktop import run_game as main

    pygame.display.init()
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    assert main() == 0
