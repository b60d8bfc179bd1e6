"""Every screen lays out to fit, and the faults a learner reported stay fixed."""

from __future__ import annotations

import dataclasses

import pygame
import pytest
from harness import FIXTURES, make_app, press, step
from test_play import start, to_choices

from roleplay import Runner, load_scenario
from roleplay.gui.painter import LOGICAL_H, FRect, Painter, Viewport
from roleplay.gui.settings import TEXT_SIZES
from roleplay.learner.desktop import saves
from roleplay.learner.desktop.navigation import start_session
from roleplay.learner.desktop.scenes import library as library_scene
from roleplay.learner.desktop.scenes import road as road_scene
from roleplay.learner.desktop.scenes.debrief import DebriefScene
from roleplay.learner.desktop.scenes.ending import EndingScene, layout_ending
from roleplay.learner.desktop.scenes.library import LibraryScene
from roleplay.learner.desktop.scenes.pause import PauseScene
from roleplay.learner.desktop.scenes.play import PlayScene
from roleplay.learner.desktop.scenes.road import RoadScene
from roleplay.learner.desktop.scenes.saves import SavesScene
from roleplay.learner.desktop.session import Session

WINDOWS = [(800, 600), (1280, 720), (1920, 1080)]


def _painter(app, size: tuple[int, int], text_size: int) -> Painter:  # type: ignore[no-untyped-def]
    surface = pygame.Surface(size)
    painter = Painter(surface, Viewport.fit(size), app.resources, app.painter.theme)
    painter.text_scale = TEXT_SIZES[text_size][1]
    return painter


def _finished(app) -> Session:  # type: ignore[no-untyped-def]
    scenario = load_scenario(FIXTURES / "mini.yaml")
    runner = Runner(scenario)
    runner.choose_id("ask")
    runner.advance_to_decision()
    runner.choose_id("share")
    return Session(scenario, runner)


def test_small_windows_never_draw_text_below_twelve_pixels(app) -> None:  # type: ignore[no-untyped-def]
    painter = _painter(app, (800, 600), 1)
    assert painter.px(14) >= 12 and painter.px(16) >= 12
    assert _painter(app, (1920, 1080), 1).px(14) == 21


@pytest.mark.parametrize("window", WINDOWS, ids=str)
@pytest.mark.parametrize("text_size", [1, 3])
def test_ending_card_leaves_gaps_and_fits(app, window, text_size: int) -> None:  # type: ignore[no-untyped-def]
    painter = _painter(app, window, text_size)
    long_text = "The board agrees, and Marcus offers to present the numbers himself. " * 6
    layout = layout_ending(painter, "Genuine buy-in", long_text)
    text_bottom = (
        layout.panel.top + 40 + 34 + 14 + len(layout.title) * painter.line_height(40, "bold")
    )
    text_bottom += len(layout.text) * painter.line_height(layout.text_size)
    assert layout.found_top - text_bottom >= 20  # "Endings found" no longer touches the text
    found_bottom = layout.found_top + painter.line_height(15, "bold")
    assert layout.button.top - found_bottom >= 16
    assert layout.panel.top >= 0 and layout.panel.bottom <= LOGICAL_H - 40


def test_ending_screen_continues_with_enter(app) -> None:  # type: ignore[no-untyped-def]
    app.push("ending", session=_finished(app))
    step(app)
    assert isinstance(app.stack.top, EndingScene)
    press(app, pygame.K_RETURN)
    assert isinstance(app.stack.top, DebriefScene)


@pytest.mark.parametrize("window", WINDOWS, ids=str)
def test_pause_subtitle_keeps_clear_of_resume(window) -> None:  # type: ignore[no-untyped-def]
    app = make_app(window)
    start(app)
    press(app, pygame.K_ESCAPE)
    pause = app.stack.top
    assert isinstance(pause, PauseScene)
    subtitle = pause.subtitle_rect
    bottom = subtitle.top + app.painter.line_height(16)
    assert pause.menu.buttons[0].rect.top - bottom >= 12
    assert pause.panel.bottom <= LOGICAL_H
    pygame.display.quit()


def test_road_rows_centre_their_text_and_hide_the_debriefs_hints(app) -> None:  # type: ignore[no-untyped-def]
    row = FRect(0, 100, 900, road_scene.ROW_H)
    painter = app.painter
    for text in ("Short.", "A much longer choice " * 8):
        lines = min(len(painter.wrap(text, road_scene.ROW_TEXT_SIZE, row.width - 80)), 2)
        top = road_scene.row_text_top(painter, text, row)
        middle = top + lines * painter.line_height(road_scene.ROW_TEXT_SIZE) / 2
        assert abs(middle - row.centery) < 0.5
    app.push("debrief", session=_finished(app))
    step(app)
    debrief = app.stack.top
    assert isinstance(debrief, DebriefScene) and not debrief.covered
    debrief.road()
    step(app)
    assert isinstance(app.stack.top, RoadScene) and debrief.covered
    assert road_scene.PANEL.bottom - 20 > road_scene.HINTS_Y  # its own hints sit in its panel
    press(app, pygame.K_ESCAPE)
    assert app.stack.top is debrief and not debrief.covered


def test_one_debrief_button_looks_highlighted_and_no_test_button(app) -> None:  # type: ignore[no-untyped-def]
    app.push("debrief", session=_finished(app))
    step(app)
    debrief = app.stack.top
    assert {b.style for b in debrief.buttons.buttons} == {"secondary"}
    keys = [b.key for b in debrief.buttons.buttons]
    assert "test" not in keys and keys[0] == "replay"
    press(app, pygame.K_RIGHT)
    assert debrief.buttons.focus == 1


def test_exported_debrief_tells_a_facilitator_when_how_and_what(app) -> None:  # type: ignore[no-untyped-def]
    scenario = load_scenario(FIXTURES / "mini.yaml")
    runner = Runner(scenario)
    runner.choose_id("push")
    runner.rewind()
    runner.choose_id("ask")
    runner.advance_to_decision()
    runner.choose_id("share")
    app.push("debrief", session=Session(scenario, runner))
    step(app)
    html = app.stack.top.export().read_text(encoding="utf-8")
    assert "Played</dt><dd>" in html and "Mode</dt><dd>Practice" in html
    assert "Choices taken back</dt><dd>1<" in html
    assert f"Scenario version</dt><dd>{scenario.content_hash}" in html


def test_library_down_goes_to_the_row_below_and_shows_the_whole_summary(tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = (FIXTURES / "mini.yaml").read_text(encoding="utf-8")
    long_summary = "A tiny scenario the UI tests play through, told at length. " * 4
    old_summary = "A tiny scenario the UI tests play through; it exercises every kind of node."
    for n in range(3):
        copy = text.replace("id: mini_pitch", f"id: mini_{n}")
        (tmp_path / f"m{n}.yaml").write_text(copy.replace(old_summary, long_summary))
    app = make_app(scenarios=tmp_path)
    press(app, pygame.K_RETURN)
    library = app.stack.top
    assert isinstance(library, LibraryScene)
    press(app, pygame.K_DOWN)
    assert library.cards.focus == 2  # the card below, not the one to the right
    press(app, pygame.K_UP)
    press(app, pygame.K_RIGHT)
    assert library.cards.focus == 1
    press(app, pygame.K_DOWN)
    assert library.cards.focus == 2  # the short row below: its last card
    width = library_scene.CARD_W - 56
    focused = library_scene.summary_lines(app.painter, long_summary, width, True)
    other = library_scene.summary_lines(app.painter, long_summary, width, False)
    assert " ".join(focused).split() == long_summary.split()
    assert len(other) == 2 and other[-1].endswith("…")
    pygame.display.quit()


def _ink_box(surface: pygame.Surface, rect: pygame.Rect) -> pygame.Rect:
    """The bounding box of pixels that differ from the card's own colour inside rect."""
    inner = rect.inflate(-12, -12)
    background = surface.get_at((inner.left + 2, inner.top + 2))
    xs, ys = [], []
    for x in range(inner.left, inner.right, 2):
        for y in range(inner.top, inner.bottom, 2):
            pixel = surface.get_at((x, y))
            if sum(abs(a - b) for a, b in zip(pixel[:3], background[:3], strict=True)) > 60:
                xs.append(x)
                ys.append(y)
    return pygame.Rect(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))


def test_empty_save_slots_are_centred(app) -> None:  # type: ignore[no-untyped-def]
    scene = SavesScene(app, saving=False)
    app.push(scene)
    step(app)
    card = app.viewport.to_pixels(scene.grid.buttons[4].rect)
    ink = _ink_box(app.screen, card)
    assert abs(ink.centerx - card.centerx) <= 4 and abs(ink.centery - card.centery) <= 8


def test_save_slots_show_the_scene_title_not_the_node(app) -> None:  # type: ignore[no-untyped-def]
    scene = start(app)
    to_choices(app, scene)
    saves.write_save(saves.slot_path(1), scene.session, None, label="Slot 1")
    slots = SavesScene(app, saving=False)
    app.push(slots)
    step(app)
    info = saves.list_slots()[0].info
    assert info is not None and slots.scene_title(info) == "Before the board"
    older = dataclasses.replace(info, scene_title="")  # a save made before titles existed
    assert slots.scene_title(older) == "Before the board"
    assert "intro" not in slots.scene_title(older)


def _play_with_cast(app, tmp_path):  # type: ignore[no-untyped-def]
    text = (FIXTURES / "mini.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "characters:\n",
        "characters:\n  dana:\n    name: Dana Okafor\n    portrait: characters/dana\n"
        "    expressions: [neutral, pleased]\n",
    ).replace(
        "    title: The board meeting\n", "    title: The board meeting\n    cast: [dana, marcus]\n"
    )
    text = text.replace(
        "      - speaker: marcus\n        text: Let us decide.\n",
        "      - speaker: dana\n        text: Go on.\n"
        "      - speaker: marcus\n        text: Let us decide.\n",
    )
    path = tmp_path / "cast.yaml"
    path.write_text(text, encoding="utf-8")
    scenario = load_scenario(path)
    runner = Runner(scenario)
    runner.choose_id("ask")
    runner.advance_to_decision()
    start_session(app, Session(scenario, runner))
    step(app)
    play = app.stack.top
    assert isinstance(play, PlayScene)
    return play


def test_several_people_on_stage_speaker_lit_places_stable(app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    play = _play_with_cast(app, tmp_path)
    first = play.scenery.picture.figures
    assert [(f.character, f.place, f.lit) for f in first] == [
        ("dana", 0, True),
        ("marcus", 1, False),
    ]
    press(app, pygame.K_SPACE)
    press(app, pygame.K_SPACE)
    second = play.scenery.picture.figures
    assert [(f.character, f.place, f.lit) for f in second] == [
        ("dana", 0, False),
        ("marcus", 1, True),
    ]
    from roleplay.gui.figures import DAYLIGHT, figure_tint

    assert figure_tint(DAYLIGHT, lit=True) is None and figure_tint(DAYLIGHT, lit=False) is not None


def test_night_office_tints_people_and_video_calls_frame_them(app) -> None:  # type: ignore[no-untyped-def]
    from roleplay import assets_dir
    from roleplay.gui.figures import figure_box, figure_tint, stage_set

    night = stage_set(assets_dir() / "backgrounds" / "evening_office.svg")
    tint = figure_tint(night, lit=True)
    assert tint is not None and tint[2] > tint[0]  # cooler and darker than daylight
    call = stage_set(assets_dir() / "backgrounds" / "video_call.svg")
    assert call.frame is not None
    frame = FRect(call.frame)
    for count in (1, 2, 3):
        for place in range(count):
            box = figure_box(call, place, count)
            assert frame.left <= box.centerx <= frame.right and box.bottom <= frame.bottom + 1
    painter = app.painter
    portrait = assets_dir() / "characters" / "ken" / "neutral.svg"
    box = FRect(100, 100, 300, 400)
    day = painter.res.image(portrait, painter.viewport.to_pixels(box).size)
    dark = painter.res.image(portrait, painter.viewport.to_pixels(box).size, "contain", tint)
    assert day is not None and dark is not None
    middle = (day.get_width() // 2, day.get_height() // 3)
    assert sum(dark.get_at(middle)[:3]) < sum(day.get_at(middle)[:3])


def test_the_dialogue_box_hides_the_scene_unless_asked_not_to(app) -> None:  # type: ignore[no-untyped-def]
    scene = start(app)
    to_choices(app, scene)
    spot = app.viewport.to_pixels(FRect(900, 660, 1, 1)).topleft
    default = app.screen.get_at(spot)
    app.settings.box_opacity = 3  # "Light"
    app.apply_settings()
    step(app)
    light = app.screen.get_at(spot)
    panel = app.painter.theme.panel
    assert sum(abs(a - b) for a, b in zip(default[:3], panel[:3], strict=True)) < 24
    assert light[:3] != default[:3]


def test_think_about_it_panel_follows_the_text_size(app) -> None:  # type: ignore[no-untyped-def]
    from roleplay.learner.desktop.scenes.play import overlays

    sizes: list[float] = []
    painter = app.painter
    original = painter.paragraph

    def spy(text, rect, size, color=None, role="regular", max_lines=None):  # type: ignore[no-untyped-def]
        sizes.append(size)
        assert color == painter.theme.text and role == "regular"
        return original(text, rect, size, color, role, max_lines)

    painter.paragraph = spy  # type: ignore[method-assign]
    overlays.draw_discussion(painter, "What would you do?", TEXT_SIZES[3][1])
    assert sizes and sizes[0] >= 17 * TEXT_SIZES[3][1] - 1e-6


def test_a_reaction_plays_where_the_choice_was_made(app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = (FIXTURES / "mini.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "  boardroom: backgrounds/boardroom.svg\n",
        "  boardroom: backgrounds/boardroom.svg\n  office: backgrounds/open_office.svg\n",
    ).replace("  bridge:\n    lines:\n", "  bridge:\n    background: office\n    lines:\n")
    path = tmp_path / "moving.yaml"
    path.write_text(text, encoding="utf-8")
    scenario = load_scenario(path)
    start_session(app, Session(scenario, Runner(scenario)))
    step(app)
    play = app.stack.top
    assert isinstance(play, PlayScene)
    to_choices(app, play)
    number = next(c.number for c in play.view.choices if c.id == "ask")
    press(app, pygame.K_0 + number)
    assert play.line is not None and play.line.is_reaction  # Marcus: "Fair question."
    picture = play.scenery.picture
    assert picture.background == scenario.background_path("boardroom")
    assert [f.character for f in picture.figures] == ["marcus"]
    press(app, pygame.K_SPACE)  # finish typing the reaction
    press(app, pygame.K_SPACE)  # "Two days later": the new place
    assert play.line is not None and not play.line.is_reaction
    assert play.scenery.picture.background == scenario.background_path("office")
    assert play.scenery.picture.figures == ()
