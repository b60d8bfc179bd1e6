"""The steps a runner records read, compare and save exactly as steps made from dicts do."""

from __future__ import annotations

import json
import random

from roleplay import GameState, Runner, Step, load_scenario_text
from roleplay.engine._state import meter_changes
from tests.test_view_cache import CONDITIONAL, SCENARIOS

BOUNDED = CONDITIONAL.format(greeting="Hi.").replace(
    "meters: {trust: {label: Trust, start: 5}}",
    "meters: {trust: {label: Trust, start: 5, min: 0, max: 6}, mood: {label: Mood, start: 1}}",
)


def played(seed: int) -> Runner:
    runner, rng = Runner(load_scenario_text(BOUNDED, folder=SCENARIOS)), random.Random(seed)
    for _ in range(12):
        picks = [c.number - 1 for c in runner.view().choices if c.available]
        if runner.is_over or not picks:
            break
        runner.choose(rng.choice(picks))
    return runner


def test_recorded_steps_equal_steps_made_from_their_dicts() -> None:
    for seed in range(8):
        runner = played(seed)
        for step in runner.state.history:
            data = step.to_json()
            plain = Step.from_json(json.loads(json.dumps(data)))
            assert step == plain and plain == step
            assert repr(step) == repr(plain)
            assert list(step.meters_after) == ["trust", "mood"]  # in the meters' order
            assert data["deltas"] == plain.deltas
        saved = GameState.from_json(json.loads(json.dumps(runner.state.to_json())))
        assert saved.history == runner.state.history


def test_a_step_at_a_bound_records_what_really_changed() -> None:
    runner = Runner(load_scenario_text(BOUNDED, folder=SCENARIOS))
    runner.choose_id("ask")  # trust 5 -> 6, the maximum
    runner.choose_id("ask")  # trust stays at 6: nothing changed
    first, second = runner.state.history
    assert (first.deltas, first.meters_after) == ({"trust": 1}, {"trust": 6, "mood": 1})
    assert (second.deltas, second.meters_after) == ({}, {"trust": 6, "mood": 1})
    assert meter_changes(runner.state.history, "trust") == [1, 0]
    assert meter_changes(runner.state.history, "mood") == [0, 0]


def test_a_step_edited_in_place_keeps_the_edit() -> None:
    runner = played(3)
    step = runner.state.history[0]
    step.deltas["mood"] = 4
    step.meters_after["mood"] = 9
    assert step.to_json()["deltas"]["mood"] == 4
    assert step.to_json()["meters_after"]["mood"] == 9
    assert meter_changes([step], "mood") == [4]
    step.deltas = {"trust": -2}
    assert meter_changes([step], "trust") == [-2]
    assert step != Step.from_json(runner.state.history[1].to_json())


def test_steps_made_from_dicts_are_read_the_same_way() -> None:
    step = Step("desk", "ask", "Ask", "active_listening", {"trust": 2}, {"trust": 7})
    assert meter_changes([step], "trust") == [2]
    assert step.deltas == {"trust": 2} and step.meters_after == {"trust": 7}
    assert step == Step.from_json(step.to_json())
    assert repr(step).startswith("Step(node='desk', choice_id='ask'")
