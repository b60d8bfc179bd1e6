"""What designer mode reads from the engine: choices clause by clause, meters set by hand, node
lines in the file, and playthrough tests of runs recorded before their end."""

from __future__ import annotations

from pathlib import Path

import pytest

from roleplay import ChoiceError, Runner, load_scenario, record_state
from roleplay.authoring._testing import check_playthrough
from roleplay.engine._inspect import inspect_choices, source_lines

MINI = Path(__file__).parent / "ui" / "fixtures" / "mini.yaml"


def test_each_choice_with_its_clauses_values_and_why_it_is_locked() -> None:
    scenario = load_scenario(MINI)
    runner = Runner(scenario)
    reports = {r.id: r for r in inspect_choices(scenario, runner.state)}
    ask, push, secret = reports["ask"], reports["push"], reports["secret"]
    assert (ask.number, ask.status, ask.reason, ask.condition) == (1, "available", "", None)
    assert ask.effects == ("trust +2",) and ask.sets == ("asked = true",)
    assert (ask.family, ask.ethical, ask.next_id) == ("influence", True, "bridge")
    assert push.ethical is False and push.effects == ("trust -3", "reputation -1")
    assert secret.status == "locked" and not secret.holds
    assert [(c.source, c.held, c.values) for c in secret.clauses] == [
        ("flags.asked", False, ("flags.asked = false",)),
        ("trust >= 9", False, ("trust = 5",)),
    ]
    assert secret.reason == (
        "shown greyed: needs flags.asked, but flags.asked = false; needs trust >= 9, but trust = 5"
    )


def test_set_meter_clamps_and_unlocks_what_it_should() -> None:
    scenario = load_scenario(MINI)
    runner = Runner(scenario)
    runner.state.flags["asked"] = True
    assert runner.set_meter("trust", 99) == 10
    assert [available for _, available in runner.visible_choices()] == [True, True, True]
    reports = {r.id: r for r in inspect_choices(scenario, runner.state)}
    assert reports["secret"].status == "available" and reports["secret"].holds
    assert runner.set_meter("trust", -5) == 0
    with pytest.raises(ChoiceError, match="no meter 'trsut'"):
        runner.set_meter("trsut", 1)


def test_source_lines_of_nodes_and_choices(tmp_path: Path) -> None:
    lines = source_lines(MINI)
    assert lines.nodes["intro"] == 39 and lines.nodes["done"] == 98
    assert lines.choices[("intro", 2)] == 69
    broken = tmp_path / "broken.yaml"
    broken.write_text("nodes: [unclosed\n")
    assert source_lines(broken).nodes == {} and source_lines(None).file is None


def test_a_run_recorded_before_its_end_replays_green_and_fails_when_it_ends(
    tmp_path: Path,
) -> None:
    scenario = load_scenario(MINI)
    target = tmp_path / "mini.at_meeting.playthrough.yaml"
    record_state(target, scenario, ["ask"])
    text = target.read_text()
    assert "ending:" not in text and "path: [intro, bridge, meeting]" in text
    outcome = check_playthrough(target)
    assert outcome.ok, outcome.problems
    target.write_text(text.replace("choices:\n  - ask", "choices:\n  - ask\n  - share"))
    outcome = check_playthrough(target)
    assert not outcome.ok
    assert any("expected the run to stop at node 'meeting'" in p for p in outcome.problems)
