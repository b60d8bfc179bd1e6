"""The host's windows: the projector (the app's main window) and the facilitator's own window.

With two displays the facilitator view opens in a second ``pygame.Window``; with one (or mirrored
displays) Tab switches the main window between the two views. The game loop drains the phones'
queue every frame through :meth:`HostRuntime.pump`.
"""

from __future__ import annotations

import time

import pygame

from roleplay.facilitator._guide import guide_notes
from roleplay.facilitator._host import HostRuntime
from roleplay.facilitator.desktop.controls import Controls
from roleplay.facilitator.desktop.desk import draw_desk
from roleplay.facilitator.desktop.projector import draw_projector
from roleplay.gui.app import App
from roleplay.gui.painter import LOGICAL_H, LOGICAL_W, Painter, Viewport
from roleplay.gui.scene import Scene
from roleplay.gui.theme import theme_for

DESK_INTERVAL = 1 / 15  # the facilitator window is redrawn at most this often


class HostScene(Scene):
    """The one scene of the host app: pumps the phones' queue and draws the room's view."""

    def __init__(self, app: HostApp) -> None:
        super().__init__(app)
        self.host = app

    def update(self, dt: float) -> bool:
        session = self.host.runtime.session
        if self.host.runtime.pump(0) or (session.round is not None and session.round.open):
            self.host.dirty = True
        if self.host.controls.quit_requested:
            self.host.quit()
        return session.discussion is not None and session.discussion.timer is not None

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN:
            self.host.controls.key(event)

    def draw(self, painter: Painter) -> None:
        host = self.host
        if host.controls.desk_view and host.desk is None:
            draw_desk(painter, host.runtime, host.controls, host.current_notes())
        else:
            draw_projector(painter, host.runtime, host.controls)


class HostApp(App):
    """The game app with the host's scene, its controls and an optional facilitator window."""

    def __init__(self, runtime: HostRuntime, *, desk_window: bool | None = None) -> None:
        super().__init__()
        self.runtime = runtime
        self.controls = Controls(runtime)
        self.notes = guide_notes(runtime.session.scenario)
        if desk_window is None:
            desk_window = pygame.display.get_num_displays() >= 2
        self.desk: pygame.Window | None = None
        if desk_window:
            self.desk = pygame.Window(
                "roleplay: facilitator", (LOGICAL_W, LOGICAL_H), resizable=True
            )
        self._desk_drawn = 0.0
        pygame.display.set_caption(f"roleplay: room {runtime.session.room.code}")
        self.reset(HostScene(self))

    def current_notes(self) -> str:
        """The guide's note on the scene being played ('' when there is none)."""
        return self.notes.get(self.runtime.session.view.node_id, "")

    def dispatch(self, event: pygame.event.Event) -> None:
        window = getattr(event, "window", None)
        if event.type == pygame.WINDOWCLOSE and self.desk is not None and window == self.desk:
            self.desk.destroy()
            self.desk = None  # Tab now shows the facilitator view in the main window
            return
        super().dispatch(event)

    def step(self, dt: float) -> None:
        super().step(dt)
        self.draw_desk()

    def draw_desk(self, force: bool = False) -> None:
        """Redraw the facilitator window (at most every DESK_INTERVAL s unless forced)."""
        now = time.monotonic()
        if self.desk is None or (not force and now - self._desk_drawn < DESK_INTERVAL):
            return
        self._desk_drawn = now
        surface = self.desk.get_surface()
        painter = Painter(
            surface,
            Viewport.fit(surface.get_size()),
            self.resources,
            theme_for(self.settings.high_contrast),
            1.0,
        )
        draw_desk(painter, self.runtime, self.controls, self.current_notes())
        self.desk.flip()


def run_windows(runtime: HostRuntime, *, desk_window: bool | None = None) -> int:
    """Run the projector and facilitator windows until the facilitator quits."""
    try:
        app = HostApp(runtime, desk_window=desk_window)
        app.run()
    finally:
        runtime.close("quit")
        pygame.quit()
    return 0
