"""Scenario-like YAML documents written in many styles, for comparing the YAML fast path with
the libyaml builder (tests/test_yaml_fast.py).

Data is drawn as nested mappings and lists of tricky scalars (YAML 1.1 booleans, octal and
sexagesimal numbers, texts with ': ' or ' #', quotes, backslashes, unicode, long texts), then
written the ways a designer or a tool might: block or flow collections, indented or indentless
lists, plain, quoted, literal or folded scalars, plain texts wrapped over lines, comments, blank
lines, trailing spaces, Windows line ends. ``careful`` documents only use what the fast path
reads (it must not decline them); the others also write plain scalars that are not what they
were, and junk.
"""

from __future__ import annotations

import json
import random
import re
from typing import Any

from hypothesis import strategies as st

_TRICKY = [
    "yes", "No", "on", "OFF", "y", "n", "true", "False", "null", "~", "Null", "",
    "0", "012", "0o12", "0x1F", "0b101", "1_000", "+1", "-2", "1:30", "190:20:30", "1e3",
    "1.5e3", "6.8523015e+5", ".5", "1.", "-.inf", ".Inf", ".NaN", "2024-01-01",
    "2001-12-14 21:59:43.10 -5", "<<", "=", "a: b", "a :b", "a:b", "a #b", "a#b", "#x",
    "- x", "-x", "-", "? x", "?x", ": x", ":x", "[x]", "{x}", "x]", "x}", "x, y", "'q'",
    '"q"', "it's", "say \"hi\"", "back\\slash", "trailing ", " leading", "two  spaces",
    "multi\nline", "para\n\nbreak", "ends with newline\n", "tab\there", "é ünïcode ✓",
    "\u2028", "\x85", "\ufeff", "\x7f", "9" * 40, "x" * 60, "%percent", "@at", "`tick",
    "&anchor", "*alias", "!tag", "|pipe", ">fold", "a: b: c", "Why it lands.",
    "trust >= 3 or flags.f1", "n12", "active_listening", "https://example.org/a?b=c#d",
]  # fmt: skip
_KEYS = st.one_of(
    st.from_regex(r"[a-z_][a-z0-9_]{0,10}", fullmatch=True),
    st.sampled_from(
        ["text", "next", "if", "yes", "1", "null", "<<", "a.b", "x-y", "two words", "Ünï"]
    ),
)
_WORDS = st.lists(
    st.sampled_from(["we", "could", "look", "at", "the", "rota", "together,", "you:", "'fair'"]),
    min_size=1,
    max_size=14,
).map(" ".join)
_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.integers(),
    st.floats(),
    st.sampled_from(_TRICKY),
    _WORDS,
    st.text(max_size=30),
)
DATA = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_KEYS, inner, max_size=5)),
    max_leaves=25,
)
DOCUMENTS = st.dictionaries(_KEYS, DATA, min_size=1, max_size=6)

_SAFE_PLAIN = re.compile(r"[A-Za-z_(][A-Za-z0-9_ .,()'/?!-]*[A-Za-z0-9_.)?!']|[A-Za-z]")
_WRAPPABLE = re.compile(r"[A-Za-z0-9.,]+(?: [A-Za-z0-9.,]+)*")
_PRINTABLE = re.compile(r"[\n -~\u00a0-\u2027\u202a-\ufefe]*")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _double_quoted(text: str) -> str:
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or 0x7F <= ord(char) <= 0x9F or char in "\u2028\u2029\ufeff":
            out.append(f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")
        elif 0xD800 <= ord(char) <= 0xDFFF:
            out.append("?")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


class Writer:
    """Writes data as YAML, drawing every choice of style from ``rnd``."""

    def __init__(self, rnd: random.Random, careful: bool) -> None:
        self.rnd, self.careful = rnd, careful
        self.step = rnd.choice([2, 2, 2, 3, 4])
        self.out: list[str] = []

    def document(self, data: dict[str, Any]) -> str:
        self._mapping(data, 0)
        text = "\n".join(self.out) + self.rnd.choice(["\n", "\n", "", "\n\n"])
        if self.rnd.random() < 0.1:
            text = text.replace("\n", "\r\n")
        return text

    def _noise(self, indent: int) -> None:
        roll = self.rnd.random()
        if roll < 0.05:
            self.out.append("")
        elif roll < 0.08:
            self.out.append(" " * self.rnd.choice([0, indent]) + "# a comment: with - things")

    def _scalar(self, value: Any, flow: bool = False) -> str:
        """One line's worth of a scalar (may not be read back as ``value`` unless careful)."""
        rnd = self.rnd
        if value is None:
            return "null" if self.careful or flow else rnd.choice(["", "~", "null", "NULL"])
        if isinstance(value, bool):
            words = ["true", "True", "yes", "on"] if value else ["false", "FALSE", "no", "Off"]
            return words[0] if self.careful else rnd.choice(words)
        if isinstance(value, int):
            if self.careful and abs(value) >= 10**17:
                return f'"{value}"'
            return str(value) if self.careful or rnd.random() < 0.7 else hex(value)
        if isinstance(value, float):
            text = repr(value)
            return {"nan": ".nan", "inf": ".inf", "-inf": "-.inf"}.get(text, text)
        return self._text(value, flow)

    def _text(self, value: str, flow: bool) -> str:
        rnd = self.rnd
        roll = rnd.random()
        if self.careful:
            plain = _SAFE_PLAIN.fullmatch(value) and ": " not in value and " #" not in value
            if flow:
                plain = plain and not re.search(r"[:#,\[\]{}]", value)
            if plain and value.lower() not in ("yes", "no", "on", "off", "y", "n", "null"):
                return value
            if roll < 0.7 or "\n" in value or not _PRINTABLE.fullmatch(value):
                return _double_quoted(value)
            return "'" + value.replace("'", "''") + "'"
        if roll < 0.5:
            return value.replace("\n", " ")
        if roll < 0.75:
            return _double_quoted(value)
        return "'" + value.replace("'", "''") + "'"

    # (single quotes over lines, and every character libyaml refuses, are left to the builder)

    def _flowable(self, value: Any, depth: int = 0) -> bool:
        if isinstance(value, dict):
            return depth < 3 and all(self._flowable(v, depth + 1) for v in value.values())
        if isinstance(value, list):
            return depth < 3 and all(self._flowable(v, depth + 1) for v in value)
        return not isinstance(value, str) or "\n" not in value or not self.careful

    def _flow(self, value: Any) -> str:
        if isinstance(value, dict):
            items = ", ".join(f"{k}: {self._flow(v)}" for k, v in value.items())
            return "{" + items + "}"
        if isinstance(value, list):
            return "[" + ", ".join(self._flow(v) for v in value) + "]"
        return self._scalar(value, flow=True)

    def _after(self) -> str:
        roll = self.rnd.random()
        return " # note" if roll < 0.05 else ("  " if roll < 0.08 else "")

    def _value(self, head: str, value: Any, column: int) -> None:
        """``head`` (``key:`` or ``-``, already indented) and ``value`` after it; ``column``
        is where the collection ``head`` is in starts."""
        rnd = self.rnd
        if isinstance(value, dict | list) and value and (rnd.random() < 0.6):
            self.out.append(head + (" # note" if rnd.random() < 0.05 else ""))
            if isinstance(value, dict):
                self._mapping(value, column + self.step)
            else:
                indentless = head.endswith(":") and rnd.random() < 0.3
                self._sequence(value, column if indentless else column + self.step)
        elif isinstance(value, dict | list):
            if self._flowable(value):
                self.out.append(f"{head} {self._flow(value)}{self._after()}")
            else:
                self.out.append(head)
                nested = self._mapping if isinstance(value, dict) else self._sequence
                nested(value, column + self.step)  # type: ignore[operator]
        elif isinstance(value, str) and ("\n" in value or rnd.random() < 0.1):
            self._block(head, value, column)
        else:
            self._plain_line(head, value, column)

    def _plain_line(self, head: str, value: Any, column: int) -> None:
        text = self._scalar(value)
        words = text.split(" ")
        wrap = not text.startswith(("'", '"')) and len(words) > 3 and self.rnd.random() < 0.3
        if wrap and (not self.careful or _WRAPPABLE.fullmatch(text)):
            cut = self.rnd.randrange(1, len(words))
            pad = " " * (column + self.rnd.choice([1, 2, self.step + 2]))
            self.out.append(f"{head} {' '.join(words[:cut])}")
            self.out.append(pad + " ".join(words[cut:]))
            return
        self.out.append(f"{head} {text}{self._after()}" if text else head)

    def _block(self, head: str, value: str, column: int) -> None:
        """A literal block scalar (folded when it reads the same)."""
        style = "|"
        lines = value.split("\n")
        chomp = "" if value.endswith("\n") and not value.endswith("\n\n") else "-"
        body = lines[:-1] if chomp == "" else lines
        awkward = not body[0] or any(line[:1] == " " or line.rstrip(" ") != line for line in body)
        if self.careful and (awkward or not _PRINTABLE.fullmatch(value)):
            self.out.append(f"{head} {_double_quoted(value)}")
            return
        if not self.careful and self.rnd.random() < 0.3:
            style = ">"
        pad = " " * (column + self.step)
        self.out.append(f"{head} {style}{chomp}")
        self.out.extend(pad + line if line else "" for line in body)

    def _mapping(self, data: dict[str, Any], indent: int) -> None:
        for key, value in data.items():
            self._noise(indent)
            written = key if self.careful or self.rnd.random() < 0.9 else json.dumps(key)
            self._value(" " * indent + f"{written}:", value, indent)

    def _sequence(self, items: list[Any], indent: int) -> None:
        for item in items:
            self._noise(indent)
            dash = " " * indent + "-"
            gap = 1 + self.rnd.choice([0, 0, 1])
            if isinstance(item, dict) and item and self.rnd.random() < 0.7:
                first, *rest = item.items()
                column = indent + 1 + gap
                self._value(dash + " " * gap + f"{first[0]}:", first[1], column)
                self._mapping(dict(rest), column)
            else:
                self._value(dash + " " * (gap - 1), item, indent)


def documents(careful: bool) -> st.SearchStrategy[str]:
    """YAML texts of generated data (see the module docstring)."""
    return st.tuples(DOCUMENTS, st.randoms(use_true_random=False)).map(
        lambda pair: Writer(pair[1], careful).document(pair[0])
    )
