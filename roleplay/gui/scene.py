"""The scene protocol and the stack of scenes the app runs."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

if TYPE_CHECKING:
    from roleplay.gui.app import App
    from roleplay.gui.painter import Painter


class Scene:
    """One screen. draw() only reads state; all changes happen in the other methods."""

    #: False for overlays (pause menu, dialogs): the scene below is drawn first.
    opaque: bool = True
    #: True when draw() paints every pixel of the logical canvas (no need to clear first).
    full_bleed: bool = False

    def __init__(self, app: App) -> None:
        """Keep a reference to the app (settings, services, scene stack)."""
        self.app = app

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

    def find(self, kind: type[Scene]) -> Scene | None:
        """Return the topmost scene of a type, or None."""
        for scene in reversed(self.scenes):
            if isinstance(scene, kind):
                return scene
        return None
