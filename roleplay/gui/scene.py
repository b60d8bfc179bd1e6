"""Scenes, the stack the app runs, and the registry that names them.

Scenes never construct each other. A scene asks the app for another one by name
(``app.push("settings")``) and hears back through a callback when that scene calls
:meth:`Scene.dismiss` with its result, in the manner of Textual's
``push_screen(name, callback)`` / ``dismiss(result)``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import pygame

if TYPE_CHECKING:
    from roleplay.gui.app import App
    from roleplay.gui.painter import FRect, Painter

#: Builds a scene: called as ``factory(app, **params)``.
SceneFactory = Callable[..., "Scene"]
#: Receives a dismissed scene's result (None when it was closed without one).
OnDismiss = Callable[[Any], None]


class Scene:
    """One screen. draw() only reads state; all changes happen in the other methods."""

    #: False for overlays (pause menu, dialogs): the scene below is drawn first.
    opaque: bool = True
    #: True when draw() paints every pixel of the logical canvas (no need to clear first).
    full_bleed: bool = False

    def __init__(self, app: App) -> None:
        """Keep a reference to the app (settings, services, scene stack)."""
        self.app = app
        self.on_dismiss: OnDismiss | None = None

    def enter(self) -> None:
        """Called when the scene becomes the top of the stack (pushed or uncovered)."""

    def exit(self) -> None:
        """Called when the scene stops being the top (popped or covered)."""

    def handle_event(self, event: pygame.event.Event) -> None:
        """React to one input event (mouse positions are window pixels)."""

    def update(self, dt: float) -> bool:
        """Advance animations by dt seconds; return True while something is animating."""
        return False

    def draw(self, painter: Painter) -> None:
        """Draw the scene. Must not change any state."""

    def interactive_rects(self, painter: Painter) -> Sequence[FRect]:
        """What the player can click now (logical rects): notices are placed clear of them.
        Like draw, it must not change any state."""
        return ()

    def dismiss(self, result: object = None) -> None:
        """Close this scene (it must be the top one) and hand ``result`` to whoever pushed it."""
        self.app.dismiss(self, result)


class SceneRegistry:
    """Scene factories by name, so that scenes can open each other without importing."""

    def __init__(self) -> None:
        """Start with no scenes."""
        self._factories: dict[str, SceneFactory] = {}

    def register(self, name: str, factory: SceneFactory) -> None:
        """Make ``factory(app, **params)`` the scene opened by ``name``; a name is taken once."""
        if name in self._factories:
            raise ValueError(f"a scene is already registered as {name!r}")
        self._factories[name] = factory

    def create(self, app: App, name: str, params: dict[str, Any]) -> Scene:
        """Build the scene registered as ``name`` with ``params``."""
        factory = self._factories.get(name)
        if factory is None:
            known = ", ".join(sorted(self._factories)) or "none"
            raise KeyError(f"no scene is registered as {name!r} (registered: {known})")
        return factory(app, **params)

    def names(self) -> tuple[str, ...]:
        """The registered names, in registration order."""
        return tuple(self._factories)

    def __contains__(self, name: object) -> bool:
        return name in self._factories


class SceneStack:
    """A stack of scenes; the top one receives input, visible ones are drawn bottom-up."""

    def __init__(self) -> None:
        """Start empty."""
        self.scenes: list[Scene] = []

    @property
    def top(self) -> Scene | None:
        """The scene receiving input, or None when the stack is empty."""
        return self.scenes[-1] if self.scenes else None

    def push(self, scene: Scene) -> None:
        """Cover the current top with scene."""
        if self.scenes:
            self.scenes[-1].exit()
        self.scenes.append(scene)
        scene.enter()

    def pop(self) -> Scene | None:
        """Remove the top scene and uncover the one below."""
        if not self.scenes:
            return None
        scene = self.scenes.pop()
        scene.exit()
        if self.scenes:
            self.scenes[-1].enter()
        return scene

    def replace(self, scene: Scene) -> None:
        """Swap the top scene for another."""
        if self.scenes:
            self.scenes.pop().exit()
        self.scenes.append(scene)
        scene.enter()

    def reset(self, scene: Scene) -> None:
        """Drop every scene and start over with scene."""
        while self.scenes:
            self.scenes.pop().exit()
        self.scenes.append(scene)
        scene.enter()

    def visible(self) -> list[Scene]:
        """Return the scenes to draw, bottom-up: from the last opaque one to the top."""
        start = 0
        for index in range(len(self.scenes) - 1, -1, -1):
            if self.scenes[index].opaque:
                start = index
                break
        return self.scenes[start:]
