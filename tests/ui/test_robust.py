"""The game on a broken machine: read-only or full home, hostile user files, huge pictures.

Every failure is a toast or a greyed slot; the game keeps running.
"""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pygame
import pytest
from harness import make_app, press, step
from test_play import start

from roleplay.gui import settings as settings_mod
from roleplay.gui import storage
from roleplay.gui.resources import Resources
from roleplay.learner.desktop import saves
from roleplay.learner.desktop.scenes.debrief import DebriefScene
from roleplay.learner.desktop.scenes.play import PlayScene
from roleplay.learner.desktop.scenes.saves import SavesScene
from roleplay.learner.desktop.scenes.settings import SettingsScene
from tests.faultfs import faulty_folder


def _play_to_debrief(app) -> DebriefScene:  # type: ignore[no-untyped-def]
    toasts: list[str] = []
    real_toast = app.toast
    app.toast = lambda text, seconds=2.4: (toasts.append(text), real_toast(text, seconds))
    start(app)
    for _ in range(300):
        top = app.stack.top
        if isinstance(top, DebriefScene):
            break
        press(app, pygame.K_1 if isinstance(top, PlayScene) and top.choosing else pygame.K_SPACE)
    assert isinstance(app.stack.top, DebriefScene)
    app.toasts = toasts
    return app.stack.top


@pytest.mark.parametrize("error", [errno.EROFS, errno.ENOSPC], ids=["read-only", "full"])
def test_game_runs_on_an_unwritable_home(
    error: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An empty home that cannot be written: the game starts, plays and says what failed."""
    storage.take_notices()
    with faulty_folder(tmp_path, monkeypatch, error) as folder:
        monkeypatch.setenv("ROLEPLAY_HOME", str(folder.path))
        app = make_app()
        debrief = _play_to_debrief(app)
        toasts = " | ".join(app.toasts)
        assert "Autosave failed" in toasts
        assert "Progress not saved" in toasts
        assert debrief.export() is None
        assert app.toast_text.startswith("Could not export: ")
        app.push(SettingsScene(app))
        press(app, pygame.K_RIGHT)  # a settings change that cannot be saved
        step(app)
        assert app.toast_text.startswith("Settings not saved: ")
        pygame.display.quit()


def test_deep_settings_file_starts_with_defaults_and_a_notice() -> None:
    settings_mod.settings_path().write_text("[" * 50_000 + "]" * 50_000, encoding="utf-8")
    app = make_app()
    assert app.settings == settings_mod.Settings()
    assert "Settings could not be read" in app.toast_text and app.toast_left > 0
    pygame.display.quit()


def test_hostile_saves_are_greyed_with_their_reason(app) -> None:  # type: ignore[no-untyped-def]
    scene = start(app)
    saves.write_save(saves.slot_path(3), scene.session, None, label="good")
    good = json.loads(saves.slot_path(3).read_text(encoding="utf-8"))
    meters = good["state"]["meters"]
    meter = next(iter(meters))
    text = json.dumps(good)
    saves.slot_path(1).write_text(
        text.replace(f'"{meter}": {meters[meter]}', f'"{meter}": Infinity'), encoding="utf-8"
    )
    saves.slot_path(2).write_text(
        text.replace('"label": "good"', '"label": ' + "[" * 5000 + "]" * 5000), encoding="utf-8"
    )
    screen = SavesScene(app, saving=False)
    app.push(screen)
    step(app)
    assert "Infinity" in screen.slots[0].error and "nested" in screen.slots[1].error
    assert not screen.grid.buttons[0].enabled and not screen.grid.buttons[1].enabled
    assert screen.grid.buttons[2].enabled


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_fifo_autosave_does_not_hang_the_title_screen() -> None:
    os.mkfifo(saves.autosave_path("mini_pitch"))
    app = make_app()
    title = app.stack.top
    assert not title.menu.buttons[0].enabled  # Continue: nothing readable to continue
    step(app, 3)
    pygame.display.quit()


def test_leftover_temp_files_are_swept_at_start() -> None:
    leftover = saves.slot_path(1).parent / ".slot_1.json.999999999.ab.tmp"
    leftover.write_text("half a save", encoding="utf-8")
    make_app()
    assert not leftover.exists()
    pygame.display.quit()


def test_oversized_picture_is_not_loaded(app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A real PNG too wide to use is refused from its header, a normal one loads."""
    wide = tmp_path / "wide.png"
    pygame.image.save(pygame.Surface((9000, 2)), str(wide))
    normal = tmp_path / "normal.png"
    pygame.image.save(pygame.Surface((40, 30)), str(normal))
    resources = Resources()
    assert resources.image(wide, (100, 100)) is None
    assert resources.image(normal, (100, 100)) is not None
