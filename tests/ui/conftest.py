"""UI tests run headless: dummy video/audio drivers and a temporary ROLEPLAY_HOME."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("ROLEPLAY_HOME", str(Path("/tmp") / f"roleplay-ui-tests-{os.getpid()}"))
sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture(autouse=True)
def roleplay_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Give every test its own empty data and config folders."""
    monkeypatch.setenv("ROLEPLAY_HOME", str(tmp_path / "home"))
    yield tmp_path / "home"


@pytest.fixture
def app():  # type: ignore[no-untyped-def]
    """The game at its title screen, on the test fixture scenarios."""
    import pygame
    from harness import make_app

    game = make_app()
    yield game
    pygame.display.quit()


@pytest.fixture(autouse=True)
def choices_as_written(monkeypatch: pytest.MonkeyPatch) -> None:
    """New playthroughs show their choices as written, so tests can pick them by position
    (tests/test_shuffle.py checks that real sessions shuffle)."""
    monkeypatch.setattr("roleplay.engine._shuffle.new_seed", lambda: None)
