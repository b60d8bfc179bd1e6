"""What a plain YAML scalar means: YAML 1.1's implicit types, as PyYAML's safe loader reads them.

Shared by the libyaml builder (roleplay.engine._yaml_build) and the fast path
(roleplay.engine._yaml_fast), and kept apart from both so that the fast path does not import
PyYAML. The patterns are PyYAML's own (``yaml.resolver.Resolver``'s implicit resolvers, in the
order it adds them); ``tests/test_yaml_fast.py`` checks that they still are.
"""

from __future__ import annotations

import re
from sys import intern
from typing import Any

from roleplay.engine._yaml_limits import bad_bool, check_int_digits

MAX_INTERNED = 48  # plain scalars up to this length are interned

_YAML = "tag:yaml.org,2002:"
INT_TAG = _YAML + "int"
FLOAT_TAG = _YAML + "float"
BOOL_TAG = _YAML + "bool"
NULL_TAG = _YAML + "null"
STR_TAG = _YAML + "str"
_BOOL_VALUES = {"yes": True, "true": True, "on": True, "no": False, "false": False, "off": False}

#: (tag, pattern, first characters), in the order PyYAML's Resolver adds them.
IMPLICIT: tuple[tuple[str, re.Pattern[str], tuple[str, ...]], ...] = (
    (
        BOOL_TAG,
        re.compile(
            r"""^(?:yes|Yes|YES|no|No|NO
                    |true|True|TRUE|false|False|FALSE
                    |on|On|ON|off|Off|OFF)$""",
            re.X,
        ),
        tuple("yYnNtTfFoO"),
    ),
    (
        FLOAT_TAG,
        re.compile(
            r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
                    |\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
                    |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
                    |[-+]?\.(?:inf|Inf|INF)
                    |\.(?:nan|NaN|NAN))$""",
            re.X,
        ),
        tuple("-+0123456789."),
    ),
    (
        INT_TAG,
        re.compile(
            r"""^(?:[-+]?0b[0-1_]+
                    |[-+]?0[0-7_]+
                    |[-+]?(?:0|[1-9][0-9_]*)
                    |[-+]?0x[0-9a-fA-F_]+
                    |[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$""",
            re.X,
        ),
        tuple("-+0123456789"),
    ),
    (_YAML + "merge", re.compile(r"^(?:<<)$"), ("<",)),
    (
        NULL_TAG,
        re.compile(
            r"""^(?: ~
                    |null|Null|NULL
                    | )$""",
            re.X,
        ),
        ("~", "n", "N", ""),
    ),
    (
        _YAML + "timestamp",
        re.compile(
            r"""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
                    |[0-9][0-9][0-9][0-9] -[0-9][0-9]? -[0-9][0-9]?
                     (?:[Tt]|[ \t]+)[0-9][0-9]?
                     :[0-9][0-9] :[0-9][0-9] (?:\.[0-9]*)?
                     (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""",
            re.X,
        ),
        tuple("0123456789"),
    ),
    (_YAML + "value", re.compile(r"^(?:=)$"), ("=",)),
    (_YAML + "yaml", re.compile(r"^(?:!|&|\*)$"), tuple("!&*")),
)


def _by_first_character() -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    table: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
    for tag, pattern, firsts in IMPLICIT:
        for first in firsts:
            table.setdefault(first, []).append((tag, pattern))
    return table


#: first character -> [(tag, pattern)], as ``Resolver.yaml_implicit_resolvers``.
RESOLVERS = _by_first_character()


def resolve_plain(value: str) -> Any:
    """The value of an untagged plain scalar: null, a boolean, a number, or the text itself
    (interned when short: ids, techniques and targets repeat throughout a scenario)."""
    resolvers = RESOLVERS.get(value[:1] if value else "")
    if resolvers is None and value == "":
        return None
    for tag, regexp in resolvers or ():
        if regexp.match(value):
            return convert(tag, value)
    return intern(value) if len(value) <= MAX_INTERNED else value


_UNDERSCORE = re.compile("_")


def convert(tag: str, value: str) -> Any:
    """``value`` as the type ``tag`` names (itself when the tag is not a number, bool or null;
    raises BadScalar for a huge number or a ``!!bool`` that is not one)."""
    if tag == INT_TAG:
        return _to_int(value)
    if tag == BOOL_TAG:
        if value.lower() not in _BOOL_VALUES:
            raise bad_bool(value)
        return _BOOL_VALUES[value.lower()]
    if tag == NULL_TAG:
        return None
    if tag == FLOAT_TAG:
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
