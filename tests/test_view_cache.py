"""``Runner.view()`` assembles views from cached parts; what it shows must never differ.

Every test compares the cached view with one built from scratch by the reference builder
(:func:`roleplay.engine._view.build_view`): after random choices, continues, rewinds, saves and
loads, with choices shown in a shuffled order, with the state changed under the runner's feet,
after a hot reload, and with the cache emptied between beats.
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


def last_set_from_scratch(runner: Runner, field: str) -> str | None:
    """The last background (or place title) set along the whole path (the rule, the slow way)."""
    for node_id in reversed(runner.state.path or [runner.state.node]):
        value = getattr(runner.scenario.nodes[node_id].spec, field)
        if value is not None:
            return str(value)
    return None


def _background_before_last_node(runner: Runner) -> str | None:
    """Where a reaction happens: the last background set before the path's last node."""
    for node_id in reversed(runner.state.path[:-1]):
        value = runner.scenario.nodes[node_id].spec.background
        if value is not None:
            return str(value)
    return None


def view_from_scratch(runner: Runner) -> View:
    """The view the reference builder makes for the runner's current state."""
    return build_view(
        runner.scenario,
        runner.state,
        runner.visible_choices(),
        last_set_from_scratch(runner, "background"),
        last_set_from_scratch(runner, "title"),
        _background_before_last_node(runner),
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


def play_and_compare(
    runner: Runner, rng: random.Random, games: int, *, seeded: bool = False
) -> int:
    """Play ``games`` games at random; every view must equal the one built from scratch.

    ``seeded`` starts every game with its own seed, as the play screen does (choices shuffled).
    """
    compared = 0
    for game in range(games):
        runner = type(runner)(runner.scenario, seed=game if seeded else None)
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


@pytest.mark.parametrize("path", find_scenarios(), ids=lambda p: p.stem)
def test_seeded_playthroughs_show_their_own_order_from_the_cache(path: Path) -> None:
    scenario = load_scenario(path)
    assert play_and_compare(Runner(scenario), random.Random(5), games=30, seeded=True) > 100


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


def test_a_cache_emptied_mid_play_shows_the_same() -> None:
    scenario = load_scenario(SCENARIOS / "hybrid_pitch.yaml", use_cache=False)
    runner, rng = Runner(scenario), random.Random(7)
    for _ in range(60):
        if runner.is_over:
            runner = Runner(scenario)
        _view_cache.view_cache(scenario).clear()
        assert runner.view() == view_from_scratch(runner)
        runner = move_at_random(runner, rng)


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


PLACES = """\
format: 1
id: places
title: Places
summary: Titled places, a cast on stage and shuffled choices.
learning_goals: [Places]
estimated_minutes: 1
start: lobby
meters: {trust: {label: Trust, start: 5}}
characters:
  jo: {name: Jo, role: Lead}
  sam: {name: Sam, role: Analyst}
backgrounds: {office: backgrounds/open_office.svg, garden: backgrounds/break_room.svg}
nodes:
  lobby:
    title: The lobby
    background: garden
    cast: [jo, sam]
    lines: [{speaker: jo, text: Morning.}]
    choices:
      - {id: a, text: Go up, technique: active_listening, next: office}
      - {id: b, text: Take the stairs, technique: active_listening, next: stairs}
      - {id: c, text: Wait here, technique: active_listening, next: lobby}
      - {id: d, text: Chat, technique: active_listening, effects: {trust: 1}, next: lobby}
  stairs:
    lines: [{text: Out of breath.}]
    choices:
      - {id: e, text: Keep climbing, technique: active_listening, next: office}
      - {id: f, text: Go back down, technique: active_listening, next: lobby}
  office:
    title: Jo's office
    background: office
    cast: [jo]
    shuffle: false
    lines: [{speaker: jo, text: Sit down.}]
    choices:
      - {id: g, text: Sit, technique: active_listening, next: done}
      - {id: h, text: Stand, technique: active_listening, next: lobby}
      - {id: i, text: Lean, technique: active_listening, next: stairs}
  done:
    lines: [{text: Bye.}]
    end: true
endings:
  - id: fine
    title: Fine
    text:
      - Done.
      - {text: Jo trusts you., if: trust >= 7}
"""


def test_place_titles_cast_and_seeded_orders_match_the_reference() -> None:
    scenario = load_scenario_text(PLACES, folder=SCENARIOS)
    assert play_and_compare(Runner(scenario), random.Random(2), games=40, seeded=True) > 100
    orders = {tuple(c.id for c in Runner(scenario, seed=seed).view().choices) for seed in range(12)}
    assert len(orders) > 1  # the seed really reorders the lobby's choices


def test_a_beat_reached_two_ways_keeps_the_title_of_the_way_it_came() -> None:
    scenario = load_scenario_text(PLACES, folder=SCENARIOS)
    runner = Runner(scenario)
    view = runner.view()
    assert (view.title, view.cast) == ("The lobby", ("jo", "sam"))
    runner.choose_id("b")  # the stairs have no title: the lobby's stays
    assert runner.view().title == "The lobby"
    runner.choose_id("e")
    assert (runner.view().title, runner.view().cast) == ("Jo's office", ("jo",))
    runner.choose_id("i")  # back on the stairs, now coming from the office
    view = runner.view()
    assert (view.node_id, view.title) == ("stairs", "Jo's office")
    assert view == view_from_scratch(runner)
    assert [c.id for c in view.choices] == ["e", "f"]


def test_the_same_beat_in_two_seeded_playthroughs_numbers_each_order() -> None:
    scenario = load_scenario_text(PLACES, folder=SCENARIOS)
    seeds = [seed for seed in range(40) if seed != 0]
    first = Runner(scenario, seed=0).view()
    other_seed = next(
        seed for seed in seeds if Runner(scenario, seed=seed).view().choices != first.choices
    )
    other = Runner(scenario, seed=other_seed).view()
    assert [c.id for c in other.choices] != [c.id for c in first.choices]
    assert [c.number for c in other.choices] == [1, 2, 3, 4]
    assert Runner(scenario, seed=0).view() == first  # served from the cache, same order


def test_conditional_ending_text_follows_the_playthrough() -> None:
    scenario = load_scenario_text(PLACES, folder=SCENARIOS)
    plain, warm = Runner(scenario), Runner(scenario)
    for _ in range(2):
        warm.choose_id("d")
    for runner in (plain, warm):
        runner.choose_id("a")
        runner.choose_id("g")
    assert plain.view().ending is not None and warm.view().ending is not None
    assert plain.view().ending.text == "Done."
    assert warm.view().ending.text == "Done.\n\nJo trusts you."
    assert warm.view() == view_from_scratch(warm)


def test_a_choice_that_moves_on_shows_its_reaction_where_it_was_made() -> None:
    scenario = load_scenario_text(PLACES, folder=SCENARIOS)
    views = []
    for way in (["a"], ["b", "e"]):  # into the office from the lobby, or up the stairs
        for _ in range(3):  # built, then kept, then served from the cache
            runner = Runner(scenario)
            for choice_id in way:
                runner.choose_id(choice_id)
            view = runner.view()
            assert view == view_from_scratch(runner)
        views.append(view)
    from_lobby, from_stairs = views
    assert (from_lobby.background, from_lobby.cast) == ("office", ("jo",))
    assert (from_lobby.reaction_background, from_lobby.reaction_cast) == ("garden", ("jo", "sam"))
    assert from_stairs.lines == from_lobby.lines  # the same beat, no reaction either way
    assert (from_stairs.reaction_background, from_stairs.reaction_cast) == ("garden", ())


def test_the_reaction_and_its_cast_follow_the_state_when_it_is_edited_after_a_choice() -> None:
    scenario = load_scenario_text(
        PLACES.replace(
            "{id: b, text", "{id: b, reaction: [{speaker: sam, text: Stairs then.}], text"
        ),
        folder=SCENARIOS,
    )
    runner = Runner(scenario)
    runner.choose_id("b")  # the reaction happens in the lobby, with its cast
    view = runner.view()
    assert (view.lines[0].text, view.reaction_cast) == ("Stairs then.", ("jo", "sam"))
    assert view == view_from_scratch(runner)
    runner.state.history[-1].node = "office"  # the decision edited: now made in the office
    assert runner.view().reaction_cast == ("jo",)
    assert runner.view() == view_from_scratch(runner)
    runner.state.last_choice = "a"  # another choice's reaction (it has none)
    assert runner.view().lines[0].text == "Out of breath."
    assert runner.view() == view_from_scratch(runner)
    runner.state.history.pop()  # no decision left to react to
    runner.state.last_choice = "b"
    assert runner.view() == view_from_scratch(runner)


def test_a_scenario_assigned_to_the_runner_shows_its_own_parts() -> None:
    runner = Runner(conditional())
    runner.choose_id("ask")
    assert runner.view().lines[0].text == "Thanks for asking."
    edited = CONDITIONAL.replace("Thanks for asking.", "Thank you.")
    runner.scenario = load_scenario_text(edited.format(greeting="Hey."), folder=SCENARIOS)
    view = runner.view()
    assert [line.text for line in view.lines[:3]] == ["Thank you.", "Really.", "Hey."]
    assert view == view_from_scratch(runner)
    runner.choose_id("push")
    assert runner.view() == view_from_scratch(runner)
