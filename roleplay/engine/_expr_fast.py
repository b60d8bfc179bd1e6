"""One closure for the commonest shape of condition, ``meter OP number`` (``trust >= 6``).

The general compiler in roleplay.engine._expr makes a closure per operand and one more for the
comparison; the play loop evaluates the conditions of every choice shown, so the common shape
gets a single closure that reads the meter and compares it.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Collection
from typing import Any

Evaluator = Callable[[Any], Any]


def meter_against_number(
    left: ast.expr, op: ast.cmpop, right: ast.expr, meters: Collection[str]
) -> Evaluator | None:
    """``meter OP number`` as one closure, or None when the comparison has another shape."""
    if not (isinstance(left, ast.Name) and left.id in meters and isinstance(right, ast.Constant)):
        return None
    name, value = left.id, right.value
    if type(value) is not int:  # bools and the rest take the general path
        return None
    maker = _MAKERS.get(type(op))
    return maker(name, value) if maker is not None else None


def _ge(name: str, value: int) -> Evaluator:
    return lambda c: c.meters[name] >= value


def _gt(name: str, value: int) -> Evaluator:
    return lambda c: c.meters[name] > value


def _le(name: str, value: int) -> Evaluator:
    return lambda c: c.meters[name] <= value


def _lt(name: str, value: int) -> Evaluator:
    return lambda c: c.meters[name] < value


def _eq(name: str, value: int) -> Evaluator:
    return lambda c: c.meters[name] == value


def _ne(name: str, value: int) -> Evaluator:
    return lambda c: c.meters[name] != value


_MAKERS: dict[type[ast.cmpop], Callable[[str, int], Evaluator]] = {
    ast.GtE: _ge,
    ast.Gt: _gt,
    ast.LtE: _le,
    ast.Lt: _lt,
    ast.Eq: _eq,
    ast.NotEq: _ne,
}
