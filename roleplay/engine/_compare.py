"""A meter compared with a number, as conditions write it (``trust >= 6`` or ``6 <= trust``): the
comparison turned round so the meter is on the left, and whether a value passes it. Shared by
the debrief's reasons (``_why``) and the check of thresholds outside a meter's range."""

from __future__ import annotations

import ast

#: The operator that says the same with its sides swapped (``6 <= trust`` is ``trust >= 6``).
MIRRORED: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.GtE: ast.LtE,
    ast.Gt: ast.Lt,
    ast.LtE: ast.GtE,
    ast.Lt: ast.Gt,
    ast.Eq: ast.Eq,
    ast.NotEq: ast.NotEq,
}


def holds(op: type[ast.cmpop], value: int, number: int) -> bool:
    """Whether ``value OP number`` is true."""
    return {
        ast.GtE: value >= number,
        ast.Gt: value > number,
        ast.LtE: value <= number,
        ast.Lt: value < number,
        ast.Eq: value == number,
        ast.NotEq: value != number,
    }[op]
