"""The learning-record settings screen: typed with real key and mouse events, checked field by
field, the password kept apart (mode 0600), organisation presets, and a connection test that
never freezes the screen."""

from __future__ import annotations

import json
import socket
import stat
import time

import pygame
import pytest
from harness import center, click, make_app, press, step

from roleplay.gui import settings as settings_mod
from roleplay.gui.records_settings import password_path, records_setup
from roleplay.learner.desktop.records import solo_records
from roleplay.learner.desktop.scenes.records import RecordsScene
from roleplay.learner.desktop.scenes.settings import SettingsScene


def type_text(app, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type ``text`` as the keyboard would (one TEXTINPUT event per character)."""
    for ch in text:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
    step(app)


def open_records(app) -> RecordsScene:  # type: ignore[no-untyped-def]
    """Settings, then the Learning records row (Up from the first row: Back, then it)."""
    app.push(SettingsScene(app))
    press(app, pygame.K_UP)
    press(app, pygame.K_UP)
    assert app.stack.top.rows.focused.key == "records"
    press(app, pygame.K_RETURN)
    scene = app.stack.top
    assert isinstance(scene, RecordsScene)
    return scene


def fill(app, scene: RecordsScene, endpoint: str, user: str, password: str, account: str) -> None:  # type: ignore[no-untyped-def]
    """Click the address field and type every field, Tab between them."""
    click(app, center(scene.field("endpoint").rect))
    press(app, pygame.K_u, pygame.KMOD_CTRL)  # clear
    for index, text in enumerate((endpoint, user, password, account)):
        if index:
            press(app, pygame.K_TAB)
            press(app, pygame.K_u, pygame.KMOD_CTRL)
        type_text(app, text)
    press(app, pygame.K_TAB)  # leaves the last field: saved


def test_a_bad_address_is_named_under_its_field_and_sending_stays_off(app) -> None:  # type: ignore[no-untyped-def]
    scene = open_records(app)
    fill(app, scene, "lrs.example.org/xAPI", "trainer", "", "emp-0042")
    assert scene.field("endpoint").error == "The address must start with http:// or https://"
    assert scene.field("user").error == ""
    scene.focus = 0
    press(app, pygame.K_RETURN)  # the switch
    assert not scene.enabled and "fix the fields" in scene.message
    assert scene.field("password").error == "Enter the LRS password"
    assert solo_records(app).sender is None
    # Fix the address by editing it: Home, then type the scheme in front.
    click(app, center(scene.field("endpoint").rect))
    press(app, pygame.K_HOME)
    type_text(app, "https://")
    press(app, pygame.K_TAB)
    assert scene.field("endpoint").error == ""
    assert app.settings.records.endpoint == "https://lrs.example.org/xAPI"


def test_the_password_is_kept_apart_with_owner_only_permissions(app) -> None:  # type: ignore[no-untyped-def]
    scene = open_records(app)
    fill(app, scene, "http://127.0.0.1:9/xAPI", "trainer", "s3cret-Pw!", "emp-0042")
    assert scene.field("password").shown == "\u2022" * len("s3cret-Pw!")
    press(app, pygame.K_ESCAPE)
    stored = settings_mod.settings_path().read_text(encoding="utf-8")
    assert "s3cret-Pw!" not in stored
    assert json.loads(stored)["records"]["account"] == "emp-0042"
    assert password_path().read_text(encoding="utf-8") == "s3cret-Pw!"
    assert stat.S_IMODE(password_path().stat().st_mode) == 0o600
    again = records_setup(settings_mod.load_settings().records)
    assert again.password == "s3cret-Pw!" and again.user == "trainer"
    assert "s3cret-Pw!" not in repr(again)
    # Emptying the field removes the file.
    scene = open_records(app)
    click(app, center(scene.field("password").rect))
    for _ in range(12):
        press(app, pygame.K_BACKSPACE)
    press(app, pygame.K_TAB)
    assert not password_path().exists()


def test_a_corrupt_settings_file_keeps_the_defaults_and_says_so() -> None:
    settings_mod.settings_path().write_text('{"records": {"endpoint": 5', encoding="utf-8")
    app = make_app()
    assert app.settings.records == settings_mod.RecordsSettings()
    assert "could not be read" in app.toast_text
    pygame.display.quit()


def test_organisation_presets_win_and_are_locked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROLEPLAY_LRS_ENDPOINT", "https://lrs.example.org/xAPI")
    monkeypatch.setenv("ROLEPLAY_LRS_USER", "acme")
    monkeypatch.setenv("ROLEPLAY_LRS_PASSWORD", "from-env-Pw")
    app = make_app()
    scene = open_records(app)
    assert scene.enabled  # pre-set endpoint: on until the learner switches it off
    endpoint = scene.field("endpoint")
    assert endpoint.locked and endpoint.text == "https://lrs.example.org/xAPI"
    click(app, center(endpoint.rect))
    type_text(app, "XYZ")
    assert endpoint.text == "https://lrs.example.org/xAPI"
    assert scene.field("account").locked is False
    assert records_setup(app.settings.records).password == "from-env-Pw"
    assert not password_path().exists()
    pygame.display.quit()


def test_test_connection_reports_an_unreachable_lrs_without_freezing(app) -> None:  # type: ignore[no-untyped-def]
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    scene = open_records(app)
    fill(app, scene, f"http://127.0.0.1:{port}/xAPI", "trainer", "pw", "emp-0042")
    click(app, center(scene.test_button.rect))  # "Contacting …" until the answer comes
    deadline = time.monotonic() + 20
    while scene.message.startswith("Contacting") and time.monotonic() < deadline:
        step(app)  # the screen keeps drawing while the test runs
        time.sleep(0.01)
    assert scene.message.startswith("Cannot connect") and not scene.message_ok
    assert "pw" not in scene.message.split("127.0.0.1")[0]
