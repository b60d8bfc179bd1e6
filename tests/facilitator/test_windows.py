"""The projector and facilitator windows, driven headless with real key events.

The projector's drawn text is recorded, so the tests can check what the room would see: the
code and the count in the lobby, "N of M voted", never the meters unless revealed, never the
host token. Screenshots go to $ROLEPLAY_SCREENSHOT_DIR when it is set (docs/screenshots/).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import pygame
import pytest

from roleplay.engine._scenario import Scenario
from roleplay.engine._session_log import read_session_log
from roleplay.facilitator._host import HostOptions, HostRuntime, open_runtime
from roleplay.facilitator._protocol import Command, Reply
from roleplay.facilitator._room import RoomSettings


@pytest.fixture
def host_app(sample: Scenario, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """The host app on the sample, a second (facilitator) window open, text drawing recorded."""
    from roleplay.facilitator import desktop
    from roleplay.facilitator.desktop import desk, projector

    monkeypatch.setenv("ROLEPLAY_HOME", str(tmp_path / "home"))
    runtime, _ = open_runtime(
        HostOptions(
            sample,
            bind="127.0.0.1",
            port=0,
            code="KQZW",
            settings=RoomSettings(timer=60.0),
            log_path=tmp_path / "session.jsonl",
        )
    )
    app = desktop.HostApp(runtime, desk_window=True)
    app.drawn = []  # type: ignore[attr-defined]
    app.qr = []  # type: ignore[attr-defined]
    original_text = app.painter.text

    def recording_text(text: str, *args: Any, **kwargs: Any) -> Any:
        app.drawn.append(text)  # type: ignore[attr-defined]
        return original_text(text, *args, **kwargs)

    app.painter.text = recording_text  # type: ignore[method-assign]
    real_qr = projector.draw_qr
    monkeypatch.setattr(
        projector, "draw_qr", lambda p, text, r: (app.qr.append(text), real_qr(p, text, r))
    )
    monkeypatch.setattr(desk, "draw_qr", real_qr)
    yield app
    runtime.close()
    pygame.quit()


def frame(app: Any) -> str:
    """Run one frame, forcing a redraw; returns the projector's text."""
    app.drawn.clear()
    app.dirty = True
    app.step(1 / 30)
    return " | ".join(app.drawn)


def press(app: Any, key: int, mod: int = 0, text: str = "") -> str:
    pygame.event.post(
        pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=text, scancode=0)
    )
    return frame(app)


def phone(app: Any, message: dict[str, Any]) -> Reply:
    """A phone message through the same queue the web server uses."""
    runtime: HostRuntime = app.runtime
    reply: Future[Reply] = Future()
    player = message.pop("_player", None)
    runtime.commands.put(Command(0, message, player=player, reply=reply))
    frame(app)
    return reply.result(2)


def join(app: Any, name: str) -> str:
    welcome = phone(app, {"type": "join", "room": "KQZW", "nickname": name}).messages[0]
    return str(welcome["player"])


def shoot(app: Any, name: str, tmp_path: Path, desk_window: bool = False) -> Path:
    folder = Path(os.environ.get("ROLEPLAY_SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    surface = app.desk.get_surface() if desk_window else app.screen
    if desk_window:
        app.draw_desk(force=True)
    pygame.image.save(surface, str(path))
    assert path.stat().st_size > 10_000
    return path


def to_vote(app: Any) -> str:
    for _ in range(20):
        text = press(app, pygame.K_SPACE)
        if app.runtime.session.phase == "vote":
            return text
    raise AssertionError("no vote opened")


def test_lobby_shows_code_link_qr_and_count_and_keys_change_the_room(
    host_app: Any, tmp_path: Path
) -> None:
    for name in ("Ann", "Bo", "Cy"):
        join(host_app, name)
    text = frame(host_app)
    assert "K Q Z W" in text and "3 people in the room" in text and "Ann" not in text
    assert set(host_app.qr) == {host_app.runtime.join_url}
    shoot(host_app, "host_lobby", tmp_path)
    text = press(host_app, pygame.K_n)  # names on
    assert "Ann" in text and "names shown" in text
    text = press(host_app, pygame.K_l)
    assert "Room locked" in text
    refused = phone(host_app, {"type": "join", "room": "KQZW", "nickname": "Late"})
    assert refused.messages[0]["code"] == "locked"
    press(host_app, pygame.K_DOWN)
    press(host_app, pygame.K_k)  # remove the second participant
    assert host_app.runtime.session.room.names() == ["Ann", "Cy"]
    text = press(host_app, pygame.K_h)
    assert "Phones can't connect?" in text
    press(host_app, pygame.K_ESCAPE)
    log = read_session_log(host_app.runtime.session.log.path)
    assert [e["type"] for e in log.events].count("settings") == 2 and log.of_type("kick")


def test_a_vote_on_the_projector_hides_meters_and_tally_until_revealed(
    host_app: Any, tmp_path: Path
) -> None:
    players = [join(host_app, name) for name in ("Ann", "Bo", "Cy", "Di")]
    host_app.runtime.command("settings", settings={"auto_close": False})
    text = to_vote(host_app)
    assert "Vote on your phone" in text and "0 of 4 voted" in text
    for player, choice in zip(players, ["order", "order", "ask_jo", "threaten"], strict=True):
        phone(host_app, {"type": "vote", "decision": 1, "choice": choice, "_player": player})
    text = frame(host_app)
    assert "4 of 4 voted" in text and "Trust" not in text and "vote" not in text.split("voted")[-1]
    assert host_app.runtime.session.host_token not in " ".join(host_app.qr + host_app.drawn)
    shoot(host_app, "host_vote", tmp_path)
    shoot(host_app, "host_facilitator", tmp_path, desk_window=True)
    press(host_app, pygame.K_c)
    text = press(host_app, pygame.K_r)
    assert "2 votes" in text and "Voting closed" in text
    shoot(host_app, "host_reveal", tmp_path)
    text = press(host_app, pygame.K_m)
    assert "Trust: 5" in text
    text = press(host_app, pygame.K_m)
    assert "Trust" not in text
    press(host_app, pygame.K_1, pygame.KMOD_SHIFT)  # the road not taken: ask Jo
    text = frame(host_app)
    assert "The road not taken" in text and host_app.runtime.session.preview is not None
    press(host_app, pygame.K_ESCAPE)
    text = press(host_app, pygame.K_d)
    assert "Discuss" in text and "Is he wrong?" in text
    press(host_app, pygame.K_d)
    press(host_app, pygame.K_1)  # override the majority (order) with choice 1
    log = read_session_log(host_app.runtime.session.log.path)
    assert log.of_type("override")[-1] == {**log.of_type("override")[-1], "choice": "ask_jo"}
    assert log.of_type("decision")[-1]["how"] == "override"


def test_show_of_hands_and_the_one_screen_toggle(host_app: Any) -> None:
    to_vote(host_app)
    press(host_app, pygame.K_s)
    for key, text in ((pygame.K_2, "2"), (pygame.K_TAB, ""), (pygame.K_7, "7")):
        press(host_app, key, text=text)
    press(host_app, pygame.K_RETURN)
    decision = read_session_log(host_app.runtime.session.log.path).of_type("decision")[-1]
    assert (decision["how"], decision["choice"], decision["tally"]["order"]) == (
        "show_of_hands",
        "order",
        7,
    )
    host_app.desk.destroy()
    host_app.desk = None
    text = press(host_app, pygame.K_TAB)
    assert any(t.startswith("Facilitator · room KQZW") for t in host_app.drawn), text
    assert "Meters (hidden from the room)" in text
    press(host_app, pygame.K_TAB)
    assert not any(t.startswith("Facilitator") for t in host_app.drawn)
