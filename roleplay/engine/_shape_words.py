"""Shape problems (RP010-RP014) in plain words, located and named as a designer names things.

pydantic says ``endings.1.when: Input should be a valid string``; a designer wants ``ending 2
(`walked_out`): `when:` must be a condition written as text, e.g. when: trust >= 7``. Positions
are counted from 1 and entries are named by their id where they have one. A key in the wrong
mapping is reported with where it belongs (``next`` under a reaction line belongs to the choice),
and a node indented into the node above it is recognised as a node.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from pydantic import BaseModel

from roleplay.engine._diagnostics import did_you_mean
from roleplay.engine._document import Document
from roleplay.engine._missing_keys import missing_key_hint, missing_key_pos, spaces
from roleplay.engine._model import MAX_MINUTES, MAX_WHOLE, ScenarioSpec
from roleplay.engine._schema_paths import SECTIONS, keys_of, kind_word, model_at, owner_of
from roleplay.engine._source_map import value_at

Loc = tuple[str | int, ...]

#: What one item of a list under this key is called.
ITEM_WORDS = {
    "choices": "choice",
    "lines": "line",
    "reaction": "reaction line",
    "endings": "ending",
    "when": "part",
    "check": "question",
    "options": "option",
    "learning_goals": "learning goal",
    "cast": "cast member",
    "expressions": "expression",
    "relationship_meters": "relationship meter",
}

_RANGE_ERRORS = frozenset(
    {"less_than_equal", "greater_than_equal", "int_parsing_size", "finite_number"}
)


def report_shape_errors(
    doc: Document, errors: Iterable[Mapping[str, Any]], root: type[BaseModel] = ScenarioSpec
) -> None:
    """Record one diagnostic per pydantic error against ``root`` (the model of the whole
    file), leaving out the ones another error explains."""
    errors = list(errors)
    for error in errors:
        if not _explained_elsewhere(error, errors):
            shape_diagnostic(doc, error, root)


def _explained_elsewhere(error: Mapping[str, Any], errors: list[Mapping[str, Any]]) -> bool:
    """True for a missing key that is present, misplaced, deeper inside the same mapping."""
    if error["type"] != "missing":
        return False
    loc = tuple(error["loc"])
    owner, key = loc[:-1], loc[-1]
    return any(
        e["type"] == "extra_forbidden"
        and tuple(e["loc"])[-1] == key
        and tuple(e["loc"])[: len(owner)] == owner
        and len(e["loc"]) > len(loc)
        for e in errors
    )


def shape_diagnostic(
    doc: Document, error: Mapping[str, Any], root: type[BaseModel] = ScenarioSpec
) -> None:
    """Record the diagnostic for one pydantic error on ``doc``."""
    loc: Loc = tuple(error["loc"])
    kind = str(error["type"])
    if kind == "extra_forbidden":
        message, hint = _unknown_key(doc, loc, root)
        doc.add("RP010", message, loc, key=True, hint=hint)
    elif kind == "missing":
        where = place_words(doc.mapped, loc[:-1])
        message = f"missing required key '{loc[-1]}'" + (f" in {where}" if where else "")
        line, col = missing_key_pos(doc, loc[:-1])
        doc.sink.add("RP011", message, line, col, hint=missing_key_hint(doc, loc, root))
    else:
        code = "RP014" if kind in _RANGE_ERRORS else "RP012"
        doc.add(code, shape_message(doc.mapped, error), loc, hint=_type_hint(error, loc))


# --- naming places -------------------------------------------------------------------------
def _place_parts(data: Any, loc: Loc) -> Iterator[str]:
    node, index = data, 0
    while index < len(loc):
        part = loc[index]
        child = node.get(part) if isinstance(node, dict) else None
        following = loc[index + 1] if index + 1 < len(loc) else None
        if index == 0 and part in SECTIONS and isinstance(following, str):
            yield f"{SECTIONS[str(part)]} '{following}'"
            node, index = child.get(following) if isinstance(child, dict) else None, index + 2
        elif isinstance(child, list) and isinstance(following, int):
            yield _item_words(str(part), following, child)
            node = child[following] if 0 <= following < len(child) else None
            index += 2
        elif index == len(loc) - 1 and isinstance(part, str):
            return  # the last key is named by the message itself
        else:
            yield f"`{part}:`"
            node, index = child, index + 1


def _item_words(holder: str, position: int, items: list[Any]) -> str:
    """ "choice 2 (`pitch_now`)": 1-based, with the item's id where it has one."""
    word = ITEM_WORDS.get(holder, f"item of `{holder}:`")
    item = items[position] if 0 <= position < len(items) else None
    ident = item.get("id") if isinstance(item, dict) else None
    named = f" (`{ident}`)" if isinstance(ident, str) and ident else ""
    return f"{word} {position + 1}{named}"


def place_words(data: Any, loc: Loc) -> str:
    """Where ``loc`` is, in words: "node 'corridor', choice 1 (`ask_marcus`), reaction line 3"."""
    return ", ".join(_place_parts(data, loc))


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"the yes/no value {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, dict):
        return "a mapping of keys"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing (the value is empty)"
    return f"'{value}'"


# --- messages --------------------------------------------------------------------------------
def shape_message(data: Any, error: Mapping[str, Any]) -> str:
    """A type or range error in words, e.g. "ending 2 (`walked_out`): `when:` must be..."."""
    loc: Loc = tuple(error["loc"])
    where = place_words(data, loc)
    subject = f"`{loc[-1]}:`" if loc and isinstance(loc[-1], str) else ""
    problem = _problem(error, loc)
    head = f"{where}: {subject}" if where and subject else where or subject
    return f"{head} {problem}" if head else problem


def _problem(error: Mapping[str, Any], loc: Loc) -> str:
    kind = str(error["type"])
    value = error.get("input")
    ctx = error.get("ctx") or {}
    field = loc[-1] if loc else ""
    found = _describe(value)
    if kind == "string_type":
        if field in ("when", "if", "test"):
            return f"must be a condition written as text, e.g. {field}: trust >= 7 (not {found})"
        return f"must be text, not {found}"
    if kind.startswith("int"):
        if kind == "int_parsing_size":
            return "is too large a number"
        return f"must be a whole number, not {found}"
    if kind.startswith("bool"):
        return f"must be true or false, not {found}"
    if kind == "literal_error":
        return f"must be {ctx.get('expected', 'one of the allowed values')}, not {found}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "too_short":
        least = ctx.get("min_length", 1)
        return f"needs at least {least} item{'s' if least != 1 else ''}"
    if kind == "string_pattern_mismatch":
        return f"{found} is not a valid id"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"must be a mapping of keys (lines of `key: value`), not {found}"
    if kind in ("tuple_type", "list_type"):
        return f"must be a list (lines starting with '- '), not {found}"
    if kind == "less_than_equal":
        return f"must be at most {ctx.get('le')}, not {found}"
    if kind == "greater_than_equal":
        return f"must be at least {ctx.get('ge')}, not {found}"
    if kind == "finite_number":
        return "must be a finite number"
    message = str(error.get("msg", "is not valid"))
    return message[:1].lower() + message[1:]


def _type_hint(error: Mapping[str, Any], loc: Loc) -> str:
    kind = str(error["type"])
    field = loc[-1] if loc else ""
    if kind in _RANGE_ERRORS:
        return (
            f"meter bounds, starts and effects lie within -{MAX_WHOLE:,}..{MAX_WHOLE:,}; "
            f"estimated_minutes within 1..{MAX_MINUTES:,}"
        )
    if kind.startswith("int"):
        return "write a whole number such as 3"
    if kind.startswith("bool"):
        return "write true or false"
    if kind == "string_pattern_mismatch":
        return "ids use lowercase letters, digits and _ and start with a letter"
    if kind == "literal_error":
        return f"allowed: {(error.get('ctx') or {}).get('expected', '')}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "expected a mapping of keys"
    if kind in ("tuple_type", "list_type"):
        return "expected a list (lines starting with '- ')"
    if kind == "string_type" and field == "when":
        return (
            "leave `when` out on the fallback ending; write `when: false` on an ending that "
            "only a node's `ending:` reaches"
        )
    if kind == "string_type":
        value = error.get("input")
        if isinstance(value, bool | int | float):
            return f"YAML reads {str(value).lower()} as a {_yaml_type(value)}: put it in quotes"
        return "write the text after the key, on the same line"
    if kind == "string_too_short":
        return "write the text, or remove the key if it is optional"
    return ""


def _yaml_type(value: Any) -> str:
    return "yes/no value" if isinstance(value, bool) else "number"


# --- misplaced keys --------------------------------------------------------------------------
def _unknown_key(doc: Document, loc: Loc, root: type[BaseModel]) -> tuple[str, str]:
    """The message and hint of an unknown key: a misplaced node, a key that belongs one level
    up, or a typo (with the keys valid at this level)."""
    key, container = str(loc[-1]), loc[:-1]
    where = place_words(doc.mapped, container)
    message = f"unknown key '{key}'" + (f" in {where}" if where else "")
    if _looks_like_node(doc.mapped, container, key):
        return f"{message}: is node '{key}' indented too far?", _node_hint(doc, loc)
    owner = owner_of(container, key, root)
    if owner is not None and owner < len(container):
        return message, _belongs_hint(doc, loc, container[:owner], root)
    model = model_at(container, root)
    if model is None:
        return message, ""
    known = [k for k in keys_of(model) if k != key]
    return message, did_you_mean(key, known).replace("known names:", "keys here:")


def referenced_nodes(data: Any) -> set[str]:
    """Node ids named by some ``next:`` in the parsed data (nodes misplaced or not)."""
    found: set[str] = set()

    def visit(value: Any) -> None:
        if isinstance(value, dict):
            target = value.get("next")
            if isinstance(target, str):
                found.add(target)
            for child in value.values():
                visit(child)
        elif isinstance(value, list):
            for child in value:
                visit(child)

    visit(data.get("nodes") if isinstance(data, dict) else None)
    return found


def _looks_like_node(data: Any, container: Loc, key: str) -> bool:
    """True when an unknown key inside a node is a node: named by a ``next:`` or holding
    ``lines:``."""
    if len(container) < 2 or container[0] != "nodes":
        return False
    value = value_at(data, (*container, key))
    if not isinstance(value, dict):
        return False
    return "lines" in value or key in referenced_nodes(data)


def _node_hint(doc: Document, loc: Loc) -> str:
    nodes = value_at(doc.mapped, ("nodes",))
    first = next(iter(nodes), None) if isinstance(nodes, dict) else None
    pos = doc.smap.key_pos(nodes, first) if first is not None else None
    column = pos[1] if pos else 3
    have = doc.pos(loc, key=True)[1]
    if have <= column:
        return f"nodes sit at column {column} under `nodes:`"
    return (
        f"nodes sit at column {column} under `nodes:`: move '{loc[-1]}:' and everything under "
        f"it {spaces(have - column)} left, to column {column}"
    )


def _belongs_hint(doc: Document, loc: Loc, owner: Loc, root: type[BaseModel]) -> str:
    """Where a key that is valid higher up belongs, with the column of its mapping."""
    key = str(loc[-1])
    owner_word = kind_word(model_at(owner, root), owner)
    here_word = kind_word(model_at(loc[:-1], root), loc[:-1])
    mapping = value_at(doc.mapped, owner)
    column = _key_column(doc, mapping)
    have = doc.pos(loc, key=True)[1]
    where = "at the top level" if not owner else f"in the {owner_word}"
    if column is None or column == have:
        return f"'{key}' is valid {where}, not in a {here_word}"
    side = "left" if column < have else "right"
    return (
        f"'{key}' is valid {where}, not in a {here_word}: move it {spaces(abs(have - column))} "
        f"{side}, to column {column}, in line with the {owner_word}'s other keys"
    )


def _key_column(doc: Document, mapping: Any) -> int | None:
    pos = doc.smap.first_key_pos(mapping) if isinstance(mapping, dict) else None
    return pos[1] if pos else None
