"""The solver mirrors the Runner: random real plays never leave what the solver claims."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from roleplay import Runner, Scenario, check_scenario_file, find_scenarios, load_scenario
from roleplay.authoring.solver import Exploration, explore
from tests.conftest import SAMPLE
from tests.toolkit.conftest import Writer
from tests.toolkit.test_lint import GATED

PLAYS = 300


def _check_random_plays(scenario: Scenario, found: Exploration, seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(PLAYS):
        runner = Runner(scenario)
        while True:
            _check_arrival(runner, found)
            runner.advance_to_decision()
            if runner.is_over:
                break
            node = runner.state.node
            shown = runner.visible_choices()
            for choice, ok in shown:
                if ok:
                    assert (node, choice.index) in found.available, (node, choice.index)
            picks = [i for i, (_c, ok) in enumerate(shown) if ok]
            runner.choose(rng.choice(picks))
        _check_arrival(runner, found)
        ending = found.endings[runner.state.ending or ""]
        assert ending.reachable
        for meter, value in runner.state.meters.items():
            low, high = ending.meters[meter]
            assert low <= value <= high, (ending.id, meter, value)


def _check_arrival(runner: Runner, found: Exploration) -> None:
    ranges = found.node_meters[runner.state.node]
    for meter, value in runner.state.meters.items():
        low, high = ranges[meter]
        assert low <= value <= high, (runner.state.node, meter, value)


def test_random_plays_of_a_tricky_scenario_stay_inside_the_solution(write: Writer) -> None:
    text = GATED.replace(
        "        if: trust >= 5 and not flags.pushed\n",
        '        if: visits("first") >= 2 and not flags.pushed or chose("listen")\n',
    )
    scenario = load_scenario(write(text))
    found = explore(scenario)
    assert found.complete
    _check_random_plays(scenario, found, seed=1)


def test_random_plays_of_the_sample(sample: Path) -> None:
    scenario = load_scenario(sample)
    _check_random_plays(scenario, explore(scenario), seed=2)


@pytest.mark.parametrize("path", find_scenarios(), ids=lambda p: p.stem)
def test_random_plays_of_shipped_scenarios(path: Path) -> None:
    scenario, diagnostics = check_scenario_file(path)
    assert scenario is not None, "a shipped scenario must load:\n" + "\n".join(
        d.format(with_snippet=True) for d in diagnostics
    )
    found = explore(scenario)
    assert found.complete
    _check_random_plays(scenario, found, seed=3)


def test_the_state_graph_finds_the_same_traps_and_endings(write: Writer) -> None:
    """Kept for the lesson lint, the graph also finds traps; it agrees with the edge lists."""
    import re

    from tests.toolkit.test_authoring_doc import EXAMPLES as DOC_EXAMPLES

    trapped = load_scenario(write(DOC_EXAMPLES["RP104"][1]))
    looping = load_scenario(write(GATED))
    for scenario in (trapped, looping, load_scenario(SAMPLE)):
        plain, kept = explore(scenario), explore(scenario, graph=True)
        assert kept.graph is not None and plain.graph is None
        assert plain.traps == kept.traps
        assert {e.id: e.witness for e in plain.endings.values()} == {
            e.id: e.witness for e in kept.endings.values()
        }
        assert plain.states == kept.states
    assert explore(trapped, graph=True).traps and re.match(r"lint_rp104", trapped.id)
