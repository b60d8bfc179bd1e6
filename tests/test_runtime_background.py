"""The background a player sees stays right while the runtime keeps it incrementally.

``view()`` no longer walks the whole path on every call; these tests compare what it shows with
the rule "the last background set along the path" after every kind of move: choices, ``next``
nodes, rewinds, loading a save mid-game, replacing the state and hot-reloading an edited file.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from roleplay import GameState, Runner, Scenario, find_scenarios, load_scenario, load_scenario_text


def expected_background(runner: Runner) -> str | None:
    """The rule, computed the slow way from the whole path."""
    for node_id in reversed(runner.state.path or [runner.state.node]):
        background = runner.scenario.nodes[node_id].spec.background
        if background is not None:
            return background
    return None


def step_at_random(runner: Runner, rng: random.Random) -> None:
    """One move a player could make: a choice, a continue, or (sometimes) a rewind."""
    if runner.can_rewind and rng.random() < 0.15:
        runner.rewind()
        return
    view = runner.view()
    picks = [c.number - 1 for c in view.choices if c.available]
    if picks:
        runner.choose(rng.choice(picks))
    elif view.can_advance:
        runner.advance()


@pytest.mark.parametrize("path", find_scenarios(), ids=lambda p: p.stem)
def test_background_follows_the_path_through_random_play(path: Path) -> None:
    scenario = load_scenario(path)
    rng = random.Random(5)
    for _ in range(20):
        runner = Runner(scenario)
        while not runner.is_over:
            assert runner.view().background == expected_background(runner)
            step_at_random(runner, rng)
        assert runner.view().background == expected_background(runner)


def test_background_is_right_after_loading_a_state_mid_game() -> None:
    scenario = _with_backgrounds()
    played = Runner(scenario)
    played.choose(0)  # office -> hall (no background of its own)
    resumed = Runner(scenario, GameState.from_json(played.state.to_json()))
    assert resumed.view().background == "office"
    fresh = Runner(scenario)
    assert fresh.view().background == "office"
    fresh.state = GameState.from_json(played.state.to_json())
    assert fresh.view().background == "office"
    fresh.choose(0)  # hall -> garden
    assert fresh.view().background == "garden"


def test_background_is_right_after_a_rewind() -> None:
    runner = Runner(_with_backgrounds())
    runner.choose(0)
    runner.choose(0)
    assert runner.view().background == "garden"
    runner.rewind()
    assert runner.view().background == "office"


def test_hot_reload_shows_the_edited_background() -> None:
    runner = Runner(_with_backgrounds())
    runner.choose(0)
    assert runner.view().background == "office"
    assert runner.reload(_with_backgrounds(start_background="garden"))
    assert runner.view().background == "garden"


def test_background_of_a_state_without_a_path_is_its_node() -> None:
    scenario = _with_backgrounds()
    state = Runner(scenario).state
    state.path.clear()
    runner = Runner(scenario, state)
    assert runner.view().background == "office"


def _with_backgrounds(start_background: str = "office") -> Scenario:
    return load_scenario_text(
        f"""\
format: 1
id: rooms
title: Rooms
summary: Moving between rooms.
learning_goals: [Backgrounds]
estimated_minutes: 1
start: office
meters: {{trust: {{label: Trust}}}}
backgrounds: {{office: backgrounds/open_office.svg, garden: backgrounds/break_room.svg}}
nodes:
  office:
    background: {start_background}
    lines: [{{text: In the office.}}]
    choices:
      - {{text: Walk, technique: active_listening, next: hall}}
  hall:
    lines: [{{text: In the hall.}}]
    choices:
      - {{text: Go out, technique: active_listening, next: garden}}
  garden:
    background: garden
    lines: [{{text: Outside.}}]
    choices:
      - {{text: Leave, technique: active_listening, next: done}}
  done:
    lines: [{{text: Bye.}}]
    end: true
endings:
  - {{id: fine, title: Fine, text: Done.}}
""",
        folder=Path(__file__).resolve().parent.parent / "scenarios",
    )
