"""The desktop game started at a node with preset meters and flags (`roleplay play --from`)."""

from __future__ import annotations

import pygame
from harness import FIXTURES, press, step, wait

from roleplay import load_scenario, start_state
from roleplay.learner.desktop import open_game, run_game
from roleplay.learner.desktop.scenes.play import PlayScene


def _to_choices(app, scene: PlayScene) -> None:  # type: ignore[no-untyped-def]
    for _ in range(20):
        if scene.choosing:
            wait(app, 0.5)  # past the guard that ignores keys just after choices appear
            return
        press(app, pygame.K_SPACE)
    raise AssertionError("choices never appeared")


def test_the_play_screen_opens_at_the_node_with_its_state() -> None:
    scenario = load_scenario(FIXTURES / "mini.yaml")
    state = start_state(scenario, "meeting", meters={"trust": 1})
    app = open_game(scenario, state=state)
    try:
        step(app, 2)
        scene = app.stack.top
        assert isinstance(scene, PlayScene)
        assert scene.view.node_id == "meeting"
        assert scene.line is not None and scene.line.text == "Let us decide."
        _to_choices(app, scene)
        press(app, pygame.K_1)
        assert scene.runner.state.meters["trust"] == 3  # 1 preset, +2
        press(app, pygame.K_BACKSPACE)  # rewind goes back to the chosen node, not the start
        assert scene.view.node_id == "meeting" and scene.runner.state.meters["trust"] == 1
    finally:
        pygame.display.quit()


def test_preset_flags_and_meters_unlock_a_choice() -> None:
    scenario = load_scenario(FIXTURES / "mini.yaml")
    state = start_state(scenario, meters={"trust": 9}, flags={"asked": True})
    app = open_game(scenario, state=state)
    try:
        scene = app.stack.top
        assert isinstance(scene, PlayScene)
        _to_choices(app, scene)
        assert [c.available for c in scene.view.choices] == [True, True, True]
        press(app, pygame.K_3)
        assert [s.choice_id for s in scene.runner.state.history] == ["secret"]
    finally:
        pygame.display.quit()


def test_run_game_with_a_state_starts_and_quits_cleanly() -> None:
    scenario = load_scenario(FIXTURES / "mini.yaml")
    pygame.display.init()
    pygame.event.post(pygame.event.Event(pygame.QUIT))  # asks first...
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_y, mod=0, unicode="y"))
    assert run_game(scenario, state=start_state(scenario, "done")) == 0


def test_road_not_taken_replays_from_the_chosen_node() -> None:
    from roleplay import Runner
    from roleplay.learner.desktop.session import Session

    scenario = load_scenario(FIXTURES / "mini.yaml")
    session = Session(scenario, Runner(scenario, start_state(scenario, "meeting")))
    session.runner.choose(1)
    again = session.replay_from(0)
    assert again.runner.state.node == "meeting" and again.runner.state.path == ["meeting"]


def test_a_run_begun_past_the_node_that_sets_the_scene_shows_it() -> None:
    """bridge sets no background and no title; the intro before it sets both."""
    scenario = load_scenario(FIXTURES / "mini.yaml")
    app = open_game(scenario, state=start_state(scenario, "bridge"))
    try:
        step(app, 2)
        scene = app.stack.top
        assert isinstance(scene, PlayScene) and scene.view.node_id == "bridge"
        assert scene.scenery.picture is not None  # the boardroom, not an empty stage
        assert scene.scenery.picture.background == scenario.background_path("boardroom")
        assert scene.view.title == "Before the board"  # the place pill at the top left
    finally:
        pygame.display.quit()
