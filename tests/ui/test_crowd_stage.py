"""Everyone on stage stays in sight while the player chooses: however many people stand there
and whatever the window or text size, no panel covers a head or a name label."""

from __future__ import annotations

import dataclasses
from itertools import combinations
from pathlib import Path

import pygame
import pytest
from harness import make_app, press, step, wait
from test_play import to_choices

from roleplay import load_scenario
from roleplay.gui import stage
from roleplay.gui.app import App
from roleplay.gui.figures import Placement, figure_box, stage_set
from roleplay.gui.painter import LOGICAL_H, LOGICAL_W, FRect
from roleplay.learner.desktop.navigation import start_session
from roleplay.learner.desktop.scenes.play import PlayScene, overlays
from roleplay.learner.desktop.scenes.play.drawing import choice_caption
from roleplay.learner.desktop.scenes.play.reading import CHOICE_GUARD_S
from roleplay.learner.desktop.scenes.play.room import on_stage
from roleplay.learner.desktop.scenes.play.scenery import DISSOLVE_S
from roleplay.learner.desktop.session import Session
from tests.pixels import median_change

PEOPLE = {
    "dana": "Dana Okafor",
    "tom": "Tom Hale",
    "marcus": "Marcus Bell",
    "priya": "Priya Raman",
    "jo": "Jo Lindqvist",
    "ken": "Ken Watanabe",
}
SHORT = "Thank you. Let us take each worry in turn, starting with cost."
LONG = (
    "I hear the worry about cover on Tuesdays. Before we decide anything, I would like Tom "
    "and Jo to design the rota together and bring it back to this room."
)
WINDOWS = [(1024, 640), (1280, 720), (1920, 1080), (800, 600)]


def crowd_scenario(
    tmp_path: Path,
    count: int,
    choices: int = 3,
    long: bool = False,
    discussion: bool = False,
    background: str = "boardroom",
    texts: tuple[str, ...] = (),
) -> Path:
    """A scenario whose first beat has ``count`` people on stage, the second one speaking last,
    then ``choices`` choices (long ones when ``long``; ``texts`` when given), with a "think
    about it" prompt when ``discussion``."""
    cast = list(PEOPLE)[:count]
    characters = "".join(
        f"  {key}:\n    name: {PEOPLE[key]}\n    portrait: characters/{key}\n"
        f"    expressions: [neutral]\n"
        for key in cast
    )
    speaker = cast[min(1, count - 1)]
    prompt = "    discussion: Who in this room has to agree, and who has to act?\n"
    texts = texts or tuple(f"{n}. {LONG if long else SHORT}" for n in range(1, choices + 1))
    options = "".join(
        f'      - id: c{n}\n        text: "{text}"\n'
        f"        technique: active_listening\n        next: done\n"
        for n, text in enumerate(texts, start=1)
    )
    text = (
        "format: 1\nid: crowd\ntitle: The crowded room\nsummary: Many people, one choice.\n"
        "learning_goals: [Keep everyone in the room in mind.]\nestimated_minutes: 1\n"
        "meters:\n  trust: {label: Trust, min: 0, max: 10, start: 5}\n"
        "start: room\n"
        f"characters:\n{characters}"
        f"backgrounds:\n  {background}: backgrounds/{background}.svg\n"
        "nodes:\n  room:\n"
        f"    background: {background}\n    title: The board meeting\n"
        f"    cast: [{', '.join(cast)}]\n"
        + (prompt if discussion else "")
        + "    lines:\n      - text: Everyone is here.\n"
        f"      - speaker: {speaker}\n        text: So, what do you propose?\n"
        f"    choices:\n{options}"
        f"  done:\n    cast: [{', '.join(cast)}]\n"
        f"    lines:\n      - speaker: {speaker}\n        text: Then it is settled.\n"
        "    end: true\n"
        "endings:\n  - id: over\n    title: Over\n    text: It is over.\n    debrief: Done.\n"
    )
    path = tmp_path / f"crowd{count}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def play_to_choices(app: App, path: Path, text_size: int = 1) -> PlayScene:
    """Start the scenario at ``path``, read on with Space until the choices are shown, and let
    the people finish making room."""
    app.settings.text_size = text_size
    app.apply_settings()
    start_session(app, Session.new(load_scenario(path)))
    step(app, 30)
    play = app.stack.top
    assert isinstance(play, PlayScene)
    to_choices(app, play)
    wait(app, DISSOLVE_S + 0.1)
    return play


def panels(app: App, play: PlayScene) -> list[FRect]:
    """Everything drawn over the stage while choosing, measured the way the screen draws it."""
    painter = app.painter
    line = play.line
    assert line is not None
    box = stage.dialogue_box(painter, line.text)
    shown = [*play.choice_rects(), box, stage.name_plate(painter, line, box)]
    if play.view.discussion:
        shown.append(overlays.discussion_rect(painter, play.view.discussion, painter.text_scale))
    return shown


def assert_everyone_in_sight(app: App, play: PlayScene, count: int) -> tuple[Placement, ...]:
    """Every head and name label is on screen, below the status pills, clear of every panel
    and of each other; the speaker's head is the largest."""
    placed = on_stage(play, app.painter)
    assert len(placed) == count
    covering = panels(app, play)
    screen = FRect(0, 52, LOGICAL_W, LOGICAL_H - 52)
    for person in placed:
        name = person.figure.name
        assert screen.contains(person.head), f"{name}'s head is off the stage: {person.head}"
        for panel in covering:
            assert not person.head.colliderect(panel), f"{name}'s head is under {panel}"
            if person.label is not None:
                assert not person.label.colliderect(panel), f"{name}'s label is under {panel}"
    for one, other in combinations(placed, 2):
        assert not one.head.colliderect(other.head), (one.figure.name, other.figure.name)
    speaker = next(p for p in placed if p.figure.lit)
    assert speaker.head.height >= max(p.head.height for p in placed)
    return placed


@pytest.mark.parametrize("window", WINDOWS, ids=lambda w: f"{w[0]}x{w[1]}")
@pytest.mark.parametrize("count", [2, 3, 4, 5])
def test_every_face_stays_above_or_beside_the_choices(tmp_path, window, count) -> None:  # type: ignore[no-untyped-def]
    app = make_app(window)
    try:
        play = play_to_choices(app, crowd_scenario(tmp_path, count))
        placed = assert_everyone_in_sight(app, play, count)
        others = [p for p in placed if not p.figure.lit]
        assert all(p.label is not None and p.label_text for p in others)  # who is who
        assert all(p.head.height >= 90 for p in placed), [p.head for p in placed]
    finally:
        pygame.display.quit()


@pytest.mark.parametrize("window", [(800, 600), (1920, 1080)], ids=lambda w: f"{w[0]}x{w[1]}")
@pytest.mark.parametrize("count", [4, 5])
def test_faces_stay_clear_of_many_long_choices_at_the_largest_text(tmp_path, window, count) -> None:  # type: ignore[no-untyped-def]
    app = make_app(window)
    try:
        path = crowd_scenario(tmp_path, count, choices=4, long=True, discussion=True)
        play = play_to_choices(app, path, text_size=3)
        placed = assert_everyone_in_sight(app, play, count)
        assert all(p.head.height >= 40 for p in placed), [p.head for p in placed]
    finally:
        pygame.display.quit()


def test_the_faces_are_drawn_where_the_layout_says(tmp_path) -> None:  # type: ignore[no-untyped-def]
    app = make_app((1280, 720))
    try:
        play = play_to_choices(app, crowd_scenario(tmp_path, 4))
        placed = on_stage(play, app.painter)
        app.dirty = True
        step(app)
        with_people = app.screen.copy()
        picture = play.scenery.picture
        assert picture is not None
        play.scenery.picture = dataclasses.replace(picture, figures=())
        app.dirty = True
        step(app)
        for person in placed:  # each face shows: no panel is drawn over it
            change = median_change(with_people, app.screen, app.viewport.to_pixels(person.head))
            assert change >= 60, f"{person.figure.name}'s face hardly shows ({change:.0f})"
    finally:
        pygame.display.quit()


def usual_places(play: PlayScene) -> list[FRect]:
    """Where the people on stage stand while a line is read."""
    picture = play.scenery.picture
    assert picture is not None
    count = len(picture.figures)
    return [figure_box(stage_set(picture.background), place, count) for place in range(count)]


def test_one_person_stays_where_they_stand(tmp_path) -> None:  # type: ignore[no-untyped-def]
    app = make_app((1280, 720))
    try:
        play = play_to_choices(app, crowd_scenario(tmp_path, 1))
        (alone,) = assert_everyone_in_sight(app, play, 1)
        assert [alone.box] == usual_places(play) and alone.label is None
    finally:
        pygame.display.quit()


def test_people_make_room_with_a_dissolve_and_drawing_changes_nothing(tmp_path) -> None:  # type: ignore[no-untyped-def]
    app = make_app((1280, 720))
    try:
        start_session(app, Session.new(load_scenario(crowd_scenario(tmp_path, 4))))
        step(app, 30)
        play = app.stack.top
        assert isinstance(play, PlayScene)
        while not play.choosing:
            press(app, pygame.K_SPACE)
        picture = play.scenery.picture
        assert picture is not None and picture.choosing and play.scenery.dissolving
        wait(app, max(DISSOLVE_S, CHOICE_GUARD_S) + 0.1)

        def state() -> tuple[object, ...]:
            choices, scenery = play.choices, play.scenery
            return (scenery.picture, scenery.dissolve, choices.focus, choices.offset, play.line)

        before = state()
        for _ in range(3):
            on_stage(play, app.painter)
            play.draw(app.painter)
        assert state() == before
        app.settings.text_size = 3  # the text grows while the choices are shown
        app.apply_settings()
        step(app)
        assert_everyone_in_sight(app, play, 4)
        press(app, pygame.K_1)  # chosen: the next beat is read with everyone in their places
        wait(app, DISSOLVE_S + 0.1)
        assert play.view.node_id == "done" and not play.choosing
        placed = on_stage(play, app.painter)
        assert [p.box for p in placed] == usual_places(play)
        assert all(p.label is None for p in placed)
    finally:
        pygame.display.quit()


BOARD_ANSWERS = (  # hybrid_pitch's answers to Tom at the board meeting
    "It's on slide eight. After those two Tuesdays in August, Jo's team added a floater. "
    "No queue over ten minutes since.",
    "One bad month in six, and it's fixed. I'd rather spend our fifteen minutes on the decision.",
    "Honestly? We haven't fully solved it. I'd want Tom to design the cover before anything "
    "goes live.",
)


@pytest.mark.parametrize("window", WINDOWS, ids=lambda w: f"{w[0]}x{w[1]}")
def test_choices_that_fit_never_scroll(tmp_path, window) -> None:  # type: ignore[no-untyped-def]
    app = make_app(window)
    try:
        play = play_to_choices(app, crowd_scenario(tmp_path, 4, texts=BOARD_ANSWERS))
        layout = play.choice_layout(app.painter)
        assert layout.max_offset == 0 and "scroll" not in choice_caption(3, layout)
        above = [p for p in on_stage(play, app.painter) if p.head.left >= layout.area.left]
        assert above and all(p.head.bottom < layout.rects[0].top for p in above)
    finally:
        pygame.display.quit()
