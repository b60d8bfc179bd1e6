"""Proven on every shipped scenario by the solver's exhaustive exploration: no path with an
unethical choice, no one-rule policy and no push made before the relationship reaches a goal
ending, while the goal ending itself stays reachable and its witness replays to it."""

from __future__ import annotations

import pytest

from roleplay import find_scenarios, replay
from roleplay.authoring._lint import LintReport, lint_file

SHIPPED = find_scenarios()


@pytest.fixture(scope="module", params=SHIPPED, ids=[p.stem for p in SHIPPED])
def report(request: pytest.FixtureRequest) -> LintReport:
    return lint_file(request.param)


def test_the_exploration_is_complete_and_a_goal_is_reachable(report: LintReport) -> None:
    assert report.scenario is not None and report.exploration is not None
    assert report.exploration.complete and report.exploration.graph is not None
    goals = report.scenario.goal_endings
    assert goals
    for goal in goals:
        ids = report.witness_ids(goal)
        assert ids is not None
        assert replay(report.scenario, ids).state.ending == goal


def test_no_unethical_path_reaches_a_goal_ending(report: LintReport) -> None:
    assert [f for f in report.findings if f.kind == "unethical"] == []


def test_no_one_rule_policy_reaches_a_goal_ending(report: LintReport) -> None:
    assert report.scenario is not None
    goals = set(report.scenario.goal_endings)
    names = {p.name for p in report.policies}
    meters = set(report.scenario.meters)
    assert {f"greedy:{m}" for m in meters} | {"first", "last"} <= names
    assert {"family:influence", "family:persuasion"} <= names
    for policy in report.policies:
        assert not goals & set(policy.endings), (policy.name, policy.endings)
    assert [f for f in report.findings if f.kind == "policy"] == []


def test_the_goal_needs_a_push_made_once_the_relationship_is_built(report: LintReport) -> None:
    assert report.scenario is not None and report.scenario.relationship_meters
    assert [f for f in report.findings if f.kind == "timing"] == []


def test_lint_strict_passes(report: LintReport) -> None:
    assert not report.failed(strict=True), [d.format() for d in report.diagnostics]
