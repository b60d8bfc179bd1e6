"""Pictures of beats drawn by the real play screen, without a window (for storyboards).

pygame is imported only inside :func:`headless`, so that its drivers and banner are set first.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from roleplay.learner.desktop.session import Session

if TYPE_CHECKING:
    import pygame

    from roleplay import Runner, Scenario
    from roleplay.gui.app import App

_ENVIRONMENT = ("SDL_VIDEODRIVER", "SDL_AUDIODRIVER", "ROLEPLAY_HOME", "PYGAME_HIDE_SUPPORT_PROMPT")


@contextlib.contextmanager
def headless() -> Iterator[None]:
    """Dummy SDL drivers and a throw-away game home, restored afterwards."""
    saved = {name: os.environ.get(name) for name in _ENVIRONMENT}
    with tempfile.TemporaryDirectory(prefix="roleplay-frames-") as home:
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
        os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
        os.environ["ROLEPLAY_HOME"] = home
        os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"
        try:
            yield
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


def render_frames(
    scenario: Scenario, runners: Mapping[str, Runner], size: tuple[int, int]
) -> dict[str, bytes]:
    """PNG bytes by node id: each runner's beat at its choosing moment (see the package)."""
    with headless():
        import pygame

        from roleplay.gui.resources import encode_png
        from roleplay.learner.desktop import create_app

        app = create_app(size)
        try:
            return {
                node_id: encode_png(_frame(app, _at_last_line(scenario, runner), size))
                for node_id, runner in runners.items()
            }
        finally:
            pygame.quit()


def _at_last_line(scenario: Scenario, runner: Runner) -> Session:
    """A session on a copy of ``runner`` reading its beat's last line, so that the play screen
    opens on that line as it resumes a save: with that line's speaker, name and portrait."""
    from roleplay import Runner

    copy = Runner(scenario, runner.state.copy())
    copy.set_line(max(len(copy.view().lines) - 1, 0))
    return Session(scenario, copy)


def _frame(app: App, session: Session, size: tuple[int, int]) -> pygame.Surface:
    import pygame

    from roleplay.gui.painter import Painter, Viewport
    from roleplay.gui.theme import theme_for
    from roleplay.learner.desktop.scenes.play import PlayScene

    scene = PlayScene(app, session)
    scene.show_choosing()  # the typewriter done and no fade; the line is already the last one
    surface = pygame.Surface(size)
    painter = Painter(surface, Viewport.fit(size), app.resources, theme_for(False))
    painter.clear()
    scene.draw(painter)
    return surface
