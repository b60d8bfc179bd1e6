"""Where every name of a scenario is defined and where it is used, from a parsed document.

The index is built from the YAML data and its source map, so it exists as soon as the file
parses, even when the scenario has shape or reference errors: completion, hover and go to
definition keep working while the author types. Positions here are 0-based (LSP's).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from roleplay.engine._document import Document
from roleplay.engine._locate import offset_position

KINDS = ("node", "ending", "technique", "character", "expression", "background", "meter", "flag")
_CONDITION_TOKEN = re.compile(
    r"""(?P<call>visited|visits|chose)\(\s*["'](?P<target>[A-Za-z0-9_.]*)["']?"""
    r"""|flags\.(?P<flag>[A-Za-z_][A-Za-z0-9_]*)"""
    r"""|(?P<quoted>"[^"]*"|'[^']*')"""
    r"""|(?P<name>[A-Za-z_][A-Za-z0-9_]*)"""
)
_NOT_METERS = frozenset({"and", "or", "not", "true", "false", "True", "False", "flags"})


@dataclass(frozen=True)
class Span:
    """A range on one line: 0-based line, start and end characters."""

    line: int
    start: int
    end: int

    def contains(self, line: int, character: int) -> bool:
        """True when the cursor at ``line``/``character`` touches this span."""
        return line == self.line and self.start <= character <= self.end


@dataclass(frozen=True)
class Symbol:
    """A name at a place: ``kind`` is one of KINDS (or "choice"); expressions carry the owner."""

    kind: str
    name: str
    span: Span
    owner: str = ""


@dataclass
class ScenarioIndex:
    """Definitions and references of one scenario document."""

    data: dict[str, Any]
    definitions: dict[tuple[str, str], Span] = field(default_factory=dict)
    references: list[Symbol] = field(default_factory=list)
    incoming: dict[str, list[str]] = field(default_factory=dict)  # node -> "from" descriptions

    def symbol_at(self, line: int, character: int) -> Symbol | None:
        """The reference or definition under the cursor."""
        for symbol in self.references:
            if symbol.span.contains(line, character):
                return symbol
        for (kind, name), span in self.definitions.items():
            if span.contains(line, character):
                owner, _, short = name.rpartition(".") if kind == "expression" else ("", "", name)
                return Symbol(kind, short, span, owner)
        return None

    def names(self, section: str) -> list[str]:
        """Ids declared under a top-level mapping (``nodes``, ``meters``, ...)."""
        value = self.data.get(section)
        return [str(k) for k in value] if isinstance(value, dict) else []

    def ending_ids(self) -> list[str]:
        """Ids of the endings, in order."""
        return [e["id"] for e in _dicts(self.data.get("endings")) if isinstance(e.get("id"), str)]

    def choice_ids(self) -> list[str]:
        """Every choice id: explicit ones and the NODE.N defaults."""
        return [name for kind, name in self.definitions if kind == "choice"]


def _dicts(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, list):
        yield from (item for item in value if isinstance(item, dict))


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


class _Builder:
    """Walks a document once, recording definitions and references with their spans."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.rows = doc.text.splitlines()
        self.index = ScenarioIndex(doc.data if isinstance(doc.data, dict) else {})

    def span(self, path: tuple[str | int, ...], name: str, *, key: bool = False) -> Span:
        line, col = self.doc.pos(path, key=key)
        start = col - 1
        row = self.rows[line - 1] if 0 < line <= len(self.rows) else ""
        if row[start : start + 1] in ("'", '"'):
            start += 1
        return Span(line - 1, start, start + len(name))

    def define(self, kind: str, name: str, path: tuple[str | int, ...], *, key: bool) -> None:
        self.index.definitions.setdefault((kind, name), self.span(path, name, key=key))

    def refer(self, kind: str, value: Any, path: tuple[str | int, ...], owner: str = "") -> None:
        if isinstance(value, str) and value:
            self.index.references.append(Symbol(kind, value, self.span(path, value), owner))

    def build(self) -> ScenarioIndex:
        data = self.index.data
        for section, kind in (
            ("meters", "meter"),
            ("flags", "flag"),
            ("backgrounds", "background"),
        ):
            for name in _mapping(data.get(section)):
                self.define(kind, str(name), (section, name), key=True)
        self.characters(_mapping(data.get("characters")))
        self.refer("node", data.get("start"), ("start",))
        for node_id, node in _mapping(data.get("nodes")).items():
            self.define("node", str(node_id), ("nodes", node_id), key=True)
            self.node(str(node_id), _mapping(node))
        for index, ending in enumerate(_dicts(data.get("endings"))):
            if isinstance(ending.get("id"), str):
                self.define("ending", ending["id"], ("endings", index, "id"), key=False)
            self.condition(ending.get("when"), ("endings", index, "when"))
        return self.index

    def characters(self, characters: dict[str, Any]) -> None:
        for char_id, character in characters.items():
            self.define("character", str(char_id), ("characters", char_id), key=True)
            expressions = _mapping(character).get("expressions")
            for i, expression in enumerate(expressions if isinstance(expressions, list) else ()):
                if isinstance(expression, str):
                    path = ("characters", char_id, "expressions", i)
                    self.define("expression", f"{char_id}.{expression}", path, key=False)

    def node(self, node_id: str, node: dict[str, Any]) -> None:
        base: tuple[str | int, ...] = ("nodes", node_id)
        for way in ("next",):
            if isinstance(node.get(way), str):
                self.refer("node", node[way], (*base, way))
                self._arrive(node[way], f"{node_id} (next)")
        self.refer("ending", node.get("ending"), (*base, "ending"))
        self.refer("background", node.get("background"), (*base, "background"))
        for i, line in enumerate(_dicts(node.get("lines"))):
            self.line(line, (*base, "lines", i))
        for i, choice in enumerate(_dicts(node.get("choices"))):
            self.choice(node_id, i, choice)

    def _arrive(self, target: str, source: str) -> None:
        self.index.incoming.setdefault(target, []).append(source)

    def line(self, line: dict[str, Any], path: tuple[str | int, ...]) -> None:
        speaker = line.get("speaker")
        self.refer("character", speaker, (*path, "speaker"))
        owner = speaker if isinstance(speaker, str) else ""
        self.refer("expression", line.get("expression"), (*path, "expression"), owner)
        self.condition(line.get("if"), (*path, "if"))

    def choice(self, node_id: str, index: int, choice: dict[str, Any]) -> None:
        path: tuple[str | int, ...] = ("nodes", node_id, "choices", index)
        choice_id = choice.get("id")
        if isinstance(choice_id, str):
            self.define("choice", choice_id, (*path, "id"), key=False)
        else:
            self.define("choice", f"{node_id}.{index + 1}", path, key=False)
        self.refer("technique", choice.get("technique"), (*path, "technique"))
        self.refer("node", choice.get("next"), (*path, "next"))
        if isinstance(choice.get("next"), str):
            text = choice.get("text") if isinstance(choice.get("text"), str) else ""
            self._arrive(choice["next"], f'{node_id} (choice {index + 1}: "{text}")')
        for meter in _mapping(choice.get("effects")):
            self.index.references.append(
                Symbol("meter", meter, self.span((*path, "effects", meter), meter, key=True))
            )
        for flag in _mapping(choice.get("set")):
            self.index.references.append(
                Symbol("flag", flag, self.span((*path, "set", flag), flag, key=True))
            )
        for i, line in enumerate(_dicts(choice.get("reaction"))):
            self.line(line, (*path, "reaction", i))
        self.condition(choice.get("if"), (*path, "if"))

    def condition(self, source: Any, path: tuple[str | int, ...]) -> None:
        if not isinstance(source, str):
            return
        line, col = self.doc.pos(path)
        for match in _CONDITION_TOKEN.finditer(source):
            kind, name, offset = _token(match)
            if not kind:
                continue
            at_line, at_col = offset_position(self.doc.text, line, col, source, offset)
            span = Span(at_line - 1, at_col - 1, at_col - 1 + len(name))
            self.index.references.append(Symbol(kind, name, span))


def _token(match: re.Match[str]) -> tuple[str, str, int]:
    """(kind, name, offset in the condition) of a condition token, kind "" to skip it."""
    if match.group("call"):
        kind = "choice" if match.group("call") == "chose" else "node"
        return kind, match.group("target"), match.start("target")
    if match.group("flag"):
        return "flag", match.group("flag"), match.start("flag")
    name = match.group("name")
    if name and name not in _NOT_METERS:
        return "meter", name, match.start("name")
    return "", "", 0


def build_index(doc: Document) -> ScenarioIndex:
    """The index of a parsed scenario document."""
    return _Builder(doc).build()
