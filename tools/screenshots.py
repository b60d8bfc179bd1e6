"""Screenshots of every screen of the desktop game, for docs/screenshots/.

The real game runs in a real window, driven by the same key and mouse events a player makes.
Run it under a virtual X server (Debian: ``apt-get install xvfb``)::

    xvfb-run -s "-screen 0 1920x1080x24" python tools/screenshots.py [--out docs/screenshots]

Every screen is taken at 1280x720; the play screen also at 800x600 and 1920x1080, with
extra-large text and high contrast, and with several people on stage (the board meeting of
``hybrid_pitch``); the knowledge check also with extra-large text. The player's files go to a
temporary home, never to the real one. ``--only learning`` takes just the knowledge check,
ending, debrief and expert's road; ``--only designer`` designer mode; ``--only assessment`` the
Esc menu of an assessment run.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SDL_VIDEODRIVER", "x11")
os.environ["ROLEPLAY_HOME"] = tempfile.mkdtemp(prefix="roleplay-shots-")
os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"

import pygame  # noqa: E402

from roleplay import Runner, Scenario, load_scenario  # noqa: E402
from roleplay.authoring._storyboard import runner_at  # noqa: E402
from roleplay.authoring.solver import expert_path, explore  # noqa: E402
from roleplay.gui.app import App  # noqa: E402
from roleplay.learner.desktop import create_app  # noqa: E402
from roleplay.learner.desktop.navigation import start_session  # noqa: E402
from roleplay.learner.desktop.session import Session  # noqa: E402

SCENARIOS = ROOT / "scenarios"


def press(app: App, key: int, frames: int = 2, mod: int = 0) -> None:
    """Press and release a key (with modifier keys ``mod``), then run a few frames."""
    for kind in (pygame.KEYDOWN, pygame.KEYUP):
        pygame.event.post(pygame.event.Event(kind, key=key, mod=mod, unicode="", scancode=0))
    settle(app, frames)


def settle(app: App, frames: int = 40) -> None:
    """Run frames so that fades, dissolves and the typewriter finish."""
    for _ in range(frames):
        app.step(1 / 30)


def shoot(app: App, out: Path, name: str) -> None:
    """Draw the current frame and save the window's pixels."""
    app.dirty = True
    app.step(0)
    pygame.image.save(app.screen, str(out / f"{name}.png"))
    print("wrote", out / f"{name}.png")


def play_at(app: App, scenario: Scenario, node: str, mode: str = "practice") -> Runner:
    """Start a session standing at ``node`` (reached by playing there) and show its choices."""
    found = explore(scenario, max_states=200_000)
    runner = runner_at(scenario, node, found.node_witness.get(node))
    runner.state.mode = mode  # type: ignore[assignment]
    start_session(app, Session(scenario, runner))
    settle(app, 4)
    top = app.stack.top
    show = getattr(top, "show_choosing", None)
    if show is not None:
        show()
    settle(app)
    return runner


#: Window size, text size and contrast for every screen (``--window``, ``--text-size``, ...).
CONFIG: dict[str, object] = {"window": None, "text_size": 1, "high_contrast": False}


def fresh(size: tuple[int, int], scenarios: Path = SCENARIOS) -> App:
    """A new game window (of ``size``, unless ``--window`` says) at the title screen."""
    pygame.display.quit()
    window = CONFIG["window"]
    app = create_app(
        window if isinstance(window, tuple) else size,
        scenarios_dir=scenarios,
        expert=lambda scenario, taken: expert_path(scenario, taken),
    )
    app.settings.text_size = int(str(CONFIG["text_size"]))
    app.settings.high_contrast = bool(CONFIG["high_contrast"])
    app.apply_settings()
    app.reset("title")
    settle(app, 2)
    return app


def menus(out: Path) -> None:
    """Title, library, mode, settings and quit confirmation at 1280x720."""
    app = fresh((1280, 720))
    press(app, pygame.K_RETURN)  # Scenarios
    shoot(app, out, "library")
    press(app, pygame.K_RETURN)
    shoot(app, out, "mode")
    press(app, pygame.K_p)
    settle(app)
    for _ in range(3):
        press(app, pygame.K_SPACE)
    settle(app)
    shoot(app, out, "play_reading")
    press(app, pygame.K_ESCAPE)
    shoot(app, out, "pause")
    press(app, pygame.K_ESCAPE)
    app.reset("title")
    settle(app, 4)
    shoot(app, out, "title")
    app.push("settings")
    settle(app, 2)
    shoot(app, out, "settings")
    press(app, pygame.K_ESCAPE)
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    settle(app, 2)
    shoot(app, out, "confirm_quit")


def play_sizes(out: Path) -> None:
    """The play screen at its choices, at three window sizes."""
    scenario = load_scenario(SCENARIOS / "hybrid_pitch.yaml")
    sizes = {"play": (1280, 720), "play_800x600": (800, 600), "play_1920x1080": (1920, 1080)}
    for name, size in sizes.items():
        app = fresh(size)
        play_at(app, scenario, "marcus_coffee")
        shoot(app, out, name)


def play_variants(out: Path) -> None:
    """Night lighting, a video call, extra-large text with high contrast, looking back."""
    scenario = load_scenario(SCENARIOS / "no_authority.yaml")
    app = fresh((1280, 720))
    play_at(app, scenario, "orrin_ken_hears")
    play = app.stack.top
    for _ in range(12):
        line = getattr(play, "line", None)
        if line is not None and line.speaker:
            break
        press(app, pygame.K_SPACE)
    settle(app)
    shoot(app, out, "play_night")
    play_at(app, scenario, "victor_checkin")
    shoot(app, out, "play_video_call")
    app.settings.text_size = 3
    app.settings.high_contrast = True
    app.apply_settings()
    play_at(app, load_scenario(SCENARIOS / "reluctant_team.yaml"), "go_no_go")
    shoot(app, out, "play_xl_high_contrast")
    app.settings.text_size = int(str(CONFIG["text_size"]))
    app.settings.high_contrast = bool(CONFIG["high_contrast"])
    app.apply_settings()


def designer(out: Path) -> None:
    """Designer mode (F12) at a node with a locked choice, and its Jump to node picker."""
    scenario = load_scenario(SCENARIOS / "hybrid_pitch.yaml")
    app = fresh((1280, 720))
    play_at(app, scenario, "tom_floor")
    press(app, pygame.K_F12)
    for _ in range(2):  # scroll the panel to the choices
        press(app, pygame.K_DOWN, mod=pygame.KMOD_SHIFT)
    settle(app)
    shoot(app, out, "designer-mode")
    press(app, pygame.K_j)
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text="tom"))
    settle(app, 2)
    shoot(app, out, "designer-jump")
    press(app, pygame.K_ESCAPE)


def wheel_up(app: App) -> None:
    """Turn the mouse wheel up once."""
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1, flipped=False))
    settle(app, 4)


def play_cast(out: Path) -> None:
    """Several people on stage (the board of hybrid_pitch): the speaker lit, the others dimmed."""
    app = fresh((1280, 720))
    play_at(app, load_scenario(SCENARIOS / "hybrid_pitch.yaml"), "tom_question")
    shoot(app, out, "play_cast")


def run_to_debrief(out: Path) -> None:
    """History, saves, load, ending, debrief and road not taken, by playing to the end."""
    os.environ["ROLEPLAY_HOME"] = tempfile.mkdtemp(prefix="roleplay-shots-")
    app = fresh((1280, 720))
    press(app, pygame.K_RETURN)  # Scenarios (no autosave yet: Continue is off)
    press(app, pygame.K_RETURN)
    press(app, pygame.K_p)
    settle(app)
    _play_until(app, lambda top: type(top).__name__ == "EndingScene", save_at=4)
    shoot(app, out, "ending")
    press(app, pygame.K_RETURN)
    _answer_check(app, 2)
    _expert_found(app)
    shoot(app, out, "debrief")
    press(app, pygame.K_RIGHT)
    press(app, pygame.K_RETURN)
    shoot(app, out, "road")


def learning(out: Path) -> None:
    """The knowledge check (answered, also with extra-large text), the debrief's teaching and
    the expert's road, on hybrid_pitch played to an ending that is not its goal."""
    os.environ["ROLEPLAY_HOME"] = tempfile.mkdtemp(prefix="roleplay-shots-")
    for text_size, name in ((int(str(CONFIG["text_size"])), "desktop-check"), (3, None)):
        app = fresh((1280, 720))
        app.settings.text_size = text_size
        app.apply_settings()
        start_session(app, Session.new(load_scenario(SCENARIOS / "hybrid_pitch.yaml")))
        settle(app, 14)
        _answer_wrong(app)
        shoot(app, out, name or "desktop-check-xl")
    press(app, pygame.K_ESCAPE)  # skip the rest
    settle(app)
    _play_until(app, lambda top: type(top).__name__ == "EndingScene", save_at=0, pick=-1)
    press(app, pygame.K_RETURN)
    settle(app)
    shoot(app, out, "desktop-check-after-xl")
    _answer_check(app, 2)
    app.settings.text_size = int(str(CONFIG["text_size"]))
    app.apply_settings()
    _expert_found(app)
    for _ in range(4):
        press(app, pygame.K_DOWN)
    shoot(app, out, "desktop-debrief-why")
    press(app, pygame.K_e)
    shoot(app, out, "desktop-debrief-expert")


def _answer_wrong(app: App) -> None:
    """Answer the question shown with a wrong option, so the feedback names the right one."""
    scene = app.stack.top
    spec = scene.spec  # type: ignore[attr-defined]
    wrong = next(o.number for o in scene.question.options if not spec.options[o.index].correct)  # type: ignore[attr-defined]
    press(app, getattr(pygame, f"K_{wrong}"))
    settle(app, 14)


def _answer_check(app: App, number: int) -> None:
    """Answer every question of the knowledge check on screen with option ``number``."""
    while type(app.stack.top).__name__ == "CheckScene":
        settle(app, 14)
        press(app, getattr(pygame, f"K_{number}"))
        settle(app, 14)
        press(app, pygame.K_RETURN)
    settle(app)


def _expert_found(app: App) -> None:
    """Wait until the debrief has the expert's road."""
    search = getattr(app.stack.top, "search", None)
    if search is not None:
        search.wait(120)
    settle(app, 4)


def _play_until(app: App, done: Callable[[object], bool], save_at: int, pick: int = 0) -> None:
    """Play (the choice at ``pick`` among those available; the check by Enter) until ``done``."""
    from roleplay.learner.desktop.scenes.play import PlayScene

    decisions = 0
    for _ in range(3000):
        top = app.stack.top
        if done(top):
            return
        if isinstance(top, PlayScene) and top.choosing:
            settle(app, 14)
            numbers = [c.number for c in top.view.choices if c.available]
            press(app, getattr(pygame, f"K_{numbers[pick]}"))
            decisions += 1
            if decisions == save_at:
                _shoot_menus_midway(app, top)
        else:
            press(app, pygame.K_RETURN, frames=1)
    raise RuntimeError("the scenario never ended")


def _shoot_menus_midway(app: App, play: object) -> None:
    out = Path(os.environ["SHOTS_OUT"])
    settle(app)
    wheel_up(app)
    wheel_up(app)
    shoot(app, out, "play_looking_back")
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_h)
    shoot(app, out, "history")
    press(app, pygame.K_ESCAPE)
    for slot in range(2):
        app.push("saves", saving=True, session=play.session, thumbnail=play.thumbnail)  # type: ignore[attr-defined]
        settle(app, 2)
        for _ in range(slot):
            press(app, pygame.K_RIGHT)
        press(app, pygame.K_RETURN)
        if slot == 1:
            shoot(app, out, "saves")
        press(app, pygame.K_ESCAPE)
    app.push("saves", saving=False)
    settle(app, 2)
    shoot(app, out, "load")
    press(app, pygame.K_ESCAPE)


def assessment(out: Path) -> None:
    """The Esc menu of an assessment run: Save is the run's one save, Load is off and says why."""
    app = fresh((1280, 720))
    play_at(app, load_scenario(SCENARIOS / "sample_rota.yaml"), "kitchen", mode="assessment")
    press(app, pygame.K_ESCAPE)  # the knowledge check asked first: skipped
    app.stack.top.show_choosing()  # type: ignore[attr-defined]
    settle(app)
    press(app, pygame.K_ESCAPE)
    settle(app, 10)
    shoot(app, out, "pause-assessment")


TAKES: dict[str, Callable[[Path], None]] = {
    "menus": menus,
    "play_sizes": play_sizes,
    "play_variants": play_variants,
    "play_cast": play_cast,
    "designer": designer,
    "run_to_debrief": run_to_debrief,
    "learning": learning,
    "assessment": assessment,
}


def main(argv: list[str] | None = None) -> int:
    """Take every screenshot into ``--out``."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--window", help="every screen at this size, e.g. 800x600")
    parser.add_argument("--text-size", type=int, default=1, help="0 small ... 3 extra large")
    parser.add_argument("--high-contrast", action="store_true")
    parser.add_argument(
        "--only", nargs="+", metavar="TAKE", choices=sorted(TAKES), help="only these takes"
    )
    args = parser.parse_args(argv)
    if args.window:
        width, height = (int(n) for n in args.window.lower().split("x"))
        CONFIG["window"] = (width, height)
    CONFIG["text_size"] = args.text_size
    CONFIG["high_contrast"] = args.high_contrast
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    os.environ["SHOTS_OUT"] = str(out)
    for name in args.only or list(TAKES):
        TAKES[name](out)
    pygame.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
