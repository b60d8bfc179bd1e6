"""A fast path for the YAML scenario files are written in, with the libyaml builder behind it.

Building a document from libyaml's events costs a Python object per event and two per position,
whichever way it is done; a big scenario spends most of its cold load there. Scenario files use a
small part of YAML: block mappings and sequences (indented or not), one-line flow mappings and
sequences, plain scalars (over several lines too), one-line quoted scalars, literal and folded
block scalars, comments. :func:`fast_load` reads exactly that part, a line at a time with string
methods, and returns the same Python data as the builder
(:class:`roleplay.engine._yaml_build.Builder`) without positions: the same types, plain scalars
resolved by the same function, keys and short plain scalars interned the same way.

Anything else (anchors, aliases, tags, document markers, quoted scalars over several lines,
tabs, odd indentation, control or line-separator characters, a duplicate key, an error of any
kind, values or nesting near a limit...) makes it return :data:`DECLINED`, and the caller parses
with the builder, so every diagnostic, message and position stays exactly as the builder makes
it. ``tests/test_yaml_fast.py`` compares the two on generated and mutated documents.
"""

from __future__ import annotations

import re
from sys import intern
from typing import Any, Final

from roleplay.engine._yaml_fast_parts import (
    INDICATORS,
    Decline,
    block_scalar,
    double_quoted,
    flow,
    single_quoted,
)
from roleplay.engine._yaml_limits import MAX_DEPTH, MAX_SCALAR_CHARS, MAX_VALUES, BadScalar
from roleplay.engine._yaml_scalars import resolve_plain


class _Declined:
    """The type of :data:`DECLINED`."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "DECLINED"


#: What :func:`fast_load` returns for a text it does not read (the builder must).
DECLINED: Final = _Declined()

#: Deepest nesting the fast path builds; deeper documents go to the builder (limit MAX_DEPTH).
MAX_NESTING = MAX_DEPTH - 10
_NEVER = 1 << 30  # a column no line reaches
_MAX_CACHED_FLOW = 100  # flat flow collections up to this long are read once per text
_MAX_CACHED_LINE = 120  # entries on lines up to this long are read once per line
_SCALAR, _FLOW, _PENDING = 0, 1, 2  # what an entry's value is (see _Entry)
#: A mapping entry as read from its line: (column, key, value, kind, values, plain text). The
#: kind is _PENDING for ``key:`` (its value on the next lines), _FLOW for a flat flow
#: collection (``value`` is copied for each line), else _SCALAR; ``values`` counts the key and
#: the values in the value; the plain text is that of a plain scalar the next lines may go on.
_Entry = tuple[int, str, Any, int, int, str | None]

# A plain key: no ':' or '#', not starting with an indicator, at most 1,000 characters and few
# spaces before its ':' (libyaml refuses simple keys over 1,024 characters).
_KEY = re.compile(r"[^\s\#'\"{}\[\],&*!|>%@`?:\-][^:\#]{0,999}?[ ]{0,64}")
# what a value may start with that is not a plain scalar (a space: more than one after ':')
_SPECIAL = frozenset(INDICATORS | {" ", ""})
# characters libyaml reads as line breaks or refuses (controls, BOM, non-characters), and tabs
_UNSAFE_TEXT = re.compile(
    "[^\n -~\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)


def fast_load(text: str) -> Any:
    """The data of ``text`` as the builder makes it without positions, or :data:`DECLINED`."""
    plain = _plain_text(text)
    if plain is None:
        return DECLINED
    try:
        return _Parser(plain.split("\n")).document()
    except (Decline, BadScalar, RecursionError):
        return DECLINED


def _plain_text(text: str) -> str | None:
    """``text`` with Windows line ends made ``\\n``; None when it holds a character the fast
    path leaves to libyaml (a tab, a lone carriage return, a control or line separator)."""
    if "\r" in text:
        if text.count("\r") != text.count("\r\n"):
            return None
        text = text.replace("\r\n", "\n")
    if text.isascii():
        if not text.replace("\n", "").isprintable():
            return None
    elif _UNSAFE_TEXT.search(text):
        return None
    return text


class _Parser:
    """One pass over the lines with a stack of open block collections (see the module doc)."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.next = 0  # index of the line after the one being read
        self.count = 1  # values built, counted as the builder counts them (the root so far)
        self.keys: dict[str, str] = {}  # key as written -> the checked, interned key
        self.resolved: dict[str, Any] = {}  # plain scalar -> its value (they repeat)
        self.flows: dict[str, tuple[Any, int]] = {}  # short flat flow -> its value and count
        self.entries: dict[str, _Entry] = {}  # line -> the entry it is (see _entry)
        # open block collections, innermost last: (column, container, is a mapping, indentless)
        self.stack: list[tuple[int, Any, bool, bool]] = []
        # a key or dash whose value is on the next lines: (container, key or None, its column)
        self.pending: tuple[Any, str | None, int] | None = None
        # the plain scalar the last line ended with, which the next lines may continue:
        # (container, key or None, its text, index of its line); and its collection's column
        self.plain: tuple[Any, str | None, str, int] | None = None
        self.plain_column = _NEVER

    def document(self) -> Any:
        """The root mapping (a document that is anything else is declined)."""
        root: dict[str, Any] = {}
        self.stack.append((0, root, True, False))
        self._read()
        self._settle_pending()
        if self.count > MAX_VALUES or not root:
            raise Decline
        return root

    def _read(self) -> None:
        """Read every line. Most are an entry of a mapping (``key:``, or ``key: value`` with a
        plain or quoted scalar or a short flow collection), read into an :data:`_Entry` once per
        distinct line (:meth:`_fresh`) and filed (:meth:`_file`); the methods read the rest."""
        lines, entries = self.lines, self.entries
        frame = self.stack[-1]  # the innermost open collection: (column, it, is a map, indentless)
        index, end = 0, len(lines)
        plain_column = _NEVER  # the column of the collection of a plain scalar that may go on
        while index < end:
            line = lines[index]
            index += 1
            entry = entries.get(line)
            if entry is None:
                body = line.lstrip(" ")
                if not body or body[0] == "#":
                    continue  # empty or a comment
                column = len(line) - len(body)
                dash = body[0] == "-" and body[1:2] in (" ", "")
            else:
                column, dash, body = entry[0], False, ""
            if column > plain_column:  # the plain scalar the last line ended with goes on
                self.next = index
                self._continues(plain_column)
                plain_column, index = _NEVER, self.next
                continue
            plain_column = _NEVER
            if self.pending is not None or frame[3] or column != frame[0]:
                frame = self._collection(column, dash)
            if entry is None:
                self.next = index
                frame, entry = self._fresh(frame, line, body, column, dash)
                if entry is None:  # a value the methods read
                    plain_column, index = self.plain_column, self.next
                    continue
            elif not frame[2]:
                raise Decline
            plain_column = self._file(frame[1], entry, index - 1)

    def _file(self, mapping: dict[str, Any], entry: _Entry, line_index: int) -> int:
        """File ``entry`` (read from line ``line_index``) in ``mapping``; the column of a plain
        scalar the next lines may go on (else a column no line reaches)."""
        column, key, value, kind, values, text = entry
        if key in mapping:
            raise Decline  # a duplicate key: the builder reports it
        self.count += values
        if kind == _PENDING:
            self.pending = (mapping, key, column)
            return _NEVER
        mapping[key] = value.copy() if kind == _FLOW else value
        if text is None:
            return _NEVER
        self.plain = (mapping, key, text, line_index)  # a plain scalar without a comment
        return column

    def _fresh(
        self, frame: tuple[int, Any, bool, bool], line: str, body: str, column: int, dash: bool
    ) -> tuple[tuple[int, Any, bool, bool], _Entry | None]:
        """A line not met before, in the collection ``frame``: the collection it ends up in and
        the entry it is (kept for lines that repeat), or no entry when the methods read it.

        ``- key: value`` opens a mapping at the key's column and reads on as an entry.
        """
        _, top, is_map, _ = frame
        if dash:
            rest = body[1:].lstrip(" ")
            if is_map or not rest or rest[0] in INDICATORS or ": " not in rest + " ":
                self._item(top, is_map, rest, column)
                return frame, None
            mapping: dict[str, Any] = {}
            top.append(mapping)
            column += len(body) - len(rest)
            frame = self._open(column, mapping, True, False)
            body = rest
        elif not is_map:
            raise Decline
        entry = self._entry(body, column)
        if entry is None:
            self._special(frame[1], body, column)
        elif len(line) <= _MAX_CACHED_LINE and not dash:
            self.entries[line] = entry
        return frame, entry

    def _entry(self, body: str, column: int) -> _Entry | None:
        """The entry ``body`` (at ``column``) is, when it is ``key:`` or ``key: value`` with a
        plain or quoted scalar or a short flat flow collection; None for other values."""
        cut = body.find(": ")
        if cut < 0:
            if body[-1] != ":":
                raise Decline
            written, rest = body[:-1], ""
        else:
            written, rest = body[:cut], body[cut + 2 :].lstrip(" ")
        key = self.keys.get(written) or self._new_key(written)
        if not rest or rest[0] == "#":
            return (column, key, None, _PENDING, 1, None)
        first = rest[0]
        if len(rest) > MAX_SCALAR_CHARS:
            raise Decline
        if first == '"':
            return (column, key, double_quoted(rest), _SCALAR, 2, None)
        if first == "'":
            return (column, key, single_quoted(rest), _SCALAR, 2, None)
        if first == "{" or first == "[":
            if len(rest) > _MAX_CACHED_FLOW:
                return None
            value, size, flat = flow(rest, self._resolve, MAX_NESTING - len(self.stack))
            return (column, key, value, _FLOW, 1 + size, None) if flat else None
        if first in INDICATORS:
            return None  # block scalars, "-1" and what is declined
        cut = rest.find(" #")
        text = (rest if cut < 0 else rest[:cut]).rstrip(" ")
        if ": " in text or text[-1] == ":":
            raise Decline
        return (column, key, self._resolve(text), _SCALAR, 2, text if cut < 0 else None)

    def _special(self, mapping: dict[str, Any], body: str, column: int) -> None:
        """``key: value`` with a value :meth:`_entry` does not read (a block scalar, a long or
        nested flow collection, a plain scalar starting with ``-``)."""
        cut = body.find(": ")
        key = self.keys[body[:cut]]
        if key in mapping:
            raise Decline
        self.plain_column = _NEVER
        self.count += 1
        mapping[key] = self._value(body[cut + 2 :].lstrip(" "), column, mapping, key)

    def _collection(self, column: int, dash: bool) -> tuple[int, Any, bool, bool]:
        """The collection a line at ``column`` belongs to: one it opens as the value of the
        last key or dash, or an open one (closing those it is left of)."""
        if self.pending is not None:
            self._open_pending(column, dash)
        stack = self.stack
        top_column, _, _, indentless = stack[-1]
        while column < top_column or (indentless and column == top_column and not dash):
            stack.pop()
            top_column, _, _, indentless = stack[-1]
        if column != top_column:
            raise Decline
        return stack[-1]

    def _open_pending(self, column: int, dash: bool) -> None:
        """The value of the last key or dash: a collection this line opens, or null."""
        assert self.pending is not None
        container, slot, parent_column = self.pending
        indentless = column == parent_column and dash and slot is not None
        if column <= parent_column and not indentless:
            self._settle_pending()
            return
        self.pending = None
        value: Any = [] if dash else {}
        if slot is None:
            container.append(value)
        else:
            container[slot] = value
        self._open(column, value, not dash, indentless)

    def _settle_pending(self) -> None:
        """The last key or dash had no value: null, as an empty plain scalar."""
        if self.pending is not None:
            container, slot, _ = self.pending
            self.pending = None
            self.count += 1
            if slot is None:
                container.append(None)
            else:
                container[slot] = None

    def _open(
        self, column: int, container: Any, is_map: bool, indentless: bool
    ) -> tuple[int, Any, bool, bool]:
        """Open a block collection at ``column``: the innermost from now on."""
        if len(self.stack) >= MAX_NESTING:
            raise Decline
        self.count += 1
        frame = (column, container, is_map, indentless)
        self.stack.append(frame)
        return frame

    def _item(self, sequence: list[Any], is_map: bool, rest: str, column: int) -> None:
        """``- value`` in ``sequence`` (a value on the next lines when there is none here)."""
        if is_map:
            raise Decline  # a dash among the keys of a mapping
        self.plain_column = _NEVER
        if not rest or rest[0] == "#":
            self.pending = (sequence, None, column)
        else:
            sequence.append(self._value(rest, column, sequence, None))

    def _new_key(self, written: str) -> str:
        if _KEY.fullmatch(written) is None:
            raise Decline
        key = self.keys[written] = intern(written.rstrip(" "))
        return key

    def _value(self, rest: str, column: int, container: Any, slot: str | None) -> Any:
        """The value written after ``key:`` or ``-`` (a block scalar reads the lines after)."""
        first = rest[0]
        if len(rest) > MAX_SCALAR_CHARS:
            raise Decline
        if first == '"':
            self.count += 1
            return double_quoted(rest)
        if first == "'":
            self.count += 1
            return single_quoted(rest)
        if first == "{" or first == "[":
            return self._flow(rest)
        if first == "|" or first == ">":
            self.count += 1
            value, self.next = block_scalar(self.lines, self.next, rest, column)
            return value
        if first in INDICATORS and (first != "-" or rest[1:2] in ("", " ")):
            raise Decline
        cut = rest.find(" #")
        text = (rest if cut < 0 else rest[:cut]).rstrip(" ")
        if ": " in text or text[-1] == ":":
            raise Decline
        if cut < 0:  # a comment ends a plain scalar; without one the next lines may go on
            self.plain = (container, slot, text, self.next - 1)
            self.plain_column = column
        self.count += 1
        return self._resolve(text)

    def _flow(self, rest: str) -> Any:
        """A one-line flow collection; short flat ones (``{trust: 1}``) are read once and
        copied (their scalars are shared, as interned or cached plain scalars are)."""
        known = self.flows.get(rest)
        if known is not None:
            self.count += known[1]
            return known[0].copy()
        value, count, flat = flow(rest, self._resolve, MAX_NESTING - len(self.stack))
        if flat and len(rest) <= _MAX_CACHED_FLOW:
            self.flows[rest] = (value.copy(), count)
        self.count += count
        return value

    def _resolve(self, text: str) -> Any:
        """A plain scalar's value (see roleplay.engine._yaml_scalars), once per distinct text."""
        try:
            return self.resolved[text]
        except KeyError:
            value = self.resolved[text] = resolve_plain(text)
            return value

    def _continues(self, parent_column: int) -> None:
        """Fold the lines that go on with the plain scalar of the line before (from the one
        just read, up to the last one deeper than ``parent_column``) into it, at once."""
        assert self.plain is not None
        container, slot, value, last = self.plain
        lines, index, parts, size = self.lines, self.next - 1, [value], len(value)
        while True:
            body = lines[index].lstrip(" ")
            gap = lines[last + 1 : index]  # empty lines: each is a line break
            if body[0] in INDICATORS or any(g.lstrip(" ") for g in gap):
                raise Decline  # a comment between, or a continuation that may be something else
            if " #" in body or ": " in body or body[-1] == ":":
                raise Decline
            parts += ("\n" * len(gap) if gap else " ", body.rstrip(" "))
            size += len(parts[-2]) + len(parts[-1])
            if size > MAX_SCALAR_CHARS:
                raise Decline
            last, index = index, index + 1
            while index < len(lines) and not lines[index].strip(" "):
                index += 1
            following = lines[index].lstrip(" ") if index < len(lines) else ""
            if not following or len(lines[index]) - len(following) <= parent_column:
                break  # (a comment that follows ends the scalar, and is read as one)
        resolved = resolve_plain("".join(parts))
        if slot is None:
            container[-1] = resolved
        else:
            container[slot] = resolved
        self.plain, self.next = None, last + 1
