"""Save slots, autosave, Continue, and how broken saves are shown."""

from __future__ import annotations

import json

import pygame
from harness import press, step
from test_play import start, to_choices

from roleplay.learner.desktop import saves
from roleplay.learner.desktop.scenes.play import PlayScene
from roleplay.learner.desktop.scenes.saves import SavesScene
from roleplay.learner.desktop.scenes.title import TitleScene


def test_autosave_after_every_choice_and_continue_resumes(app) -> None:  # type: ignore[no-untyped-def]
    scene = start(app)
    to_choices(app, scene)
    press(app, pygame.K_1)
    auto = saves.autosave_path("mini_pitch")
    assert auto.is_file() and auto.with_suffix(".png").is_file()
    node = scene.session.runner.state.node
    app.reset(TitleScene(app))
    step(app)
    title = app.stack.top
    assert title.menu.buttons[0].enabled and title.menu.focus == 0
    press(app, pygame.K_RETURN)
    resumed = app.stack.top
    assert isinstance(resumed, PlayScene)
    assert resumed.session.runner.state.node == node
    assert resumed.session.decisions == 1


def test_save_slot_round_trip_restores_node(app) -> None:  # type: ignore[no-untyped-def]
    scene = start(app)
    to_choices(app, scene)
    press(app, pygame.K_2)
    node = scene.session.runner.state.node
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_DOWN)
    press(app, pygame.K_DOWN)
    press(app, pygame.K_RETURN)  # Save
    assert isinstance(app.stack.top, SavesScene) and app.stack.top.saving
    press(app, pygame.K_RIGHT)
    press(app, pygame.K_RETURN)  # slot 2
    slot = saves.list_slots()[1]
    assert slot.info is not None and slot.info.node == node
    assert slot.thumbnail.is_file()
    assert pygame.image.load(str(slot.thumbnail)).get_size() == saves.THUMB_SIZE
    # play on, then load the slot back
    for _ in range(10):
        press(app, pygame.K_ESCAPE) if not isinstance(app.stack.top, PlayScene) else None
    press(app, pygame.K_SPACE)
    app.push(SavesScene(app, saving=False))
    press(app, pygame.K_RIGHT)
    press(app, pygame.K_RETURN)
    loaded = app.stack.top
    assert isinstance(loaded, PlayScene)
    assert loaded.session.runner.state.node == node
    assert [s.choice_id for s in loaded.session.runner.state.history] == ["push"]


def test_nine_slots_and_corrupt_or_outdated_saves_are_flagged(app) -> None:  # type: ignore[no-untyped-def]
    saves.slot_path(1).write_text("{ not json", encoding="utf-8")
    saves.slot_path(2).write_text(json.dumps({"format": 99, "state": {}}), encoding="utf-8")
    slots = saves.list_slots()
    assert len(slots) >= 9
    assert "corrupt" in slots[0].error
    assert "newer" in slots[1].error
    scene = SavesScene(app, saving=False)
    app.push(scene)
    step(app)
    assert not scene.grid.buttons[0].enabled and not scene.grid.buttons[1].enabled
    press(app, pygame.K_RETURN)  # nothing loadable: stays on the screen, no crash
    assert app.stack.top is scene


def test_continue_is_disabled_without_autosave(app) -> None:  # type: ignore[no-untyped-def]
    title = app.stack.top
    assert isinstance(title, TitleScene)
    assert not title.menu.buttons[0].enabled
    assert title.menu.focused.key == "scenarios"


def test_a_save_card_says_when_in_words_that_fit() -> None:
    from datetime import datetime

    now = datetime(2026, 11, 30, 18, 0)
    assert saves.friendly_time("2026-11-30T14:09:00", now) == "Today, 14:09"
    assert saves.friendly_time("2026-11-29T09:05:00", now) == "Yesterday, 09:05"
    assert saves.friendly_time("2026-06-03T14:05:00", now) == "Wed 3 Jun, 14:05"
    assert saves.friendly_time("2025-06-03T14:05:00", now) == "3 Jun 2025"
    assert saves.friendly_time("not a time", now) == "not a time"
