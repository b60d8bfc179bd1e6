"""Safe, bounded YAML loading that remembers where every value came from.

The document is built straight from the parser's event stream (libyaml's C parser when present),
never through PyYAML's composer: one pass that limits nesting depth and alias expansion before
anything can blow up, and records the line and column of every key and value.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from sys import intern
from typing import Any

import yaml
from yaml import events as ev
from yaml.resolver import Resolver

from roleplay.engine._yaml_limits import (
    MAX_SCALAR_CHARS,
    MAX_VALUES,
    ValueCounter,
    bad_bool,
    check_int_digits,
    check_lines,
    tagged_value,
)
from roleplay.engine._yaml_limits import YamlProblem as YamlProblem  # re-exported

try:
    _Loader: type[Any] = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml missing
    _Loader = yaml.SafeLoader

MAX_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 100
MAX_INTERNED = 48  # plain scalars up to this length are interned

Pos = tuple[int, int]
Path = tuple[str | int, ...]

_RESOLVERS = Resolver.yaml_implicit_resolvers
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_BOOL_TAG = "tag:yaml.org,2002:bool"
_NULL_TAG = "tag:yaml.org,2002:null"
_STR_TAG = "tag:yaml.org,2002:str"
_BOOL_VALUES = {"yes": True, "true": True, "on": True, "no": False, "false": False, "off": False}


@dataclass
class SourceMap:
    """Line/column (1-based) of every mapping key, value and sequence item, by container."""

    _values: dict[int, dict[str | int, Pos]] = field(default_factory=dict)
    _keys: dict[int, dict[str | int, Pos]] = field(default_factory=dict)
    root_pos: Pos = (1, 1)

    def locate(self, root: Any, path: Path, *, key: bool = False) -> Pos:
        """Position of the value at ``path`` (or of its key), else of its nearest ancestor."""
        pos = self.root_pos
        node = root
        for index, part in enumerate(path):
            # keys only for the last part: lists (and ancestors) are located by their values
            at_key = key and index == len(path) - 1 and id(node) in self._keys
            table = (self._keys if at_key else self._values).get(id(node))
            child_pos = table.get(part) if table else None
            if child_pos is None:
                break
            pos = child_pos
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                break
        return pos

    def key_pos(self, container: Any, key: str | int) -> Pos | None:
        """Position of ``key`` inside a mapping ``container``."""
        table = self._keys.get(id(container))
        return table.get(key) if table else None

    def value_pos(self, container: Any, key: str | int) -> Pos | None:
        """Position of the value under ``key`` (or index) inside ``container``."""
        table = self._values.get(id(container))
        return table.get(key) if table else None


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector: loading allocates many objects and no cycles.

    On the way out the survivors are frozen (``gc.freeze``): they are long-lived scenario data,
    and without it the first collection after re-enabling would walk every one of them.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.enable()


def decode(data: bytes) -> str:
    """Decode file bytes as UTF-8 text, or raise a located RP005 problem."""
    if len(data) > MAX_BYTES:
        raise YamlProblem(
            "RP002",
            f"file is {len(data) / 1e6:.1f} MB; the limit is {MAX_BYTES // 1_000_000} MB",
            1,
            1,
            "split the scenario into smaller files",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlProblem(
            "RP005", "file is not UTF-8 text", line, col, "save the file as UTF-8"
        ) from None
    if "\x00" in text:
        index = text.index("\x00")
        line = text.count("\n", 0, index) + 1
        raise YamlProblem("RP005", "file contains binary data (a NUL byte)", line, 1)
    check_lines(text)
    return text


def _resolve_plain(value: str) -> Any:
    resolvers = _RESOLVERS.get(value[:1] if value else "")
    if resolvers is None and value == "":
        return None
    for tag, regexp in resolvers or ():
        if regexp.match(value):
            return _convert(tag, value)
    # short plain words (ids, techniques, targets) repeat throughout a scenario: share them
    return intern(value) if len(value) <= MAX_INTERNED else value


_UNDERSCORE = re.compile("_")


def _convert(tag: str, value: str) -> Any:
    if tag == _INT_TAG:
        return _to_int(value)
    if tag == _BOOL_TAG:
        if value.lower() not in _BOOL_VALUES:
            raise bad_bool(value)
        return _BOOL_VALUES[value.lower()]
    if tag == _NULL_TAG:
        return None
    if tag == _FLOAT_TAG:
        text = _UNDERSCORE.sub("", value).lower()
        if text in (".inf", "+.inf"):
            return float("inf")
        if text == "-.inf":
            return float("-inf")
        if text == ".nan":
            return float("nan")
        try:
            return float(text)
        except ValueError:
            return value
    return value


def _to_int(value: str) -> int | str:
    text = value.replace("_", "")
    sign = -1 if text.startswith("-") else 1
    body = text.lstrip("+-")
    check_int_digits(value, body)
    try:
        if body.startswith("0b"):
            return sign * int(body[2:], 2)
        if body.startswith("0x"):
            return sign * int(body[2:], 16)
        if body.startswith("0o"):
            return sign * int(body[2:], 8)
        if ":" in body:
            return value
        if body != "0" and body.startswith("0"):
            return sign * int(body, 8)
        return sign * int(body)
    except ValueError:
        return value


def _scalar(event: ev.ScalarEvent) -> Any:
    if not event.style and event.implicit[0]:
        return _resolve_plain(event.value)
    if event.tag and event.tag not in ("!", _STR_TAG):
        return tagged_value(event, _convert)
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


class _Builder(ValueCounter):
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
                documents.append(self._node(self.get(), 1))
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


def load_yaml(text: str, *, positions: bool = True) -> tuple[Any, SourceMap]:
    """Parse ``text`` safely; return the data and its source map, or raise YamlProblem.

    Without ``positions`` the source map stays empty (faster, and far less memory).
    """
    loader = _Loader(text)
    builder = _Builder(loader, positions)
    try:
        with paused_gc():
            data = builder.build()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = str(exc.problem or exc.context or "invalid YAML")
        lines = text.splitlines()
        line_text = lines[line - 1] if 0 < line <= len(lines) else ""
        if "maximum nesting depth" in message:
            # libyaml 0.2.5+ (bundled by PyYAML 6.0.4) has its own nesting limit, met first
            raise YamlProblem(
                "RP003",
                f"nesting is deeper than libyaml's limit ({message})",
                line,
                col,
                "a scenario never needs this much nesting; is the file generated?",
            ) from None
        raise YamlProblem("RP001", message, line, col, _yaml_hint(message, line_text)) from None
    except yaml.YAMLError as exc:
        raise YamlProblem("RP001", str(exc).splitlines()[0], 1, 1) from None
    except RecursionError:
        raise YamlProblem("RP003", "nesting is too deep", 1, 1) from None
    finally:
        loader.dispose()
    return data, builder.smap


def _yaml_hint(message: str, line_text: str = "") -> str:
    if "mapping values are not allowed" in message:
        value = line_text.split(":", 1)[1] if ":" in line_text else ""
        if ": " in value:
            return "a ':' inside text needs the whole text in quotes"
        return "check the indentation: this line is indented deeper than the keys beside it"
    if "found character '\\t'" in message:
        return "YAML indents with spaces, not tabs"
    if "could not find expected ':'" in message:
        return "check the indentation of this line and the one before"
    if "did not find expected key" in message or "expected <block end>" in message:
        return (
            "check the indentation: this line does not line up with the keys above it "
            "(or a list item '- ' is indented differently from its siblings)"
        )
    return ""
