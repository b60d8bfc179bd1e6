"""The host's windows: the projector (the app's main window) and the facilitator's own window.

With two displays the facilitator view opens in a second ``pygame.Window``; with one (or mirrored
displays) Tab switches the main window between the two views. The game loop drains the phones'
queue every frame through :meth:`HostRuntime.pump`. Mouse events are routed to the window they
happened in and looked up in that window's :class:`HitMap` (what was drawn there last).
"""

from __future__ import annotations

import time

import pygame

from roleplay.facilitator._guide import guide_notes
from roleplay.facilitator._host import HostRuntime
from roleplay.facilitator.desktop.controls import Controls
from roleplay.facilitator.desktop.desk import draw_desk
from roleplay.facilitator.desktop.pointer import HitMap
from roleplay.facilitator.desktop.projector import draw_projector
from roleplay.facilitator.desktop.staging import TOOLBAR_BACKING
from roleplay.gui.app import App
from roleplay.gui.painter import LOGICAL_H, LOGICAL_W, Painter, Viewport
from roleplay.gui.scene import Scene
from roleplay.gui.theme import theme_for

DESK_INTERVAL = 1 / 15  # the facilitator window is redrawn at most this often
TOOLBAR_SECONDS = 3.0  # the projector's toolbar stays this long after the mouse last moved


class HostScene(Scene):
    """The one scene of the host app: pumps the phones' queue and draws the room's view."""

    def __init__(self, app: HostApp) -> None:
        super().__init__(app)
        self.host = app
        self._toolbar_was = False

    def update(self, dt: float) -> bool:
        session = self.host.runtime.session
        if self.host.runtime.pump(0) or session.active_timer() is not None:
            self.host.dirty = True
        if self.host.controls.quit_requested:
            self.host.quit()
        controls = self.host.controls
        if controls.end_armed_until and controls.end_armed_until <= time.monotonic():
            controls.end_armed_until = 0.0  # the End button asks again next time
            self.host.dirty = True
        shown = self.host.toolbar_shown
        if shown != self._toolbar_was:  # one more frame to draw it, or to take it away
            self._toolbar_was = shown
            self.host.dirty = True
        timed = session.discussion is not None and session.discussion.timer is not None
        return timed or shown or controls.end_armed_until > 0

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN:
            self.host.controls.key(event)
        else:
            self.host.pointer(event, desk=False)

    def draw(self, painter: Painter) -> None:
        host = self.host
        hover = host.hover["main"]
        if host.showing_desk:
            draw_desk(painter, host.runtime, host.controls, host.current_notes(), host.hits, hover)
        else:
            draw_projector(
                painter, host.runtime, host.controls, host.hits, hover, toolbar=host.toolbar_shown
            )


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
        self.hits = HitMap()  # the main window's clickable areas
        self.desk_hits = HitMap()
        self.hover: dict[str, tuple[float, float] | None] = {"main": None, "desk": None}
        self.moved_at = -TOOLBAR_SECONDS  # when the mouse last moved over the projector
        pygame.display.set_caption(f"roleplay: room {runtime.session.room.code}")
        self.reset(HostScene(self))

    @property
    def showing_desk(self) -> bool:
        """True when the main window shows the facilitator view (one screen, after Tab)."""
        return self.controls.desk_view and self.desk is None

    @property
    def toolbar_shown(self) -> bool:
        """True while the projector's toolbar is up (the mouse moved a moment ago, or rests on
        the toolbar)."""
        if self.showing_desk:
            return False
        hover = self.hover["main"]
        resting = hover is not None and TOOLBAR_BACKING.collidepoint(hover)
        return resting or time.monotonic() - self.moved_at < TOOLBAR_SECONDS

    def pointer(self, event: pygame.event.Event, *, desk: bool) -> None:
        """A mouse event in the projector (main) window or the facilitator window."""
        window = "desk" if desk else "main"
        if desk and self.desk is not None:
            viewport = Viewport.fit(self.desk.get_surface().get_size())
        else:
            viewport = self.viewport
        pos = getattr(event, "pos", None)
        logical = viewport.to_logical(pos) if pos is not None else None
        if event.type == pygame.MOUSEMOTION:
            self.hover[window] = logical
            if not desk:
                self.moved_at = time.monotonic()
        elif event.type == pygame.MOUSEBUTTONUP and logical is not None:
            self.controls.message = ""
            (self.desk_hits if desk else self.hits).click(event, logical)
        elif event.type == pygame.WINDOWLEAVE:
            self.hover[window] = None
        self.dirty = True
        if desk:
            self.draw_desk(force=True)

    def current_notes(self) -> str:
        """The guide's note on the scene being played ('' when there is none)."""
        return self.notes.get(self.runtime.session.view.node_id, "")

    def dispatch(self, event: pygame.event.Event) -> None:
        window = getattr(event, "window", None)
        if event.type == pygame.WINDOWCLOSE and self.desk is not None and window == self.desk:
            self.desk.destroy()
            self.desk = None  # Tab now shows the facilitator view in the main window
            return
        if self.desk is not None and window == self.desk and event.type in POINTER_EVENTS:
            self.pointer(event, desk=True)
            return
        if event.type == pygame.WINDOWLEAVE and window is None:
            self.hover["main"] = None
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
        draw_desk(
            painter,
            self.runtime,
            self.controls,
            self.current_notes(),
            self.desk_hits,
            self.hover["desk"],
        )
        self.desk.flip()


POINTER_EVENTS = frozenset(
    {pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.WINDOWLEAVE}
)


def run_windows(runtime: HostRuntime, *, desk_window: bool | None = None) -> int:
    """Run the projector and facilitator windows until the facilitator quits."""
    try:
        app = HostApp(runtime, desk_window=desk_window)
        app.run()
    finally:
        runtime.close("quit")
        pygame.quit()
    return 0
