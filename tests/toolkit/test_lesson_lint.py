"""The lesson lint (RP120-RP126) on planted scenarios: each code fires on the scenario that breaks
its rule, with a witness that replays through the runtime to the named ending, and stays quiet
on the scenario that keeps every rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from roleplay import load_scenario, replay
from roleplay.authoring._lint import LintReport, lint_file
from tests.toolkit.conftest import Writer

#: Keeps every lesson: the goal needs the honest push made once trust has risen above its start.
LESSON = """\
format: 1
id: lesson
title: Lesson
summary: Listen first, then make the case.
learning_goals: [Push when the relationship can carry it]
estimated_minutes: 2
start: meet
meters:
  trust: {label: Trust, start: 3}
  compliance: {label: Compliance}
flags:
  made_case:
    description: You made the case with the numbers
    explain: You made the case with the numbers.
    explain_not: You never made the case.
  crossed_line:
    description: You threatened Sam
    explain: You threatened Sam.
    explain_not: You never threatened anyone.
nodes:
  meet:
    discussion: What do you gain by listening first?
    lines: [{text: Sam is wary.}]
    choices:
      - id: listen
        text: Ask Sam what worries him.
        technique: active_listening
        effects: {trust: 2}
        feedback: Listening first builds the trust a push needs.
        next: ask
      - id: push_early
        text: Put the numbers on the table straight away.
        technique: evidence_and_data
        effects: {trust: -1, compliance: 1}
        feedback: The same numbers, pushed before Sam trusts you (Trust was {trust}).
        next: ask
      - id: threaten
        text: Tell Sam his job depends on it.
        technique: threat
        effects: {compliance: 3}
        set: {crossed_line: true}
        feedback: A threat buys compliance and costs the relationship.
        next: ask
  ask:
    lines: [{text: The meeting.}]
    choices:
      - id: present
        text: Show the numbers and ask for a trial.
        technique: evidence_and_data
        effects: {compliance: 3}
        set: {made_case: true}
        feedback: A clear, honest ask.
        next: done
      - id: more_listen
        text: Keep listening.
        technique: active_listening
        effects: {trust: 2}
        feedback: Pleasant, but nothing is decided.
        next: done
      - id: order
        text: Tell the team it starts Monday.
        technique: direct_instruction
        effects: {compliance: 3, trust: -2}
        feedback: An order gets compliance, not commitment.
        next: done
  done:
    lines: [{text: The end.}]
    end: true
endings:
  - id: agreed
    title: Agreed
    when: trust >= 5 and compliance >= 3 and flags.made_case and not flags.crossed_line
    text: Sam signs up.
    debrief: Trust, then the push.
  - id: other
    title: Not yet
    text: Nothing changes.
    debrief: Either the push came too early or not at all.
"""

#: (code, what to change in LESSON) for each lesson code.
PLANTED = {
    "RP120": (
        "        effects: {compliance: 3}\n        set: {crossed_line: true}\n",
        "        effects: {trust: 2}\n",
    ),
    "RP121": (
        "        effects: {compliance: 3}\n        set: {made_case: true}\n",
        "        effects: {compliance: 3, trust: 3}\n        set: {made_case: true}\n",
    ),
    "RP122": ("when: trust >= 5 and", "when: trust >= 2 and"),
    "RP123": ("  trust: {label: Trust, start: 3}", "  trust: {label: Trust, start: 4, max: 5}"),
    "RP124": (
        "        text: Keep listening.\n",
        "        text: Show the numbers and ask for a trial.\n        if: trust >= 5\n",
    ),
    "RP125": ("What do you gain", "What does the player gain"),
    "RP126": (
        "    explain: You made the case with the numbers.\n",
        "",
    ),
}


def _lint(write: Writer, text: str) -> LintReport:
    return lint_file(write(text))


def _codes(report: LintReport) -> list[str]:
    return [d.code for d in report.diagnostics]


def test_the_lesson_scenario_keeps_every_rule(write: Writer) -> None:
    report = _lint(write, LESSON)
    assert not [d for d in report.diagnostics if d.severity != "info"], [
        d.format() for d in report.diagnostics
    ]
    assert report.findings == []
    policies = {p.name: p.endings for p in report.policies}
    assert policies["greedy:trust"] == ("other",)
    assert policies["family:persuasion"] == ("other",)
    assert policies["first"] == () and policies["last"] == ()  # shuffled: position says nothing


@pytest.mark.parametrize("code", sorted(PLANTED))
def test_each_lesson_code_fires_on_its_planted_scenario(code: str, write: Writer) -> None:
    old, new = PLANTED[code]
    assert old in LESSON
    report = _lint(write, LESSON.replace(old, new))
    assert code in _codes(report), [d.format() for d in report.diagnostics]


@pytest.mark.parametrize("code", ["RP120", "RP121", "RP122", "RP123"])
def test_each_witness_replays_through_the_runtime_to_the_named_ending(
    code: str, write: Writer, tmp_path: Path
) -> None:
    old, new = PLANTED[code]
    path = write(LESSON.replace(old, new))
    report = lint_file(path)
    kinds = {"RP120": "unethical", "RP121": "policy", "RP122": "timing", "RP123": "saturation"}
    findings = [f for f in report.findings if f.kind == kinds[code]]
    assert findings
    scenario = load_scenario(path)
    messages = [d.message for d in report.diagnostics if d.code == code]
    for finding in findings:
        assert finding.ending == "agreed"
        by_id = replay(scenario, finding.ids)
        assert by_id.is_over and by_id.state.ending == finding.ending
        by_number = replay(scenario, finding.numbers)  # numbers count the choices as written
        assert by_number.state.ending == finding.ending
        assert any(" > ".join(finding.ids) in m for m in messages)


def test_the_unethical_witness_takes_the_unethical_choice(write: Writer) -> None:
    old, new = PLANTED["RP120"]
    report = _lint(write, LESSON.replace(old, new))
    (finding,) = [f for f in report.findings if f.kind == "unethical"]
    assert finding.choice == "threaten" and "threaten" in finding.ids


def test_greedy_policy_is_named_with_the_meter(write: Writer) -> None:
    old, new = PLANTED["RP121"]
    report = _lint(write, LESSON.replace(old, new))
    policies = [f.policy for f in report.findings if f.kind == "policy"]
    assert "greedy:trust" in policies
    messages = [d.message for d in report.diagnostics if d.code == "RP121"]
    assert any("raises Trust most: choices listen > present" in m for m in messages)


def test_first_listed_counts_only_where_the_order_is_not_shuffled(write: Writer) -> None:
    unshuffled = LESSON.replace("start: meet\n", "start: meet\nshuffle: false\n")
    report = _lint(write, unshuffled)
    assert [f.policy for f in report.findings] == ["first"]
    (finding,) = report.findings
    assert finding.ids == ("listen", "present") and finding.numbers == (1, 1)
    per_node = unshuffled.replace("  ask:\n    lines", "  ask:\n    shuffle: true\n    lines")
    assert _lint(write, per_node).findings == []


def test_timing_names_pushes_made_too_early(write: Writer) -> None:
    old, new = PLANTED["RP122"]
    report = _lint(write, LESSON.replace(old, new))
    (finding,) = [f for f in report.findings if f.kind == "timing"]
    assert finding.ids == ("push_early", "present")
    assert "Trust is still at or below the start" in finding.detail


def test_relationship_meters_can_name_another_meter(write: Writer) -> None:
    text = LESSON.replace("start: meet\n", "start: meet\nrelationship_meters: [compliance]\n")
    report = _lint(write, text)
    # judged on compliance (still 0 when the numbers are shown), the push on the goal's road is
    # made before any relationship: the rule names the meters it was told to watch
    (finding,) = [f for f in report.findings if f.kind == "timing"]
    assert finding.ids == ("listen", "present") and "Compliance" in finding.detail
    bad = text.replace("relationship_meters: [compliance]", "relationship_meters: [trsut]")
    assert any(d.code == "RP012" for d in lint_file(write(bad)).diagnostics)


def test_saturation_names_the_meter_and_the_bound(write: Writer) -> None:
    old, new = PLANTED["RP123"]
    report = _lint(write, LESSON.replace(old, new))
    (finding,) = [f for f in report.findings if f.kind == "saturation"]
    assert finding.meter == "trust" and finding.choice == "listen"
    assert "past its max of 5" in finding.detail


def test_a_won_at_a_cost_ending_can_opt_out_of_being_a_goal(write: Writer) -> None:
    old, new = PLANTED["RP120"]
    text = LESSON.replace(old, new).replace(
        "    title: Agreed\n", "    title: Agreed\n    goal: false\n"
    )
    report = _lint(write, text)
    assert not {"RP120", "RP121", "RP122", "RP123"} & set(_codes(report))
    marked = LESSON.replace("    title: Not yet\n", "    title: Not yet\n    goal: true\n")
    assert load_scenario(write(marked)).goal_endings == ("other",)
