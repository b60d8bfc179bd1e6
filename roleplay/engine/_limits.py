"""How big a scenario may be: counted on the parsed YAML, before the models see it.

Checked before shape validation, so that a file of a million flags or a hundred thousand
choices is refused in a fraction of a second instead of being modelled, compiled and explored.
Every limit is far above what a hand-written scenario needs (the shipped ones have under 40
nodes) and admits the 10,000-node story of the benchmarks (docs/performance.md); each is
documented in docs/reliability.md, and going over one is RP013.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
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
    for loc, size in _inner_sizes(data):
        if size > MAX_ENTRIES:
            _over(doc, loc, f"{size:,} entries in '{loc[-1]}'", MAX_ENTRIES)
            within = False
    choices, lines = _count_choices_and_lines(data.get("nodes"))
    if choices > MAX_CHOICES:
        _over(doc, ("nodes",), f"{choices:,} choices", MAX_CHOICES)
        within = False
    if lines > MAX_DIALOGUE_LINES:
        _over(doc, ("nodes",), f"{lines:,} lines of dialogue", MAX_DIALOGUE_LINES)
        within = False
    conditions = sum(map(len, _conditions(data)))
    if conditions > MAX_CONDITION_CHARS:
        _over(doc, ("nodes",), f"{conditions:,} characters of conditions", MAX_CONDITION_CHARS)
        within = False
    return within


def _conditions(data: dict[str, Any]) -> set[str]:
    """Every distinct condition text: ``if`` on lines, choices and reactions, ``when``."""
    found: set[str] = set()
    endings = data.get("endings")
    for ending in endings if isinstance(endings, list) else ():
        _add_text(found, ending, "when")
    for node in _values(data.get("nodes")):
        if not isinstance(node, dict):
            continue
        for item in _items(node.get("lines")):
            _add_text(found, item, "if")
        for choice in _items(node.get("choices")):
            _add_text(found, choice, "if")
            for item in _items(choice.get("reaction") if isinstance(choice, dict) else None):
                _add_text(found, item, "if")
    return found


def _add_text(found: set[str], container: Any, key: str) -> None:
    value = container.get(key) if isinstance(container, dict) else None
    if isinstance(value, str):
        found.add(value)


def _items(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _over(doc: Document, loc: Loc, what: str, limit: int) -> None:
    doc.add(
        "RP013",
        f"the scenario has {what}; the limit is {limit:,}",
        loc,
        key=True,
        hint="split it into smaller scenarios (see docs/reliability.md for every limit)",
    )


def _count_choices_and_lines(nodes: Any) -> tuple[int, int]:
    choices = lines = 0
    for node in _values(nodes):
        node_choices = node.get("choices") if isinstance(node, dict) else None
        node_lines = node.get("lines") if isinstance(node, dict) else None
        lines += len(node_lines) if isinstance(node_lines, list) else 0
        for choice in node_choices if isinstance(node_choices, list) else ():
            choices += 1
            reaction = choice.get("reaction") if isinstance(choice, dict) else None
            lines += len(reaction) if isinstance(reaction, list) else 0
    return choices, lines


def _inner_sizes(data: dict[str, Any]) -> Iterator[tuple[Loc, int]]:
    """Sizes of the containers inside choices and characters, with where they are."""
    nodes = data.get("nodes")
    for node_id, node in nodes.items() if isinstance(nodes, dict) else ():
        node_choices = node.get("choices") if isinstance(node, dict) else None
        for index, choice in enumerate(node_choices if isinstance(node_choices, list) else ()):
            for key in ("effects", "set"):
                value = choice.get(key) if isinstance(choice, dict) else None
                if isinstance(value, dict):
                    yield ("nodes", node_id, "choices", index, key), len(value)
    characters = data.get("characters")
    for char_id, character in characters.items() if isinstance(characters, dict) else ():
        expressions = character.get("expressions") if isinstance(character, dict) else None
        if isinstance(expressions, list):
            yield ("characters", char_id, "expressions"), len(expressions)


def _values(container: Any) -> list[Any]:
    return list(container.values()) if isinstance(container, dict) else []


def condition_too_deep(tree: ast.AST) -> str:
    """Why a parsed condition nests too deep to compile, or '' (measured without recursion)."""
    stack = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_CONDITION_DEPTH:
            return f"condition nests deeper than {MAX_CONDITION_DEPTH} levels"
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node))
    return ""
