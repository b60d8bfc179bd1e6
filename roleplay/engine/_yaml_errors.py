"""Every YAML syntax error of a file in one run, not only the first.

The parser stops at its first error. To find the next one, the entry holding the mistake (its
top-level key, node or ending, with everything indented under it) is blanked out, keeping every
line number, and the text is parsed again; this repeats up to :data:`MAX_SYNTAX_ERRORS` times.
One entry reports one error, and an error on the first line after a blanked entry is taken for
damage the blanking did (or a block shifted sideways) and ends the search. Only syntax errors are
collected this way: the data of a blanked-out file is never used, so shape and meaning problems
are reported once the file parses.
"""

from __future__ import annotations

from roleplay.engine._yaml import YamlProblem, load_yaml
from roleplay.engine._yaml_repair import checked_explain as explain

#: At most this many syntax errors are reported per file.
MAX_SYNTAX_ERRORS = 10
#: Files longer than this (in characters) report their first syntax error only.
MAX_RETRY_CHARS = 2_000_000
#: Codes a further pass may report: syntax errors and duplicate keys.
_RETRIED = frozenset({"RP001", "RP007"})


#: Lines indented at most this many spaces start an entry: a top-level key, a node, an ending.
_ENTRY_INDENT = 2


def _indent(row: str) -> int:
    """Spaces before the text; a tab in the indentation counts as deep (it is never an entry)."""
    body = row.lstrip(" \t")
    lead = row[: len(row) - len(body)]
    return 1_000 if "\t" in lead else len(lead)


def _meaningful(row: str) -> bool:
    text = row.strip()
    return bool(text) and not text.startswith("#")


def _blank(rows: list[str], line: int) -> int:
    """Blank the entry holding ``line`` (1-based): the nearest line above it indented at most
    two spaces (a top-level key, a node, an ending) and everything indented under that. The
    number of the first line after the blanked region, 0 when there was nothing to blank."""
    if not 0 < line <= len(rows) or not rows[line - 1].strip():
        return 0
    start = line - 1
    while start > 0 and not (_meaningful(rows[start]) and _indent(rows[start]) <= _ENTRY_INDENT):
        start -= 1
    if not _meaningful(rows[start]):
        start = line - 1
    owner = min(_indent(rows[start]), _indent(rows[line - 1]))
    end = max(start + 1, line)
    while end < len(rows) and not (_meaningful(rows[end]) and _indent(rows[end]) <= owner):
        end += 1
    for index in range(start, end):
        rows[index] = ""
    return end + 1


def _first_after(rows: list[str], line: int) -> int:
    """The first meaningful line at or after ``line`` (1-based)."""
    while line <= len(rows) and not _meaningful(rows[line - 1]):
        line += 1
    return line


def syntax_problems(first: YamlProblem, text: str) -> list[YamlProblem]:
    """``first`` (as the parser raised it) and the syntax errors after it, each explained."""
    found = [explain(first, text)]
    if first.code not in _RETRIED or len(text) > MAX_RETRY_CHARS:
        return found
    rows = text.splitlines()
    raw = first
    while len(found) < MAX_SYNTAX_ERRORS:
        after = max(_blank(rows, found[-1].line), _blank(rows, raw.line))
        if not after:
            break
        current = "\n".join(rows) + "\n"
        try:
            load_yaml(current)
        except YamlProblem as problem:
            explained = explain(problem, current)
            if problem.code not in _RETRIED or explained.line in {p.line for p in found}:
                break
            if _first_after(rows, after) in (explained.line, problem.line):
                break  # right after the blanked entry: most likely its damage, not a mistake
            found.append(explained)
            raw = problem
            continue
        break
    return sorted(found, key=lambda p: (p.line, p.col))
