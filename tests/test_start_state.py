"""Starting a run anywhere (`roleplay.start_state`): node, presets, rewind and saves."""

from __future__ import annotations

from pathlib import Path

import pytest

from roleplay import (
    Runner,
    StartError,
    load_game,
    load_scenario,
    replay,
    save_game,
    start_state,
)
from roleplay.engine._start import parse_presets
from tests.conftest import SAMPLE


@pytest.fixture(scope="module")
def scenario():  # type: ignore[no-untyped-def]
    return load_scenario(SAMPLE)


def test_starts_at_the_node_with_presets_clamped(scenario) -> None:  # type: ignore[no-untyped-def]
    state = start_state(scenario, "office", meters={"trust": 42}, flags={"asked_jo": True})
    assert state.node == "office" and state.path == ["office"]
    assert state.meters == {"trust": 10, "reputation": 5, "compliance": 2}
    assert state.flags["asked_jo"] is True
    assert not any(value for flag, value in state.flags.items() if flag != "asked_jo")
    assert state.ending is None and state.history == []


def test_presets_open_the_choices_they_unlock(scenario) -> None:  # type: ignore[no-untyped-def]
    locked = Runner(scenario, start_state(scenario, "office"))
    assert not locked.view().choices[0].available
    runner = Runner(scenario, start_state(scenario, "office", meters={"compliance": 9}))
    runner.choose(1)
    assert runner.state.meters["compliance"] == 10  # 9 + 1, clamped nowhere else


def test_a_plain_start_is_the_ordinary_start(scenario) -> None:  # type: ignore[no-untyped-def]
    assert start_state(scenario).to_json() == Runner(scenario).state.to_json()


def test_an_ending_node_ends_the_run_at_once(scenario) -> None:  # type: ignore[no-untyped-def]
    state = start_state(scenario, "walked_out")
    assert state.ending == "stalemate"


def test_rewind_goes_back_to_the_chosen_node(scenario) -> None:  # type: ignore[no-untyped-def]
    runner = Runner(scenario, start_state(scenario, "idea", meters={"trust": 9}))
    runner.choose(0)
    runner.advance_to_decision()
    assert runner.state.node == "office"
    runner.rewind()
    assert runner.state.node == "idea" and runner.state.meters["trust"] == 9
    assert runner.state.path == ["idea"] and runner.state.history == []


def test_replay_from_a_start_state(scenario) -> None:  # type: ignore[no-untyped-def]
    start = start_state(scenario, "office", mode="assessment")
    runner = replay(scenario, [2], start=start)
    assert runner.state.path[0] == "office" and runner.state.mode == "practice"
    runner.rewind()
    assert runner.state.node == "office"


def test_saves_keep_where_the_run_began(scenario, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    runner = Runner(scenario, start_state(scenario, "office", flags={"threatened": True}))
    runner.choose(1)
    save_game(tmp_path / "s.json", scenario, runner.state)
    loaded = Runner(scenario, load_game(tmp_path / "s.json", scenario))
    loaded.rewind()
    assert loaded.state.node == "office" and loaded.state.flags["threatened"] is True


@pytest.mark.parametrize(
    ("node", "meters", "flags", "message"),
    [
        ("offise", {}, {}, "there is no node 'offise'; did you mean 'office'?"),
        (None, {"trst": 1}, {}, "there is no meter 'trst'; did you mean 'trust'?"),
        (None, {}, {"asked": True}, "there is no flag 'asked'; did you mean 'asked_jo'?"),
    ],
)
def test_unknown_names_are_named_with_a_suggestion(  # type: ignore[no-untyped-def]
    scenario, node, meters, flags, message
) -> None:
    with pytest.raises(StartError) as caught:
        start_state(scenario, node, meters=meters, flags=flags)
    assert str(caught.value) == message


def test_settings_are_read_as_typed(scenario) -> None:  # type: ignore[no-untyped-def]
    meters, flags = parse_presets(
        scenario, ["trust=7", "meters.compliance=-2", "flags.asked_jo=yes", "threatened=off"]
    )
    assert meters == {"trust": 7, "compliance": -2}
    assert flags == {"asked_jo": True, "threatened": False}


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("trust", "'trust': write NAME=VALUE"),
        ("trust=high", "'trust=high': 'high' is not a whole number (Trust goes from 0 to 10)"),
        ("trust=-+3", "'trust=-+3': '-+3' is not a whole number"),
        ("asked_jo=maybe", "'asked_jo=maybe': 'maybe' is not true or false"),
        ("flags.asked=1", "'flags.asked=1': there is no flag 'asked'; did you mean 'asked_jo'?"),
        ("meters.trst=1", "'meters.trst=1': there is no meter 'trst'; did you mean 'trust'?"),
        ("reputaton=3", "'reputaton=3': there is no meter or flag 'reputaton'; did you mean"),
    ],
)
def test_bad_settings_say_which_and_why(scenario, setting: str, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(StartError) as caught:
        parse_presets(scenario, [setting])
    assert str(caught.value).startswith(message)


# --- the place a run begun elsewhere is in (play --from, designer mode's jump) ---------------
TRIAL = Path(__file__).parent / "data" / "trial_mentoring.yaml"


@pytest.fixture(scope="module")
def trial():  # type: ignore[no-untyped-def]
    return load_scenario(TRIAL, use_cache=False)


@pytest.mark.parametrize(
    ("node", "background", "title"),
    [
        ("jo_hurt", "kitchen", "Two weeks to go"),  # intro > corridor > priya_office > jo_coffee
        ("marcus_objects", "board", "The budget meeting"),  # morning_of > meeting_open
        ("late_night", "late", "The numbers"),  # its own
        ("intro", "office", "Two weeks to go"),  # the start
    ],
)
def test_a_run_begun_at_a_node_is_in_the_place_it_is_reached_in(  # type: ignore[no-untyped-def]
    trial, node: str, background: str, title: str
) -> None:
    view = Runner(trial, start_state(trial, node)).view()
    assert (view.node_id, view.background, view.title) == (node, background, title)


def test_the_place_follows_the_story_and_survives_rewind_and_saves(trial) -> None:  # type: ignore[no-untyped-def]
    runner = Runner(trial, start_state(trial, "priya_cool"))
    assert runner.view().background == "hr_office"
    runner.advance()  # to jo_coffee, which sets its own
    assert runner.view().background == "kitchen"
    runner = Runner(trial, start_state(trial, "marcus_objects", meters={"trust": 9}))
    runner.choose_id("ask_number")  # to marcus_detail, which sets nothing
    assert (runner.view().background, runner.view().title) == ("board", "The budget meeting")
    loaded = Runner(trial, type(runner.state).from_json(runner.state.to_json()))
    assert loaded.view().background == "board"
    runner.rewind()
    assert runner.view().node_id == "marcus_objects" and runner.view().background == "board"
