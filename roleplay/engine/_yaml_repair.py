"""Hints that are checked: a layout hint is given only when doing what it says fixes the file.

:mod:`roleplay.engine._yaml_hints` reads the lines around a syntax error and proposes a line to
move and a column to move it to. Here the move is tried on a copy of the text: the copy must
parse, and the shape check must find nothing wrong within two lines of the moved line (a hint
that turns ``compliance:`` into a top-level key, or ``flags:`` into a meter, fails). When the
proposal fails, nearby lines and the columns their neighbours use are tried, plus two classic
slips (an indented first line; the first entry of a block dedented out of it); the first move
that holds is reported. When none holds, the error says so without a column to move to.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from pydantic import ValidationError

from roleplay.engine._model import ScenarioSpec
from roleplay.engine._yaml import SourceMap, YamlProblem, load_yaml
from roleplay.engine._yaml_hints import (
    Line,
    _describe,
    _open_containers,
    _shift_hint,
    _singular,
    colon_in_text,
    explain_slip,
    quote_text,
    scan,
)

#: At most this many other moves are tried for one error.
MAX_TRIES = 24
#: Texts longer than this (in characters) get the proposal unchecked.
MAX_CHECKED_CHARS = 300_000
#: How many unquoted texts with ': ' are quoted while checking a move.
MAX_QUOTED = 3
#: How many lines above the error a slip is looked for.
WINDOW = 8
NEUTRAL_HINT = (
    "check the indentation of this line and the lines above it: the keys of one mapping start "
    "in one column, and so do the '- ' items of one list"
)


def checked_explain(problem: YamlProblem, text: str) -> YamlProblem:
    """``problem`` explained (see :func:`explain_slip`), with a layout hint only if it holds."""
    explained, slip = explain_slip(problem, text)
    unexplained = slip is None and problem.code == "RP001"
    if not (unexplained or (slip is not None and slip.want)) or len(text) > MAX_CHECKED_CHARS:
        return explained
    rows = text.splitlines()
    if slip is not None and _holds(rows, slip.line, slip.want):
        return explained
    tried = (slip.line, slip.want) if slip is not None else (0, 0)
    last = max(problem.line, slip.line if slip is not None else 0)
    for line, col in _candidates(rows, min(last, len(rows)))[:MAX_TRIES]:
        if (line, col) != tried and _holds(rows, line, col):
            return _moved(problem.code, rows, line, col)
    if slip is None:
        return explained
    message = "the lines around here are not indented consistently"
    return YamlProblem(problem.code, message, slip.line, slip.col, NEUTRAL_HINT)


def _indent(row: str) -> int:
    return len(row) - len(row.lstrip(" "))


def _meaningful(row: str) -> bool:
    text = row.strip()
    return bool(text) and not text.startswith("#") and "\t" not in row[: _indent(row) + 1]


def _with_move(rows: list[str], line: int, col: int) -> str:
    fixed = list(rows)
    fixed[line - 1] = " " * (col - 1) + fixed[line - 1].lstrip(" ")
    return "\n".join(fixed) + "\n"


def _holds(rows: list[str], line: int, col: int) -> bool:
    """True when moving ``line`` to ``col`` gives text that parses, with no shape problem
    within two lines of the moved line and no mapping missing the key that was moved."""
    parsed = _parse_quoting_texts(_with_move(rows, line, col), line)
    if parsed is None:
        return False
    data, smap = parsed
    if not isinstance(data, dict):
        return False
    moved_key = rows[line - 1].strip().removeprefix("- ").split(":", 1)[0].strip()
    try:
        ScenarioSpec.model_validate(data)
    except ValidationError as error:
        for problem in error.errors(include_url=False):
            loc = tuple(problem["loc"])
            if problem["type"] == "missing" and loc and loc[-1] == moved_key:
                return False
            near, _col = smap.locate(data, loc, key=problem["type"] == "extra_forbidden")
            if abs(near - line) <= 2:
                return False
    return True


def _parse_quoting_texts(text: str, moved: int) -> tuple[Any, SourceMap] | None:
    """The parsed text, with unquoted texts holding ': ' (an error of their own, reported on
    their own) quoted first; None when it still does not parse."""
    for _ in range(MAX_QUOTED):
        try:
            return load_yaml(text)
        except YamlProblem as problem:
            if problem.line == moved or colon_in_text(text, problem) is None:
                return None
            rows = text.splitlines()
            rows[problem.line - 1] = quote_text(rows[problem.line - 1])
            text = "\n".join(rows) + "\n"
    return None


def _candidates(rows: list[str], error_line: int) -> list[tuple[int, int]]:
    """Moves to try: lines near the error to the columns their neighbours use, nearest first,
    then an indented first line and the first entry of an empty-looking block."""
    near = [
        n
        for n in range(max(1, error_line - WINDOW), min(len(rows), error_line + 3) + 1)
        if _meaningful(rows[n - 1])
    ]
    columns = sorted({_indent(rows[n - 1]) + 1 for n in near})
    tries = [
        (line, col)
        for line in near
        if line <= error_line
        for col in columns
        if col != _indent(rows[line - 1]) + 1
    ]
    tries.sort(key=lambda t: (error_line - t[0], abs(t[1] - _indent(rows[t[0] - 1]) - 1)))
    return tries + _classic_slips(rows, error_line)


def _classic_slips(rows: list[str], error_line: int) -> list[tuple[int, int]]:
    meaningful = [n for n in range(1, min(error_line, len(rows)) + 1) if _meaningful(rows[n - 1])]
    found: list[tuple[int, int]] = []
    if meaningful and _indent(rows[meaningful[0] - 1]) > 0:
        found.append((meaningful[0], 1))
    for opener, first in pairwise(meaningful):
        above = rows[opener - 1].rstrip()
        if above.endswith(":") and _indent(rows[first - 1]) <= _indent(above):
            found.append((first, _indent(above) + 3))  # the block's first entry, dedented
    return found[::-1]


def _moved(code: str, rows: list[str], line: int, col: int) -> YamlProblem:
    """The problem for moving ``line`` to ``col``, worded like the proposals."""
    have = _indent(rows[line - 1]) + 1
    lines = scan(_with_move(rows, line, col))
    index = next((i for i, scanned in enumerate(lines) if scanned.number == line), None)
    where = "less" if col > have else "more"
    if index is None:  # a line of a block of text
        message = f"this line is indented {where} than the lines beside it (col {col} expected)"
    else:
        message = _words(lines, index, col, where)
    return YamlProblem(code, message, line, have, _shift_hint(have, col))


def _words(lines: list[Line], index: int, col: int, where: str) -> str:
    if index == 0:
        return "the first line is indented: top-level keys start at column 1"
    stack = _open_containers(lines[:index])
    moved = lines[index]
    kind = "seq" if moved.kind == "item" else "map"
    target = next((c for c in stack if c.kind == kind and c.col == col), None)
    if target is not None and kind == "seq":
        name = _singular(target.holder) or "item"
        return f"this {name} is indented differently from the rest of its list (col {col} expected)"
    if target is not None:
        return (
            f"this line is indented {where} than the rest of its {_describe(stack, target)} "
            f"(col {col} expected)"
        )
    above = lines[index - 1]
    return f"this line belongs under '{above.key}:' (col {col} expected)"
