"""A save writer killed with SIGKILL at random moments, 100 times (ROLEPLAY_KILLS for more).

After every kill each slot is readable and holds the last save that was acknowledged for it,
or the one that was in flight when the writer died: at most the in-flight write is lost. The
temp files killed writes leave behind are gone after the next start's sweep.
"""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

import pytest

from roleplay import load_game, load_scenario, read_save_info, replay, save_game
from roleplay.engine._atomic import sweep_temp_files
from roleplay.engine._scenario import Scenario
from roleplay.engine._state import GameState
from tests.conftest import SAMPLE

SLOTS = 3
KILLS = int(os.environ.get("ROLEPLAY_KILLS", "100"))

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")


def _writer(folder: Path, scenario: Scenario, state: GameState, first: int, pipe: int) -> None:
    """In the child: save to the slots in turn, acknowledging each finished save on ``pipe``."""
    try:
        number = first
        while True:
            number += 1
            save_game(folder / f"slot_{number % SLOTS}.json", scenario, state, label=str(number))
            os.write(pipe, f"{number}\n".encode())
    finally:
        os._exit(0)


def _kill_one_writer(
    folder: Path, scenario: Scenario, state: GameState, first: int, moment: tuple[int, float]
) -> list[int]:
    """Start a writer and SIGKILL it ``moment`` = (saves acknowledged, then seconds) later.

    Waiting for acknowledgements first makes every round do some work however slow the disk
    is; the random delay after them puts the kill anywhere in the next save.
    """
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        _writer(folder, scenario, state, first, write_end)
    os.close(write_end)
    received = b""
    while received.count(b"\n") < moment[0] and (chunk := os.read(read_end, 65536)):
        received += chunk
    time.sleep(moment[1])
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    while chunk := os.read(read_end, 65536):
        received += chunk
    os.close(read_end)
    return [int(n) for n in received.split()]


def test_sigkill_during_saves_loses_at_most_the_write_in_flight(tmp_path: Path) -> None:
    scenario = load_scenario(SAMPLE)
    state = replay(scenario, [1, 1]).state
    rng = random.Random(13)
    holds: dict[int, int | None] = dict.fromkeys(range(SLOTS))  # what each slot held last time
    last = 0
    acknowledged = 0  # saves the writers finished and reported
    for kill in range(KILLS):
        moment = (SLOTS if kill == 0 else rng.randrange(3), rng.uniform(0.0, 0.012))
        done = _kill_one_writer(tmp_path, scenario, state, last, moment)
        acknowledged += len(done)
        in_flight = (done[-1] if done else last) + 1
        for slot in range(SLOTS):
            newest = max((n for n in done if n % SLOTS == slot), default=holds[slot])
            allowed = {newest, in_flight if in_flight % SLOTS == slot else None}
            path = tmp_path / f"slot_{slot}.json"
            label = int(read_save_info(path).label) if path.exists() else None  # never half-written
            assert label in allowed, (slot, label, allowed)
            holds[slot] = label
        last = in_flight
    assert acknowledged >= SLOTS and None not in holds.values()
    sweep_temp_files(tmp_path)  # what the next start does (App -> storage.sweep_leftovers)
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"slot_{n}.json" for n in range(SLOTS)]
    for slot in range(SLOTS):
        assert load_game(tmp_path / f"slot_{slot}.json", scenario).path == state.path
