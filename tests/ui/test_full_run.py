"""Play every shipped scenario start to finish through the real scenes, by input events."""

from __future__ import annotations

import pygame
import pytest
from harness import answer_check, make_app, press, step

from roleplay import find_scenarios
from roleplay.learner.desktop.library import shared_library
from roleplay.learner.desktop.scenes.check import CheckScene
from roleplay.learner.desktop.scenes.debrief import DebriefScene
from roleplay.learner.desktop.scenes.library import LibraryScene
from roleplay.learner.desktop.scenes.play import PlayScene

SHIPPED = find_scenarios()


@pytest.mark.parametrize("index", range(len(SHIPPED)), ids=[p.stem for p in SHIPPED])
@pytest.mark.parametrize("pick", ["first", "last"])
def test_play_to_debrief(index: int, pick: str) -> None:
    app = make_app(scenarios=None)
    assert not [e for e in shared_library(app).entries() if e.scenario is None]
    press(app, pygame.K_RETURN)  # Scenarios
    assert isinstance(app.stack.top, LibraryScene)
    for _ in range(index):
        press(app, pygame.K_RIGHT)
    press(app, pygame.K_RETURN)
    press(app, pygame.K_RETURN)  # practice (focused)
    assert answer_check(app) > 0  # every shipped scenario asks its knowledge check first
    play = app.stack.top
    assert isinstance(play, PlayScene)
    assert play.session.scenario.id == shared_library(app).entries()[index].scenario.id
    for _ in range(2000):
        top = app.stack.top
        if isinstance(top, DebriefScene):
            break
        if isinstance(top, CheckScene):
            assert top.phase == "after" and play.session.runner.state.ending is not None
            answer_check(app)
        elif isinstance(top, PlayScene) and top.choosing:
            numbers = [c.number for c in top.view.choices if c.available]
            number = numbers[0] if pick == "first" else numbers[-1]
            press(app, getattr(pygame, f"K_{number}"))
        else:
            press(app, pygame.K_RETURN)
    debrief = app.stack.top
    assert isinstance(debrief, DebriefScene)
    reached = play.session.runner.state.ending
    assert reached is not None
    assert debrief.debrief.ending is not None and debrief.debrief.ending.id == reached
    assert len(debrief.debrief.decisions) == play.session.decisions
    check = debrief.debrief.knowledge
    assert check is not None and check.score_before is not None and check.score_after is not None
    step(app, 2)
    for _ in range(30):
        press(app, pygame.K_PAGEDOWN)
    assert debrief.scroller.offset == debrief.scroller.max_offset > 0
    pygame.display.quit()


def test_debrief_buttons(app) -> None:  # type: ignore[no-untyped-def]
    from test_play import start

    from roleplay.learner.desktop.scenes.road import RoadScene

    scene = start(app)
    for _ in range(300):
        top = app.stack.top
        if isinstance(top, DebriefScene):
            break
        press(app, pygame.K_1 if isinstance(top, PlayScene) and top.choosing else pygame.K_SPACE)
    debrief = app.stack.top
    assert isinstance(debrief, DebriefScene)
    path = debrief.export()
    html = path.read_text(encoding="utf-8")
    assert "<svg" in html and debrief.debrief.ending.title in html
    assert "Choices taken back" in html and "Practice" in html
    assert debrief.session.scenario.content_hash in html
    test_file = debrief.save_test()
    assert test_file is not None and test_file.name.endswith(".playthrough.yaml")
    from roleplay.authoring._testing import check_playthrough

    outcome = check_playthrough(test_file)
    assert outcome.ok and outcome.ending == debrief.debrief.ending.id
    debrief.road()
    road = app.stack.top
    assert isinstance(road, RoadScene)
    press(app, pygame.K_DOWN)
    press(app, pygame.K_RETURN)  # replay from decision 2
    replay = app.stack.top
    assert isinstance(replay, PlayScene)
    assert replay.session.mode == "practice" and replay.session.decisions == 1
    assert replay.view.choices
    assert scene is not replay
