"""Runner hooks (ink's onMakeChoice): observers hear of nodes, choices, endings and rewinds."""

from __future__ import annotations

import pytest

from roleplay import ChoiceError, Runner, Scenario, Step, load_scenario, replay
from tests.conftest import SAMPLE


@pytest.fixture(scope="module")
def sample() -> Scenario:
    return load_scenario(SAMPLE)


def test_observers_hear_every_event_in_order(sample: Scenario) -> None:
    runner = Runner(sample)
    events: list[str] = []

    def on_choice(step: Step) -> None:
        events.append(f"choice:{step.choice_id}:{sorted(step.deltas)}")

    runner.subscribe(
        node_entered=lambda node: events.append(f"node:{node}"),
        choice_made=on_choice,
        ending_reached=lambda ending: events.append(f"ending:{ending}"),
    )
    while not runner.is_over:
        runner.advance_to_decision()
        if runner.is_over:
            break
        runner.choose(0)
    choices = [e for e in events if e.startswith("choice:")]
    assert len(choices) == len(runner.state.history)
    assert events[-1] == f"ending:{runner.state.ending}"
    nodes = [e.removeprefix("node:") for e in events if e.startswith("node:")]
    assert nodes == runner.state.path[1:]  # the start node was entered before subscribing


def test_rewind_is_announced_and_unsubscribe_stops_observers(sample: Scenario) -> None:
    runner = replay(sample, [1, 1])
    heard: list[int] = []
    stop = runner.subscribe(rewound=heard.append)
    runner.rewind()
    assert heard == [1]
    stop()
    runner.rewind()
    assert heard == [1]


def test_replay_accepts_ids_and_numbers_and_survives_a_roundtrip(sample: Scenario) -> None:
    by_number = replay(sample, [1, 2, 1])
    ids = [step.choice_id for step in by_number.state.history]
    by_id = replay(sample, ids, roundtrip=True)
    assert by_id.state.to_json() == by_number.state.to_json()


def test_replay_names_the_decision_that_fails(sample: Scenario) -> None:
    with pytest.raises(ChoiceError, match="decision 2"):
        replay(sample, [1, 99])


def test_choice_numbers_are_the_numbers_the_player_typed(sample: Scenario) -> None:
    from roleplay.engine._replay import choice_numbers

    run = replay(sample, [1, 2, 1])
    ids = [step.choice_id for step in run.state.history]
    assert choice_numbers(sample, ids) == [1, 2, 1]
    with pytest.raises(ChoiceError, match=r"decision 1 at node .*'nope' is not offered"):
        choice_numbers(sample, ["nope"])


def test_rewind_to_matches_a_fresh_replay_of_the_decisions_kept(sample: Scenario) -> None:
    runner = replay(sample, [1, 2, 1])
    runner.rewind_to(1)
    rewound, fresh = runner.state.to_json(), replay(sample, [1]).state.to_json()
    assert rewound.pop("taken_back") == 2  # two choices were taken back on the way here
    fresh.pop("taken_back")
    assert rewound == fresh


def test_replay_without_settling_stops_where_the_last_choice_led(sample: Scenario) -> None:
    """For showing a ``next`` node: the runner has not advanced past it."""
    unsettled = replay(sample, [2, 2], settle=False)
    assert unsettled.state.node == "vote" and unsettled.view().can_advance
    settled = replay(sample, [2, 2])
    assert settled.is_over and settled.state.path[-2:] == ["vote", "wrap_up"]
