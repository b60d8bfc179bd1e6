"""What a designer sees of a run at its node: each choice's condition clause by clause with the
values it reads, its technique and effects, and why it is locked or hidden (the desktop game's
designer mode); and where nodes and choices are written in the scenario file.

Nothing here changes the state. Clauses are the parts of a condition joined by ``and`` (as
:mod:`roleplay.engine._why` reads ending rules), each evaluated against the state.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from roleplay.engine._document import read_document
from roleplay.engine._errors import ScenarioError
from roleplay.engine._expr import Condition
from roleplay.engine._scenario import CompiledChoice, Scenario
from roleplay.engine._shuffle import choice_order
from roleplay.engine._state import GameState
from roleplay.engine._why import _conjuncts, _evaluate
from roleplay.engine._yaml import SourceMap

#: How a choice stands now: picked-able, shown greyed, not shown, or gone (``once`` and taken).
Status = Literal["available", "locked", "hidden", "used"]
_COUNTERS = ("visited", "visits", "chose")


@dataclass(frozen=True, slots=True)
class Clause:
    """One part of a condition: its text, whether it holds now, and the values it reads
    (``trust = 5``, ``flags.asked = false``, ``visits('intro') = 1``)."""

    source: str
    held: bool
    values: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ChoiceReport:
    """A choice of the node as the designer inspects it (``number`` is None when not shown)."""

    id: str
    text: str
    number: int | None
    status: Status
    technique: str
    technique_label: str
    family: str
    ethical: bool | None
    condition: str | None
    clauses: tuple[Clause, ...]
    effects: tuple[str, ...]
    sets: tuple[str, ...]
    next_id: str
    once: bool
    locked_hint: str | None

    @property
    def holds(self) -> bool:
        """True when the choice has no condition or its condition holds now."""
        return all(clause.held for clause in self.clauses)

    @property
    def reason(self) -> str:
        """Why the choice cannot be taken now ("" when it can)."""
        if self.status == "used":
            return "once: already chosen in this run, so it is no longer offered"
        if self.status == "available":
            return ""
        failing = "; ".join(_failure(c) for c in self.clauses if not c.held)
        shown = "shown greyed" if self.status == "locked" else "not shown (no show_locked)"
        return f"{shown}: {failing or 'its condition does not hold'}"


def _failure(clause: Clause) -> str:
    """``needs trust >= 9, but trust = 5``."""
    if not clause.values:
        return f"needs {clause.source}, which does not hold"
    return f"needs {clause.source}, but {', '.join(clause.values)}"


def condition_clauses(
    scenario: Scenario, condition: Condition | None, state: GameState
) -> tuple[Clause, ...]:
    """The clauses of ``condition`` (joined by ``and``), each evaluated against ``state``."""
    if condition is None:
        return ()
    clauses: list[Clause] = []
    for part in _conjuncts(condition.tree):
        assert isinstance(part, ast.expr)
        held = _evaluate(scenario, part, state)
        clauses.append(Clause(ast.unparse(part), held, _values(scenario, part, state)))
    return tuple(clauses)


def _values(scenario: Scenario, tree: ast.expr, state: GameState) -> tuple[str, ...]:
    """What the clause reads, with the values it reads now, each once, in reading order."""
    found: list[str] = []
    for node in ast.walk(tree):
        text = _value_of(scenario, node, state)
        if text and text not in found:
            found.append(text)
    return tuple(found)


def _value_of(scenario: Scenario, node: ast.AST, state: GameState) -> str:
    if isinstance(node, ast.Name) and node.id in scenario.meters:
        return f"{node.id} = {state.meters.get(node.id, scenario.meters[node.id].initial)}"
    if isinstance(node, ast.Attribute) and node.attr in scenario.flags:
        value = state.flags.get(node.attr, scenario.flags[node.attr].start)
        return f"flags.{node.attr} = {str(value).lower()}"
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in _COUNTERS
        and node.args
        and isinstance(node.args[0], ast.Constant)
    ):
        target = str(node.args[0].value)
        counts = state.chosen if node.func.id == "chose" else state.visits
        what = "chosen" if node.func.id == "chose" else "visits"
        return f"{what}('{target}') = {counts.get(target, 0)}"
    return ""


def inspect_choices(scenario: Scenario, state: GameState) -> tuple[ChoiceReport, ...]:
    """Every choice written at the state's node, in the order this run shows them, with its
    status now; shown ones carry the number the player sees."""
    node = scenario.nodes[state.node]
    reports: list[ChoiceReport] = []
    number = 0
    for choice in choice_order(node, state.seed):
        clauses = condition_clauses(scenario, choice.condition, state)
        status = _status(choice, clauses, state)
        shown = status in ("available", "locked") and state.ending is None
        number += shown
        reports.append(_report(scenario, choice, clauses, status, number if shown else None))
    return tuple(reports)


def _status(choice: CompiledChoice, clauses: tuple[Clause, ...], state: GameState) -> Status:
    if choice.once and state.chosen.get(choice.id):
        return "used"
    if all(clause.held for clause in clauses):
        return "available"
    return "locked" if choice.show_locked else "hidden"


def _report(
    scenario: Scenario,
    choice: CompiledChoice,
    clauses: tuple[Clause, ...],
    status: Status,
    number: int | None,
) -> ChoiceReport:
    technique = scenario.techniques.get(choice.technique)
    return ChoiceReport(
        id=choice.id,
        text=choice.text,
        number=number,
        status=status,
        technique=choice.technique,
        technique_label=technique.label if technique else choice.technique,
        family=technique.family if technique else "",
        ethical=technique.ethical if technique else None,
        condition=None if choice.condition is None else choice.condition.source,
        clauses=clauses,
        effects=tuple(f"{meter} {delta:+d}" for meter, delta, _low, _high in choice.effects),
        sets=tuple(f"{flag} = {str(value).lower()}" for flag, value in choice.sets),
        next_id=choice.next_id,
        once=choice.once,
        locked_hint=choice.spec.locked_hint,
    )


@dataclass(frozen=True)
class SourceLines:
    """The 1-based line where each node (and each choice, by node and index as written) is
    written in the scenario file; empty when the file cannot be read."""

    file: Path | None
    nodes: dict[str, int]
    choices: dict[tuple[str, int], int]


def source_lines(path: Path | None) -> SourceLines:
    """Where the nodes and choices of the scenario file at ``path`` are written (read with the
    bounded reader; a file that no longer parses gives empty maps, never an error)."""
    if path is None:
        return SourceLines(None, {}, {})
    try:
        doc = read_document(path)
    except ScenarioError:
        return SourceLines(path, {}, {})
    tree = doc.mapped  # a clean load keeps no positions: the tree they were parsed with
    nodes_data = tree.get("nodes") if isinstance(tree, dict) else None
    nodes: dict[str, int] = {}
    choices: dict[tuple[str, int], int] = {}
    if isinstance(nodes_data, dict):
        for node_id, spec in nodes_data.items():
            at = doc.smap.key_pos(nodes_data, node_id)
            if at is not None:
                nodes[str(node_id)] = at[0]
            choices.update(_choice_lines(doc.smap, str(node_id), spec))
    return SourceLines(path, nodes, choices)


def _choice_lines(smap: SourceMap, node_id: str, spec: object) -> dict[tuple[str, int], int]:
    listed = spec.get("choices") if isinstance(spec, dict) else None
    if not isinstance(listed, list):
        return {}
    found: dict[tuple[str, int], int] = {}
    for index in range(len(listed)):
        at = smap.value_pos(listed, index)
        if at is not None:
            found[(node_id, index)] = at[0]
    return found
