"""The reading controls of a visual novel, driven by real key and mouse events."""

from __future__ import annotations

import json

import pygame
from harness import click_button, key_down, key_up, make_app, press, step, wait, wheel
from test_play import start, taken, to_choices

from roleplay.learner.desktop import readlog, saves
from roleplay.learner.desktop.scenes.confirm import ConfirmScene
from roleplay.learner.desktop.scenes.play import PlayScene
from roleplay.learner.desktop.scenes.title import TitleScene


def _read_the_intro_then_start_again(app):  # type: ignore[no-untyped-def]
    """Read the first beat to its choices, leave, and start the scenario over."""
    scene = start(app)
    to_choices(app, scene)
    app.reset("title")  # the play screen closes: read lines are written
    step(app)
    return start(app)


def test_tab_skips_read_lines_and_stops_at_the_choice(app) -> None:  # type: ignore[no-untyped-def]
    again = _read_the_intro_then_start_again(app)
    assert again.line_read and again.line_index == 0
    press(app, pygame.K_TAB)
    assert again.reading.skipping
    wait(app, 1.0)
    assert again.choosing and not again.reading.skipping
    assert taken(again) == []  # skipping never passes a choice


def test_skipping_stops_at_a_line_never_read(app) -> None:  # type: ignore[no-untyped-def]
    scene = start(app)
    press(app, pygame.K_TAB)
    step(app, 3)
    assert not scene.reading.skipping and scene.line_index == 0
    assert "new to you" in app.toast_text


def test_holding_ctrl_skips_until_released(app) -> None:  # type: ignore[no-untyped-def]
    again = _read_the_intro_then_start_again(app)
    key_down(app, pygame.K_LCTRL)
    assert again.reading.skipping
    step(app, 4)
    key_up(app, pygame.K_LCTRL)
    assert not again.reading.skipping
    reached = again.line_index
    wait(app, 1.0)
    assert again.line_index == reached  # nothing moves on by itself once Ctrl is up


def test_read_lines_are_remembered_across_sessions_in_a_versioned_file(app) -> None:  # type: ignore[no-untyped-def]
    again = _read_the_intro_then_start_again(app)
    stored = json.loads(readlog.read_log_path().read_text(encoding="utf-8"))
    assert stored["version"] == readlog.READ_FORMAT
    assert len(stored["scenarios"]["mini_pitch"]) >= 2
    assert again.read_log.scenario_id == "mini_pitch" and len(again.read_log) >= 2
    assert not list(readlog.read_log_path().parent.glob("*.tmp"))


def test_a_damaged_or_huge_read_file_means_nothing_was_read(app) -> None:  # type: ignore[no-untyped-def]
    path = readlog.read_log_path()
    path.write_text("{ not json", encoding="utf-8")
    assert len(readlog.ReadLog("mini_pitch")) == 0
    path.write_bytes(b" " * (readlog.MAX_READ_BYTES + 1))
    assert len(readlog.ReadLog("mini_pitch")) == 0
    scene = start(app)
    to_choices(app, scene)  # plays on and writes a good file over it
    app.reset("title")
    assert len(readlog.ReadLog("mini_pitch")) >= 2


def test_history_marks_lines_read_before(app) -> None:  # type: ignore[no-untyped-def]
    from roleplay.learner.desktop.scenes.history import HistoryScene

    again = _read_the_intro_then_start_again(app)
    press(app, pygame.K_SPACE)
    press(app, pygame.K_h)
    assert isinstance(app.stack.top, HistoryScene)
    lines = [e for e in again.session.backlog if e.kind == "line"]
    assert lines and all(e.read_before for e in lines)


def test_a_first_reading_marks_nothing(app) -> None:  # type: ignore[no-untyped-def]
    scene = start(app)
    to_choices(app, scene)
    assert not any(e.read_before for e in scene.session.backlog)


def test_auto_advance_reads_on_by_itself_and_waits_at_choices(app) -> None:  # type: ignore[no-untyped-def]
    scene = start(app)
    press(app, pygame.K_a)
    assert scene.reading.auto and "Auto" in app.toast_text
    wait(app, 8.0)
    assert scene.choosing and taken(scene) == []
    press(app, pygame.K_a)
    assert not scene.reading.auto


def test_auto_advance_speed_is_its_own_setting(app) -> None:  # type: ignore[no-untyped-def]
    slow = app.settings.auto_wait(60)
    app.settings.auto_speed = 2
    assert app.settings.auto_wait(60) < slow
    app.settings.text_speed = 0
    assert app.settings.auto_wait(60) < slow  # the text speed does not change it


def test_wheel_up_looks_back_across_beats_in_practice(app) -> None:  # type: ignore[no-untyped-def]
    scene = start(app)
    to_choices(app, scene)
    press(app, pygame.K_1)  # on to the reaction, in the next beat
    live = scene.line
    wheel(app, 1)
    assert scene.reading.reviewing
    wheel(app, 1)
    wheel(app, 1)
    first = scene.session.backlog[scene.reading.review or 0]
    assert first.text.startswith("The boardroom is quiet")
    press(app, pygame.K_1)  # a number key does nothing while looking back
    assert taken(scene) == ["ask"]
    for _ in range(3):
        wheel(app, -1)
    assert not scene.reading.reviewing and scene.line is live


def test_looking_back_stays_within_the_beat_in_assessment(app) -> None:  # type: ignore[no-untyped-def]
    scene = start(app, "assessment")
    to_choices(app, scene)
    press(app, pygame.K_1)
    press(app, pygame.K_SPACE)
    press(app, pygame.K_SPACE)  # the second line of the beat after the choice
    wheel(app, 1)
    assert scene.reading.reviewing
    assert scene.reading.review is not None and scene.reading.review >= scene.beat_start
    wheel(app, 1)
    wheel(app, 1)
    assert scene.reading.review >= scene.beat_start
    assert "this scene" in app.toast_text
    press(app, pygame.K_ESCAPE)
    assert not scene.reading.reviewing and app.stack.top is scene


def test_v_or_middle_click_hides_the_interface_until_a_key(app) -> None:  # type: ignore[no-untyped-def]
    scene = start(app)
    press(app, pygame.K_SPACE)
    box_pixel = app.viewport.to_pixels(pygame.FRect(100, 640, 1, 1)).topleft
    shown = app.screen.get_at(box_pixel)
    press(app, pygame.K_v)
    assert scene.reading.hidden
    assert app.screen.get_at(box_pixel) != shown  # the dialogue box is gone
    index = scene.line_index
    press(app, pygame.K_SPACE)  # brings the interface back, reads nothing
    assert not scene.reading.hidden and scene.line_index == index
    click_button(app, (640, 300), 2)
    assert scene.reading.hidden
    click_button(app, (640, 300), 1)
    assert not scene.reading.hidden and scene.line_index == index


def test_quick_save_then_quick_load_asks_and_returns(app) -> None:  # type: ignore[no-untyped-def]
    scene = start(app)
    press(app, pygame.K_SPACE)
    press(app, pygame.K_SPACE)
    press(app, pygame.K_s)
    assert saves.quicksave_path().is_file() and "Quick saved" in app.toast_text
    to_choices(app, scene)
    press(app, pygame.K_1)
    press(app, pygame.K_l)
    assert isinstance(app.stack.top, ConfirmScene)
    press(app, pygame.K_n)
    assert app.stack.top is scene
    press(app, pygame.K_l)
    press(app, pygame.K_y)
    loaded = app.stack.top
    assert isinstance(loaded, PlayScene) and loaded is not scene
    assert loaded.session.decisions == 0 and loaded.line_index == 1


def test_quick_menu_shows_the_keys(app) -> None:  # type: ignore[no-untyped-def]
    scene = start(app)
    keys = {e.label: e.keys for e in scene.quick.entries}
    assert keys["Q.Save"] == "S" and keys["Q.Load"] == "L" and keys["Auto"] == "A"
    assert keys["Skip"] == "Tab" and keys["History"] == "H" and keys["Hide"] == "V"
    auto = next(b for b in scene.quick.group.buttons if b.key == "auto")
    from harness import click

    click(app, auto.rect.center)
    assert scene.reading.auto


def test_closing_the_window_asks_first(app) -> None:  # type: ignore[no-untyped-def]
    start(app)
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    step(app)
    assert isinstance(app.stack.top, ConfirmScene) and app.running
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.stack.top, PlayScene) and app.running
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    pygame.event.post(pygame.event.Event(pygame.QUIT))  # insisting quits at once
    step(app)
    assert not app.running


def test_pause_menu_main_menu_and_quit_ask_first(app) -> None:  # type: ignore[no-untyped-def]
    scene = start(app)
    press(app, pygame.K_ESCAPE)
    for _ in range(5):
        press(app, pygame.K_DOWN)
    press(app, pygame.K_RETURN)  # Main menu
    assert isinstance(app.stack.top, ConfirmScene)
    press(app, pygame.K_n)
    press(app, pygame.K_ESCAPE)
    assert app.stack.top is scene
    press(app, pygame.K_ESCAPE)
    for _ in range(5):
        press(app, pygame.K_DOWN)
    press(app, pygame.K_RETURN)
    press(app, pygame.K_y)
    assert isinstance(app.stack.top, TitleScene) and len(app.stack.scenes) == 1
    start(app)
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_UP)  # wraps to Quit
    press(app, pygame.K_RETURN)
    assert isinstance(app.stack.top, ConfirmScene) and app.running
    press(app, pygame.K_y)
    assert not app.running


def test_reduced_motion_changes_pictures_at_once(app) -> None:  # type: ignore[no-untyped-def]
    scene = start(app)
    to_choices(app, scene)
    press(app, pygame.K_1)  # Marcus changes expression: a short dissolve
    assert scene.scenery.dissolving
    wait(app, 0.5)
    assert not scene.scenery.dissolving
    fresh = make_app()
    fresh.settings.reduced_motion = True
    other = start(fresh)
    to_choices(fresh, other)
    press(fresh, pygame.K_1)
    assert not other.scenery.dissolving
