"""How big a scenario may be: counted on the parsed YAML, before the models see it.

Checked before shape validation, so that a file of a million flags or a hundred thousand
choices is refused in a fraction of a second instead of being modelled, compiled and explored.
Every limit is far above what a hand-written scenario needs (the shipped ones have under 40
nodes) and admits the 10,000-node story of the benchmarks (docs/performance.md); each is
documented in docs/reliability.md, and going over one is RP013.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from roleplay.engine._document import Document

#: Most entries a top-level section may hold, by key.
SECTION_LIMITS: dict[str, int] = {
    "nodes": 20_000,
    "flags": 2_000,
    "meters": 100,
    "characters": 500,
    "backgrounds": 1_000,
    "endings": 500,
    "learning_goals": 100,
}
#: Most choices in the whole scenario.
MAX_CHOICES = 60_000
#: Most lines of dialogue (node lines and choice reactions) in the whole scenario.
MAX_DIALOGUE_LINES = 100_000
#: Most entries inside one choice's ``effects`` or ``set``, or one character's ``expressions``.
MAX_ENTRIES = 200
#: Most characters of condition text (``if``/``when``, each distinct text counted once).
MAX_CONDITION_CHARS = 200_000
#: Deepest nesting of one condition's syntax tree (``not not ...``, ``-(-(...))``, ``1+1+...``).
MAX_CONDITION_DEPTH = 32

Loc = tuple[str | int, ...]


def check_limits(doc: Document) -> bool:
    """Record RP013 for every limit the document goes over; True when it stays within all."""
    data = doc.data
    if not isinstance(data, dict):
        return True
    within = True
    for section, limit in SECTION_LIMITS.items():
        value = data.get(section)
        if isinstance(value, dict | list) and len(value) > limit:
            _over(doc, (section,), f"{len(value):,} {section}", limit)
            within = False
    tally = _Tally()
    tally.nodes(data.get("nodes"))
    for loc, size in [*tally.big_entries, *_big_expressions(data)]:
        _over(doc, loc, f"{size:,} entries in '{loc[-1]}'", MAX_ENTRIES)
        within = False
    if tally.choices > MAX_CHOICES:
        _over(doc, ("nodes",), f"{tally.choices:,} choices", MAX_CHOICES)
        within = False
    if tally.lines > MAX_DIALOGUE_LINES:
        _over(doc, ("nodes",), f"{tally.lines:,} lines of dialogue", MAX_DIALOGUE_LINES)
        within = False
    endings = data.get("endings")
    for ending in endings if isinstance(endings, list) else ():
        _add_text(tally.conditions, ending, "when")
    conditions = sum(map(len, tally.conditions))
    if conditions > MAX_CONDITION_CHARS:
        _over(doc, ("nodes",), f"{conditions:,} characters of conditions", MAX_CONDITION_CHARS)
        within = False
    return within


class _Tally:
    """What the limits count in the nodes, in one pass over them: choices, lines of dialogue,
    distinct condition texts (``if`` on lines, choices and reactions), and the choices'
    ``effects`` and ``set`` over MAX_ENTRIES entries, with where they are."""

    def __init__(self) -> None:
        self.choices = 0
        self.lines = 0
        self.conditions: set[str] = set()
        self.big_entries: list[tuple[Loc, int]] = []

    def nodes(self, nodes: Any) -> None:
        for node_id, node in nodes.items() if isinstance(nodes, dict) else ():
            if not isinstance(node, dict):
                continue
            lines = node.get("lines")
            if isinstance(lines, list):
                self.lines += len(lines)
                self._conditions(lines)
            choices = node.get("choices")
            if isinstance(choices, list):
                self.choices += len(choices)
                for index, choice in enumerate(choices):
                    if isinstance(choice, dict):
                        self._choice(choice, ("nodes", node_id, "choices", index))

    def _choice(self, choice: dict[str, Any], loc: Loc) -> None:
        _add_text(self.conditions, choice, "if")
        reaction = choice.get("reaction")
        if isinstance(reaction, list):
            self.lines += len(reaction)
            self._conditions(reaction)
        for key in ("effects", "set"):
            value = choice.get(key)
            if isinstance(value, dict) and len(value) > MAX_ENTRIES:
                self.big_entries.append(((*loc, key), len(value)))

    def _conditions(self, items: list[Any]) -> None:
        for item in items:
            if isinstance(item, dict):
                condition = item.get("if")
                if isinstance(condition, str):
                    self.conditions.add(condition)


def _add_text(found: set[str], container: Any, key: str) -> None:
    value = container.get(key) if isinstance(container, dict) else None
    if isinstance(value, str):
        found.add(value)


def _over(doc: Document, loc: Loc, what: str, limit: int) -> None:
    doc.add(
        "RP013",
        f"the scenario has {what}; the limit is {limit:,}",
        loc,
        key=True,
        hint="split it into smaller scenarios (see docs/reliability.md for every limit)",
    )


def _big_expressions(data: dict[str, Any]) -> list[tuple[Loc, int]]:
    """Characters with more than MAX_ENTRIES expressions, with where they are."""
    found: list[tuple[Loc, int]] = []
    characters = data.get("characters")
    for char_id, character in characters.items() if isinstance(characters, dict) else ():
        expressions = character.get("expressions") if isinstance(character, dict) else None
        if isinstance(expressions, list) and len(expressions) > MAX_ENTRIES:
            found.append((("characters", char_id, "expressions"), len(expressions)))
    return found


def condition_too_deep(tree: ast.AST) -> str:
    """Why a parsed condition nests too deep to compile, or '' (measured without recursion)."""
    stack = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_CONDITION_DEPTH:
            return f"condition nests deeper than {MAX_CONDITION_DEPTH} levels"
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node))
    return ""
