"""The pieces of a line the YAML fast path (roleplay.engine._yaml_fast) reads: quoted scalars,
one-line flow collections and block scalars, each exactly as libyaml reads it.

Whatever is not certain to read the same raises :class:`Decline`: the text then goes to the
libyaml builder.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from sys import intern
from typing import Any

from roleplay.engine._yaml_limits import MAX_SCALAR_CHARS


class Decline(Exception):
    """The fast path does not read this text: the builder must."""


#: Characters a line may not start with to continue a plain scalar here (YAML indicators).
INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")

_BLOCK_HEADER = re.compile(r"([|>])(-?)(?:[ ]+(?:\#.*)?)?\Z")
_DOUBLE = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)"(?:[ ]+(?:#.*)?)?\Z')
_SINGLE = re.compile(r"'([^']*(?:''[^']*)*)'(?:[ ]+(?:#.*)?)?\Z")
_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")
_ESCAPES = {
    "0": "\0",
    "a": "\a",
    "b": "\b",
    "t": "\t",
    "n": "\n",
    "v": "\v",
    "f": "\f",
    "r": "\r",
    "e": "\x1b",
    " ": " ",
    '"': '"',
    "/": "/",
    "\\": "\\",
    "N": "\x85",
    "_": "\xa0",
    "L": "\u2028",
    "P": "\u2029",
}

# Flow collections on one line. A plain scalar in them has no ':' or '#' at all; a key is at
# most 900 characters (libyaml refuses simple keys over 1024) with few spaces before its ':'.
# Neither ends with a space, so that a line splits into entries one way only (else a line that
# does not close would make the patterns try every way: exponential in its entries).
_FLOW_FIRST = r"(?:[^\s\-?:,\[\]{}\#&*!|>'\"%@`]|-(?=[^\s,\[\]{}]))"
_FLOW_PLAIN = rf"{_FLOW_FIRST}(?:[^:,\[\]{{}}\#\n]*[^\s:,\[\]{{}}\#])?"
_FLOW_KEY = rf"{_FLOW_FIRST}(?:[^:,\[\]{{}}\#\n]{{0,898}}[^\s:,\[\]{{}}\#])?"
_FLOW_QUOTED = r"\"[^\"\\\n]*(?:\\.[^\"\\\n]*)*\"|'[^'\n]*(?:''[^'\n]*)*'"
_FLOW_VALUE = rf"(?:{_FLOW_QUOTED}|{_FLOW_PLAIN})"
_FLOW_ENTRY = rf"{_FLOW_KEY}[ ]{{0,64}}:[ ]+{_FLOW_VALUE}"
_AFTER = r"(?:[ ]+(?:\#.*)?)?\Z"  # what may follow a value on its line: spaces, a comment
# a flat flow mapping or sequence (scalars only), the common case, read by two patterns
_FLAT_MAP = re.compile(rf"(\{{[ ]*(?:{_FLOW_ENTRY}(?:[ ]*,[ ]*{_FLOW_ENTRY})*)?[ ]*\}}){_AFTER}")
_FLAT_SEQ = re.compile(rf"(\[[ ]*(?:{_FLOW_VALUE}(?:[ ]*,[ ]*{_FLOW_VALUE})*)?[ ]*\]){_AFTER}")
_MAP_ITEMS = re.compile(rf"({_FLOW_KEY})[ ]{{0,64}}:[ ]+({_FLOW_VALUE})[ ]*[,}}]")
_SEQ_ITEMS = re.compile(rf"({_FLOW_VALUE})[ ]*[,\]]")
# the tokens of nested flow collections
_SPACES = re.compile(r"[ ]*")
_KEY_COLON = re.compile(rf"[ ]*({_FLOW_KEY})[ ]{{0,64}}:[ ]+")
_SCALAR = re.compile(rf"(?:{_FLOW_QUOTED}|{_FLOW_PLAIN}(?=[ ]*[,\]}}]))")
_SEPARATOR = re.compile(r"[ ]*([,\]}])")
_TRAILER = re.compile(_AFTER)

Resolve = Callable[[str], Any]


def double_quoted(rest: str) -> str:
    """A one-line double-quoted scalar (``rest`` starts with its quote)."""
    if rest.find('"', 1) == len(rest) - 1 and "\\" not in rest:
        return rest[1:-1]  # the usual case: no escape, nothing after the closing quote
    match = _DOUBLE.match(rest)
    if match is None:
        raise Decline  # over more than one line, or followed by something else than a comment
    value = match.group(1)
    return unescape(value) if "\\" in value else value


def single_quoted(rest: str) -> str:
    """A one-line single-quoted scalar (``rest`` starts with its quote)."""
    match = _SINGLE.match(rest)
    if match is None:
        raise Decline
    return match.group(1).replace("''", "'")


def unescape(value: str) -> str:
    """A double-quoted scalar's escapes, as libyaml reads them (an unknown one is declined)."""
    return _ESCAPE.sub(_escaped, value)


def _escaped(match: re.Match[str]) -> str:
    code = match.group(1)
    if len(code) == 1:
        if code not in _ESCAPES:
            raise Decline
        return _ESCAPES[code]
    point = int(code[1:], 16)
    if 0xD800 <= point <= 0xDFFF or point > 0x10FFFF:
        raise Decline
    return chr(point)


def flow(rest: str, resolve: Resolve, room: int) -> tuple[Any, int, bool]:
    """The flow collection ``rest`` starts with, how many values it holds as the builder
    counts them, and whether it is flat (holds scalars only, which a copy may share).
    ``resolve`` reads plain scalars; at most ``room`` levels of nesting are read."""
    flat = (_FLAT_MAP if rest[0] == "{" else _FLAT_SEQ).match(rest)
    if flat is not None:
        value, count = _flat(rest, flat.end(1), resolve)
        return value, count, True
    reader = _FlowReader(rest, resolve, room)
    value, end = reader.node(0, 1)
    if _TRAILER.match(rest, end) is None:
        raise Decline
    return value, reader.count, False


def _flat(rest: str, end: int, resolve: Resolve) -> tuple[Any, int]:
    if rest[0] == "[":
        items = [_scalar(value, resolve) for value in _SEQ_ITEMS.findall(rest, 0, end)]
        return items, 1 + len(items)
    mapping: dict[str, Any] = {}
    for key, value in _MAP_ITEMS.findall(rest, 0, end):
        key = intern(key)
        if key in mapping:
            raise Decline  # a duplicate key: the builder reports it
        mapping[key] = _scalar(value, resolve)
    return mapping, 1 + 2 * len(mapping)


def _scalar(value: str, resolve: Resolve) -> Any:
    first = value[0]
    if first == '"':
        return unescape(value[1:-1]) if "\\" in value else value[1:-1]
    if first == "'":
        return value[1:-1].replace("''", "'")
    return resolve(value)


class _FlowReader:
    """Nested flow collections on one line, read token by token (rarer than flat ones)."""

    def __init__(self, text: str, resolve: Resolve, room: int) -> None:
        self.text, self.resolve, self.room = text, resolve, room
        self.count = 0

    def node(self, pos: int, depth: int) -> tuple[Any, int]:
        """The value at ``pos`` and where it ends."""
        pos = _SPACES.match(self.text, pos).end()  # type: ignore[union-attr]
        first = self.text[pos : pos + 1]
        if first in ("{", "["):
            if depth > self.room:
                raise Decline
            self.count += 1
            if first == "{":
                return self._mapping(pos + 1, depth)
            return self._sequence(pos + 1, depth)
        scalar = _SCALAR.match(self.text, pos)
        if scalar is None:
            raise Decline
        self.count += 1
        return _scalar(scalar.group(), self.resolve), scalar.end()

    def _mapping(self, pos: int, depth: int) -> tuple[dict[str, Any], int]:
        mapping: dict[str, Any] = {}
        if self.text.startswith("}", _SPACES.match(self.text, pos).end()):  # type: ignore[union-attr]
            return mapping, self.text.index("}", pos) + 1
        while True:
            key = _KEY_COLON.match(self.text, pos)
            if key is None:
                raise Decline
            name = intern(key.group(1))
            if name in mapping:
                raise Decline
            self.count += 1
            mapping[name], pos = self.node(key.end(), depth + 1)
            pos, closed = self._separator(pos, "}")
            if closed:
                return mapping, pos

    def _sequence(self, pos: int, depth: int) -> tuple[list[Any], int]:
        items: list[Any] = []
        if self.text.startswith("]", _SPACES.match(self.text, pos).end()):  # type: ignore[union-attr]
            return items, self.text.index("]", pos) + 1
        while True:
            item, pos = self.node(pos, depth + 1)
            items.append(item)
            pos, closed = self._separator(pos, "]")
            if closed:
                return items, pos

    def _separator(self, pos: int, closer: str) -> tuple[int, bool]:
        """After a value: past a ',' (False) or this collection's closer (True)."""
        separator = _SEPARATOR.match(self.text, pos)
        if separator is None or separator.group(1) not in (",", closer):
            raise Decline
        return separator.end(), separator.group(1) == closer


def block_scalar(lines: list[str], start: int, header: str, parent_column: int) -> tuple[str, int]:
    """A literal (``|``) or folded (``>``) block scalar whose lines start at ``start``, in a
    collection at ``parent_column``: its value and the index of the line after it."""
    style = _BLOCK_HEADER.match(header)
    if style is None:
        raise Decline  # keep (+), an indentation digit, or text after the header
    found, after = _block_lines(lines, start, parent_column)
    value = _fold(found) if style.group(1) == ">" else "\n".join(found)
    # clip (no '-'): the last line break is kept; the last line has one unless it ends the text
    if after < len(lines) and not style.group(2):
        value += "\n"
    if len(value) > MAX_SCALAR_CHARS:
        raise Decline
    return value, after


def _block_lines(lines: list[str], start: int, parent_column: int) -> tuple[list[str], int]:
    """A block scalar's lines (indentation removed, empty lines as '') up to its last
    non-empty line, and the index of the line after that one."""
    indent = -1
    found: list[str] = []
    kept, after = 0, start
    for index in range(start, len(lines)):
        line = lines[index]
        body = line.lstrip(" ")
        column = len(line) - len(body)
        if not body:
            if indent < 0 or column > indent:
                raise Decline  # empty lines first, or spaces past the indentation
            found.append("")
        elif indent < 0 and column <= parent_column:
            raise Decline  # an empty block scalar
        elif indent >= 0 and column < indent:
            break
        else:
            indent = column if indent < 0 else indent
            found.append(line[indent:])
            kept, after = len(found), index + 1
    if indent < 0:
        raise Decline
    return found[:kept], after


def _fold(lines: list[str]) -> str:
    """A folded block scalar's content (indentation removed, empty lines as ''): lines joined
    by spaces, each empty line a line break. More-indented lines are left to the builder."""
    parts: list[str] = []
    breaks = 0
    for line in lines:
        if not line:
            breaks += 1
            continue
        if line[0] == " ":
            raise Decline
        if parts:
            parts.append("\n" * breaks if breaks else " ")
        parts.append(line)
        breaks = 0
    return "".join(parts)
