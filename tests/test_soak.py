"""Soak: seeded random playthroughs of every shipped scenario, each with a save/load round trip.

Each run plays with a random temperament (a random set of favoured technique families and how
loyal it stays to them), saves and loads the game at a random decision through the real save
files, and must end exactly as the same choices do without the round trip. Together the runs
must reach exactly the endings lint proves reachable: no more (the solver missed a path) and no
fewer (lint claims an ending the game cannot reach).

By default each scenario plays until every reachable ending was seen (at most
``DEFAULT_RUNS``). The full soak, 10,000 runs per scenario, is one variable away::

    ROLEPLAY_SOAK_RUNS=10000 python -m pytest tests/test_soak.py
"""

from __future__ import annotations

import os
import random
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from roleplay import Runner, find_scenarios, load_game, load_scenario, replay, save_game
from roleplay.authoring._lint import lint_file
from roleplay.engine._model import FAMILIES
from roleplay.engine._scenario import Scenario

FULL_RUNS = int(os.environ.get("ROLEPLAY_SOAK_RUNS", "0"))
DEFAULT_RUNS = 3000
SHIPPED = find_scenarios()


@pytest.fixture(scope="module")
def save_folder() -> Iterator[Path]:
    """A folder for the round-trip saves: in memory (/dev/shm) where there is one."""
    shm = Path("/dev/shm")
    with tempfile.TemporaryDirectory(dir=shm if shm.is_dir() else None) as folder:
        yield Path(folder)


def _play(scenario: Scenario, rng: random.Random, slot: Path) -> tuple[str, list[str], Runner]:
    """One random run with a save/load round trip at a random decision."""
    favoured = {family for family in FAMILIES if rng.random() < 0.5}
    loyalty = 1 - rng.random() ** 3
    round_trip_at = rng.randrange(12)
    runner = Runner(scenario)
    chosen: list[str] = []
    while True:
        runner.advance_to_decision()
        if runner.is_over:
            break
        if len(chosen) == round_trip_at:
            save_game(slot, scenario, runner.state)
            runner = Runner(scenario, load_game(slot, scenario))
            runner.advance_to_decision()
        options = runner.available_choices()
        liked = [c for c in options if scenario.technique_family(c.spec.technique) in favoured]
        pick = rng.choice(liked if liked and rng.random() < loyalty else options)
        chosen.append(pick.id)
        runner.choose_id(pick.id)
    assert runner.state.ending is not None
    return runner.state.ending, chosen, runner


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_random_playthroughs_reach_exactly_the_provable_endings(
    path: Path, save_folder: Path
) -> None:
    scenario = load_scenario(path)
    exploration = lint_file(path).exploration
    assert exploration is not None and exploration.complete
    provable = {e.id for e in exploration.endings.values() if e.reachable}
    rng = random.Random(f"soak:{scenario.id}")
    reached: set[str] = set()
    for _ in range(FULL_RUNS or DEFAULT_RUNS):
        ending, chosen, runner = _play(scenario, rng, save_folder / f"{scenario.id}.json")
        straight = replay(scenario, chosen)
        assert (straight.state.ending, straight.state.meters) == (ending, runner.state.meters)
        assert ending in provable, f"reached '{ending}', which lint calls unreachable"
        reached.add(ending)
        if not FULL_RUNS and reached == provable:
            break
    assert reached == provable, f"never reached: {sorted(provable - reached)}"
