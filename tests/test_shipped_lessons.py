"""Proven on every shipped scenario by the solver's exhaustive exploration: no path with an
unethical choice, no one-rule policy and no push made before the relationship reaches a goal
ending, while the goal ending itself stays reachable and its witness replays to it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

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


REAL = [p for p in SHIPPED if p.stem in ("hybrid_pitch", "no_authority", "reluctant_team")]


@pytest.mark.parametrize("path", REAL, ids=[p.stem for p in REAL])
def test_without_its_breach_flags_the_goal_falls_to_manipulation(
    path: Path, tmp_path: Path
) -> None:
    """The checks can fail: drop the flags the goal excludes and an unethical path wins, with a
    witness that replays to the goal (the sample's lesson holds even without its flag)."""
    text = path.read_text(encoding="utf-8")
    loosened = re.sub(r"\s+and not flags\.(misled|strong_armed|crossed_line)\b", "", text)
    assert loosened != text
    target = tmp_path / path.name
    target.write_text(loosened, encoding="utf-8")
    shutil.copy(path.parent / "techniques.yaml", tmp_path / "techniques.yaml")
    report = lint_file(target)
    unethical = [f for f in report.findings if f.kind == "unethical"]
    assert unethical and "RP120" in {d.code for d in report.diagnostics}
    assert report.scenario is not None
    for finding in unethical:
        runner = replay(report.scenario, finding.ids)
        assert runner.state.ending == finding.ending in report.scenario.goal_endings
        assert not report.scenario.techniques[
            report.scenario.choice_index[finding.choice].technique
        ].ethical
