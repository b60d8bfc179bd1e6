"""``roleplay lint``: everything ``validate`` reports, plus structure and pedagogy (RP1xx).

The structural checks rest on the solver (:mod:`roleplay.authoring.solver`), which explores every
reachable state, so "unreachable" means proven unreachable, not "no edge points here".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from roleplay.authoring._lint_lessons import (
    check_identical_choices,
    check_rule_words,
    check_the_player,
    lesson_findings,
    report_findings,
)
from roleplay.authoring.solver import (
    DEFAULT_MAX_MEMORY_MB,
    DEFAULT_MAX_STATES,
    Exploration,
    Progress,
    explore,
)
from roleplay.authoring.solver._policies import Finding, Policy
from roleplay.engine._diagnostics import DESCRIPTORS, Diagnostic, DiagnosticSink, Severity
from roleplay.engine._document import Document, read_document
from roleplay.engine._errors import ScenarioError
from roleplay.engine._loader import check_document
from roleplay.engine._replay import choice_ids
from roleplay.engine._scenario import Scenario

Loc = tuple[str | int, ...]

#: Every lint code: (title, severity). docs/authoring.md documents each with an example.
#: The lint codes (RP1xx) with their title and default severity, from the one registry.
LINT_CODES: dict[str, tuple[str, Severity]] = {
    code: (d.title, d.severity) for code, d in DESCRIPTORS.items() if code >= "RP100"
}

PUSHY_FAMILIES = ("pressure", "manipulation")


@dataclass
class LintReport:
    """The lint result for one scenario file."""

    file: str
    scenario_id: str
    diagnostics: list[Diagnostic]
    scenario: Scenario | None = None
    exploration: Exploration | None = None
    findings: list[Finding] = field(default_factory=list)
    policies: list[Policy] = field(default_factory=list)

    @property
    def errors(self) -> int:
        """How many diagnostics are errors."""
        return sum(d.severity == "error" for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        """How many diagnostics are warnings."""
        return sum(d.severity == "warning" for d in self.diagnostics)

    def failed(self, *, strict: bool = False) -> bool:
        """True when the file fails lint (warnings count too with ``strict``)."""
        return self.errors > 0 or (strict and self.warnings > 0)

    def _lessons_json(self) -> dict[str, Any]:
        """The lesson findings and the one-rule policies for ``--json``."""
        findings = [
            {
                "kind": f.kind,
                "ending": f.ending,
                "policy": f.policy,
                "detail": f.detail,
                "choices": list(f.ids),
                "numbers": list(f.numbers),
            }
            for f in self.findings
        ]
        policies = [
            {"policy": p.name, "words": p.words, "endings": list(p.endings)} for p in self.policies
        ]
        return {"findings": findings, "policies": policies}

    def witness_ids(self, ending_id: str) -> list[str] | None:
        """The ids of the choices of an ending's witness (None when it was not reached)."""
        found = self.exploration.endings.get(ending_id) if self.exploration else None
        if found is None or found.witness is None or self.scenario is None:
            return None
        return choice_ids(self.scenario, found.witness)

    def to_json(self) -> dict[str, Any]:
        """The ``--json`` object for this scenario."""
        exploration = self.exploration
        endings: list[dict[str, Any]] = []
        nodes: dict[str, dict[str, list[int]]] = {}
        if exploration is not None:
            for result in exploration.endings.values():
                endings.append(
                    {
                        "id": result.id,
                        "reachable": result.reachable,
                        "witness": None if result.witness is None else list(result.witness),
                        "witness_ids": self.witness_ids(result.id),
                        "meters": {m: list(r) for m, r in result.meters.items()},
                    }
                )
            nodes = {
                node: {m: list(r) for m, r in ranges.items()}
                for node, ranges in exploration.node_meters.items()
            }
        return {
            "scenario": self.scenario_id,
            "file": self.file,
            "goals": list(self.scenario.goal_endings) if self.scenario else [],
            "endings": endings,
            "nodes": nodes,
            "diagnostics": [d.to_json() for d in self.diagnostics],
            **self._lessons_json(),
            "states": exploration.states if exploration else 0,
            "complete": exploration.complete if exploration else False,
            "seconds": round(exploration.seconds, 4) if exploration else 0.0,
        }


def lint_file(
    path: Path | str,
    *,
    max_states: int = DEFAULT_MAX_STATES,
    max_memory_mb: float = DEFAULT_MAX_MEMORY_MB,
    progress: Progress | None = None,
    display: str | None = None,
) -> LintReport:
    """Validate and lint one scenario file (the solver within ``max_states`` states and about
    ``max_memory_mb`` megabytes)."""
    path = Path(path)
    try:
        doc = read_document(path, display)
    except ScenarioError as error:
        return LintReport(display or str(path), path.stem, list(error.diagnostics))
    scenario, diagnostics = check_document(doc, path.parent, path)
    scenario_id = path.stem
    if isinstance(doc.data, dict) and isinstance(doc.data.get("id"), str):
        scenario_id = doc.data["id"]
    report = LintReport(doc.file, scenario_id, list(diagnostics), scenario)
    if scenario is not None:
        found = explore(
            scenario,
            max_states=max_states,
            max_memory_mb=max_memory_mb,
            progress=progress,
            graph=True,
        )
        checker = _Linter(doc, scenario, found)
        report.diagnostics.extend(checker.run())
        report.exploration = checker.exploration
        report.findings = checker.findings
        report.policies = checker.policies
    return report


class _Linter:
    """Runs the structural and pedagogy checks on a valid scenario."""

    def __init__(self, doc: Document, scenario: Scenario, exploration: Exploration) -> None:
        self.doc = doc
        self.scenario = scenario
        self.sink = DiagnosticSink(doc.file, doc.text)
        self.exploration = exploration
        self.findings, self.policies, self.families = lesson_findings(self.exploration)

    def add(
        self,
        code: str,
        message: str,
        loc: Loc,
        *,
        hint: str = "",
        key: bool = False,
        severity: Severity | None = None,
    ) -> None:
        """Record a lint diagnostic (default: the code's severity), located via the source map."""
        line, col = self.doc.pos(loc, key=key)
        self.sink.add(code, message, line, col, hint=hint, severity=severity)

    def run(self) -> list[Diagnostic]:
        """All lint diagnostics, sorted by position."""
        self.structure()
        self.pedagogy()
        return sorted(self.sink.items, key=lambda d: (d.line, d.col, d.code))

    # --- structure --------------------------------------------------------------------
    def structure(self) -> None:
        found = self.exploration
        if not found.complete:
            budget = "--max-memory" if found.stopped_by == "memory" else "--max-states"
            self.add(
                "RP105",
                f"explored {found.states:,} states ({found.held_bytes / 1048576:,.0f} MB), "
                f"incomplete: stopped by {budget}, so reachability is not proven",
                ("id",),
                hint=f"raise {budget}, or track fewer things (fewer visits() or once)",
            )
        self._dead_ends_and_loops()
        if found.complete:
            self._unreachable()

    def _dead_ends_and_loops(self) -> None:
        found = self.exploration
        for node_id, witness in found.dead_ends.items():
            self.add(
                "RP101",
                f"node '{node_id}' can be reached with no choice available "
                f"(after choices {_numbers(witness)}); the game would end there",
                ("nodes", node_id),
                key=True,
                hint="add a choice without 'if', or make sure one condition always holds",
            )
        for node_id, chain in found.loops.items():
            self.add(
                "RP104",
                f"the 'next' nodes {' > '.join(chain)} > {chain[0]} loop forever "
                f"(after choices {_numbers(found.loop_witness.get(node_id, ()))})",
                ("nodes", node_id),
                key=True,
                hint="end the chain with a node that has choices, end: true or ending:",
            )
        for node_id, witness in found.traps.items():
            if node_id in found.loops:
                continue
            self.add(
                "RP104",
                f"after choices {_numbers(witness)} the player is caught at '{node_id}': "
                "no ending can be reached from there",
                ("nodes", node_id),
                key=True,
                hint="give the loop a way out, e.g. a choice that leads on, or a `once` choice",
            )

    def _unreachable(self) -> None:
        found = self.exploration
        for node_id, node in self.scenario.nodes.items():
            if node_id not in found.node_meters:
                self.add(
                    "RP100",
                    f"node '{node_id}' can never be reached",
                    ("nodes", node_id),
                    key=True,
                    hint="point a choice's or a node's 'next' at it, or delete it",
                )
                continue
            for choice in node.choices:
                if (node_id, choice.index) not in found.available:
                    where: Loc = ("nodes", node_id, "choices", choice.index)
                    if choice.spec.if_ is not None:
                        where = (*where, "if")
                    self.add(
                        "RP102",
                        f"choice {choice.index + 1} at '{node_id}' is never available"
                        + (f": '{choice.spec.if_}' never holds here" if choice.spec.if_ else ""),
                        where,
                        hint="check the condition against the meter ranges on arrival "
                        "(roleplay lint --json shows them)",
                    )
        for index, ending in enumerate(self.scenario.endings):
            if not found.endings[ending.id].reachable:
                self.add(
                    "RP103",
                    f"ending '{ending.id}' can never be reached",
                    ("endings", index),
                    hint=self._ending_hint(ending.id),
                )

    def _ending_hint(self, ending_id: str) -> str:
        found = self.exploration
        ranges = {m: [99999, -99999] for m in self.scenario.meters}
        for result in found.endings.values():
            for meter, (low, high) in result.meters.items():
                ranges[meter][0] = min(ranges[meter][0], low)
                ranges[meter][1] = max(ranges[meter][1], high)
        shown = ", ".join(f"{m} {r[0]}..{r[1]}" for m, r in ranges.items() if r[0] <= r[1])
        return f"at the end of play the meters range over {shown}" if shown else ""

    # --- pedagogy ---------------------------------------------------------------------
    def pedagogy(self) -> None:
        self._decisions()
        self._endings()
        self._single_family()
        self._meters()
        report_findings(self, self.findings)
        check_identical_choices(self, self.exploration)
        check_the_player(self)
        check_rule_words(self)

    def _decisions(self) -> None:
        techniques = self.scenario.techniques
        for node_id, node in self.scenario.nodes.items():
            if not node.choices:
                continue
            used = [techniques.get(c.spec.technique) for c in node.choices]
            where: Loc = ("nodes", node_id, "choices")
            if not any(t is not None and t.family == "influence" and t.ethical for t in used):
                self.add(
                    "RP110",
                    f"decision '{node_id}' offers no ethical influence option",
                    where,
                    key=True,
                    hint="add a choice with an ethical influence technique, e.g. active_listening",
                )
            if not any(t is not None and t.family in PUSHY_FAMILIES for t in used):
                self.add(
                    "RP111",
                    f"decision '{node_id}' offers no pressure or manipulation option",
                    where,
                    key=True,
                    hint="add a tempting pushy choice (pressure or manipulation) to learn from",
                )
            for choice in node.choices:
                if not choice.feedback:
                    self.add(
                        "RP112",
                        f"choice {choice.index + 1} at '{node_id}' has no feedback",
                        ("nodes", node_id, "choices", choice.index),
                        hint="add 'feedback:' explaining the choice for the debrief",
                    )

    def _endings(self) -> None:
        for index, rule in enumerate(self.scenario.ending_rules):
            ending = rule.spec
            if not rule.debrief:
                self.add(
                    "RP113",
                    f"ending '{ending.id}' has no debrief",
                    ("endings", index),
                    hint="add 'debrief:' explaining the concept the ending illustrates",
                )

    def _single_family(self) -> None:
        """RP114 (info): endings other than the goals that play with one family only reaches."""
        fallback = next((r.spec.id for r in self.scenario.ending_rules if r.condition is None), "")
        goals = set(self.scenario.goal_endings)
        where = {e.id: i for i, e in enumerate(self.scenario.endings)}
        for family, endings in self.families.items():
            for ending_id in endings:
                if ending_id in goals or ending_id == fallback:
                    continue
                self.add(
                    "RP114",
                    f"ending '{ending_id}' is reached by always choosing {family} techniques",
                    ("endings", where[ending_id]),
                    hint="fine when this ending is the lesson of one-note play",
                )

    def _meters(self) -> None:
        changed = {
            m for n in self.scenario.nodes.values() for c in n.choices for m, *_ in c.effects
        }
        found = self.exploration
        for meter_id, meter in self.scenario.meters.items():
            if meter_id not in changed:
                message = f"meter '{meter_id}' never changes: no choice has an effect on it"
            elif found.complete and _constant(found, meter_id, meter.initial):
                message = (
                    f"meter '{meter_id}' never changes in play: it stays at {meter.initial} "
                    "(its effects are unreachable or clamped away)"
                )
            else:
                continue
            self.add(
                "RP115",
                message,
                ("meters", meter_id),
                key=True,
                hint="give some choices an effect on it, or remove the meter",
            )


def _constant(found: Exploration, meter_id: str, initial: int) -> bool:
    return all(r[meter_id] == (initial, initial) for r in found.node_meters.values())


def _numbers(witness: Iterable[int]) -> str:
    shown = " ".join(str(n) for n in witness)
    return f"[{shown}]" if shown else "[] (from the start)"
