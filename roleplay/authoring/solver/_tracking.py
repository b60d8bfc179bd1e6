"""What conditions can observe: which visit counts and which taken choices a state must track."""

from __future__ import annotations

import ast

from roleplay.engine._expr import Condition
from roleplay.engine._scenario import Scenario


def _walk_calls(condition: Condition) -> tuple[set[str], set[str], int]:
    """Nodes read with visited(), nodes read with visits(), and the largest constant."""
    visited: set[str] = set()
    counted: set[str] = set()
    largest = 0
    for node in ast.walk(condition.tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.args:
            argument = node.args[0]
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                if node.func.id == "visits":
                    counted.add(argument.value)
                elif node.func.id == "visited":
                    visited.add(argument.value)
        elif isinstance(node, ast.Constant) and type(node.value) is int:
            largest = max(largest, abs(node.value))
    return visited, counted, largest


def logic_conditions(scenario: Scenario) -> list[Condition]:
    """Conditions that decide the way through (choices and ending rules, not lines)."""
    found = [c.condition for n in scenario.nodes.values() for c in n.choices if c.condition]
    found += [r.condition for r in scenario.ending_rules if r.condition is not None]
    return found


def visit_caps(scenario: Scenario) -> dict[str, int]:
    """Tracked nodes and the visit count above which conditions cannot tell counts apart."""
    caps: dict[str, int] = {}
    for condition in logic_conditions(scenario):
        visited, counted, largest = _walk_calls(condition)
        for node_id in visited:
            caps[node_id] = max(caps.get(node_id, 1), 1)
        for node_id in counted:
            caps[node_id] = max(caps.get(node_id, 1), largest + 1, 2)
    return caps


def tracked_choices(scenario: Scenario) -> list[str]:
    """Choice ids whose having-been-taken matters: ``once`` choices and those in chose()."""
    wanted = {c for cond in logic_conditions(scenario) for c in cond.choices}
    for node in scenario.nodes.values():
        wanted.update(c.id for c in node.choices if c.spec.once)
    return sorted(wanted)
