"""The limits the YAML builder keeps while it builds a document (see docs/reliability.md).

Values are counted as they are built, aliases at their expanded size, in number and in
characters of text, so that no document under the byte limit can cost more than a few seconds.
One text, one whole number and YAML tags are checked on the way. A limit that is met raises
:class:`YamlProblem` (defined here, used by the whole loader) at the event's position.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NoReturn

#: Deepest nesting of lists and mappings in one file.
MAX_DEPTH = 100
#: Values (keys, scalars, lists, mappings) in one file, aliases counted at their expanded size.
MAX_VALUES = 800_000
#: Characters of text in one file once aliases are expanded (a plain file never comes close).
MAX_EXPANDED_CHARS = 32 * 1024 * 1024
#: Lines of text in one file.
MAX_LINES = 400_000
#: Characters in one value (a line of dialogue, a debrief, a key).
MAX_SCALAR_CHARS = 20_000
#: Digits (hexadecimal, octal or binary count too) in one whole number.
MAX_INT_DIGITS = 18

_YAML = "tag:yaml.org,2002:"
_SCALAR_TAGS = frozenset({_YAML + "int", _YAML + "float", _YAML + "bool", _YAML + "null"})
_CONTAINER_TAGS = frozenset({"!", _YAML + "map", _YAML + "seq"})
TAG_HINT = "write the value without a !! tag: true/false, a whole number or text"


class YamlProblem(Exception):
    """A located problem that stops loading: ``code`` is a diagnostic code."""

    def __init__(self, code: str, message: str, line: int, col: int, hint: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line
        self.col = col
        self.hint = hint


class BadScalar(Exception):
    """A scalar that cannot be used (tag misuse, a huge number), not yet located."""

    def __init__(self, code: str, message: str, hint: str) -> None:
        super().__init__(message)
        self.code, self.message, self.hint = code, message, hint

    def at(self, event: Any) -> YamlProblem:
        """This problem located at ``event``."""
        return problem_at(event, self.code, self.message, self.hint)


def problem_at(event: Any, code: str, message: str, hint: str = "") -> YamlProblem:
    """A YamlProblem at the start of ``event``."""
    mark = event.start_mark
    return YamlProblem(code, message, mark.line + 1, mark.column + 1, hint)


def check_int_digits(value: str, body: str) -> None:
    """Refuse a whole number with more than MAX_INT_DIGITS digits (before converting it)."""
    if len(body.lstrip("0box")) > MAX_INT_DIGITS:
        raise BadScalar(
            "RP014",
            f"the number {value[:12]}... is too large ({len(body)} characters)",
            f"whole numbers in a scenario have at most {MAX_INT_DIGITS} digits",
        )


def bad_bool(value: str) -> BadScalar:
    """The problem of a ``!!bool`` that is not a boolean (``!!bool "maybe"``)."""
    return BadScalar("RP012", f"'{value[:40]}' is not a !!bool value", TAG_HINT)


def tagged_value(event: Any, convert: Callable[[str, str], Any]) -> Any:
    """The value of a scalar with an explicit tag, refusing tags and values that do not fit."""
    if event.tag not in _SCALAR_TAGS:
        raise BadScalar("RP012", f"the tag '{event.tag}' is not supported", TAG_HINT)
    converted = convert(event.tag, event.value)
    if converted is event.value:  # the conversion did not apply: !!int "ten"
        raise BadScalar("RP012", f"'{event.value[:40]}' does not fit '{event.tag}'", TAG_HINT)
    return converted


class ValueCounter:
    """The counting half of the YAML builder: ``count`` values and ``chars`` of text so far,
    aliases at their expanded size; ``aliased`` notes that an alias was expanded.

    ``leaf`` is on the hot path (once per scalar): one call that counts and converts.
    """

    def __init__(self, convert: Callable[[Any], Any]) -> None:
        self.count = 0
        self.chars = 0
        self.aliased = False
        self._convert = convert

    def leaf(self, event: Any) -> Any:
        """The value of a scalar event, counted and checked against the limits."""
        self.count += 1
        size = len(event.value)
        self.chars += size
        if size > MAX_SCALAR_CHARS or self.count > MAX_VALUES:
            self._refuse_leaf(event, size)
        try:
            return self._convert(event)
        except BadScalar as bad:
            raise bad.at(event) from None

    def _refuse_leaf(self, event: Any, size: int) -> NoReturn:
        if size > MAX_SCALAR_CHARS:
            raise problem_at(
                event,
                "RP015",
                f"this text is {size:,} characters long; the limit is {MAX_SCALAR_CHARS:,}",
                "shorten it: a line of dialogue or a debrief is a few hundred characters",
            )
        self.too_many(event)

    def long_key(self, event: Any) -> YamlProblem:
        """The problem of a mapping key over MAX_SCALAR_CHARS (checked by the builder)."""
        return problem_at(event, "RP015", f"a key of {len(event.value):,} characters")

    def check_container(self, event: Any) -> None:
        """Check the count before a list or mapping; refuse tags such as !!set or !python/..."""
        if self.count >= MAX_VALUES:
            self.too_many(event)
        if event.tag and event.tag not in _CONTAINER_TAGS:
            raise problem_at(event, "RP012", f"the tag '{event.tag}' is not supported", TAG_HINT)

    def count_alias(self, event: Any, size: int, chars: int) -> None:
        """Count an alias at its expanded size, in values and in characters."""
        self.aliased = True
        self.count += size
        self.chars += chars
        if self.count > MAX_VALUES:
            self.too_many(event)
        if self.chars > MAX_EXPANDED_CHARS:
            raise problem_at(
                event,
                "RP004",
                f"aliases expand to more than {MAX_EXPANDED_CHARS // (1024 * 1024)} MB of text",
                "write the values out instead of repeating a long text through aliases",
            )

    def too_many(self, event: Any) -> NoReturn:
        """Refuse the document: RP004 when aliases made it this big, else RP009."""
        if self.aliased:
            raise problem_at(
                event,
                "RP004",
                f"aliases expand to more than {MAX_VALUES:,} values (a 'billion laughs' document?)",
                "write the values out instead of nesting aliases",
            )
        raise problem_at(
            event,
            "RP009",
            f"file holds more than {MAX_VALUES:,} values",
            "split the scenario into smaller files; is the file generated?",
        )


def check_lines(text: str) -> None:
    """Refuse a text of more than MAX_LINES lines (RP008)."""
    lines = text.count("\n")
    if lines > MAX_LINES:
        raise YamlProblem(
            "RP008",
            f"file has {lines:,} lines; the limit is {MAX_LINES:,}",
            MAX_LINES + 1,
            1,
            "split the scenario into smaller files",
        )
