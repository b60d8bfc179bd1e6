"""Everyone on the projector's stage stays in sight while the room votes: the choices, the
tally, the banner, the meters, the toolbar and the discuss card are drawn beside or below the
people, never over a head or a name label, at the window sizes a facilitator projects at.

The projector is a real host app (a real session and vote server, participants joining and
voting through the server's queue) driven with real key and mouse events; what it paints over
the people is recorded as it paints it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

import pygame
import pytest

from roleplay import load_scenario
from roleplay.facilitator._host import HostOptions, open_runtime
from roleplay.facilitator._room import RoomSettings
from roleplay.gui.figures import DAYLIGHT, Placement, StageSet, figure_box, stage_layout
from roleplay.gui.painter import LOGICAL_H, LOGICAL_W, FRect, Painter, Viewport
from tests.facilitator.test_windows import frame, join, phone, press, to_vote
from tests.pixels import median_change

PEOPLE = {"dana": "Dana Okafor", "tom": "Tom Hale", "marcus": "Marcus Bell", "priya": "Priya Raman"}
#: A laptop's projector output, full HD, an old 4:3 projector, and the smallest window.
WINDOWS = [(1280, 720), (1920, 1080), (1024, 768), (800, 600)]
ANSWERS = (
    "It's on slide eight. After those two Tuesdays in August, Jo's team added a floater.",
    "One bad month in six, and it's fixed. I'd rather spend our time on the decision.",
    "Honestly? We haven't fully solved it. I'd want Tom to design the cover first.",
)
PROMPT = "Who in this room has to agree, and who has to act? What would you ask Tom first?"


def crowd_scenario(folder: Path, count: int) -> Path:
    """A scenario whose first beat has ``count`` people on stage in the boardroom, the second
    one speaking last, then a vote on three answers (with a discussion prompt)."""
    cast = list(PEOPLE)[:count]
    characters = "".join(
        f"  {key}:\n    name: {PEOPLE[key]}\n    portrait: characters/{key}\n"
        "    expressions: [neutral]\n"
        for key in cast
    )
    speaker = cast[min(1, count - 1)]
    options = "".join(
        f'      - id: c{n}\n        text: "{text}"\n'
        "        technique: active_listening\n        next: done\n"
        for n, text in enumerate(ANSWERS, start=1)
    )
    text = (
        "format: 1\nid: crowd\ntitle: The crowded room\nsummary: Many people, one choice.\n"
        "learning_goals: [Keep everyone in the room in mind.]\nestimated_minutes: 1\n"
        "meters:\n  trust: {label: Trust, min: 0, max: 10, start: 5}\n"
        "  reputation: {label: Reputation, min: 0, max: 10, start: 5}\n"
        "  compliance: {label: Compliance, min: 0, max: 10, start: 5}\n"
        f"start: room\ncharacters:\n{characters}"
        "backgrounds:\n  boardroom: backgrounds/boardroom.svg\n"
        "nodes:\n  room:\n    background: boardroom\n    title: The board meeting\n"
        f"    cast: [{', '.join(cast)}]\n    discussion: {PROMPT}\n"
        "    lines:\n      - text: Everyone is here.\n"
        f"      - speaker: {speaker}\n        text: So, what do you propose?\n"
        f"    choices:\n{options}"
        f"  done:\n    cast: [{', '.join(cast)}]\n"
        f"    lines:\n      - speaker: {speaker}\n        text: Then it is settled.\n"
        "    end: true\n"
        "endings:\n  - id: over\n    title: Over\n    text: It is over.\n    debrief: Done.\n"
    )
    path = folder / f"crowd{count}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@dataclass
class Stage:
    """What the projector drew in its last frame of the story: where the people stand (as
    the layout it drew them with says) and every rectangle it painted after them."""

    placed: tuple[Placement, ...] = ()
    over: list[FRect] = field(default_factory=list)
    after: bool = False


OpenHost = Callable[..., Any]


@pytest.fixture
def open_host(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[OpenHost]:
    """Opens the host app (projector window only) on a crowd of ``count`` people, resized to
    ``window``; ``app.stage`` records what each frame draws over the people."""
    from roleplay.facilitator import desktop
    from roleplay.facilitator.desktop import projector

    monkeypatch.setenv("ROLEPLAY_HOME", str(tmp_path / "home"))
    stage = Stage()
    drawn: list[str] = []
    _record_drawing(monkeypatch, projector, stage, drawn)
    runtimes = []

    def open_app(count: int, window: tuple[int, int]) -> Any:
        options = HostOptions(
            load_scenario(crowd_scenario(tmp_path, count)),
            bind="127.0.0.1",
            port=0,
            code="KQZW",
            settings=RoomSettings(timer=60.0, check=False),
            log_path=tmp_path / f"session{count}.jsonl",
        )
        runtime, _ = open_runtime(options)
        runtimes.append(runtime)
        app = desktop.HostApp(runtime, desk_window=False)
        app.drawn = drawn  # type: ignore[attr-defined]
        app.stage = stage  # type: ignore[attr-defined]
        resize(app, window)
        return app

    yield open_app
    for runtime in runtimes:
        runtime.close()
    pygame.quit()


def _record_drawing(
    monkeypatch: pytest.MonkeyPatch, projector: Any, stage: Stage, drawn: list[str]
) -> None:
    """Record the projector's text, the people's layout and the rectangles painted after them."""
    real_figures, real_rect, real_text = projector.draw_figures, Painter.rect, Painter.text

    def figures(
        painter: Painter, people: Any, staging: StageSet, lift: float = 0.0, room: Any = None
    ) -> None:
        stage.after = False
        stage.placed = stage_layout(painter, people, staging, room)
        stage.over.clear()
        real_figures(painter, people, staging, lift, room)
        stage.after = True

    def rect(painter: Painter, area: Any, *args: Any, **kwargs: Any) -> None:
        if stage.after:
            stage.over.append(FRect(area))
        real_rect(painter, area, *args, **kwargs)

    def text(painter: Painter, words: str, *args: Any, **kwargs: Any) -> Any:
        drawn.append(words)
        return real_text(painter, words, *args, **kwargs)

    monkeypatch.setattr(projector, "draw_figures", figures)
    monkeypatch.setattr(Painter, "rect", rect)
    monkeypatch.setattr(Painter, "text", text)


def resize(app: Any, window: tuple[int, int]) -> None:
    """Resize the projector window as the window manager would."""
    pygame.display.set_mode(window, pygame.RESIZABLE)
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=window, w=window[0], h=window[1]))
    frame(app)
    assert app.screen.get_size() == window


def assert_everyone_in_sight(app: Any, count: int) -> tuple[Placement, ...]:
    """After a fresh frame: every head and name label is on screen and clear of everything
    painted over the people and of each other; the speaker's head is the largest; everyone
    else is named."""
    frame(app)
    stage: Stage = app.stage
    placed = stage.placed
    assert len(placed) == count and stage.over
    screen = FRect(0, 0, LOGICAL_W, LOGICAL_H)
    for person in placed:
        name = person.figure.name
        assert screen.contains(person.head), f"{name}'s head is off the screen: {person.head}"
        for panel in stage.over:
            assert not person.head.colliderect(panel), f"{name}'s head is under {panel}"
            if person.label is not None:
                assert not person.label.colliderect(panel), f"{name}'s label is under {panel}"
    for one, other in combinations(placed, 2):
        assert not one.head.colliderect(other.head), (one.figure.name, other.figure.name)
    (speaker,) = [p for p in placed if p.figure.lit]
    assert speaker.head.height >= max(p.head.height for p in placed)
    assert all(p.label_text == p.figure.name.split()[0] or p.label_text == p.figure.name
               for p in placed if p is not speaker)  # fmt: skip
    assert all(p.label is not None for p in placed if p is not speaker)
    return placed


def vote_with(app: Any, names: tuple[str, ...], choices: tuple[str, ...]) -> None:
    """``names`` join, the story goes on to the vote, and the first ones vote ``choices``."""
    players = [join(app, name) for name in names]
    app.runtime.command("settings", settings={"auto_close": False})
    to_vote(app)
    for player, choice in zip(players, choices, strict=False):
        phone(app, {"type": "vote", "decision": 1, "choice": choice, "_player": player})


@pytest.mark.parametrize("window", WINDOWS, ids=lambda w: f"{w[0]}x{w[1]}")
@pytest.mark.parametrize("count", [2, 3, 4])
def test_everyone_stays_in_sight_while_the_room_votes_and_at_the_reveal(
    open_host: OpenHost, count: int, window: tuple[int, int]
) -> None:
    app = open_host(count, window)
    vote_with(app, ("Ann", "Bo", "Cy"), ("c1", "c2"))
    assert "2 of 3 voted" in " | ".join(app.drawn)
    assert_everyone_in_sight(app, count)
    press(app, pygame.K_c)
    text = press(app, pygame.K_r)
    assert app.runtime.session.phase == "closed" and "1 vote" in text  # the tally is shown
    assert_everyone_in_sight(app, count)


@pytest.mark.parametrize(
    ("window", "text_size"), [((1280, 720), 1), ((800, 600), 3)], ids=["1280x720", "800x600-xl"]
)
def test_the_meters_the_toolbar_and_the_discuss_card_leave_everyone_in_sight(
    open_host: OpenHost, window: tuple[int, int], text_size: int
) -> None:
    app = open_host(4, window)
    app.settings.text_size = text_size  # the largest text: a taller dialogue box and choices
    app.apply_settings()
    vote_with(app, ("Ann", "Bo"), ("c3",))
    text = press(app, pygame.K_m)
    assert "Trust: 5" in text and "Compliance: 5" in text
    assert_everyone_in_sight(app, 4)
    session = app.runtime.session
    choice = app.hits.find("choice:c2").rect  # the mouse on a choice: ringed, toolbar shown
    pos = Viewport.fit(window).to_pixels(choice).center
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0,) * 3))
    text = frame(app)
    assert "Close vote" in text and app.toolbar_shown
    assert_everyone_in_sight(app, 4)
    press(app, pygame.K_d)
    shown = " ".join(app.drawn)  # the prompt's lines, one after the other
    assert session.discussion is not None and "Discuss" in app.drawn and PROMPT in shown
    assert ANSWERS[0][:20] not in shown  # the card stands where the choices were
    assert app.hits.find("choice:c1") is None and app.hits.find("close card") is not None
    assert_everyone_in_sight(app, 4)
    press(app, pygame.K_d)
    press(app, pygame.K_m)
    assert session.discussion is None and not session.meters_revealed
    assert_everyone_in_sight(app, 4)


def test_the_faces_show_on_the_projector(open_host: OpenHost, monkeypatch: Any) -> None:
    from roleplay.facilitator.desktop import projector

    app = open_host(3, (1280, 720))
    vote_with(app, ("Ann",), ())
    placed = assert_everyone_in_sight(app, 3)
    with_people = app.screen.copy()
    people = projector.stage_people
    monkeypatch.setattr(projector, "stage_people", lambda s: ((), people(s)[1]))
    frame(app)
    for person in placed:  # each face shows: nothing is painted over it
        change = median_change(with_people, app.screen, app.viewport.to_pixels(person.head))
        assert change >= 60, f"{person.figure.name}'s face hardly shows ({change:.0f})"


def test_drawing_the_projector_changes_nothing_and_the_people_go_back_after_the_vote(
    open_host: OpenHost,
) -> None:
    app = open_host(4, (1024, 768))
    vote_with(app, ("Ann", "Bo"), ("c2",))
    session = app.runtime.session

    def state() -> tuple[object, ...]:
        current = session.round
        assert current is not None
        votes = dict(current.votes)
        return (session.phase, session.line, votes, session.runner.state.to_json())

    making_room = assert_everyone_in_sight(app, 4)
    before = state()
    for _ in range(3):
        frame(app)
        assert app.stage.placed == making_room
    assert state() == before
    press(app, pygame.K_1)  # the facilitator plays the first choice: the next beat is read
    assert session.view.node_id == "done" and session.phase == "story"
    frame(app)
    usual = [figure_box(DAYLIGHT, place, 4) for place in range(4)]
    assert [p.box for p in app.stage.placed] == usual  # everyone back in their places
    assert [p.label for p in app.stage.placed] == [None] * 4
