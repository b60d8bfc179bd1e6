"""`roleplay lint`: the solver's claims (witnesses, meter ranges), exit codes and JSON output."""

from __future__ import annotations

import json
import re
from pathlib import Path

from roleplay import load_scenario, replay
from roleplay.authoring._lint import lint_file
from roleplay.authoring.solver import explore
from tests.toolkit.conftest import Cli, Writer

GATED = """\
format: 1
id: gated
title: Gated
summary: Trust opens the last door; listening twice in a row is possible once.
learning_goals: [Example]
estimated_minutes: 2
start: first
meters:
  trust: {label: Trust, start: 3, max: 6}
  compliance: {label: Compliance, start: 0}
flags:
  pushed: {description: You pushed}
nodes:
  first:
    lines: [{text: Start.}]
    choices:
      - id: listen
        text: Listen
        technique: active_listening
        effects: {trust: 2}
        feedback: Listening.
        once: true
        next: first
      - text: Push
        technique: direct_instruction
        effects: {compliance: 3, trust: -1}
        set: {pushed: true}
        feedback: Pushing.
        next: bridge
      - text: Move on
        technique: involving_people
        feedback: Moving on.
        next: bridge
  bridge:
    lines: [{text: Later.}]
    next: last
  last:
    lines: [{text: The meeting.}]
    choices:
      - text: Ask for commitment
        technique: evidence_and_data
        if: trust >= 5 and not flags.pushed
        show_locked: true
        locked_hint: You need more trust.
        feedback: Asked.
        effects: {compliance: 2}
        next: done
      - text: Flatter
        technique: insincere_flattery
        feedback: Flattery.
        next: done
      - text: Listen again
        technique: active_listening
        feedback: Listening.
        next: done
  done:
    lines: [{text: End.}]
    end: true
endings:
  - id: committed
    title: Committed
    goal: false  # a structure test: the lesson rules (RP120-RP123) are tested in test_lesson_lint
    when: trust >= 5 and compliance >= 2
    text: They commit.
    debrief: Trust plus a clear ask.
  - id: obeyed
    title: Obeyed
    when: compliance >= 3
    text: They obey.
    debrief: Pressure buys compliance.
  - id: drift
    title: Drift
    text: Nothing happens.
    debrief: No ask, no change.
"""


def test_every_witness_replays_to_its_ending_with_meters_in_range(write: Writer) -> None:
    scenario = load_scenario(write(GATED))
    found = explore(scenario)
    assert found.complete
    assert all(e.reachable for e in found.endings.values())
    for ending in found.endings.values():
        assert ending.witness is not None
        runner = replay(scenario, ending.witness)
        assert runner.state.ending == ending.id
        for meter, value in runner.state.meters.items():
            low, high = ending.meters[meter]
            assert low <= value <= high


def test_witnesses_are_shortest_and_number_locked_choices(write: Writer) -> None:
    found = explore(load_scenario(write(GATED)))
    # listen (1) loops back once, then "Move on" is choice 2 (listen is gone: once),
    # then "Ask for commitment" is choice 1 at the last decision.
    assert found.endings["committed"].witness == (1, 2, 1)
    # Push, then the locked "Ask" is still numbered 1, so "Flatter" is 2.
    assert found.endings["obeyed"].witness == (2, 2)
    assert found.endings["drift"].witness == (3, 2)
    assert found.endings["committed"].meters["trust"] == (5, 5)
    assert found.node_meters["last"]["trust"] == (2, 5)


def test_sample_scenario_is_fully_explored_and_all_endings_reachable(sample: Path) -> None:
    report = lint_file(sample)
    assert report.exploration is not None and report.exploration.complete
    assert report.errors == 0
    assert set(report.exploration.reachable_endings) == {
        "shared_kitchen",
        "to_the_letter",
        "stalemate",
    }
    assert report.exploration.seconds < 1.0


def test_lint_json_for_one_file_is_one_object(cli: Cli, sample: Path) -> None:
    result = cli("lint", "--json", str(sample))
    assert result.code == 0
    data = json.loads(result.out)
    assert data["scenario"] == "sample_rota"
    assert data["complete"] is True and data["states"] > 0
    endings = {e["id"]: e for e in data["endings"]}
    assert endings["shared_kitchen"]["reachable"] is True
    assert endings["shared_kitchen"]["witness"] == [1, 2, 1]
    assert endings["shared_kitchen"]["witness_ids"] == ["ask_jo", "idea.2", "show_numbers"]
    assert data["goals"] == ["shared_kitchen"] and data["findings"] == []
    assert {p["policy"] for p in data["policies"]} >= {"family:influence", "greedy:trust"}
    assert set(endings["shared_kitchen"]["meters"]) == {"trust", "reputation", "compliance"}
    for diagnostic in data["diagnostics"]:
        assert {"code", "severity", "file", "line", "col", "message"} <= set(diagnostic)
    assert data["nodes"]["idea"]["trust"] == [7, 7]


def test_lint_json_for_a_folder_is_a_list(cli: Cli, sample: Path, write: Writer) -> None:
    write(GATED, "gated.yaml")
    result = cli("lint", "--json", str(sample.parent))
    assert result.code == 0
    data = json.loads(result.out)
    assert [d["scenario"] for d in data] == ["gated", "sample_rota"]


def test_warnings_pass_but_fail_with_strict(cli: Cli, write: Writer) -> None:
    path = write(GATED.replace("    debrief: No ask, no change.\n", ""))
    assert cli("lint", str(path)).code == 0
    strict = cli("lint", "--strict", str(path))
    assert strict.code == 1
    assert "RP113 warning: ending 'drift' has no debrief" in strict.out


def test_errors_exit_1_with_location_and_snippet(cli: Cli, write: Writer) -> None:
    path = write(GATED.replace("when: compliance >= 3", "when: compliance >= 30"))
    result = cli("lint", str(path))
    assert result.code == 1
    line = next(i for i, t in enumerate(GATED.splitlines(), 1) if t == "  - id: obeyed")
    assert f"{path}:{line}:5: RP103 error: ending 'obeyed' can never be reached" in result.out
    assert "  - id: obeyed" in result.out  # the source snippet
    assert re.search(r"^ +obeyed +UNREACHABLE$", result.out, re.M)


def test_validate_errors_are_reported_and_exploration_skipped(cli: Cli, write: Writer) -> None:
    path = write(GATED.replace("next: bridge", "next: bridgee", 1))
    result = cli("lint", "--json", str(path))
    assert result.code == 1
    data = json.loads(result.out)
    assert [d["code"] for d in data["diagnostics"]] == ["RP020"]
    assert data["complete"] is False and data["endings"] == []


def test_usage_errors_exit_2(cli: Cli, tmp_path: Path) -> None:
    assert cli("lint", str(tmp_path / "missing.yaml")).code == 2
    assert cli("lint").code == 2
    assert cli("lint", "--max-states", "zero", str(tmp_path)).code == 2


def test_budget_reports_incomplete_honestly(cli: Cli, write: Writer) -> None:
    path = write(GATED)
    result = cli("lint", "--json", "--max-states", "1", str(path))
    data = json.loads(result.out)
    assert data["complete"] is False
    assert "RP105" in [d["code"] for d in data["diagnostics"]]
    rp105 = next(d for d in data["diagnostics"] if d["code"] == "RP105")
    assert rp105["severity"] == "warning"
    assert result.code == 0  # a warning: a plain lint passes...
    # ...but --strict fails, because nothing was proven
    assert cli("lint", "--strict", "--max-states", "1", str(path)).code == 1
    # nothing is claimed unreachable when the exploration was cut short
    assert not {"RP100", "RP102", "RP103"} & {d["code"] for d in data["diagnostics"]}


def test_visit_counts_are_tracked_for_visits_conditions(write: Writer) -> None:
    text = GATED.replace(
        "        if: trust >= 5 and not flags.pushed\n",
        '        if: visits("first") >= 2 and not flags.pushed\n',
    ).replace("when: trust >= 5 and compliance >= 2", "when: compliance == 2")
    scenario = load_scenario(write(text))
    found = explore(scenario)
    assert found.tracked_visits == {"first": 3}
    witness = found.endings["committed"].witness
    assert witness == (1, 2, 1)
    assert replay(scenario, witness).state.ending == "committed"


def test_dead_end_witness_replays_to_the_dead_end(write: Writer) -> None:
    text = GATED.replace(
        "      - text: Flatter\n        technique: insincere_flattery\n",
        "      - text: Flatter\n        technique: insincere_flattery\n        if: trust >= 4\n",
    ).replace(
        "      - text: Listen again\n        technique: active_listening\n",
        "      - text: Listen again\n        technique: active_listening\n        if: trust >= 4\n",
    )
    path = write(text)
    report = lint_file(path)
    assert "RP101" in [d.code for d in report.diagnostics]
    assert report.exploration is not None
    witness = report.exploration.dead_ends["last"]
    runner = replay(load_scenario(path), witness)
    assert runner.is_over and runner.state.node == "last"


def test_next_loop_is_a_cycle_with_no_exit(cli: Cli, write: Writer) -> None:
    text = GATED.replace(
        "    next: last\n",
        "    next: loop\n  loop:\n    lines: [{text: Again.}]\n    next: bridge\n",
    )
    result = cli("lint", str(write(text)))
    assert result.code == 1
    assert "RP104 error: the 'next' nodes bridge > loop > bridge loop forever" in result.out
