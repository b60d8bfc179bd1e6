"""``Runner.view()`` assembles views from cached parts; what it shows must never differ.

Every test compares the cached view with one built from scratch by the reference builder
(:func:`roleplay.engine._view.build_view`): after random choices, continues, rewinds, saves and
loads, with choices shown in a shuffled order, with the state changed under the runner's feet,
after a hot reload, and with a cache so small that it keeps emptying itself.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from roleplay import GameState, Runner, Scenario, find_scenarios, load_scenario, load_scenario_text
from roleplay.engine import _view_cache
from roleplay.engine._scenario import CompiledChoice
from roleplay.engine._view import View, build_view

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"


def background_from_scratch(runner: Runner) -> str | None:
    """The last background set along the whole path (the rule, the slow way)."""
    for node_id in reversed(runner.state.path or [runner.state.node]):
        background = runner.scenario.nodes[node_id].spec.background
        if background is not None:
            return background
    return None


def view_from_scratch(runner: Runner) -> View:
    """The view the reference builder makes for the runner's current state."""
    return build_view(
        runner.scenario, runner.state, runner.visible_choices(), background_from_scratch(runner)
    )


def move_at_random(runner: Runner, rng: random.Random) -> Runner:
    """A choice, a continue, a rewind or a save and load; returns the runner to go on with."""
    roll = rng.random()
    if runner.can_rewind and roll < 0.1:
        runner.rewind()
        return runner
    if roll < 0.2:  # save, quit, load
        return type(runner)(runner.scenario, GameState.from_json(runner.state.to_json()))
    view = runner.view()
    picks = [c.number - 1 for c in view.choices if c.available]
    if picks:
        runner.choose(rng.choice(picks))
    elif view.can_advance:
        runner.advance()
    return runner


def play_and_compare(runner: Runner, rng: random.Random, games: int) -> int:
    """Play ``games`` games at random; every view must equal the one built from scratch."""
    compared = 0
    for _ in range(games):
        runner = type(runner)(runner.scenario)
        while not runner.is_over:
            assert runner.view() == view_from_scratch(runner), runner.state.node
            assert runner.view() == view_from_scratch(runner)  # and again, from the cache
            compared += 1
            runner = move_at_random(runner, rng)
        assert runner.view() == view_from_scratch(runner)
    return compared


@pytest.mark.parametrize("path", find_scenarios(), ids=lambda p: p.stem)
def test_cached_views_equal_views_built_from_scratch(path: Path) -> None:
    scenario = load_scenario(path)
    assert play_and_compare(Runner(scenario), random.Random(11), games=30) > 100


class ShuffledRunner(Runner):
    """Shows the choices of every beat in a fixed random order of its own (as a shuffle would)."""

    def visible_choices(self) -> list[tuple[CompiledChoice, bool]]:
        fresh = self._shown is None
        shown = super().visible_choices()
        if fresh:  # the runner keeps this list for the beat: shuffle it once, in place
            random.Random(f"{self.state.node}/{len(self.state.history)}").shuffle(shown)
        return shown


@pytest.mark.parametrize("path", find_scenarios(), ids=lambda p: p.stem)
def test_choices_in_another_order_are_numbered_in_that_order(path: Path) -> None:
    scenario = load_scenario(path)
    play_and_compare(ShuffledRunner(scenario), random.Random(3), games=15)
    runner = ShuffledRunner(scenario)
    runner.advance_to_decision()
    plain = Runner(scenario, GameState.from_json(runner.state.to_json()))
    shuffled_ids = [c.id for c in runner.view().choices]
    assert sorted(shuffled_ids) == sorted(c.id for c in plain.view().choices)
    assert [c.number for c in runner.view().choices] == list(range(1, len(shuffled_ids) + 1))


def test_a_tiny_cache_that_keeps_emptying_itself_shows_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_view_cache, "MAX_ENTRIES", 3)
    scenario = load_scenario(SCENARIOS / "hybrid_pitch.yaml", use_cache=False)
    play_and_compare(Runner(scenario), random.Random(7), games=10)


CONDITIONAL = """\
format: 1
id: conditional
title: Conditional
summary: Lines and choices that depend on the state.
learning_goals: [Conditions]
estimated_minutes: 1
start: desk
meters: {{trust: {{label: Trust, start: 5}}}}
flags: {{asked: {{description: You asked}}}}
characters: {{jo: {{name: Jo, role: Lead, expressions: [neutral, pleased]}}}}
nodes:
  desk:
    lines:
      - {{speaker: jo, text: "{greeting}"}}
      - {{speaker: jo, expression: pleased, text: Glad you came., if: trust >= 5}}
      - {{text: Jo looks tired., if: trust < 5}}
    choices:
      - id: ask
        text: Ask how it went
        technique: active_listening
        effects: {{trust: 1}}
        set: {{asked: true}}
        reaction:
          - {{speaker: jo, text: Thanks for asking.}}
          - {{speaker: jo, text: Really., if: flags.asked}}
        next: desk
      - id: push
        text: Push for a decision
        technique: direct_instruction
        effects: {{trust: -3}}
        if: trust >= 3
        show_locked: true
        locked_hint: Jo needs to trust you first
        next: desk
      - id: leave
        text: Leave
        technique: active_listening
        once: true
        next: done
  done:
    lines: [{{text: Bye.}}]
    end: true
endings:
  - {{id: fine, title: Fine, text: Done.}}
"""


def conditional(greeting: str = "Hi.") -> Scenario:
    return load_scenario_text(CONDITIONAL.format(greeting=greeting), folder=SCENARIOS)


def test_lines_and_locks_follow_the_state_even_when_it_changes_in_place() -> None:
    runner = Runner(conditional())
    texts = [line.text for line in runner.view().lines]
    assert texts == ["Hi.", "Glad you came."]
    runner.state.meters["trust"] = 1  # a debugger or a test editing the state directly
    runner.state.chosen["noted"] = 1
    view = runner.view()
    assert [line.text for line in view.lines] == ["Hi.", "Jo looks tired."]
    assert view == view_from_scratch(runner)


def test_reactions_locked_choices_and_once_choices_match_the_reference() -> None:
    runner = Runner(conditional())
    runner.choose_id("ask")
    view = runner.view()
    assert [(line.text, line.is_reaction) for line in view.lines[:2]] == [
        ("Thanks for asking.", True),
        ("Really.", True),
    ]
    assert view == view_from_scratch(runner)
    runner.choose_id("push")
    runner.choose_id("push")
    view = runner.view()
    push = next(c for c in view.choices if c.id == "push")
    assert (push.available, push.locked_hint) == (False, "Jo needs to trust you first")
    assert view == view_from_scratch(runner)
    play_and_compare(Runner(runner.scenario), random.Random(1), games=25)


def test_a_hot_reload_shows_the_edited_text_not_the_cached_one() -> None:
    runner = Runner(conditional())
    assert runner.view().lines[0].text == "Hi."
    assert runner.reload(conditional(greeting="Hello again."))
    assert runner.view().lines[0].text == "Hello again."
    assert runner.view() == view_from_scratch(runner)


def test_a_save_loaded_into_a_new_runner_shows_the_same_beat() -> None:
    runner = Runner(conditional())
    runner.choose_id("ask")
    before = runner.view()
    loaded = Runner(runner.scenario, GameState.from_json(runner.state.to_json()))
    assert loaded.view() == before
    other = Runner(conditional())  # the same file loaded again: a separate scenario object
    other.state = GameState.from_json(runner.state.to_json())
    assert other.view() == before


def test_a_beat_reached_from_two_rooms_shows_the_background_of_the_way_it_came() -> None:
    scenario = load_scenario_text(
        """\
format: 1
id: rooms
title: Rooms
summary: One hall between two rooms.
learning_goals: [Backgrounds]
estimated_minutes: 1
start: office
meters: {trust: {label: Trust}}
backgrounds: {office: backgrounds/open_office.svg, garden: backgrounds/break_room.svg}
nodes:
  office:
    background: office
    lines: [{text: In the office.}]
    choices:
      - {text: Walk, technique: active_listening, next: hall}
  hall:
    lines: [{text: In the hall.}]
    choices:
      - {text: Go out, technique: active_listening, next: garden}
      - {text: Leave, technique: active_listening, next: done}
  garden:
    background: garden
    lines: [{text: Outside.}]
    choices:
      - {text: Back in, technique: active_listening, next: hall}
  done:
    lines: [{text: Bye.}]
    end: true
endings:
  - {id: fine, title: Fine, text: Done.}
""",
        folder=SCENARIOS,
    )
    runner = Runner(scenario)
    runner.choose(0)
    assert (runner.state.node, runner.view().background) == ("hall", "office")
    runner.choose(0)
    runner.choose(0)
    assert (runner.state.node, runner.view().background) == ("hall", "garden")
    assert runner.view() == view_from_scratch(runner)
