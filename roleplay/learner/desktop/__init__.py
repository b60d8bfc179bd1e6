"""The desktop game for learners: title, library, play, saves, settings and debrief screens.

`run_game` is the entry point the command line calls; `render_node_frames` lets designer tools
ask the real play screen for pictures of nodes without importing any scene. pygame is imported
only when one of them is called.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from roleplay import GameState, Runner, Scenario
    from roleplay.gui.app import App
    from roleplay.learner.text import ExpertFinder

__all__ = ["create_app", "open_game", "render_node_frames", "run_game"]

FRAME_SIZE = (960, 540)


def create_app(
    size: tuple[int, int] = (1280, 720),
    scenarios_dir: Path | None = None,
    expert: ExpertFinder | None = None,
) -> App:
    """Open the game window with every scene registered, showing nothing yet. ``expert``
    finds the expert's road the debrief shows (see :func:`roleplay.learner.text.play_text`)."""
    from roleplay.gui.app import App
    from roleplay.learner.desktop._routes import register_scenes
    from roleplay.learner.desktop.navigation import guard_quitting
    from roleplay.learner.desktop.records import solo_records

    app = App(size, scenarios_dir=scenarios_dir)
    register_scenes(app, expert)
    guard_quitting(app)
    solo_records(app)  # statements an earlier run left waiting go out now
    return app


def run_game(
    scenario: Scenario | None = None,
    *,
    size: tuple[int, int] = (1280, 720),
    scenarios_dir: Path | None = None,
    mode: str = "practice",
    state: GameState | None = None,
    designer: bool = False,
    expert: ExpertFinder | None = None,
) -> int:
    """Open the window at the title screen (or straight into ``scenario``); return the exit code.

    ``state`` starts the scenario there instead of at its start (``roleplay play --from``; see
    :func:`roleplay.start_state`); its own mode then applies. ``designer`` starts in designer
    mode (``roleplay play --designer``), allowed in assessment mode too. ``expert`` finds the
    expert's road for the debrief.
    """
    import pygame

    from roleplay.learner.desktop.records import close_solo_records

    started = time.perf_counter()
    app = open_game(
        scenario,
        size=size,
        scenarios_dir=scenarios_dir,
        mode=mode,
        state=state,
        designer=designer,
        expert=expert,
    )
    app.started = started
    try:
        return app.run()
    finally:
        close_solo_records(app)  # a short last try; what is left waits for the next start
        pygame.quit()


def open_game(
    scenario: Scenario | None = None,
    *,
    size: tuple[int, int] = (1280, 720),
    scenarios_dir: Path | None = None,
    mode: str = "practice",
    state: GameState | None = None,
    designer: bool = False,
    expert: ExpertFinder | None = None,
) -> App:
    """The game window as :func:`run_game` opens it, before its loop runs (for tests and tools)."""
    from roleplay.learner.desktop.navigation import start_scenario

    app = create_app(size, scenarios_dir, expert)
    app.designer = app.designer_launched = designer
    if scenario is None:
        app.reset("title")
    else:
        start_scenario(app, scenario, mode, state)
    return app


def render_node_frames(
    scenario: Scenario, runners: Mapping[str, Runner], size: tuple[int, int] = FRAME_SIZE
) -> dict[str, bytes]:
    """Draw each runner's beat as the play screen shows it when the player chooses: PNG bytes
    by node id. Headless (dummy video driver) and with a throw-away game home, so it opens no
    window and touches none of the player's files."""
    from roleplay.learner.desktop._frames import render_frames

    return render_frames(scenario, runners, size)
