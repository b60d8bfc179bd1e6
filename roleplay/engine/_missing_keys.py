"""Where a missing required key (RP011) is reported, and the hint that shows how to write it.

The caret goes where the key would be written: at the first key of the mapping that lacks it
(a choice's ``- text:``, a node's first key, the file's first key below any comment). An empty
mapping (``{}``) has no key to point at, so the caret goes to what holds it: the ``- `` of a
list item, the key it is the value of (``trust: {}``), or the braces of an empty file. The hint
names the key and gives a short example of it, using the file's own names where it can.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import PurePath

from pydantic import BaseModel

from roleplay.engine import _model
from roleplay.engine._document import Document
from roleplay.engine._schema_paths import kind_word, model_at
from roleplay.engine._source_map import Pos, value_at

Loc = tuple[str | int, ...]
Example = str | Callable[[Document, Loc], str]


def missing_key_pos(doc: Document, owner: Loc) -> Pos:
    """1-based line and column to report a key missing from the mapping at ``owner``."""
    mapping = value_at(doc.mapped, owner)
    first = doc.smap.first_key_pos(mapping) if isinstance(mapping, dict) else None
    if first is not None:
        return first
    if not owner:
        return doc.smap.root_pos
    line, col = doc.pos(owner, key=isinstance(owner[-1], str))
    if isinstance(owner[-1], int):
        col = _dash_column(doc.text, line, col)
    return line, col


def _dash_column(text: str, line: int, col: int) -> int:
    """The column of the ``-`` that starts the list item whose value is at ``line``/``col``
    (``col`` itself for an item of a flow list, ``[{}]``, which has no dash)."""
    rows = text.splitlines()
    row = rows[line - 1] if 0 < line <= len(rows) else ""
    before = row[: col - 1].rstrip(" \t")
    if before.endswith("-") and (len(before) == 1 or before[-2] in " \t-"):
        return len(before)
    return col


def missing_key_hint(doc: Document, loc: Loc, root: type[BaseModel]) -> str:
    """ "add 'label:' here, e.g. label: Trust": the key, and an example where there is one."""
    key, owner = str(loc[-1]), loc[:-1]
    if key == "next":
        moved = _misplaced_next_hint(doc, loc)
        if moved:
            return moved
    mapping = value_at(doc.mapped, owner)
    example = _example(doc, loc, model_at(owner, root))
    if isinstance(mapping, dict) and not mapping:
        kind = kind_word(model_at(owner, root), owner) if owner else "file"
        shown = f", e.g. {{{example}}}" if example else ""
        return f"this {kind} is empty: add '{key}:' between the braces{shown}"
    if key == "technique":
        return f"add 'technique:' here, e.g. {example} (docs/techniques.md lists them all)"
    return f"add '{key}:' here, e.g. {example}" if example else f"add '{key}:' here"


def _example(doc: Document, loc: Loc, model: type[BaseModel] | None) -> str:
    found = EXAMPLES.get((model, str(loc[-1]))) if model is not None else None
    if found is None:
        return ""
    return found if isinstance(found, str) else found(doc, loc)


def _scenario_id(doc: Document, loc: Loc) -> str:
    stem = PurePath(doc.file).stem.lower()
    return f"id: {stem if re.fullmatch(_model.ID_PATTERN, stem) else 'rota_talk'}"


def _node_ids(doc: Document) -> list[str]:
    nodes = value_at(doc.mapped, ("nodes",))
    return [str(name) for name in nodes] if isinstance(nodes, dict) else []


def _start(doc: Document, loc: Loc) -> str:
    nodes = _node_ids(doc)
    return f"start: {nodes[0]} (the node the story begins at)" if nodes else "start: intro"


def _next(doc: Document, loc: Loc) -> str:
    here = loc[1] if len(loc) > 1 and loc[0] == "nodes" else None
    others = [node for node in _node_ids(doc) if node != here]
    return f"next: {others[0]} (the node this leads to)" if others else "next: the_next_node"


def _named(key: str) -> Example:
    """An example that names the entry after its id: ``label: Trust`` for meter ``trust``."""

    def example(doc: Document, loc: Loc) -> str:
        name = str(loc[-2]) if len(loc) > 1 else key
        return f"{key}: {name.replace('_', ' ').capitalize()}"

    return example


#: An example of each required key, by the model of the mapping that lacks it.
EXAMPLES: dict[tuple[type[BaseModel] | None, str], Example] = {
    (_model.ScenarioSpec, "format"): "format: 1",
    (_model.ScenarioSpec, "id"): _scenario_id,
    (_model.ScenarioSpec, "title"): "title: The rota talk",
    (_model.ScenarioSpec, "summary"): "summary: Jo carries the chores alone. Can you help?",
    (_model.ScenarioSpec, "learning_goals"): "learning_goals: [Ask before you tell]",
    (_model.ScenarioSpec, "estimated_minutes"): "estimated_minutes: 5",
    (_model.ScenarioSpec, "start"): _start,
    (_model.ScenarioSpec, "meters"): "meters: {trust: {label: Trust}}",
    (_model.ScenarioSpec, "nodes"): "nodes: {intro: {lines: [{text: It begins.}], end: true}}",
    (_model.ScenarioSpec, "endings"): "endings: [{id: done, title: Done, text: It is over.}]",
    (_model.Meter, "label"): _named("label"),
    (_model.Character, "name"): _named("name"),
    (_model.Node, "lines"): "lines: [{text: The meeting starts.}]",
    (_model.LineSpec, "text"): "text: Morning, everyone.",
    (_model.Paragraph, "text"): "text: Listening first made the ask land.",
    (_model.Choice, "text"): 'text: "What would make it fair for you?"',
    (_model.Choice, "technique"): "technique: active_listening",
    (_model.Choice, "next"): _next,
    (_model.Ending, "id"): "id: agreed",
    (_model.Ending, "title"): "title: A rota people keep",
    (_model.Ending, "text"): "text: The rota runs itself.",
    (_model.RulePart, "test"): "test: trust >= 6",
    (_model.CheckQuestion, "question"): "question: What makes a rota people keep?",
    (_model.CheckQuestion, "options"): "options: [{text: Ask first, correct: true, explain: ...}]",
    (_model.CheckOption, "text"): "text: Ask first, then make a clear ask",
    (_model.CheckOption, "explain"): "explain: People keep agreements they helped make.",
}


def spaces(count: int) -> str:
    """ "1 space", "4 spaces"."""
    return f"{count} space{'s' if count != 1 else ''}"


def _misplaced_next_hint(doc: Document, loc: Loc) -> str:
    """A choice's ``next:`` written after the node's last choice, at node level, belongs to
    that choice: the line it is on and how far to move it ("" when that is not the case)."""
    if len(loc) != 5 or loc[0] != "nodes" or loc[2] != "choices":
        return ""
    node = value_at(doc.mapped, loc[:2])
    choices = node.get("choices") if isinstance(node, dict) else None
    if not isinstance(choices, list) or loc[3] != len(choices) - 1 or "next" not in node:
        return ""
    line, have = doc.smap.key_pos(node, "next") or (0, 0)
    first = doc.smap.first_key_pos(choices[-1]) if isinstance(choices[-1], dict) else None
    if not line or first is None or first[1] <= have:
        return ""
    column = first[1]
    return (
        f"the node-level `next:` at line {line} (column {have}) looks like it belongs to this "
        f"choice, the node's last: move it {spaces(column - have)} right, to column {column} "
        "(a node has choices or a next, not both)"
    )
