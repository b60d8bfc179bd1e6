"""Solo desktop play sends its learning records to a real Ralph LRS as it is played; with Ralph
stopped they wait in the outbox, and the next start sends them."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pygame
import pytest
from harness import center, click, make_app, press, step
from test_records_settings import fill, open_records

from roleplay.gui.app import App
from roleplay.gui.records_settings import outbox_root
from roleplay.learner.desktop.records import close_solo_records, solo_records
from roleplay.learner.desktop.scenes.play import PlayScene
from roleplay.reports._lrs import LrsClient
from roleplay.reports._records import run_record
from roleplay.reports._xapi import statements_for
from tests.records.ralph import Ralph, ralph_venv

pytestmark = pytest.mark.lrs
PASSWORDS = {"desk": "pw-desk-Lm40", "later": "pw-later-Vb83"}
LRS_ADDED = {"stored", "authority"}


@pytest.fixture(scope="module")
def ralph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ralph]:
    """A Ralph that takes many writes per user (see tests/records/ralph.py)."""
    server = Ralph(ralph_venv(), tmp_path_factory.mktemp("ralph-desk"), append=True)
    for user, password in PASSWORDS.items():
        server.add_user(user, password)
    server.start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def shuffled_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Real playthroughs have a seed (their registration is derived from it)."""
    monkeypatch.setattr("roleplay.engine._shuffle.new_seed", lambda: 4242)


def _wait_for(check: Callable[[], bool], app: App | None = None, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        if app is not None:
            step(app)
        time.sleep(0.05)
    raise AssertionError("timed out")


def _set_up(app: App, ralph: Ralph, user: str) -> None:
    """Type the LRS into the settings, test the connection, switch sending on."""
    scene = open_records(app)
    fill(app, scene, ralph.endpoint, user, PASSWORDS[user], "emp-0042")
    click(app, center(scene.test_button.rect))
    _wait_for(lambda: not scene.message.startswith("Contacting"), app)
    assert scene.message.startswith("Connected"), scene.message
    click(app, center(scene.switch.rect))
    assert scene.enabled and solo_records(app).sender is not None
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_ESCAPE)


def _play(app: App, decisions: int | None = None) -> PlayScene:
    """Start the fixture scenario from the library and pick the first choice each time."""
    press(app, pygame.K_RETURN)  # Scenarios
    press(app, pygame.K_RETURN)  # first card
    press(app, pygame.K_p)
    play = app.stack.top
    assert isinstance(play, PlayScene)
    for _ in range(2000):
        runner = play.session.runner
        if runner.is_over or (decisions is not None and len(runner.state.history) >= decisions):
            break
        top = app.stack.top
        if isinstance(top, PlayScene) and top.choosing:
            numbers = [c.number for c in top.view.choices if c.available]
            press(app, getattr(pygame, f"K_{numbers[0]}"))
        else:
            press(app, pygame.K_RETURN)
    return play


def _as_sent(statements: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {s["id"]: {k: v for k, v in s.items() if k not in LRS_ADDED} for s in statements}


def _sent_files(folder: Path) -> list[dict[str, Any]]:
    return [
        json.loads(p.read_text(encoding="utf-8"))["statement"] for p in folder.glob("*/sent/*.json")
    ]


def test_a_solo_run_reaches_ralph_as_it_is_played(ralph: Ralph, roleplay_home: Path) -> None:
    app = make_app()
    _set_up(app, ralph, "desk")
    play = _play(app)
    records = solo_records(app)
    assert records.run is not None
    registration = str(records.run.registration)

    def all_sent() -> bool:
        status = records.status()
        mine = _sent_files(outbox_root())
        ended = any(s["verb"]["display"]["en-US"] == "terminated" for s in mine)
        return ended and status is not None and status.waiting == 0

    _wait_for(all_sent)
    client = LrsClient(ralph.endpoint, "desk", PASSWORDS["desk"])
    back = client.statements(registration=registration)
    sent = [s for s in _sent_files(outbox_root()) if s["context"]["registration"] == registration]
    assert _as_sent(back) == _as_sent(sent)
    verbs = [s["verb"]["display"]["en-US"] for s in sent]
    decisions = len(play.session.runner.state.history)
    assert sorted(verbs) == sorted(["initialized", *["answered"] * decisions, "completed",
                                    "terminated"])  # fmt: skip
    # The very statements export-xapi's builder makes of the finished run (same ids).
    session = play.session
    record = run_record(
        session.scenario, session.runner.state, account=records.run.account,
        registration=records.run.registration,
    )  # fmt: skip
    assert {s["id"] for s in statements_for(record)} == set(_as_sent(back))
    assert all(s["actor"]["account"]["name"] == "emp-0042" for s in back)
    for path in roleplay_home.rglob("*"):
        if path.is_file() and path.name != "lrs-password":
            assert PASSWORDS["desk"] not in path.read_text(errors="replace"), path
    close_solo_records(app)
    pygame.display.quit()


def test_with_ralph_down_the_run_waits_and_the_next_start_sends_it(ralph: Ralph) -> None:
    app = make_app()
    _set_up(app, ralph, "later")
    ralph.stop()
    try:
        play = _play(app, decisions=2)
        records = solo_records(app)
        assert records.run is not None
        registration = str(records.run.registration)
        _wait_for(lambda: (s := records.status()) is not None and s.waiting >= 3, app)
        status = records.status()
        assert status is not None and status.delivered == 0 and "cannot reach" in str(status.error)
        assert "waiting" in records.summary()
        assert play.session.runner.state.history  # the game went on
        started = time.monotonic()
        close_solo_records(app, timeout=2.0)  # quitting: a bounded last try
        assert time.monotonic() - started < 10
        pygame.display.quit()
        pending = list(outbox_root().glob("*/pending/*.json"))
        assert len(pending) >= 3
    finally:
        if ralph.process is None:
            ralph.start()
    again = make_app()  # the next start sends what waits
    records = solo_records(again)
    _wait_for(lambda: (s := records.status()) is not None and s.waiting == 0 and s.delivered >= 3)
    back = LrsClient(ralph.endpoint, "later", PASSWORDS["later"]).statements(
        registration=registration
    )
    assert _as_sent(back) == _as_sent(
        [s for s in _sent_files(outbox_root()) if s["context"]["registration"] == registration]
    )
    assert [s["verb"]["display"]["en-US"] for s in back].count("answered") == 2
    close_solo_records(again)
    pygame.display.quit()
