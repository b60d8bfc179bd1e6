"""The YAML builder: a document built straight from libyaml's event stream (see _yaml.py).

Kept apart from roleplay.engine._yaml, which imports it on the first parse, so that what does not
parse YAML (a start served from the scenario cache, say) does not import PyYAML.
"""

from __future__ import annotations

from sys import intern
from typing import Any

import yaml
from yaml import events as ev

from roleplay.engine._source_map import Pos, SourceMap
from roleplay.engine._yaml_limits import (
    MAX_DEPTH,
    MAX_SCALAR_CHARS,
    MAX_VALUES,
    ValueCounter,
    YamlProblem,
    tagged_value,
)
from roleplay.engine._yaml_scalars import STR_TAG, convert, resolve_plain

try:
    Loader: type[Any] = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml missing
    Loader = yaml.SafeLoader


def _scalar(event: ev.ScalarEvent) -> Any:
    if not event.style and event.implicit[0]:
        return resolve_plain(event.value)
    if event.tag and event.tag not in ("!", STR_TAG):
        return tagged_value(event, convert)
    return event.value


def _key_not_a_name(mark: Any) -> YamlProblem:
    return YamlProblem(
        "RP012",
        "mapping keys must be plain names, not lists or mappings",
        mark.line + 1,
        mark.column + 1,
    )


def _duplicate_key(key: str, mark: Any) -> YamlProblem:
    return YamlProblem(
        "RP007",
        f"duplicate key '{key}'",
        mark.line + 1,
        mark.column + 1,
        "each key may appear once in a mapping; the later one would silently win",
    )


class Builder(ValueCounter):
    """Builds Python data from parse events, tracking positions, depth and aliases.

    Written for speed: it pulls events straight from the parser and dispatches on exact types.
    Values and their text are counted against the limits by :class:`ValueCounter`.
    """

    def __init__(self, loader: Any, positions: bool = True) -> None:
        super().__init__(_scalar)
        self.get = loader.get_event
        self.smap = SourceMap()
        self.positions = positions  # record where each value is (the source map), or skip it
        self.anchors: dict[str, tuple[Any, int, int]] = {}  # value, values, characters

    def build(self) -> Any:
        documents: list[Any] = []
        while True:
            event = self.get()
            kind = type(event)
            if kind is ev.StreamEndEvent:
                break
            if kind is ev.DocumentStartEvent:
                if documents:
                    mark: Any = event.start_mark
                    raise YamlProblem(
                        "RP006",
                        "file holds more than one YAML document",
                        mark.line + 1,
                        mark.column + 1,
                        "remove the '---' separator: one scenario per file",
                    )
                root = self.get()
                if self.positions:
                    mark = root.start_mark
                    self.smap.root_pos = (mark.line + 1, mark.column + 1)
                documents.append(self._node(root, 1))
        return documents[0] if documents else None

    def _node(self, event: Any, depth: int) -> Any:
        kind = type(event)
        if kind is ev.ScalarEvent:
            value = self.leaf(event)
        elif kind is ev.AliasEvent:
            return self._alias(event)
        else:
            if event.tag or self.count >= MAX_VALUES:  # the common case costs no call
                self.check_container(event)
            if depth > MAX_DEPTH:
                mark = event.start_mark
                raise YamlProblem(
                    "RP003",
                    f"nesting is deeper than {MAX_DEPTH} levels",
                    mark.line + 1,
                    mark.column + 1,
                    "a scenario never needs this much nesting; is the file generated?",
                )
            before, chars = self.count, self.chars
            build = self._mapping if kind is ev.MappingStartEvent else self._sequence
            value = build(depth)
            if event.anchor:
                self.anchors[event.anchor] = (value, self.count - before, self.chars - chars)
            return value
        if event.anchor:
            self.anchors[event.anchor] = (value, 1, len(event.value))
        return value

    def _alias(self, event: Any) -> Any:
        mark = event.start_mark
        if event.anchor not in self.anchors:
            raise YamlProblem(
                "RP001", f"unknown alias '*{event.anchor}'", mark.line + 1, mark.column + 1
            )
        value, size, chars = self.anchors[event.anchor]
        self.count_alias(event, size, chars)
        return value

    def _mapping(self, depth: int) -> dict[str, Any]:
        get = self.get
        scalar_event = ev.ScalarEvent
        result: dict[str, Any] = {}
        positions = self.positions
        keys: dict[str | int, Pos] = {}
        values: dict[str | int, Pos] = {}
        while True:
            event = get()
            kind = type(event)
            if kind is ev.MappingEndEvent:
                break
            key_mark = event.start_mark
            if kind is not scalar_event:
                raise _key_not_a_name(key_mark)
            self.count += 1
            if len(event.value) > MAX_SCALAR_CHARS:
                raise self.long_key(event)
            key = intern(event.value)  # keys repeat in every node: share one string
            if key in result:
                raise _duplicate_key(key, key_mark)
            value_event = get()
            if positions:
                vmark = value_event.start_mark
                keys[key] = (key_mark.line + 1, key_mark.column + 1)
                values[key] = (vmark.line + 1, vmark.column + 1)
            if type(value_event) is scalar_event and not value_event.anchor:
                result[key] = self.leaf(value_event)
            else:
                result[key] = self._node(value_event, depth + 1)
        self.count += 1
        if positions:
            self.smap._keys[id(result)] = keys
            self.smap._values[id(result)] = values
        return result

    def _sequence(self, depth: int) -> list[Any]:
        get = self.get
        result: list[Any] = []
        positions = self.positions
        values: dict[str | int, Pos] = {}
        while True:
            event = get()
            if type(event) is ev.SequenceEndEvent:
                break
            if positions:
                mark = event.start_mark
                values[len(result)] = (mark.line + 1, mark.column + 1)
            result.append(self._node(event, depth + 1))
        self.count += 1
        if positions:
            self.smap._values[id(result)] = values
        return result
