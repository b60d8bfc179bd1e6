"""The game application: window, main loop, scene stack and shared services."""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pygame

from roleplay.gui import storage
from roleplay.gui.painter import LOGICAL_H, LOGICAL_W, FRect, Painter, Viewport
from roleplay.gui.resources import Resources
from roleplay.gui.scene import OnDismiss, Scene, SceneFactory, SceneRegistry, SceneStack
from roleplay.gui.settings import Settings, load_settings, save_settings
from roleplay.gui.speech import Voice
from roleplay.gui.theme import theme_for

FPS_ACTIVE = 60
FPS_IDLE = 30
MAX_DT = 0.1
SCREENSHOT_ENV = "ROLEPLAY_SCREENSHOT_DIR"
TOAST_SIZE = 17
FRAMEBUFFER_HINT = "SDL_FRAMEBUFFER_ACCELERATION"


def _software_framebuffer() -> None:
    """On X11, show frames with X11's own shared-memory images rather than through OpenGL.

    Every frame is drawn in software onto the window surface; by default SDL then uploads it as
    an OpenGL texture, which loads the system's GL driver (with Mesa's software GL, as in VMs and
    remote desktops, 60 MB of LLVM and a third of a second at start-up) to show the same pixels.
    The player's own setting of the hint wins.
    """
    if pygame.display.get_driver() == "x11":
        os.environ.setdefault(FRAMEBUFFER_HINT, "0")


class App:
    """Owns the window, the scene stack, settings and services; runs the main loop."""

    def __init__(
        self, size: tuple[int, int] = (LOGICAL_W, LOGICAL_H), scenarios_dir: Path | None = None
    ) -> None:
        """Open the window (honouring the saved fullscreen setting) and set up services."""
        pygame.display.init()
        _software_framebuffer()
        pygame.font.init()
        pygame.display.set_caption("Roleplay — practise workplace influence")
        pygame.key.set_repeat(350, 40)
        self.settings: Settings = load_settings()
        storage.sweep_leftovers()  # temp files of writes killed last time
        self.windowed_size = size
        self.screen = self._open_window()
        self.resources = Resources()
        self.viewport = Viewport.fit(self.screen.get_size())
        self.painter = self._make_painter()
        self.stack = SceneStack()
        self.scenes = SceneRegistry()
        self.clock = pygame.time.Clock()
        self.voice = Voice(self.settings.self_voicing)
        self.scenarios_dir = scenarios_dir
        self.running = True
        self.dirty = True
        self.animating = False
        self.frames_drawn = 0
        self.started = time.perf_counter()
        self.toast_text = ""
        self.toast_left = 0.0
        #: Designer mode (``roleplay play --designer``, or F12 while playing): the play screen
        #: shows the designer overlay and the debrief offers "Save as test".
        self.designer = False
        #: Started with ``--designer``: designer mode may be switched on in assessment mode too.
        self.designer_launched = False
        #: Asks the player before quitting: called with a function to answer True (quit) or
        #: False. None quits at once.
        self.quit_guard: Callable[[Callable[[bool], None]], None] | None = None
        self._quit_asked = False

    # -- window ------------------------------------------------------------------------------
    def _open_window(self) -> pygame.Surface:
        if self.settings.fullscreen:
            return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        return pygame.display.set_mode(self.windowed_size, pygame.RESIZABLE)

    def _make_painter(self) -> Painter:
        theme = theme_for(self.settings.high_contrast)
        return Painter(self.screen, self.viewport, self.resources, theme, self.settings.text_scale)

    def _on_resize(self) -> None:
        surface = pygame.display.get_surface()
        self.screen = surface if surface is not None else self._open_window()
        self.viewport = Viewport.fit(self.screen.get_size())
        self.painter = self._make_painter()
        self.dirty = True

    def toggle_fullscreen(self) -> None:
        """Switch between a resizable window and fullscreen, and remember the choice."""
        if not self.settings.fullscreen:
            self.windowed_size = self.screen.get_size()
        self.settings.fullscreen = not self.settings.fullscreen
        self.screen = self._open_window()
        self._on_resize()
        save_settings(self.settings)

    def apply_settings(self) -> None:
        """Save settings and apply those that change drawing or speech."""
        save_settings(self.settings)
        self.voice.enabled = self.settings.self_voicing
        if not self.settings.self_voicing:
            self.voice.stop()
        self.painter = self._make_painter()
        self.dirty = True

    # -- scenes ------------------------------------------------------------------------------
    def register(self, name: str, factory: SceneFactory) -> None:
        """Let scenes open ``factory(app, **params)`` by ``name`` (see :meth:`push`)."""
        self.scenes.register(name, factory)

    def _scene(self, scene: Scene | str, params: dict[str, Any]) -> Scene:
        if isinstance(scene, str):
            return self.scenes.create(self, scene, params)
        if params:
            raise TypeError("parameters are for scenes opened by name")
        return scene

    def push(
        self, scene: Scene | str, /, *, on_dismiss: OnDismiss | None = None, **params: Any
    ) -> Scene:
        """Show a scene (or the one registered as that name, built with ``params``) on top.

        When it calls :meth:`Scene.dismiss`, ``on_dismiss`` receives its result.
        """
        shown = self._scene(scene, params)
        shown.on_dismiss = on_dismiss
        self.stack.push(shown)
        self.dirty = True
        return shown

    def dismiss(self, scene: Scene, result: object = None) -> None:
        """Close ``scene`` (the top one), then call its ``on_dismiss`` with ``result``."""
        if self.stack.top is not scene:
            raise RuntimeError(f"only the top scene can be dismissed, not {type(scene).__name__}")
        self.stack.pop()
        self.dirty = True
        callback, scene.on_dismiss = scene.on_dismiss, None
        if callback is not None:
            callback(result)

    def pop(self) -> None:
        """Close the top scene without a result."""
        top = self.stack.top
        if top is not None:
            self.dismiss(top)

    def replace(self, scene: Scene | str, /, **params: Any) -> Scene:
        """Swap the top scene (nobody hears back from the one replaced)."""
        shown = self._scene(scene, params)
        self.stack.replace(shown)
        self.dirty = True
        return shown

    def reset(self, scene: Scene | str, /, **params: Any) -> Scene:
        """Make a scene the only one."""
        shown = self._scene(scene, params)
        self.stack.reset(shown)
        self.dirty = True
        return shown

    def quit(self) -> None:
        """Stop the main loop after this frame."""
        self.running = False

    def request_quit(self) -> None:
        """Quit, once the quit guard (if any) has asked; asking again while it asks quits."""
        if self.quit_guard is None or self._quit_asked:
            self.quit()
            return
        self._quit_asked = True
        self.quit_guard(self._quit_answered)

    def _quit_answered(self, yes: bool) -> None:
        self._quit_asked = False
        if yes:
            self.quit()

    def toast(self, text: str, seconds: float = 2.4) -> None:
        """Show a short message at the top of the screen (saved, rewound, ...)."""
        self.toast_text = text
        self.toast_left = seconds
        self.voice.say(text)
        self.dirty = True

    def toast_rect(self) -> FRect:
        """Where the notice is drawn: at the top centre, moved clear of anything the top
        scene lets the player click (:meth:`Scene.interactive_rects`)."""
        painter = self.painter
        width = painter.text_width(self.toast_text, TOAST_SIZE, "bold") + 48
        height = max(42.0, painter.line_height(TOAST_SIZE, "bold") + 16)
        top = self.stack.top
        busy = top.interactive_rects(painter) if top is not None else ()
        return clear_spot(width, height, busy)

    def logical(self, event: pygame.event.Event) -> tuple[float, float] | None:
        """Return the logical mouse position of a mouse event, or None."""
        pos = getattr(event, "pos", None)
        return self.viewport.to_logical(pos) if pos is not None else None

    # -- loop --------------------------------------------------------------------------------
    def run(self) -> int:
        """Run frames until the player quits; returns the exit code."""
        gc.freeze()  # start-up objects never need collecting: keeps GC pauses out of frames
        while self.running and self.stack.top is not None:
            self.frame()
        self.voice.stop()
        return 0

    def frame(self) -> None:
        """One iteration: wait (60 fps animating, 30 fps idle), dispatch input, update, draw."""
        dt = self.clock.tick(FPS_ACTIVE if self.animating else FPS_IDLE) / 1000
        self.step(dt)

    def step(self, dt: float) -> None:
        """Process queued input, advance animations by dt seconds and redraw when needed."""
        dt = min(dt, MAX_DT)
        notices = storage.take_notices()  # a file the game could not read or write
        if notices:
            self.toast(" · ".join(notices), seconds=4.0)
        for event in pygame.event.get():
            self.dispatch(event)
        top = self.stack.top
        self.animating = top is not None and top.update(dt)
        if self.toast_left > 0:
            self.toast_left -= dt
            self.animating = True
            self.dirty = self.dirty or self.toast_left <= 0
        if self.dirty or self.animating:
            self.draw()

    def dispatch(self, event: pygame.event.Event) -> None:
        """Handle window-level events, then pass the event to the top scene."""
        if event.type == pygame.QUIT:
            self.request_quit()
            return
        if event.type in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
            self._on_resize()
            return
        if event.type in (pygame.WINDOWEXPOSED, pygame.WINDOWRESTORED, pygame.WINDOWSHOWN):
            self.dirty = True
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F11:
            self.toggle_fullscreen()
            return
        if (
            event.type == pygame.KEYDOWN
            and event.key == pygame.K_F12
            and getattr(event, "mod", 0) & pygame.KMOD_SHIFT
        ):
            self.screenshot()  # Shift+F12; F12 alone is the play screen's designer mode
            return
        top = self.stack.top
        if top is not None and event.type in INPUT_EVENTS:
            top.handle_event(event)
            self.dirty = True

    def draw(self) -> None:
        """Draw the visible scenes bottom-up and flip."""
        visible = self.stack.visible()
        letterboxed = self.viewport.offset_x or self.viewport.offset_y
        if letterboxed or not visible or not visible[0].full_bleed:
            self.painter.clear()
        for scene in visible:
            scene.draw(self.painter)
        if self.toast_left > 0:
            draw_toast(self.painter, self.toast_text, self.toast_rect())
        pygame.display.flip()
        self.dirty = False
        self.frames_drawn += 1

    def render_offscreen(self, scene: Scene, size: tuple[int, int]) -> pygame.Surface:
        """Draw one scene alone onto a new surface of size (used for save thumbnails)."""
        surface = pygame.Surface(size)
        painter = Painter(
            surface,
            Viewport.fit(size),
            self.resources,
            theme_for(self.settings.high_contrast),
            self.settings.text_scale,
        )
        painter.thumbnail = True
        painter.clear()
        scene.draw(painter)
        return surface

    def screenshot(self, name: str | None = None) -> Path | None:
        """Save the current frame as PNG into $ROLEPLAY_SCREENSHOT_DIR (when set)."""
        folder = os.environ.get(SCREENSHOT_ENV)
        if not folder:
            return None
        path = Path(folder) / f"{name or type(self.stack.top).__name__.lower()}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        pygame.image.save(self.screen, str(path))
        return path


def clear_spot(width: float, height: float, busy: Sequence[FRect]) -> FRect:
    """A notice's rect of that size: the top centre, else the first of a few other free
    places (top corners, bottom centre, middle) that touches none of ``busy``."""
    width = min(width, LOGICAL_W - 16)
    spots = [
        ((LOGICAL_W - width) / 2, 18.0),
        (24.0, 18.0),
        (LOGICAL_W - 24 - width, 18.0),
        ((LOGICAL_W - width) / 2, LOGICAL_H - height - 48),
        ((LOGICAL_W - width) / 2, (LOGICAL_H - height) / 2),
    ]
    rects = [FRect(x, y, width, height) for x, y in spots]
    for rect in rects:
        if rect.collidelist(list(busy)) < 0:
            return rect
    return rects[0]


def draw_toast(painter: Painter, text: str, box: FRect | None = None) -> None:
    """Draw a small notice in ``box`` (default: centred at the top of the screen)."""
    if box is None:
        width = painter.text_width(text, TOAST_SIZE, "bold") + 48
        box = FRect((LOGICAL_W - width) / 2, 18, width, 42)
    radius = box.height / 2
    painter.rect(box, (*painter.theme.panel_raised[:3], 250), radius=radius)
    painter.rect(box, (*painter.theme.accent, 255), radius=radius, width=1.5)
    painter.text(text, box.center, TOAST_SIZE, painter.theme.text, "bold", anchor="center")


INPUT_EVENTS = frozenset(
    {
        pygame.KEYDOWN,
        pygame.KEYUP,
        pygame.MOUSEBUTTONDOWN,
        pygame.MOUSEBUTTONUP,
        pygame.MOUSEMOTION,
        pygame.MOUSEWHEEL,
        pygame.TEXTINPUT,
    }
)
