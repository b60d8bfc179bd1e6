"""Where a character of a YAML scalar is in the file, for scalars that span several lines.

A condition in a folded block (``when: >-``) is one string to the expression parser; an error at
its character 40 must be shown on the line and column of the block where that character was
typed, not on the ``when:`` line.
"""

from __future__ import annotations

Segment = tuple[int, int, str]  # 1-based line, 1-based column, text typed there


def _indent(row: str) -> int:
    return len(row) - len(row.lstrip(" "))


def _following(rows: list[str], line: int) -> list[Segment]:
    """The lines after ``line`` that are indented deeper than it (a scalar's continuation)."""
    owner = _indent(rows[line - 1])
    segments: list[Segment] = []
    for number in range(line + 1, len(rows) + 1):
        row = rows[number - 1]
        if not row.strip():
            continue
        if _indent(row) <= owner:
            break
        segments.append((number, _indent(row) + 1, row.strip()))
    return segments


def _segments(rows: list[str], line: int, col: int) -> list[Segment]:
    first = rows[line - 1]
    start = first[col - 1 : col]
    if start in ("|", ">"):
        return _following(rows, line)
    quote = start if start in ("'", '"') else ""
    head = first[col - 1 + len(quote) :].rstrip()
    if quote and head.endswith(quote):
        head = head[:-1]
    return [(line, col + len(quote), head), *_following(rows, line)]


def offset_position(text: str, line: int, col: int, value: str, offset: int) -> tuple[int, int]:
    """Line and column of character ``offset`` of ``value``, a scalar starting at line/col.

    Each source line of the scalar is found in ``value`` in order; a line that cannot be found
    (escape sequences in quotes) ends the search with the simple answer: the start plus offset.
    """
    rows = text.splitlines()
    if not 0 < line <= len(rows):
        return line, col + offset
    cursor = 0
    for number, start_col, typed in _segments(rows, line, col):
        index = value.find(typed, cursor) if typed else -1
        if index < 0:
            break
        if index <= offset <= index + len(typed):
            return number, start_col + offset - index
        cursor = index + len(typed)
    first = rows[line - 1]
    quoted = first[col - 1 : col] in ("'", '"')
    return line, col + offset + (1 if quoted else 0)
