"""Drive the real game headless: post input events and step frames without sleeping."""

from __future__ import annotations

from pathlib import Path

import pygame

from roleplay.gui.app import App
from roleplay.gui.painter import FRect
from roleplay.learner.desktop import create_app

FIXTURES = Path(__file__).parent / "fixtures"


def make_app(size: tuple[int, int] = (1280, 720), scenarios: Path | None = FIXTURES) -> App:
    """Open the game at the title screen (dummy video driver)."""
    app = create_app(size, scenarios_dir=scenarios)
    app.reset("title")
    app.step(0.0)
    return app


def step(app: App, frames: int = 1, dt: float = 1 / 60) -> None:
    """Run frames of the main loop."""
    for _ in range(frames):
        app.step(dt)


def press(app: App, key: int, mod: int = 0) -> None:
    """Press and release a key, then run one frame."""
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode="", scancode=0))
    app.step(1 / 60)


def click(app: App, logical: tuple[float, float]) -> None:
    """Click the left mouse button at a logical position, then run one frame."""
    vp = app.viewport
    pos = (round(vp.offset_x + logical[0] * vp.scale), round(vp.offset_y + logical[1] * vp.scale))
    motion = pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
    pygame.event.post(motion)
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    app.step(1 / 60)


def center(rect: FRect) -> tuple[float, float]:
    """The centre of a logical rect."""
    return (rect.centerx, rect.centery)


def key_down(app: App, key: int, mod: int = 0) -> None:
    """Press a key without releasing it (Ctrl held), then run one frame."""
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0))
    app.step(1 / 60)


def key_up(app: App, key: int, mod: int = 0) -> None:
    """Release a key, then run one frame."""
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode="", scancode=0))
    app.step(1 / 60)


def _pixels(app: App, logical: tuple[float, float]) -> tuple[int, int]:
    vp = app.viewport
    return (round(vp.offset_x + logical[0] * vp.scale), round(vp.offset_y + logical[1] * vp.scale))


def move_mouse(app: App, logical: tuple[float, float]) -> None:
    """Move the mouse to a logical position, then run one frame."""
    motion = pygame.event.Event(
        pygame.MOUSEMOTION, pos=_pixels(app, logical), rel=(0, 0), buttons=(0, 0, 0)
    )
    pygame.event.post(motion)
    app.step(1 / 60)


def click_button(app: App, logical: tuple[float, float], button: int) -> None:
    """Press and release a mouse button (1 left, 2 middle, 3 right) at a logical position."""
    pos = _pixels(app, logical)
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button))
    app.step(1 / 60)


def wheel(app: App, y: int) -> None:
    """Turn the mouse wheel (positive: up, away from the player), then run one frame."""
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=y, flipped=False))
    app.step(1 / 60)


def wait(app: App, seconds: float) -> None:
    """Let time pass: frames of 1/60 s without input."""
    step(app, round(seconds * 60))


def answer_check(app: App, number: int = 1) -> int:
    """Answer every question of the knowledge check on screen with option ``number`` (by its
    number key, after the input guard), pressing Enter for Next; returns how many."""
    from roleplay.learner.desktop.scenes.check import GUARD_S, CheckScene

    answered = 0
    while isinstance(app.stack.top, CheckScene):
        wait(app, GUARD_S + 0.05)
        press(app, getattr(pygame, f"K_{number}"))
        wait(app, GUARD_S + 0.05)
        press(app, pygame.K_RETURN)
        answered += 1
    return answered
