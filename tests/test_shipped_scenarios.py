"""The shipped scenarios teach push and pull: bars every one of them must meet."""

from __future__ import annotations

import json
import random
import statistics
from collections.abc import Callable

import pytest

from roleplay import Runner, Scenario, find_scenarios, load_scenario
from roleplay.engine._scenario import CompiledChoice

REAL = ("hybrid_pitch", "reluctant_team", "no_authority")
PATHS = {p.stem: p for p in find_scenarios()}
Policy = Callable[[Scenario, CompiledChoice], bool]


@pytest.fixture(scope="module", params=[s for s in REAL if s in PATHS])
def scenario(request: pytest.FixtureRequest) -> Scenario:
    return load_scenario(PATHS[request.param])


def test_all_three_scenarios_ship() -> None:
    assert set(REAL) <= set(PATHS)


def _random_walks(scenario: Scenario, runs: int, seed: int = 1) -> list[Runner]:
    rng = random.Random(seed)
    finished = []
    for _ in range(runs):
        runner = Runner(scenario)
        while not runner.is_over:
            options = runner.available_choices()
            if runner.view().can_advance:
                runner.advance()
                continue
            runner.choose_id(rng.choice(options).id)
        finished.append(runner)
    return finished


def test_random_walks_find_every_ending_and_no_dead_end(scenario: Scenario) -> None:
    walks = _random_walks(scenario, 3000)
    reached = {r.state.ending for r in walks}
    # The best ending is deliberately rare under random play: no unethical choice and no
    # one-rule policy reaches it. tests/test_lessons.py proves it reachable (golden run).
    assert reached | {scenario.endings[0].id} == {e.id for e in scenario.endings}
    for runner in walks:
        final = runner.node.spec
        assert final.end or final.ending is not None, f"dead end at {runner.state.node}"


def test_typical_playthrough_has_8_to_15_decisions(scenario: Scenario) -> None:
    lengths = [len(r.state.history) for r in _random_walks(scenario, 500, seed=2)]
    assert 8 <= statistics.median(lengths) <= 15
    assert min(lengths) >= 6 and max(lengths) <= 20


def test_size_and_endings(scenario: Scenario) -> None:
    assert len(scenario.nodes) >= 35
    assert 4 <= len(scenario.endings) <= 6
    assert scenario.endings[-1].when is None


def test_every_decision_offers_pull_and_push(scenario: Scenario) -> None:
    for node in scenario.nodes.values():
        if not node.choices:
            continue
        families = {scenario.techniques[c.spec.technique].family for c in node.choices}
        assert "influence" in families, node.id
        assert families & {"pressure", "manipulation"}, node.id


def test_every_choice_and_ending_explains_itself(scenario: Scenario) -> None:
    for node in scenario.nodes.values():
        for choice in node.choices:
            assert len(choice.spec.feedback) > 30, (node.id, choice.id)
    for ending in scenario.endings:
        assert len(ending.debrief) > 80, ending.id


def test_discussion_prompts_on_key_decisions(scenario: Scenario) -> None:
    prompts = [n for n in scenario.nodes.values() if n.spec.discussion and n.choices]
    assert 3 <= len(prompts) <= 5


def _reachable_endings(scenario: Scenario, allowed: Policy) -> set[str]:
    """Every ending reachable when only ``allowed`` choices are taken (exhaustive, memoised)."""
    seen: set[str] = set()
    endings: set[str] = set()
    stack = [Runner(scenario).state]
    while stack:
        state = stack.pop()
        key = json.dumps(
            [state.node, state.meters, state.flags, state.chosen, state.visits], sort_keys=True
        )
        if key in seen:
            continue
        seen.add(key)
        runner = Runner(scenario, state)
        runner.advance_to_decision()
        if runner.is_over:
            endings.add(runner.state.ending or "")
            continue
        for choice in runner.available_choices():
            if allowed(scenario, choice):
                branch = Runner(scenario, runner.state.copy())
                branch.choose_id(choice.id)
                stack.append(branch.state)
    return endings


def _family(scenario: Scenario, choice: CompiledChoice) -> str:
    return scenario.techniques[choice.spec.technique].family


def test_every_ending_is_reachable_with_a_replayable_witness(scenario: Scenario) -> None:
    from roleplay import replay
    from roleplay.authoring.solver import explore

    exploration = explore(scenario)
    assert exploration.complete
    for ending in scenario.endings:
        result = exploration.endings[ending.id]
        assert result.reachable, ending.id
        assert replay(scenario, tuple(result.witness or ())).state.ending == ending.id


def test_always_the_nicest_line_does_not_win(scenario: Scenario) -> None:
    best = scenario.endings[0].id
    nicest = _reachable_endings(scenario, lambda s, c: _family(s, c) == "influence")
    assert best not in nicest


def test_pushing_and_manipulating_does_not_win(scenario: Scenario) -> None:
    best = scenario.endings[0].id
    pushy = _reachable_endings(scenario, lambda s, c: _family(s, c) in ("pressure", "manipulation"))
    assert best not in pushy


def test_every_ending_has_a_golden_playthrough(scenario: Scenario) -> None:
    folder = PATHS[scenario.id].parent
    recorded = {p.name.split(".")[1] for p in folder.glob(f"{scenario.id}.*.playthrough.yaml")}
    assert recorded >= {e.id for e in scenario.endings}
