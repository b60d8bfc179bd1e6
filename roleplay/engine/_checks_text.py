"""The meaning checks of learner-facing text and ending rules: prose with its ``{text, if}``
paragraphs and ``{meter}`` placeholders, ending rules (and their parts, goals), the relationship
meters and the knowledge check. A part of :class:`roleplay.engine._checks._Checker`."""

from __future__ import annotations

import re

from roleplay.engine._diagnostics import did_you_mean
from roleplay.engine._document import Document
from roleplay.engine._expr import Condition
from roleplay.engine._lean_json import node_field
from roleplay.engine._model import Ending, Prose, ScenarioSpec
from roleplay.engine._scenario import CompiledEnding, CompiledParagraph, CompiledPart

Loc = tuple[str | int, ...]

#: ``{meter}`` in feedback and ending prose shows the meter's value.
PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")


class TextChecks:
    """Checks and compiles prose, ending rules and the knowledge check (a mixin)."""

    doc: Document
    spec: ScenarioSpec
    trusted: bool  # compiling a scenario whose checks all passed before: skip them

    def condition(self, source: str | None, loc: Loc) -> Condition | None:
        """Compile a condition (the checker's own)."""
        raise NotImplementedError

    def prose(self, value: Prose, loc: Loc) -> tuple[CompiledParagraph, ...]:
        """Compile learner-facing prose: its paragraphs with their conditions."""
        if isinstance(value, str):
            self._placeholders(value, loc)
            return (CompiledParagraph(value, None),) if value.strip() else ()
        paragraphs = []
        for index, item in enumerate(value):
            if isinstance(item, str):
                self._placeholders(item, (*loc, index))
                paragraphs.append(CompiledParagraph(item, None))
                continue
            self._placeholders(item.text, (*loc, index, "text"))
            condition = self.condition(item.if_, (*loc, index, "if"))
            paragraphs.append(CompiledParagraph(item.text, condition))
        return tuple(paragraphs)

    def _placeholders(self, text: str, loc: Loc) -> None:
        """Report ``{name}`` placeholders that name no meter."""
        if self.trusted or "{" not in text:
            return
        for match in PLACEHOLDER.finditer(text):
            name = match.group(1)
            if name not in self.spec.meters:
                self.doc.add(
                    "RP036",
                    f"'{{{name}}}' names no meter",
                    loc,
                    hint=did_you_mean(name, self.spec.meters) + " ({meter} shows a meter's value)",
                )

    # --- endings ----------------------------------------------------------------------
    def compile_endings(self) -> tuple[CompiledEnding, ...]:
        """Compile the ending rules; RP025/RP026 for a missing or misplaced fallback.

        The fallback is the first ending without ``when`` that no node names with ``ending:``
        (else the first without ``when``). Other endings without ``when`` that a node names, and
        endings with ``when: false``, are reached only by name: their rule never holds.
        """
        endings = self.spec.endings
        named = {ending for ending in node_field(self.spec.nodes, "ending") if ending is not None}
        fallback_at = _fallback_index(endings, named)
        rules = []
        seen: set[str] = set()
        for index, ending in enumerate(endings):
            loc: Loc = ("endings", index)
            if ending.id in seen:
                self.doc.add("RP027", f"duplicate ending id '{ending.id}'", (*loc, "id"))
            seen.add(ending.id)
            by_name = ending.when is False or (
                ending.when is None and index != fallback_at and ending.id in named
            )
            if fallback_at is not None and index > fallback_at and not by_name:
                self._after_fallback(ending, endings[fallback_at], loc, ending.id in named)
            rules.append(self._ending(index, ending, loc, by_name=by_name))
        if fallback_at is None:
            self.doc.add(
                "RP025",
                "no fallback ending: every ending has a 'when'",
                ("endings",),
                hint="add a last ending without 'when' for when no rule holds",
            )
        return tuple(rules)

    def _after_fallback(self, ending: Ending, fallback: Ending, loc: Loc, named: bool) -> None:
        """RP026: an ending whose rule comes after the fallback never wins by its rule."""
        if ending.when is None:
            message = (
                f"ending '{ending.id}' has no 'when' and comes after the fallback ending "
                f"'{fallback.id}', and no node names it with 'ending: {ending.id}'"
            )
            hint = "give it a 'when', or name it with 'ending:' on the node that ends this way"
        elif named:
            message = (
                f"ending '{ending.id}' comes after the fallback ending '{fallback.id}': its "
                "'when' never decides; it is reached only by a node's 'ending:'"
            )
            hint = "write 'when: false' to say so, or move the fallback ending to the end"
        else:
            message = (
                f"ending '{ending.id}' comes after the fallback ending '{fallback.id}' and can "
                "never be reached: its 'when' is never tried and no node names it"
            )
            hint = "move the fallback ending (the one without 'when') to the end"
        self.doc.add("RP026", message, loc, hint=hint)

    def _ending(self, index: int, ending: Ending, loc: Loc, *, by_name: bool) -> CompiledEnding:
        """Compile one ending: its rule (and the rule's parts), text and debrief."""
        parts = self._parts(ending, loc)
        if by_name:
            condition = self.condition("false", (*loc, "when"))
        elif not isinstance(ending.when, tuple):
            source = None if ending.when is False else ending.when
            condition = self.condition(source, (*loc, "when"))
        elif len(parts) == len(ending.when):
            combined = " and ".join(f"({part.source})" for part in parts)
            condition = self.condition(combined, (*loc, "when"))
        else:
            condition = None  # a part did not compile; its diagnostic says why
        marked = any(e.goal for e in self.spec.endings)
        goal = ending.goal is True if marked else index == 0 and ending.goal is not False
        return CompiledEnding(
            ending,
            condition,
            parts,
            self.prose(ending.text, (*loc, "text")),
            self.prose(ending.debrief, (*loc, "debrief")),
            goal,
            by_name,
        )

    def _parts(self, ending: Ending, loc: Loc) -> tuple[CompiledPart, ...]:
        """The compiled parts of a rule written as a list (none for a single condition)."""
        if not isinstance(ending.when, tuple):
            return ()
        parts = []
        for index, part in enumerate(ending.when):
            if isinstance(part, str):
                source, explain, missing, where = part, "", "", (*loc, "when", index)
            else:
                source, explain, missing = part.test, part.explain, part.missing
                where = (*loc, "when", index, "test")
            condition = self.condition(source, where)
            if condition is not None:
                parts.append(CompiledPart(source, condition, explain, missing))
        return tuple(parts)

    def check_relationship_meters(self) -> None:
        for index, meter_id in enumerate(self.spec.relationship_meters or ()):
            if meter_id not in self.spec.meters:
                self.doc.add(
                    "RP012",
                    f"relationship_meters: '{meter_id}' is not a meter",
                    ("relationship_meters", index),
                    hint=did_you_mean(meter_id, self.spec.meters),
                )

    def check_knowledge_check(self) -> None:
        for index, question in enumerate(self.spec.check):
            right = sum(option.correct for option in question.options)
            if right != 1:
                self.doc.add(
                    "RP037",
                    f"question {index + 1} of the knowledge check has {right} correct answers",
                    ("check", index, "options"),
                    key=True,
                    hint="mark exactly one option with correct: true",
                )


def _fallback_index(endings: tuple[Ending, ...], named: set[str]) -> int | None:
    """Where the fallback ending is: the first without ``when`` that no node names, else the
    first without ``when`` (None when every ending has one)."""
    open_ended = [i for i, e in enumerate(endings) if e.when is None]
    unnamed = [i for i in open_ended if endings[i].id not in named]
    candidates = unnamed or open_ended
    return candidates[0] if candidates else None
