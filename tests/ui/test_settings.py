"""Settings change at once, persist atomically, and survive broken files."""

from __future__ import annotations

import json

import pygame
from harness import make_app, press

from roleplay.gui import settings as settings_mod
from roleplay.learner.desktop.scenes.settings import SettingsScene


def test_settings_persist_across_restarts(app) -> None:  # type: ignore[no-untyped-def]
    app.push(SettingsScene(app))
    press(app, pygame.K_RIGHT)  # text speed: Normal -> Fast
    press(app, pygame.K_DOWN)
    press(app, pygame.K_LEFT)  # auto-advance: Normal -> Slow
    press(app, pygame.K_DOWN)
    press(app, pygame.K_RIGHT)  # text size: Medium -> Large
    press(app, pygame.K_DOWN)
    press(app, pygame.K_RIGHT)  # dialogue box: Dense -> Medium
    press(app, pygame.K_DOWN)
    press(app, pygame.K_RETURN)  # high contrast on
    press(app, pygame.K_DOWN)
    press(app, pygame.K_SPACE)  # reduced motion on
    stored = json.loads(settings_mod.settings_path().read_text())
    assert stored["text_speed"] == 2 and stored["text_size"] == 2
    assert stored["auto_speed"] == 0 and stored["box_opacity"] == 2
    assert stored["high_contrast"] and stored["reduced_motion"]
    again = settings_mod.load_settings()
    assert again.text_scale == 1.15 and again.chars_per_second == 0
    assert again.auto_wait(40) > settings_mod.Settings().auto_wait(40)
    assert again.box_alpha == 255  # high contrast keeps the box solid
    again.high_contrast = False
    assert again.box_alpha < settings_mod.Settings().box_alpha
    fresh = make_app()
    assert fresh.painter.theme.name == "high-contrast"
    assert not list(settings_mod.settings_path().parent.glob("*.tmp"))


def test_broken_settings_file_gives_defaults() -> None:
    path = settings_mod.settings_path()
    path.write_text("{{{", encoding="utf-8")
    assert settings_mod.load_settings() == settings_mod.Settings()
    path.write_text(json.dumps({"text_size": 99, "high_contrast": "yes"}), encoding="utf-8")
    loaded = settings_mod.load_settings()
    assert loaded.text_size == len(settings_mod.TEXT_SIZES) - 1
    assert loaded.high_contrast is False


def test_self_voicing_disabled_with_hint_without_espeak(app, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("roleplay.learner.desktop.scenes.settings.espeak_available", lambda: False)
    scene = SettingsScene(app)
    row = next(b for b in scene.rows.buttons if b.key == "self_voicing")
    assert not row.enabled
    scene.change("self_voicing", 1)
    assert not app.settings.self_voicing
    assert "apt install espeak-ng" in settings_mod.ESPEAK_MISSING_HINT


def test_self_voicing_speaks_lines(app, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    calls: list[list[str]] = []

    class FakePopen:
        def __init__(self, args, **kwargs) -> None:  # type: ignore[no-untyped-def]
            calls.append(args)

        def poll(self) -> int:
            return 0

    monkeypatch.setattr("subprocess.Popen", FakePopen)
    monkeypatch.setattr("shutil.which", lambda name: "/usr/bin/espeak-ng")
    app.settings.self_voicing = True
    app.apply_settings()
    from test_play import start, to_choices

    scene = start(app)
    to_choices(app, scene)
    spoken = " | ".join(app.voice.spoken)
    assert "Marcus Bell: So, you want us all at home" in spoken
    assert "Choices. 1:" in spoken
    assert calls and calls[-1][0].endswith("espeak-ng")


def test_f11_toggles_fullscreen_and_remembers(app) -> None:  # type: ignore[no-untyped-def]
    press(app, pygame.K_F11)
    assert app.settings.fullscreen
    assert settings_mod.load_settings().fullscreen
    press(app, pygame.K_F11)
    assert not app.settings.fullscreen
