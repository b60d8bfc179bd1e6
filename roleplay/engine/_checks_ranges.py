"""Comparisons of a meter with a number its range decides: ``trust >= 60`` when trust goes to 10.

Such a part of a condition never holds (the choice never shows, the ending never wins) or always
holds (it changes nothing), and both are slips: a scale borrowed from another scenario, a
threshold typed with an extra digit. The loader reports them as RP038 with the meter's range.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from typing import NamedTuple

from roleplay.engine._compare import MIRRORED, holds
from roleplay.engine._model import Meter


class RangeSlip(NamedTuple):
    """A comparison the meter's range decides: where it starts in the condition, and what to say."""

    offset: int
    message: str
    hint: str


def range_slips(tree: ast.expr, meters: Mapping[str, Meter]) -> Iterator[RangeSlip]:
    """Every ``meter OP number`` (either way round) in ``tree`` that never or always holds."""
    for node in ast.walk(tree):
        compared = _meter_against_number(node, meters)
        if compared is None or not isinstance(node, ast.Compare):
            continue
        meter_id, op, number = compared
        meter = meters[meter_id]
        low, high = meter.min, meter.max
        if low > high:  # RP034 already says so
            continue
        if op in (ast.Eq, ast.NotEq):
            only = low == high == number
            outside = not low <= number <= high
            never, always = (outside, only) if op is ast.Eq else (only, outside)
        else:  # the comparison is monotone: the ends of the range decide
            at_low, at_high = holds(op, low, number), holds(op, high, number)
            never, always = not (at_low or at_high), at_low and at_high
        if never or always:
            yield _slip(node, meter, never=never)


def _meter_against_number(
    node: ast.AST, meters: Mapping[str, Meter]
) -> tuple[str, type[ast.cmpop], int] | None:
    if not isinstance(node, ast.Compare) or len(node.ops) != 1:
        return None
    left, right, op = node.left, node.comparators[0], type(node.ops[0])
    if isinstance(left, ast.Constant) and isinstance(right, ast.Name):
        left, right, op = right, left, MIRRORED[op]
    if not (isinstance(left, ast.Name) and left.id in meters and isinstance(right, ast.Constant)):
        return None
    number = right.value
    if isinstance(number, bool) or not isinstance(number, int):
        return None
    return left.id, op, number


def _slip(node: ast.Compare, meter: Meter, *, never: bool) -> RangeSlip:
    bounds = f"from {meter.min} to {meter.max}"
    source = ast.unparse(node)
    if never:
        message = f"'{source}' can never hold: {meter.label} goes {bounds}"
        hint = f"compare with a number {bounds}, or widen the meter's range"
    else:
        message = f"'{source}' always holds: {meter.label} goes {bounds}"
        hint = f"it changes nothing: remove it, or compare with a number {bounds}"
    return RangeSlip(node.col_offset, message, hint)
