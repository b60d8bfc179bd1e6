"""The lesson checks of ``roleplay lint`` (RP12x): what the goal endings teach, and the words.

RP120-RP123 rest on the solver's state graph (:mod:`roleplay.authoring.solver._policies`): each
finding is proven on every path and comes with a witness that replays to the named ending.
RP124-RP126 read the scenario itself: choices that look the same but are not, text that speaks
of "the player", and ending rules the learner would read as code.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from typing import Protocol

from roleplay.authoring._lesson_hints import finding_hint
from roleplay.authoring.solver import Exploration
from roleplay.authoring.solver._policies import Finding, LessonChecker, Policy
from roleplay.engine._model import Prose
from roleplay.engine._scenario import CompiledEnding, CompiledPart, Scenario
from roleplay.engine._why import rule_parts

Loc = tuple[str | int, ...]

THE_PLAYER = re.compile(r"\bthe players?\b", re.IGNORECASE)

_CODES = {"unethical": "RP120", "policy": "RP121", "timing": "RP122", "saturation": "RP123"}


class Reporter(Protocol):
    """What the checks need of the linter: the scenario and a way to report."""

    scenario: Scenario

    def add(self, code: str, message: str, loc: Loc, *, hint: str = "", key: bool = False) -> None:
        """Record a diagnostic at ``loc``."""


def path_words(finding: Finding) -> str:
    """A witness as a designer reads it: choice ids, then numbers as the choices are written."""
    ids = " > ".join(finding.ids) or "(none)"
    numbers = " ".join(str(n) for n in finding.numbers)
    return f"choices {ids} (numbers as written: [{numbers}])"


def lesson_findings(
    found: Exploration,
) -> tuple[list[Finding], list[Policy], dict[str, tuple[str, ...]]]:
    """Every RP120-RP123 finding, every one-rule policy with its endings, and the endings each
    family alone reaches (RP114); empty without the state graph."""
    if found.graph is None:
        return [], [], {}
    checker = LessonChecker(found.graph)
    findings = checker.unethical() + checker.policy_findings()
    findings += checker.timing() + checker.saturation()
    return findings, checker.policies(), checker.single_family()


def report_findings(linter: Reporter, findings: list[Finding]) -> None:
    """Report the findings on the goal endings they reach."""
    where = {e.id: i for i, e in enumerate(linter.scenario.endings)}
    for finding in findings:
        code = _CODES[finding.kind]
        loc: Loc = ("endings", where[finding.ending])
        linter.add(code, _message(finding), loc, hint=finding_hint(linter.scenario, finding))


def _message(finding: Finding) -> str:
    goal = f"goal ending '{finding.ending}'"
    path = path_words(finding)
    if finding.kind == "unethical":
        return f"{goal} is reached after an unethical choice, {finding.detail}: {path}"
    if finding.kind == "policy":
        return f"{goal} is reached by {finding.detail}: {path}"
    if finding.kind == "timing":
        return f"{goal} is reached without a well-timed push: {finding.detail}: {path}"
    return f"on the way to {goal}, {finding.detail}: {path}"


# --- words -------------------------------------------------------------------------------
def check_identical_choices(linter: Reporter, found: Exploration) -> None:
    """RP124: two choices at a decision with the same text, told apart by a hidden condition."""
    for node_id, node in linter.scenario.nodes.items():
        seen: dict[str, int] = {}
        for choice in node.choices:
            text = " ".join(choice.text.casefold().split())
            first = seen.setdefault(text, choice.index)
            if first == choice.index:
                continue
            other = node.choices[first]
            hidden = [c for c in (other, choice) if c.condition is not None and not c.show_locked]
            both_offered = found.complete and all(
                (node_id, c.index) in found.available for c in (other, choice)
            )
            if hidden and (both_offered or not found.complete):
                gate = hidden[0].spec.if_
                linter.add(
                    "RP124",
                    f"choices {first + 1} and {choice.index + 1} at '{node_id}' read the same "
                    f"and differ only by a hidden condition ('{gate}'): the learner cannot see "
                    "what decides the outcome",
                    ("nodes", node_id, "choices", choice.index, "text"),
                    hint="merge them into one choice whose reaction or later conditions read "
                    "the meter, or make the lines differ",
                )


def check_the_player(linter: Reporter) -> None:
    """RP125: learner-facing text that speaks of "the player" instead of to the learner."""
    for loc, text in _learner_texts(linter.scenario):
        match = THE_PLAYER.search(text)
        if match:
            linter.add(
                "RP125",
                f"'{match.group(0)}' in text the learner reads: speak to them ('you')",
                loc,
                hint='e.g. "What do you gain..." instead of "What does the player gain..."',
            )


def _learner_texts(scenario: Scenario) -> Iterator[tuple[Loc, str]]:
    spec = scenario.spec
    for node_id, node in spec.nodes.items():
        if node.discussion:
            yield ("nodes", node_id, "discussion"), node.discussion
        for index, choice in enumerate(node.choices or ()):
            yield from _prose(("nodes", node_id, "choices", index, "feedback"), choice.feedback)
    for index, ending in enumerate(spec.endings):
        yield from _prose(("endings", index, "text"), ending.text)
        yield from _prose(("endings", index, "debrief"), ending.debrief)
        for at, part in enumerate(ending.when if isinstance(ending.when, tuple) else ()):
            if not isinstance(part, str):
                yield ("endings", index, "when", at, "explain"), part.explain
                yield ("endings", index, "when", at, "missing"), part.missing
    for flag_id, flag in spec.flags.items():
        yield ("flags", flag_id, "explain"), flag.explain
        yield ("flags", flag_id, "explain_not"), flag.explain_not
    for index, question in enumerate(spec.check):
        yield ("check", index, "question"), question.question
        for at, option in enumerate(question.options):
            yield ("check", index, "options", at, "explain"), option.explain


def _prose(loc: Loc, prose: Prose) -> Iterator[tuple[Loc, str]]:
    if isinstance(prose, str):
        yield loc, prose
        return
    for index, item in enumerate(prose):
        if isinstance(item, str):
            yield (*loc, index), item
        else:
            yield (*loc, index, "text"), item.text


def check_rule_words(linter: Reporter) -> None:
    """RP126: parts of ending rules with no learner-facing sentence to explain them.

    The reached ending says why each part held; only a goal ending is ever read for what was
    missing (the nearest goal), so only goal endings need the sentences for a part that fails.
    """
    scenario = linter.scenario
    for index, rule in enumerate(scenario.ending_rules):
        if rule.condition is None or rule.by_name or rule.source in ("false", "False"):
            continue  # the fallback, and endings reached only by a node's ending:
        for problem in _unexplained(scenario, rule):
            linter.add(
                "RP126",
                f"ending '{rule.spec.id}': {problem}",
                ("endings", index, "when"),
                hint="write the rule as a list of parts with explain: (and missing: on a goal "
                "ending), or give the flag explain: / explain_not:",
            )


def _unexplained(scenario: Scenario, rule: CompiledEnding) -> Iterator[str]:
    """What in the rule 'why this ending' could only show as generated words."""
    for part in rule_parts(rule):
        if isinstance(part, CompiledPart):
            if part.explain and (part.missing or not rule.goal):
                continue
            tree = part.condition.tree
        else:
            tree = part
        yield from _unexplained_clause(scenario, tree, goal=rule.goal)


def _unexplained_clause(scenario: Scenario, tree: ast.expr, *, goal: bool) -> Iterator[str]:
    negated = isinstance(tree, ast.UnaryOp) and isinstance(tree.op, ast.Not)
    inner = tree.operand if isinstance(tree, ast.UnaryOp) else tree
    if isinstance(inner, ast.Attribute) and inner.attr in scenario.flags:
        flag = scenario.flags[inner.attr]
        needed = ["explain_not" if negated else "explain"]
        if goal:
            needed = ["explain", "explain_not"]
        missing = [k for k in needed if not getattr(flag, k).strip()]
        if missing:
            yield f"flag '{inner.attr}' has no {' or '.join(missing)}"
        return
    if isinstance(inner, ast.Call) and ast.unparse(inner.func) == "chose":
        return
    if isinstance(tree, ast.Compare) and len(tree.ops) == 1:
        names = [n for n in (tree.left, tree.comparators[0]) if isinstance(n, ast.Name)]
        numbers = [n for n in (tree.left, tree.comparators[0]) if isinstance(n, ast.Constant)]
        if len(names) == 1 and len(numbers) == 1 and names[0].id in scenario.meters:
            return
    wanted = "explain: and missing:" if goal else "explain:"
    yield f"'{ast.unparse(tree)}' has no {wanted}"
