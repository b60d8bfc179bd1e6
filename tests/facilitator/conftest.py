"""Fixtures for hosted sessions: a controllable clock and sessions on the shipped sample."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from roleplay import load_scenario
from roleplay.engine._scenario import Scenario
from roleplay.facilitator._controls import HostSession
from roleplay.facilitator._host import HostRuntime
from roleplay.facilitator._resume import start_session
from roleplay.facilitator._room import RoomSettings
from roleplay.facilitator._timer import Clock
from tests.conftest import SAMPLE


@dataclass
class FakeClock:
    """Time that moves only when a test says so."""

    now: float = 1000.0

    def monotonic(self) -> float:
        return self.now

    def wall(self) -> datetime:
        return datetime(2025, 3, 4, 9, 0, tzinfo=UTC) + timedelta(seconds=self.now)

    def clock(self) -> Clock:
        return Clock(self.monotonic, self.wall)


@pytest.fixture
def fake_clock() -> FakeClock:
    """A clock for deadlines that tests move forward by hand."""
    return FakeClock()


@pytest.fixture(scope="session")
def sample() -> Scenario:
    """The shipped sample scenario (three decisions, a discussion prompt, two endings)."""
    return load_scenario(SAMPLE)


MakeSession = Callable[..., HostSession]


@pytest.fixture
def make_session(tmp_path: Path, sample: Scenario, fake_clock: FakeClock) -> MakeSession:
    """Start a session on the sample with a log in tmp_path; settings as keyword arguments
    (the knowledge check is off unless a test passes ``check=True``)."""

    def make(**settings: object) -> HostSession:
        settings.setdefault("check", False)
        room_settings = RoomSettings()
        room_settings.update(dict(settings))
        return start_session(
            sample,
            code="KQZW",
            settings=room_settings,
            log_path=tmp_path / "session.jsonl",
            clock=fake_clock.clock(),
        )

    return make


def to_vote(session: HostSession) -> None:
    """Press "next" until a vote opens."""
    for _ in range(50):
        if session.phase == "vote":
            return
        session.next()
    raise AssertionError("no vote opened")


@pytest.fixture(autouse=True)
def choices_as_written(monkeypatch: pytest.MonkeyPatch) -> None:
    """New playthroughs show their choices as written, so tests can pick them by position
    (tests/test_shuffle.py checks that real sessions shuffle)."""
    monkeypatch.setattr("roleplay.engine._shuffle.new_seed", lambda: None)


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium, never a downloaded one."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def host(sample: Scenario, tmp_path: Path) -> Iterator[HostRuntime]:
    """A running host with an untimed vote that stays open until the facilitator closes it."""
    from tests.facilitator.hosting import running_host

    with running_host(sample, tmp_path / "session.jsonl", timer=None, auto_close=False) as runtime:
        yield runtime
