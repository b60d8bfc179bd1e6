"""The meaning phase: references, conditions, assets; compiles the runtime tables."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from roleplay.engine._checks_assets import AssetChecks
from roleplay.engine._checks_ranges import RangeSlip, range_slips
from roleplay.engine._checks_text import TextChecks
from roleplay.engine._compile import NodeCompiler
from roleplay.engine._diagnostics import did_you_mean
from roleplay.engine._document import Document
from roleplay.engine._expr import Condition, ExprError, Names, parse_condition
from roleplay.engine._hints import unknown_meter_hint, unknown_technique_hint
from roleplay.engine._lazy import LazyChoices, LazyMapping, LazyNodes, LazySet
from roleplay.engine._locate import offset_position
from roleplay.engine._model import Choice, LineSpec, Node, ScenarioSpec, Technique
from roleplay.engine._scenario import (
    Scenario,
)

Loc = tuple[str | int, ...]


class _Checker(TextChecks, AssetChecks, NodeCompiler):
    """Checks one scenario spec and compiles it, recording diagnostics on the document."""

    def __init__(
        self,
        doc: Document,
        spec: ScenarioSpec,
        techniques: Mapping[str, Technique],
        roots: tuple[Path, ...],
        *,
        trusted: bool = False,
    ) -> None:
        self.doc = doc
        self.spec = spec
        self.techniques = techniques
        self.roots = roots
        # compile only, without the per-node checks: for a scenario from the cache, which had
        # no diagnostic at all when it was cached (so they cannot fire); the choice ids (30,000
        # at 10k nodes) are then collected only if something needs all of them
        self.trusted = trusted
        self._ids: dict[tuple[str, int], str] | None = None if trusted else self._choice_ids()
        self.names = Names(
            meters=frozenset(spec.meters),
            flags=frozenset(spec.flags),
            nodes=frozenset(spec.nodes),
            choices=LazySet(self._all_choice_ids) if trusted else self._all_choice_ids(),
        )
        self.ending_ids = {e.id for e in spec.endings}
        self._conditions: dict[str, Condition] = {}
        self._failed: set[str] = set()  # condition sources that did not compile (reported)
        self._range_slips: dict[str, tuple[RangeSlip, ...]] = {}
        self._shared: dict[Any, Any] = {}

    @property
    def choice_ids(self) -> dict[tuple[str, int], str]:
        """The id of every choice, by (node id, index)."""
        if self._ids is None:
            self._ids = self._choice_ids()
        return self._ids

    def _all_choice_ids(self) -> frozenset[str]:
        return frozenset(self.choice_ids.values())

    def _choice_ids(self) -> dict[tuple[str, int], str]:
        ids: dict[tuple[str, int], str] = {}
        seen: set[str] = set()
        for node_id, node in self.spec.nodes.items():
            for index, choice in enumerate(node.choices or ()):
                given = choice.id
                choice_id = given or f"{node_id}.{index + 1}"
                if given and given in seen:
                    self.doc.add(
                        "RP027",
                        f"duplicate choice id '{given}'",
                        ("nodes", node_id, "choices", index, "id"),
                        hint="choice ids must be unique in the scenario",
                    )
                seen.add(choice_id)
                ids[(node_id, index)] = choice_id
        return ids

    # --- conditions -------------------------------------------------------------------
    def condition(self, source: str | None, loc: Loc) -> Condition | None:
        """Compile a condition, recording a diagnostic at the exact column on failure."""
        if source is None:
            return None
        cached = self._conditions.get(source)
        if cached is not None:
            self._report_range_slips(source, loc)
            return cached
        if self.trusted and source in self._failed:  # reported by the checks already
            return None
        try:
            condition = parse_condition(source, self.names)
        except ExprError as error:
            self._failed.add(source)
            self._report(error.code, error.message, error.hint, loc, source, error.offset)
            return None
        self._conditions[source] = condition
        if not self.trusted:
            self._range_slips[source] = tuple(range_slips(condition.tree, self.spec.meters))
            self._report_range_slips(source, loc)
        return condition

    def _report_range_slips(self, source: str, loc: Loc) -> None:
        for slip in self._range_slips.get(source, ()):
            self._report("RP038", slip.message, slip.hint, loc, source, slip.offset)

    def _report(self, code: str, message: str, hint: str, loc: Loc, source: str, at: int) -> None:
        """A diagnostic at column ``at`` of the condition ``source`` written at ``loc``."""
        line, col = offset_position(self.doc.text, *self.doc.pos(loc), source, at)
        self.doc.sink.add(code, message, line, col, hint=hint)

    # --- top level ----------------------------------------------------------------------
    def check_meters(self) -> None:
        for meter_id, meter in self.spec.meters.items():
            loc: Loc = ("meters", meter_id)
            if meter.min > meter.max:
                self.doc.add(
                    "RP034",
                    f"meter '{meter_id}' has min {meter.min} above max {meter.max}",
                    loc,
                    key=True,
                    hint="swap min and max",
                )
            elif not meter.min <= meter.initial <= meter.max:
                self.doc.add(
                    "RP034",
                    f"meter '{meter_id}' starts at {meter.initial}, outside "
                    f"{meter.min}..{meter.max}",
                    (*loc, "start"),
                    hint=f"use a start between {meter.min} and {meter.max}",
                )

    def check_start(self) -> None:
        if self.spec.start not in self.spec.nodes:
            self.doc.add(
                "RP020",
                f"start node '{self.spec.start}' does not exist",
                ("start",),
                hint=did_you_mean(self.spec.start, self.spec.nodes),
            )

    # --- nodes ------------------------------------------------------------------------
    def check_node(self, node_id: str) -> None:
        """Every check of one node and its lines and choices, in the order they are written."""
        node = self.spec.nodes[node_id]
        loc: Loc = ("nodes", node_id)
        self._check_node(node_id, node, loc)
        for index, line in enumerate(node.lines):
            if line.speaker is not None or line.expression is not None or line.if_ is not None:
                self._check_line(line, (*loc, "lines", index))
        for index, choice in enumerate(node.choices or ()):
            self._check_choice(node_id, index, choice)

    def _check_node(self, node_id: str, node: Node, loc: Loc) -> None:
        """The checks of a node itself (its lines and choices are checked as they compile)."""
        self._ways(node_id, node, loc)
        if node.next is not None:
            self._target(node.next, (*loc, "next"))
        if node.ending is not None and node.ending not in self.ending_ids:
            self.doc.add(
                "RP021",
                f"unknown ending '{node.ending}'",
                (*loc, "ending"),
                hint=did_you_mean(node.ending, self.ending_ids),
            )
        if node.background is not None and node.background not in self.spec.backgrounds:
            self.doc.add(
                "RP029",
                f"unknown background '{node.background}'",
                (*loc, "background"),
                hint=did_you_mean(node.background, self.spec.backgrounds),
            )
        if node.cast:
            self._cast(node.cast, (*loc, "cast"))

    def _ways(self, node_id: str, node: Node, loc: Loc) -> None:
        """Report a node without exactly one way forward (RP028)."""
        if bool(node.choices) + bool(node.next) + bool(node.end) + bool(node.ending) == 1:
            return
        ways = [k for k in ("choices", "next", "end", "ending") if getattr(node, k)]
        message = (
            "has no way forward"
            if not ways
            else "has more than one way forward: " + ", ".join(ways)
        )
        self.doc.add(
            "RP028",
            f"node '{node_id}' {message}",
            loc,
            key=True,
            hint="give it exactly one of: choices, next, end: true, ending: ID",
        )

    def _target(self, target: str, loc: Loc) -> None:
        if target not in self.spec.nodes:
            self.doc.add(
                "RP020", f"unknown node '{target}'", loc, hint=did_you_mean(target, self.spec.nodes)
            )

    def _cast(self, cast: tuple[str, ...], loc: Loc) -> None:
        for index, character in enumerate(cast):
            if character not in self.spec.characters:
                self.doc.add(
                    "RP022",
                    f"unknown character '{character}' in the cast",
                    (*loc, index),
                    hint=did_you_mean(character, self.spec.characters),
                )

    def _check_line(self, line: LineSpec, loc: Loc) -> None:
        self._check_speaker(line, loc)
        self.condition(line.if_, (*loc, "if"))

    def _check_speaker(self, line: LineSpec, loc: Loc) -> None:
        if line.speaker is not None:
            character = self.spec.characters.get(line.speaker)
            if character is None:
                self.doc.add(
                    "RP022",
                    f"unknown character '{line.speaker}'",
                    (*loc, "speaker"),
                    hint=did_you_mean(line.speaker, self.spec.characters),
                )
            elif line.expression is not None and line.expression not in character.expressions:
                self.doc.add(
                    "RP023",
                    f"'{line.speaker}' has no expression '{line.expression}'",
                    (*loc, "expression"),
                    hint=did_you_mean(line.expression, character.expressions),
                )
        elif line.expression is not None:
            self.doc.add(
                "RP023",
                "narration has no expression",
                (*loc, "expression"),
                hint="add a speaker or remove the expression",
                severity="warning",
            )

    def _check_choice(self, node_id: str, index: int, choice: Choice) -> None:
        # each check runs only when it can find something (a cold load checks 30,000 choices
        # at 10k nodes: their locations are made only for the checks that run)
        loc: Loc = ("nodes", node_id, "choices", index)
        if choice.next not in self.spec.nodes:
            self._target(choice.next, (*loc, "next"))
        if self.techniques and choice.technique not in self.techniques:
            self._check_technique(choice, loc)
        if choice.effects:
            self._check_effects(choice, loc)
        if choice.set:
            self._check_sets(choice, loc)
        if choice.show_locked:
            self._check_locked(choice, loc)
        for line_index, line in enumerate(choice.reaction):
            self._check_line(line, (*loc, "reaction", line_index))
        if choice.if_ is not None:
            self.condition(choice.if_, (*loc, "if"))
        feedback = choice.feedback
        if feedback and (type(feedback) is not str or "{" in feedback):  # else nothing to report
            self.prose(feedback, (*loc, "feedback"))

    def _check_technique(self, choice: Choice, loc: Loc) -> None:
        if choice.technique not in self.techniques and self.techniques:
            self.doc.add(
                "RP024",
                f"unknown technique '{choice.technique}'",
                (*loc, "technique"),
                hint=unknown_technique_hint(choice.technique, self.techniques),
            )

    def _check_locked(self, choice: Choice, loc: Loc) -> None:
        if choice.show_locked and not choice.locked_hint:
            self.doc.add(
                "RP035",
                "locked choice has no locked_hint",
                (*loc, "show_locked"),
                key=True,
                hint="tell the player what would unlock it with locked_hint",
            )

    def _check_effects(self, choice: Choice, loc: Loc) -> None:
        """Report effects on meters that are not declared (RP033)."""
        for meter_id in choice.effects:
            if meter_id not in self.spec.meters:
                self.doc.add(
                    "RP033",
                    f"unknown meter '{meter_id}' in effects",
                    (*loc, "effects", meter_id),
                    key=True,
                    hint=unknown_meter_hint(meter_id, self.spec.meters),
                )

    def _check_sets(self, choice: Choice, loc: Loc) -> None:
        """Report flags the choice sets that are not declared."""
        for flag_id in choice.set:
            if flag_id not in self.spec.flags:
                self.doc.add(
                    "RP033",
                    f"unknown flag '{flag_id}' in set",
                    (*loc, "set", flag_id),
                    key=True,
                    hint=did_you_mean(flag_id, self.spec.flags) + " (declare flags under 'flags:')",
                )

    def labels(self) -> Mapping[str, str]:
        labels = {f"meter:{k}": m.label for k, m in self.spec.meters.items()}
        labels.update(
            {f"flag:{k}": f.description or k.replace("_", " ") for k, f in self.spec.flags.items()}
        )
        for (node_id, index), choice_id in self.choice_ids.items():
            choices = self.spec.nodes[node_id].choices or ()
            labels[f"choice:{choice_id}"] = choices[index].text
        return MappingProxyType(labels)


def build_scenario(
    doc: Document,
    spec: ScenarioSpec,
    techniques: Mapping[str, Technique],
    roots: tuple[Path, ...],
    path: Path | None,
    content_hash: str,
    *,
    lazy: bool = False,
) -> Scenario:
    """Check ``spec`` (recording diagnostics on ``doc``) into a Scenario whose nodes compile on
    first use (roleplay.engine._lazy). ``lazy`` (from the cache, clean when cached) leaves out
    the checks of each node; the checks of the whole, its assets among them, still run."""
    checker = _Checker(doc, spec, techniques, roots, trusted=lazy)
    for check in (checker.check_meters, checker.check_start, checker.check_assets):
        check()
    checker.check_relationship_meters()
    checker.check_knowledge_check()
    if not lazy:
        for node_id in spec.nodes:
            checker.check_node(node_id)
    endings = checker.compile_endings()
    labels = LazyMapping(checker.labels)  # choice texts by id: rarely needed, never checked
    checker.trusted = True  # every check has run: compiling reports nothing more
    nodes = LazyNodes(spec.nodes, checker.compiled_node)
    return Scenario(
        spec=spec,
        path=path,
        asset_roots=roots,
        techniques=techniques,
        content_hash=content_hash,
        nodes=nodes,
        ending_rules=endings,
        choice_index=LazyChoices(lambda: checker.choice_ids, nodes),
        diagnostics=tuple(doc.sink.items),
        _labels=labels,
    )
