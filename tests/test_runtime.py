"""Runtime behaviour a player notices; every test also runs through a save/load round trip."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from roleplay import (
    ChoiceError,
    Runner,
    Scenario,
    build_debrief,
    load_game,
    load_scenario,
    load_scenario_text,
    save_game,
)
from tests.conftest import SAMPLE, TINY

MakeRunner = Callable[[Scenario], Any]


class RoundTripRunner:
    """A Runner that saves to disk and loads back after every action (like ink's tests)."""

    def __init__(self, scenario: Scenario, folder: Path, mode: str = "practice") -> None:
        self.scenario = scenario
        self.file = folder / "roundtrip.json"
        self.inner = Runner(scenario, mode=mode)  # type: ignore[arg-type]
        self._cycle()

    def _cycle(self) -> None:
        save_game(self.file, self.scenario, self.inner.state)
        self.inner = Runner(self.scenario, load_game(self.file, self.scenario))

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self.inner, name)
        if name in ("choose", "advance", "rewind", "rewind_to", "choose_id", "advance_to_decision"):

            def wrapped(*args: Any) -> Any:
                result = attribute(*args)
                self._cycle()
                return result

            return wrapped
        return attribute


@pytest.fixture(params=["direct", "roundtrip"])
def make_runner(request: pytest.FixtureRequest, tmp_path: Path) -> MakeRunner:
    """Build runners directly, or wrapped in a save/load round trip after every action."""
    if request.param == "direct":
        return lambda scenario, **kw: Runner(scenario, **kw)
    return lambda scenario, **kw: RoundTripRunner(scenario, tmp_path, **kw)


@pytest.fixture(scope="module")
def tiny() -> Scenario:
    return load_scenario_text(TINY)


@pytest.fixture(scope="module")
def sample() -> Scenario:
    return load_scenario(SAMPLE)


def test_first_view_shows_lines_and_choices(tiny: Scenario, make_runner: MakeRunner) -> None:
    view = make_runner(tiny).view()
    assert view.node_id == "hello"
    assert [line.text for line in view.lines] == ["Hi."]
    assert view.lines[0].name == "Jo" and view.lines[0].expression == "neutral"
    assert [c.number for c in view.choices] == [1, 2]
    assert view.choices[0].family == "influence"
    assert view.ending is None


def test_choice_applies_effects_and_reaches_rule_ending(
    tiny: Scenario, make_runner: MakeRunner
) -> None:
    runner = make_runner(tiny)
    runner.choose(0)
    assert runner.state.meters == {"trust": 7, "compliance": 2}
    assert runner.state.flags["asked"] is True
    ending = runner.view().ending
    assert ending is not None and ending.id == "good"
    assert ending.rule == "Trust 7 — needed at least 7."


def test_effects_clamp_to_the_meter_range(tiny: Scenario, make_runner: MakeRunner) -> None:
    runner = make_runner(tiny)
    runner.choose(1)
    assert runner.state.meters["trust"] == 0
    assert runner.state.history[0].deltas == {"trust": -5, "compliance": 3}
    assert runner.view().ending.id == "fine"
    assert "None of the other endings" in runner.view().ending.rule


def test_invalid_choices_are_refused(tiny: Scenario, make_runner: MakeRunner) -> None:
    runner = make_runner(tiny)
    with pytest.raises(ChoiceError):
        runner.choose(5)
    with pytest.raises(ChoiceError):
        runner.advance()
    runner.choose(0)
    with pytest.raises(ChoiceError):
        runner.choose(0)


def test_reaction_lines_come_first_after_a_choice(
    sample: Scenario, make_runner: MakeRunner
) -> None:
    runner = make_runner(sample)
    runner.choose(0)
    lines = runner.view().lines
    assert lines[0].is_reaction and lines[0].speaker == "jo" and lines[0].expression == "pleased"
    assert not lines[1].is_reaction and lines[1].speaker == "tom"


def test_locked_choice_is_shown_with_hint_and_cannot_be_picked(
    sample: Scenario, make_runner: MakeRunner
) -> None:
    runner = make_runner(sample)
    runner.choose(1)  # order: skips the idea node
    view = runner.view()
    locked = view.choices[0]
    assert not locked.available and locked.locked_hint
    with pytest.raises(ChoiceError, match="locked"):
        runner.choose(0)


def test_conditional_lines_follow_flags(sample: Scenario, make_runner: MakeRunner) -> None:
    runner = make_runner(sample)
    runner.choose(2)  # threaten
    texts = [line.text for line in runner.view().lines]
    assert any("threatened over a mug" in t for t in texts)
    assert not any("working" in t for t in texts)


def test_once_choice_disappears_after_use(sample: Scenario, make_runner: MakeRunner) -> None:
    runner = make_runner(sample)
    runner.choose(0)  # ask_jo (once) -> idea
    runner.choose(3)  # back to the kitchen
    ids = [c.id for c in runner.view().choices]
    assert "ask_jo" not in ids
    assert runner.state.visits["kitchen"] == 2


def test_background_is_inherited_until_changed(sample: Scenario, make_runner: MakeRunner) -> None:
    runner = make_runner(sample)
    runner.choose(0)
    assert runner.view().background == "kitchen"
    runner.choose(0)
    assert runner.view().background == "office"


def test_next_nodes_advance_without_a_decision(sample: Scenario, make_runner: MakeRunner) -> None:
    runner = make_runner(sample)
    runner.choose(1)
    runner.choose(1)
    view = runner.view()
    assert view.can_advance and not view.choices
    runner.advance()
    assert runner.is_over and runner.state.path[-2:] == ["vote", "wrap_up"]


def test_named_ending_node(sample: Scenario, make_runner: MakeRunner) -> None:
    runner = make_runner(sample)
    runner.choose(1)
    runner.choose(3)
    assert runner.view().ending.id == "stalemate"
    rule = runner.view().ending.rule
    assert rule.startswith("Your last decision led straight here: \u201c")
    assert rule.endswith("(decision 2).")


def test_rewind_undoes_the_last_choice(sample: Scenario, make_runner: MakeRunner) -> None:
    runner = make_runner(sample)
    runner.choose(2)
    runner.rewind()
    assert runner.state.node == "kitchen"
    assert runner.state.meters == {"trust": 5, "reputation": 5, "compliance": 2}
    assert not runner.state.flags["threatened"]
    assert runner.state.history == []


def test_rewind_to_any_decision(sample: Scenario, make_runner: MakeRunner) -> None:
    runner = make_runner(sample)
    runner.choose(0)
    runner.choose(0)
    runner.choose(0)
    runner.advance()
    assert runner.is_over
    runner.rewind_to(1)
    assert runner.state.node == "idea" and len(runner.state.history) == 1
    assert not runner.is_over


def test_assessment_mode_disables_rewind(sample: Scenario, make_runner: MakeRunner) -> None:
    runner = make_runner(sample, mode="assessment")
    runner.choose(0)
    assert not runner.can_rewind
    with pytest.raises(ChoiceError, match="assessment"):
        runner.rewind()


def test_play_is_deterministic(sample: Scenario) -> None:
    def play() -> tuple[object, ...]:
        runner = Runner(sample)
        for index in (0, 1, 0):
            runner.choose(index)
        runner.advance_to_decision()
        return runner.state.ending, tuple(runner.state.meters.items()), tuple(runner.state.path)

    assert play() == play()


def test_debrief_explains_each_decision(sample: Scenario, make_runner: MakeRunner) -> None:
    runner = make_runner(sample)
    runner.choose(0)
    runner.choose(1)
    runner.choose(0)
    runner.advance()
    debrief = build_debrief(sample, runner.state)
    assert debrief.ending is not None and debrief.ending.id == "shared_kitchen"
    assert [d.technique for d in debrief.decisions] == [
        "active_listening",
        "involving_people",
        "evidence_and_data",
    ]
    assert debrief.decisions[0].feedback.startswith("Asking the person")
    assert debrief.meter_series["trust"] == [5, 7, 8, 8]
    assert debrief.profile == {"influence": 2, "persuasion": 1, "pressure": 0, "manipulation": 0}
    assert "Tom and Jo trusted you to be fair (Trust 8 — needed at least 7)." in debrief.rule_text
