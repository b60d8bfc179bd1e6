"""The desktop game for learners: title, library, play, saves, settings and debrief screens.

`run_game` is the entry point the command line calls; `render_node_frames` lets designer tools
ask the real play screen for pictures of nodes without importing any scene.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from roleplay import Scenario

__all__ = ["run_game"]


def run_game(
    scenario: Scenario | None = None,
    *,
    size: tuple[int, int] = (1280, 720),
    scenarios_dir: Path | None = None,
    mode: str = "practice",
) -> int:
    """Open the window at the title screen (or straight into ``scenario``); return the exit code."""
    import pygame

    from roleplay.gui.app import App
    from roleplay.learner.desktop.scenes.play import start_session
    from roleplay.learner.desktop.scenes.title import TitleScene
    from roleplay.learner.desktop.session import Session

    started = time.perf_counter()
    app = App(size, scenarios_dir=scenarios_dir)
    app.started = started
    app.reset(TitleScene(app))
    if scenario is not None:
        start_session(app, Session.new(scenario, mode))
    try:
        return app.run()
    finally:
        pygame.quit()
