"""Hot reload and exact resume: the designer edits, the game keeps the player's place."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pygame
from harness import FIXTURES, make_app, press, step
from test_play import start

from roleplay import load_scenario
from roleplay.learner.desktop import saves
from roleplay.learner.desktop.navigation import start_session
from roleplay.learner.desktop.scenes.play import PlayScene
from roleplay.learner.desktop.scenes.title import TitleScene
from roleplay.learner.desktop.session import Session


def _play_copy(tmp_path: Path) -> tuple[PlayScene, Path]:
    folder = tmp_path / "scenarios"
    folder.mkdir()
    path = folder / "mini.yaml"
    shutil.copy(FIXTURES / "mini.yaml", path)
    app = make_app(scenarios=folder)
    start_session(app, Session.new(load_scenario(path)))
    step(app)
    scene = app.stack.top
    assert isinstance(scene, PlayScene)
    return scene, path


def test_saving_the_file_reloads_and_keeps_the_place(tmp_path: Path) -> None:
    scene, path = _play_copy(tmp_path)
    scene.proceed()
    scene.proceed()  # on the second line of the first node
    assert scene.line_index == 1
    text = path.read_text()
    path.write_text(text.replace("So, you want us all at home", "So, you want everyone home"))
    scene.check_reload(force=True)
    assert scene.runner.state.node == "intro" and scene.line_index == 1
    assert scene.line is not None and scene.line.text.startswith("So, you want everyone home")
    assert scene.hot_reload.problems == ()


def test_a_broken_edit_shows_located_problems_instead_of_closing(tmp_path: Path) -> None:
    scene, path = _play_copy(tmp_path)
    good = path.read_text()
    path.write_text(good.replace("next: bridge", "next: brigde", 1))
    scene.check_reload(force=True)
    assert scene.hot_reload.problems
    where = scene.hot_reload.problems[0].where
    assert "mini.yaml:" in where and "RP020" in where
    scene.app.step(1 / 60)  # draws the overlay without raising
    path.write_text(good)
    scene.check_reload(force=True)
    assert scene.hot_reload.problems == ()


def test_watcher_notices_the_change_by_itself(tmp_path: Path) -> None:
    scene, path = _play_copy(tmp_path)
    assert scene.hot_reload.watcher is not None
    path.write_text(path.read_text().replace("The boardroom is quiet.", "The room is quiet."))
    time.sleep(scene.hot_reload.watcher.interval + 0.05)
    step(scene.app, 2)
    assert scene.view.lines[0].text.startswith("The room is quiet.")


def test_continue_resumes_at_the_exact_line(app) -> None:  # type: ignore[no-untyped-def]
    scene = start(app)
    scene.proceed()
    scene.proceed()
    assert scene.line_index == 1
    assert saves.autosave_path("mini_pitch").is_file()
    app.reset(TitleScene(app))
    step(app)
    press(app, pygame.K_RETURN)
    resumed = app.stack.top
    assert isinstance(resumed, PlayScene)
    assert resumed.line_index == 1
