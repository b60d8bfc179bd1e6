"""Designer mode in the desktop game: F12 or ``--designer``, the panel, jump, set meter, save as
test; and the hot-reload panel's hints and where the "Reloaded" notice goes."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pygame
import pytest
from harness import FIXTURES, click, make_app, press, step
from test_play import start, to_choices

from roleplay import load_scenario, start_state
from roleplay.cli import main
from roleplay.gui.painter import FRect, Painter
from roleplay.learner.desktop import open_game
from roleplay.learner.desktop.navigation import start_session
from roleplay.learner.desktop.scenes.debrief import DebriefScene
from roleplay.learner.desktop.scenes.jump import JumpScene
from roleplay.learner.desktop.scenes.play import PlayScene
from roleplay.learner.desktop.session import Session

SHIPPED = Path(__file__).parents[2] / "scenarios"


@pytest.fixture
def closing() -> Iterator[None]:
    """Close the window a test opened with open_game."""
    yield
    pygame.display.quit()


def drawn_text(app, monkeypatch: pytest.MonkeyPatch) -> list[str]:  # type: ignore[no-untyped-def]
    """Every string drawn in one frame (through Painter.text)."""
    seen: list[str] = []
    real = Painter.text

    def record(self: Painter, text: str, *args: object, **kwargs: object) -> FRect:
        seen.append(text)
        return real(self, text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Painter, "text", record)
    app.dirty = True
    app.step(1 / 60)
    monkeypatch.setattr(Painter, "text", real)
    return seen


def panel_text(app, monkeypatch: pytest.MonkeyPatch) -> str:  # type: ignore[no-untyped-def]
    """All the designer panel shows, scrolled through with Shift+Down, as one line of words
    (wrapped lines joined again)."""
    seen: list[str] = []
    for _ in range(40):
        seen += drawn_text(app, monkeypatch)
        press(app, pygame.K_DOWN, pygame.KMOD_SHIFT)
    return " ".join(" ".join(seen).split())


def test_f12_toggles_designer_mode_and_shift_f12_takes_a_screenshot(
    app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    scene = start(app)
    assert not scene.designer.shown
    assert "DESIGNER MODE" not in drawn_text(app, monkeypatch)
    press(app, pygame.K_F12)
    assert scene.designer.shown and app.designer
    shown = drawn_text(app, monkeypatch)
    assert "DESIGNER MODE" in shown and "intro" in shown and "mini.yaml:39" in shown
    monkeypatch.setenv("ROLEPLAY_SCREENSHOT_DIR", str(tmp_path))
    press(app, pygame.K_F12, pygame.KMOD_LSHIFT)
    assert scene.designer.shown  # Shift+F12 is the screenshot, not the toggle
    assert (tmp_path / "playscene.png").is_file()
    press(app, pygame.K_F12)
    assert not scene.designer.shown
    assert "DESIGNER MODE" not in drawn_text(app, monkeypatch)


def test_designer_flag_opens_the_panel_at_the_start_even_in_assessment(closing: None) -> None:
    scenario = load_scenario(FIXTURES / "mini.yaml")
    app = open_game(scenario, mode="assessment", designer=True)
    step(app, 2)
    scene = app.stack.top
    assert isinstance(scene, PlayScene) and scene.session.mode == "assessment"
    assert scene.designer.shown
    press(app, pygame.K_F12)
    press(app, pygame.K_F12)
    assert scene.designer.shown


def test_assessment_learners_cannot_open_designer_mode(app) -> None:  # type: ignore[no-untyped-def]
    scene = start(app, "assessment")
    press(app, pygame.K_F12)
    assert not scene.designer.shown
    assert "assessment" in app.toast_text and "--designer" in app.toast_text


def test_panel_shows_condition_truth_and_why_a_shipped_choice_is_locked(
    closing: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    scenario = load_scenario(SHIPPED / "hybrid_pitch.yaml")
    state = start_state(scenario, "tom_floor", flags={"claimed_tom": True})
    app = open_game(scenario, state=state, designer=True)
    scene = app.stack.top
    assert isinstance(scene, PlayScene)
    to_choices(app, scene)
    shown = panel_text(app, monkeypatch)
    lines = (SHIPPED / "hybrid_pitch.yaml").read_text(encoding="utf-8").splitlines()
    line = lines.index("  tom_floor:") + 1
    assert "tom_floor" in shown and f"hybrid_pitch.yaml:{line}" in shown
    assert "tom_codesign" in shown and "locked" in shown
    assert "if: not flags.claimed_tom — does not hold" in shown
    assert "fails: not flags.claimed_tom (flags.claimed_tom = true)" in shown
    assert "shown greyed: needs not flags.claimed_tom, but flags.claimed_tom = true" in shown
    assert "Trust (trust, hidden)" in shown and "technique: Involving people" in shown


def test_jump_by_typing_a_filter_keeps_the_meters(app) -> None:  # type: ignore[no-untyped-def]
    scene = start(app)
    to_choices(app, scene)
    press(app, pygame.K_1)  # ask: trust 5 -> 7, flags.asked
    assert scene.runner.state.meters["trust"] == 7
    press(app, pygame.K_F12)
    # J as a keyboard sends it: the press, the letter typed, the release
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_j, mod=0, unicode="j"))
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text="j"))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=pygame.K_j, mod=0, unicode="j"))
    step(app)
    picker = app.stack.top
    assert isinstance(picker, JumpScene) and picker.typed == ""
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text="mee"))
    step(app)
    assert picker.matches == ["meeting", "bridge"]  # bridge: "the board meets"
    press(app, pygame.K_RETURN)
    assert app.stack.top is scene
    state = scene.runner.state
    assert state.node == "meeting" and scene.view.node_id == "meeting"
    assert state.meters["trust"] == 7 and state.flags["asked"]
    assert state.path == ["meeting"]
    # meeting sets no background: the stage keeps the one it is reached in, not black
    assert scene.view.background == "boardroom"
    assert scene.scenery.picture is not None
    assert scene.scenery.picture.background == scene.runner.scenario.background_path("boardroom")


def test_jump_picker_arrows_and_escape(app) -> None:  # type: ignore[no-untyped-def]
    scene = start(app)
    press(app, pygame.K_F12)
    press(app, pygame.K_j)
    picker = app.stack.top
    assert isinstance(picker, JumpScene) and picker.matches[picker.selected] == "intro"
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text="zzz"))
    step(app)
    assert picker.matches == []
    press(app, pygame.K_RETURN)  # nothing to jump to: stays open
    assert app.stack.top is picker
    press(app, pygame.K_BACKSPACE)
    press(app, pygame.K_BACKSPACE)
    press(app, pygame.K_BACKSPACE)
    press(app, pygame.K_DOWN)
    press(app, pygame.K_DOWN)
    assert picker.matches[picker.selected] == "meeting"
    press(app, pygame.K_ESCAPE)
    assert app.stack.top is scene and scene.runner.state.node == "intro"


def test_plus_and_minus_set_the_selected_meter(app) -> None:  # type: ignore[no-untyped-def]
    scene = start(app)
    to_choices(app, scene)
    press(app, pygame.K_F12)
    for _ in range(3):
        press(app, pygame.K_EQUALS)
    assert scene.runner.state.meters["trust"] == 8
    press(app, pygame.K_m)  # reputation selected
    press(app, pygame.K_MINUS)
    assert scene.runner.state.meters["reputation"] == 3
    built = scene.designer.layout(app.painter)
    plus = next(rect for rect, meter, step_ in built.hotspots if meter == "trust" and step_ == 1)
    click(app, (plus.centerx, built.content.top + plus.centery))
    assert scene.runner.state.meters["trust"] == 9


def test_save_as_test_from_the_panel_replays_green(app, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    scene = start(app)
    to_choices(app, scene)
    press(app, pygame.K_F12)
    press(app, pygame.K_1)
    to_choices(app, scene)  # at the meeting, before an ending
    press(app, pygame.K_t)
    saved = sorted((Path(app_home()) / "exports").glob("*.playthrough.yaml"))
    assert [p.name for p in saved] == ["mini_pitch.at_meeting.playthrough.yaml"]
    assert "ending" not in saved[0].read_text().split("expect:")[1]
    press(app, pygame.K_2)  # threaten: to the last node, where the ending is decided
    assert scene.runner.state.ending == "stalled"
    built = scene.designer.layout(app.painter)
    save = next(b for b in built.buttons if b.key == "save_test")
    click(app, save.rect.center)
    saved = sorted((Path(app_home()) / "exports").glob("*.playthrough.yaml"))
    assert len(saved) == 2
    capsys.readouterr()
    assert main(["test", *map(str, saved)]) == 0
    assert "2 passed, 0 failed" in capsys.readouterr().out


def app_home() -> str:
    """The test's data folder (ROLEPLAY_HOME)."""
    import os

    return os.environ["ROLEPLAY_HOME"]


def test_a_jumped_run_is_not_saved_as_a_test(app) -> None:  # type: ignore[no-untyped-def]
    scene = start(app)
    press(app, pygame.K_F12)
    press(app, pygame.K_j)
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text="meeting"))
    step(app)
    press(app, pygame.K_RETURN)
    assert scene.designer.save_test() is None
    assert "began at 'meeting'" in scene.designer.notice


def _to_debrief(app) -> DebriefScene:  # type: ignore[no-untyped-def]
    for _ in range(300):
        top = app.stack.top
        if isinstance(top, DebriefScene):
            return top
        press(app, pygame.K_1 if isinstance(top, PlayScene) and top.choosing else pygame.K_SPACE)
    raise AssertionError("the debrief never came")


def test_debrief_offers_save_as_test_only_in_designer_mode(app) -> None:  # type: ignore[no-untyped-def]
    start(app)
    debrief = _to_debrief(app)
    assert "save_test" not in [b.key for b in debrief.buttons.buttons]
    app.reset("title")
    step(app)
    scene = start(app)
    press(app, pygame.K_F12)
    assert scene.designer.shown
    debrief = _to_debrief(app)
    keys = [b.key for b in debrief.buttons.buttons]
    assert "save_test" in keys
    button = debrief.buttons.buttons[keys.index("save_test")]
    assert button.rect.right <= 1280 and button.rect.left >= 0
    click(app, button.rect.center)
    assert debrief.export_path is not None and debrief.export_path.is_file()


# -- hot reload -------------------------------------------------------------------------------
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


def test_the_reload_error_panel_shows_each_problem_located_with_its_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scene, path = _play_copy(tmp_path)
    path.write_text(path.read_text().replace("next: bridge", "next: brigde", 1))
    scene.check_reload(force=True)
    problem = scene.hot_reload.problems[0]
    assert problem.where.startswith("mini.yaml:") and "RP020" in problem.where
    assert "bridge" in problem.hint
    shown = drawn_text(scene.app, monkeypatch)
    assert any(text.startswith("mini.yaml:") and "RP020" in text for text in shown)
    assert any(text.startswith("Hint: ") and "bridge" in text for text in shown)


@pytest.mark.parametrize("designer", [False, True])
def test_the_reloaded_notice_covers_no_button(tmp_path: Path, designer: bool) -> None:
    scene, path = _play_copy(tmp_path)
    app = scene.app
    to_choices(app, scene)
    if designer:
        press(app, pygame.K_F12)
    path.write_text(path.read_text().replace("The boardroom is quiet.", "The room is quiet."))
    scene.check_reload(force=True)
    assert app.toast_text.startswith("Reloaded") and app.toast_left > 0
    step(app)
    notice = app.toast_rect()
    buttons = list(scene.choice_rects()) + [b.rect for b in scene.quick.group.buttons]
    assert len(scene.choice_rects()) == 3
    assert notice.collidelist(buttons) < 0
    if designer:
        built = scene.designer.layout(app.painter)
        assert not notice.colliderect(built.panel)


def test_roleplay_play_designer_opens_the_game_in_designer_mode(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from roleplay.gui.app import App

    seen: dict[str, object] = {}

    def run(self: App) -> int:
        seen.update(designer=self.designer, top=type(self.stack.top).__name__)
        return 0

    monkeypatch.setattr(App, "run", run)
    assert main(["play", str(FIXTURES / "mini.yaml"), "--designer", "--no-cache"]) == 0
    assert seen == {"designer": True, "top": "PlayScene"}
    assert main(["play", str(FIXTURES / "mini.yaml"), "--designer", "--text"]) == 2
    assert "--designer is for the desktop game" in capsys.readouterr().err
