"""The projector and facilitator windows, driven headless with real key and mouse events.

The projector's drawn text is recorded, so the tests can check what the room would see: the
code and the count in the lobby, "N of M voted", never the meters unless revealed, never the
host token. Screenshots go to $ROLEPLAY_SCREENSHOT_DIR when it is set (docs/screenshots/).
"""

from __future__ import annotations

import os
import re
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
from roleplay.gui.painter import FRect, Viewport


@pytest.fixture
def host_app(
    sample: Scenario, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: Any
) -> Iterator[Any]:
    """The host app on the sample, a second (facilitator) window open, text drawing recorded;
    the knowledge check is asked when the test parametrizes this fixture with True."""
    from roleplay.facilitator import desktop
    from roleplay.facilitator.desktop import desk, projector

    monkeypatch.setenv("ROLEPLAY_HOME", str(tmp_path / "home"))
    runtime, _ = open_runtime(
        HostOptions(
            sample,
            bind="127.0.0.1",
            port=0,
            code="KQZW",
            settings=RoomSettings(timer=60.0, check=getattr(request, "param", False)),
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
    shoot(host_app, "host_discuss", tmp_path)
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


# --- the mouse -------------------------------------------------------------------------
def click(app: Any, label: str, *, desk: bool = False, button: int = 1) -> str:
    """Move the mouse onto the area labelled ``label`` in a window and click it there, with
    real mouse events; returns the projector's text after the frame."""
    return click_at(app, find(app, label, desk=desk), desk=desk, button=button)


def find(app: Any, label: str, *, desk: bool = False) -> FRect:
    """Where the area labelled ``label`` was last drawn (logical coordinates)."""
    if desk:
        app.draw_desk(force=True)
    hits = app.desk_hits if desk else app.hits
    hit = hits.find(label)
    assert hit is not None, f"nothing labelled {label!r}: {[h.label for h in hits.hits]}"
    return hit.rect


def click_at(app: Any, rect: FRect, *, desk: bool = False, button: int = 1) -> str:
    surface = app.desk.get_surface() if desk else app.screen
    pos = Viewport.fit(surface.get_size()).to_pixels(rect).center
    where = {"window": app.desk} if desk else {}
    for kind, fields in (
        (pygame.MOUSEMOTION, {"rel": (0, 0), "buttons": (0, 0, 0)}),
        (pygame.MOUSEBUTTONDOWN, {"button": button}),
        (pygame.MOUSEBUTTONUP, {"button": button}),
    ):
        pygame.event.post(pygame.event.Event(kind, pos=pos, **fields, **where))
    return frame(app)


def test_the_projector_works_with_the_mouse(host_app: Any, tmp_path: Path) -> None:
    session = host_app.runtime.session
    join(host_app, "Ann")
    text = click(host_app, "help")
    assert "Guest or conference Wi-Fi" in text and "a click closes this card" in text
    text = click(host_app, "close card")
    assert "Guest or conference Wi-Fi" not in text
    text = click(host_app, "next")  # the toolbar appeared when the mouse moved
    assert session.phase == "story" and "Next line" in text and "Close vote" in text
    click(host_app, "stage")
    assert session.line == 1
    for _ in range(10):
        if session.phase == "vote":
            break
        click(host_app, "stage")
    assert session.phase == "vote"
    text = click(host_app, "choice:ask_jo", button=3)  # right click: the road not taken
    assert "The road not taken" in text and session.preview is not None
    click(host_app, "close card")
    assert session.preview is None and session.phase == "vote"
    click(host_app, "close_vote")
    shoot(host_app, "host_projector_toolbar", tmp_path)
    text = click(host_app, "reveal")
    assert session.phase == "closed" and "0 votes" in text
    click(host_app, "choice:threaten")  # the facilitator's pick: nobody voted
    decision = read_session_log(session.log.path).of_type("decision")[-1]
    assert (decision["choice"], decision["how"]) == ("threaten", "facilitator")


def test_the_facilitator_window_works_with_the_mouse(host_app: Any, tmp_path: Path) -> None:
    session = host_app.runtime.session
    players = [join(host_app, name) for name in ("Ann", "Bo", "Cy")]
    click(host_app, f"person:{players[1]}", desk=True)
    click(host_app, "remove", desk=True)
    assert session.room.names() == ["Ann", "Cy"]
    for label in ("lock", "names", "cap_up"):
        click(host_app, label, desk=True)
    settings = session.room.settings
    assert (settings.locked, settings.anonymous, settings.cap) == (True, False, 310)
    click(host_app, "next", desk=True)
    for _ in range(10):
        if host_app.runtime.session.phase == "vote":
            break
        click(host_app, "next", desk=True)
    click(host_app, "pause", desk=True)
    assert session.round is not None and session.round.timer.paused
    next_button = find(host_app, "next", desk=True)
    click(host_app, "hands", desk=True)
    shoot(host_app, "host_show_of_hands", tmp_path, desk_window=True)
    for label in ("hands:1:+", "hands:1:+", "hands:1:+", "hands:0:+", "hands:2:+", "hands:2:−"):
        click(host_app, label, desk=True)
    click_at(host_app, next_button, desk=True)  # under the card: nothing happens
    assert host_app.controls.hands is not None and session.phase == "vote"
    click(host_app, "hands:play", desk=True)
    decision = read_session_log(session.log.path).of_type("decision")[-1]
    assert (decision["how"], decision["tally"]) == (
        "show_of_hands",
        {"ask_jo": 1, "order": 3, "threaten": 0, "invoice_first": 0},
    )
    while session.phase != "vote":
        click(host_app, "next", desk=True)
    click(host_app, "preview:office.4", desk=True)
    assert session.preview is not None and session.preview.choice == "office.4"
    click(host_app, "choice:office.2", desk=True)
    assert read_session_log(session.log.path).of_type("decision")[-1]["choice"] == "office.2"
    click(host_app, "end", desk=True)
    assert not host_app.controls.quit_requested and "again" in host_app.controls.message
    click(host_app, "end", desk=True)
    assert host_app.controls.quit_requested


def test_one_screen_shows_the_guide_note_and_takes_clicks(host_app: Any) -> None:
    host_app.desk.destroy()
    host_app.desk = None
    text = press(host_app, pygame.K_TAB)
    assert "From the facilitator guide" in text and "The sink (first decision)" in text
    click(host_app, "next")
    assert host_app.runtime.session.phase == "story"
    text = click(host_app, "lock")
    assert host_app.runtime.session.room.settings.locked and "Unlock room" in text


# --- the knowledge check --------------------------------------------------------------------
@pytest.mark.parametrize("host_app", [True], indirect=True)
def test_the_knowledge_check_with_keys_and_the_mouse(host_app: Any, tmp_path: Path) -> None:
    session = host_app.runtime.session
    ann, bo = join(host_app, "Ann"), join(host_app, "Bo")
    click(host_app, "check", desk=True)
    assert not session.room.settings.check
    click(host_app, "check", desk=True)
    assert session.room.settings.check
    text = press(host_app, pygame.K_SPACE)
    assert session.phase == "check"
    assert "Knowledge check before the story · question 1 of 1" in text
    assert "Answer on your phone · 0 of 2 answered" in text and "Right answer" not in text
    shoot(host_app, "host_check", tmp_path)
    for player, option in ((ann, "option-2"), (bo, "option-1")):
        answer = {"type": "answer", "phase": "before", "question": 1, "option": option}
        assert phone(host_app, {**answer, "_player": player}).messages[0]["type"] == "answer_ack"
    assert "2 of 2 answered" in frame(host_app)
    shoot(host_app, "host_check_facilitator", tmp_path, desk_window=True)
    from roleplay.facilitator.desktop.pointer import next_label

    assert next_label(session) == "Reveal the answer"
    text = click(host_app, "next", desk=True)
    assert session.check_round is not None and session.check_round.revealed
    assert "Right answer" in text and "1 answer · 50 %" in text and "0 answers · 0 %" in text
    assert any(t.startswith("Why: Involving people") for t in host_app.drawn)
    shoot(host_app, "host_check_reveal", tmp_path)
    click(host_app, "stage")  # a click on the projector goes on: the story starts
    assert session.phase == "story"
    for _ in range(80):
        if session.phase == "ending":
            break
        press(host_app, pygame.K_1 if session.phase in ("vote", "closed") else pygame.K_SPACE)
    assert session.phase == "ending"
    assert find(host_app, "next", desk=True) is not None
    press(host_app, pygame.K_SPACE)  # "Knowledge check": the after phase
    assert session.check_round is not None and session.check_round.phase == "after"
    phone(host_app, {"type": "answer", "phase": "after", "question": 1, "option": "option-2",
                     "_player": bo})  # fmt: skip
    press(host_app, pygame.K_r)
    assert session.check_round.revealed
    text = press(host_app, pygame.K_x)  # skip: the answers already revealed stay
    assert session.phase == "ending"
    assert "Knowledge check, right answers: 50 % before the story → 100 % after" in text
    kinds = [e["type"] for e in read_session_log(session.log.path).events]
    assert kinds.count("check_close") == 2 and kinds.count("check_end") == 2


@pytest.mark.parametrize("host_app", [True], indirect=True)
def test_a_question_shows_the_room_timer_and_the_timer_controls_work_on_it(
    host_app: Any,
) -> None:
    session = host_app.runtime.session
    join(host_app, "Ann")
    text = press(host_app, pygame.K_SPACE)
    assert session.phase == "check"
    assert re.search(r"Answer on your phone · 0 of 1 answered · [01]:\d\d left", text)
    text = press(host_app, pygame.K_p)  # P pauses the question's timer, as a vote's
    asked = session.check_round
    assert asked is not None and asked.timer is not None and asked.timer.paused
    assert re.search(r"0 of 1 answered · paused \([01]:\d\d\)", text)
    click(host_app, "extend", desk=True)  # +30 s from the facilitator window
    click(host_app, "pause", desk=True)  # Resume
    assert not asked.timer.paused and (asked.timer.remaining() or 0) > 60
    host_app.draw_desk(force=True)
    assert re.search(r"\d+ of 1 answered · 1:\d\d left", " | ".join(host_app.drawn))
    timers = read_session_log(session.log.path).of_type("timer")
    assert [(t["action"], t["phase"]) for t in timers] == [
        ("pause", "before"),
        ("extend", "before"),
        ("resume", "before"),
    ]


def test_a_full_room_says_so_on_the_projector_and_the_facilitator_window(host_app: Any) -> None:
    from roleplay.facilitator.desktop.desk import _header, people_heading

    session = host_app.runtime.session
    session.change_settings({"cap": 2})
    join(host_app, "Ann")
    assert "Scan the code or open" in frame(host_app)
    join(host_app, "Bo")
    refused = phone(host_app, {"type": "join", "room": "KQZW", "nickname": "Cy"})
    assert refused.messages[0]["code"] == "full"
    text = frame(host_app)
    assert "Room full (2 places)" in text and "Scan the code or open" not in text
    assert "Room open" not in text
    assert _header(session).endswith("Room full (2 places) · 1 turned away")
    assert people_heading(session) == "Participants (2)"
    session.room.settings.teams = True
    assert people_heading(session) == "Teams (2)"


def test_a_parked_pointer_rings_no_choice_on_the_projector(host_app: Any) -> None:
    to_vote(host_app)
    rect = find(host_app, "choice:ask_jo")
    area = Viewport.fit(host_app.screen.get_size()).to_pixels(rect)

    def pixels() -> bytes:
        return pygame.image.tobytes(host_app.screen.subsurface(area), "RGB")

    frame(host_app)
    still = pixels()
    pos = area.center
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0,) * 3))
    frame(host_app)
    assert pixels() != still  # the mouse just moved onto the choice: it is ringed
    host_app.moved_at -= 60  # a minute later the pointer is parked and hidden
    frame(host_app)
    assert host_app.hover["main"] is not None and pixels() == still
