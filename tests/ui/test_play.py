"""Playing a scenario: reading on, choices never taken by accident, locked choices, rewind."""

from __future__ import annotations

import pygame
from harness import click, move_mouse, press, step, wait

from roleplay.learner.desktop.scenes.play import PlayScene
from roleplay.learner.desktop.scenes.play.reading import CHOICE_GUARD_S


def start(app, mode: str = "practice") -> PlayScene:  # type: ignore[no-untyped-def]
    """Open the library, pick the first scenario in a mode; return the play scene."""
    title = app.stack.top
    if title.menu.focused.key == "continue":  # an autosave exists: Scenarios is next
        press(app, pygame.K_DOWN)
    press(app, pygame.K_RETURN)  # Scenarios
    press(app, pygame.K_RETURN)  # library: first card
    press(app, pygame.K_p if mode == "practice" else pygame.K_a)
    scene = app.stack.top
    assert isinstance(scene, PlayScene)
    assert scene.session.mode == mode
    return scene


def to_choices(app, scene: PlayScene) -> None:  # type: ignore[no-untyped-def]
    """Press Space until the choices are shown, then wait out the input guard."""
    for _ in range(20):
        if scene.choosing:
            wait(app, CHOICE_GUARD_S + 0.05)
            return
        press(app, pygame.K_SPACE)
    raise AssertionError("choices never appeared")


def taken(scene: PlayScene) -> list[str]:
    """The ids of the choices taken so far."""
    return [s.choice_id for s in scene.session.runner.state.history]


def test_space_completes_the_line_and_enter_advances(app) -> None:  # type: ignore[no-untyped-def]
    scene = start(app)
    step(app, 2)
    assert not scene.line_done
    press(app, pygame.K_x)  # not a reading key: nothing happens
    assert not scene.line_done
    press(app, pygame.K_SPACE)
    assert scene.line_done and scene.line_index == 0
    press(app, pygame.K_RETURN)
    assert scene.line_index == 1


def test_nothing_is_highlighted_and_space_enter_click_never_pick(app) -> None:  # type: ignore[no-untyped-def]
    scene = start(app)
    to_choices(app, scene)
    assert scene.choice_focus == -1
    for key in (pygame.K_SPACE, pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_PAGEDOWN):
        press(app, key)
    line = scene.line
    assert line is not None
    box_middle = (640, 640)  # the dialogue box
    click(app, box_middle)
    click(app, (300, 300))  # the stage, left of the choices
    assert taken(scene) == [] and scene.choosing and scene.choice_focus == -1


def test_keys_pressed_as_the_choices_appear_are_ignored(app) -> None:  # type: ignore[no-untyped-def]
    scene = start(app)
    press(app, pygame.K_SPACE)
    press(app, pygame.K_SPACE)  # the last line before the choices starts typing
    assert not scene.choosing
    press(app, pygame.K_SPACE)  # finishes it: the choices appear
    assert scene.choosing
    press(app, pygame.K_1)
    click(app, scene.choice_rects()[1].center)
    press(app, pygame.K_DOWN)
    press(app, pygame.K_RETURN)
    assert taken(scene) == []
    wait(app, CHOICE_GUARD_S)
    press(app, pygame.K_1)
    assert taken(scene) == ["ask"]


def test_number_key_picks_choice_and_reaction_follows(app) -> None:  # type: ignore[no-untyped-def]
    scene = start(app)
    to_choices(app, scene)
    press(app, pygame.K_1)
    assert taken(scene) == ["ask"]
    assert scene.line is not None and scene.line.is_reaction
    assert scene.line.expression == "pleased"


def test_arrows_or_tab_highlight_then_enter_takes_it(app) -> None:  # type: ignore[no-untyped-def]
    scene = start(app)
    to_choices(app, scene)
    press(app, pygame.K_DOWN)
    assert scene.choice_focus == 0
    press(app, pygame.K_TAB)
    assert scene.choice_focus == 1
    press(app, pygame.K_SPACE)  # Space still never takes a choice
    assert taken(scene) == []
    press(app, pygame.K_RETURN)
    assert taken(scene) == ["push"]


def test_up_from_nothing_highlights_the_last_choice(app) -> None:  # type: ignore[no-untyped-def]
    scene = start(app)
    to_choices(app, scene)
    press(app, pygame.K_UP)
    assert scene.choice_focus == len(scene.view.choices) - 1


def test_mouse_hover_highlights_and_click_picks(app) -> None:  # type: ignore[no-untyped-def]
    scene = start(app)
    to_choices(app, scene)
    rect = scene.choice_rects()[1]
    move_mouse(app, rect.center)
    assert scene.choice_focus == 1
    click(app, rect.center)
    assert taken(scene) == ["push"]


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
    assert scene.session.runner.state.taken_back == 1


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


def test_escape_and_right_click_open_the_pause_menu(app) -> None:  # type: ignore[no-untyped-def]
    from harness import click_button

    from roleplay.learner.desktop.scenes.pause import PauseScene

    start(app)
    press(app, pygame.K_ESCAPE)
    pause = app.stack.top
    assert isinstance(pause, PauseScene)
    keys = [b.key for b in pause.menu.buttons]
    assert keys == ["resume", "history", "save", "load", "settings", "main_menu", "quit"]
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.stack.top, PlayScene)
    click_button(app, (640, 300), 3)
    assert isinstance(app.stack.top, PauseScene)


def test_default_text_speed_types_a_line_quickly(app) -> None:  # type: ignore[no-untyped-def]
    scene = start(app)
    press(app, pygame.K_SPACE)
    press(app, pygame.K_SPACE)
    line = scene.line
    assert line is not None and not scene.line_done
    wait(app, 0.8)  # two lines of narration no longer take over two seconds
    assert len(line.text) > 45 and scene.line_done


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
    pygame.event.post(pygame.event.Event(pygame.QUIT))  # asks first...
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_y, mod=0, unicode="y"))
    assert main() == 0


def test_taking_back_lands_on_the_decision_with_its_lines_read(app) -> None:  # type: ignore[no-untyped-def]
    scene = start(app, "practice")
    to_choices(app, scene)
    lines = [(line.name, line.text) for line in scene.view.lines]
    press(app, pygame.K_2)
    to_choices(app, scene)  # on to the next decision
    press(app, pygame.K_BACKSPACE)
    assert scene.session.decisions == 0 and scene.view.node_id == "intro"
    assert scene.choosing  # the choices at once, not the scene's first line
    assert scene.line_index == len(lines) - 1 and scene.line_done
    assert scene.session.runner.state.line == len(lines) - 1
    shown = [(e.name, e.text) for e in scene.session.backlog if e.kind == "line"]
    assert shown == lines  # read once, in the backlog; what came after is gone
    assert all(e.kind == "line" for e in scene.session.backlog)
    wait(app, CHOICE_GUARD_S + 0.05)
    press(app, pygame.K_1)
    assert taken(scene) == ["ask"]


def test_the_back_button_lands_on_the_choices_of_a_resumed_game(app) -> None:  # type: ignore[no-untyped-def]
    from harness import center

    from roleplay.learner.desktop.scenes.title import TitleScene

    scene = start(app, "practice")
    to_choices(app, scene)
    lines = [(line.name, line.text) for line in scene.view.lines]
    press(app, pygame.K_1)
    app.reset(TitleScene(app))
    step(app)
    press(app, pygame.K_RETURN)  # Continue: a fresh backlog, without the lines of "intro"
    resumed = app.stack.top
    assert isinstance(resumed, PlayScene) and resumed.session.decisions == 1
    back = next(b for b in resumed.quick.group.buttons if b.label == "Back")
    click(app, center(back.rect))
    assert resumed.session.decisions == 0 and resumed.choosing
    assert [(e.name, e.text) for e in resumed.session.backlog if e.kind == "line"] == lines
