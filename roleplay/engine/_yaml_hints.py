"""Better places and hints for YAML layout mistakes, found by reading the lines around an error.

The parser reports where it gave up, which is often a line after the real mistake and always in
its own words. Here the lines above and below the error are compared, the way a person would:

- a mapping key at a column no open mapping uses (``next:`` dedented out of its choice);
- a line whose neighbours above and below agree on a column it does not use;
- a list item at a column its list does not use;
- an entry indented under the previous one, so that its keys clash (a node indented too far);
- a tab in the indentation.

Only block-style layout is modelled; anything the scanner does not understand leaves the
parser's own message in place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from roleplay.engine._schema_paths import SECTIONS, keys_of, kind_word, model_at
from roleplay.engine._yaml import YamlProblem

_KEY = re.compile(r"^( *)([^\s#'\"\-{\[][^:#]*?|'[^']*'|\"[^\"]*\"):(?: +(.*))?$")
_INLINE_KEY = re.compile(r"^([^\s#'\"{\[][^:#]*?):(?: +(.*))?$")
_BLOCK_SCALAR = re.compile(r"^[|>][-+0-9]*\s*(#.*)?$")


@dataclass(frozen=True)
class Line:
    """One meaningful source line as the scanner sees it."""

    number: int  # 1-based
    indent: int  # 1-based column of the first character
    kind: str  # "key", "item" or "other"
    key: str = ""  # the key (of the item's first key for "item")
    opens_block: bool = False  # "key:" with nothing after it (children follow, deeper)
    key_col: int = 0  # column of the key ("item": the column after "- ")


def _classify(number: int, raw: str) -> Line | None:
    text = raw.rstrip()
    stripped = text.lstrip(" ")
    if not stripped or stripped.startswith(("#", "\t")):
        return None
    indent = len(text) - len(stripped) + 1
    if stripped == "-" or stripped.startswith("- "):
        rest = stripped[1:].lstrip(" ")
        inline = _INLINE_KEY.match(rest)
        key = inline.group(1) if inline else ""
        opens = inline is not None and not (inline.group(2) or "").strip()
        return Line(number, indent, "item", key, opens, len(text) - len(rest) + 1)
    match = _KEY.match(text)
    if match:
        value = (match.group(3) or "").strip()
        opens = not value or value.startswith("#") or bool(_BLOCK_SCALAR.match(value))
        return Line(number, indent, "key", match.group(2).strip("'\""), opens, indent)
    return Line(number, indent, "other")


def scan(text: str) -> list[Line]:
    """The meaningful lines of ``text`` (block scalar bodies and comments left out)."""
    lines: list[Line] = []
    block_owner: int | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = _classify(number, raw)
        if line is None:
            continue
        if block_owner is not None and line.indent > block_owner:
            continue
        block_owner = None
        lines.append(line)
        value = raw.split(":", 1)[1].strip() if line.kind == "key" else ""
        if _BLOCK_SCALAR.match(value):
            block_owner = line.indent
    return lines


@dataclass
class _Open:
    """A container that is still open at some point of the scan."""

    col: int
    kind: str  # "map" or "seq"
    holder: str  # the key whose value this container is ("" at the top or unknown)
    in_list: bool = False  # a mapping that is an item of a list
    last_key: str = ""


def _open_containers(lines: list[Line]) -> list[_Open]:
    """The containers still open after ``lines``, outermost first."""
    stack: list[_Open] = []
    for line in lines:
        if line.kind == "other":
            continue
        col = line.indent
        while stack and (stack[-1].col > col or _closes_list(stack[-1], line)):
            stack.pop()
        holder = stack[-1].last_key if stack and stack[-1].kind == "map" else ""
        if line.kind == "key":
            if not (stack and stack[-1].kind == "map" and stack[-1].col == col):
                stack.append(_Open(col, "map", holder))
            stack[-1].last_key = line.key
            continue
        if not (stack and stack[-1].kind == "seq" and stack[-1].col == col):
            stack.append(_Open(col, "seq", holder))
        if line.key:
            stack.append(_Open(line.key_col, "map", stack[-1].holder, True, line.key))
    return stack


def _closes_list(top: _Open, line: Line) -> bool:
    return line.kind == "key" and top.kind == "seq" and top.col == line.indent


def _path_of(stack: list[_Open], target: _Open) -> tuple[str | int, ...]:
    """The key path of an open container from the top (list items count as item 0)."""
    path: list[str | int] = []
    for container in stack[1 : stack.index(target) + 1]:
        path.append(0 if container.in_list else container.holder)
    return tuple(path)


def _accepts(stack: list[_Open], target: _Open, key: str) -> bool:
    """False only when the format says mapping ``target`` cannot hold ``key``."""
    path = _path_of(stack, target)
    if len(path) == 1 and path[0] in SECTIONS:
        return True  # a mapping of ids: any name is an id
    model = model_at(path)
    return model is None or key in keys_of(model)


def _level(stack: list[_Open], target: _Open) -> str:
    """ "node level", "choice level", "the top level" for the mapping ``target``."""
    path = _path_of(stack, target)
    if not path:
        return "the top level"
    return f"{kind_word(model_at(path), path)} level"


def _singular(name: str) -> str:
    return name[:-1] if name.endswith("s") and len(name) > 1 else name


def _describe(stack: list[_Open], target: _Open) -> str:
    """How a person would name the mapping ``target``: "choice", "node 'hello'", ..."""
    if target.in_list and target.holder:
        return _singular(target.holder)
    if not target.holder:
        return "the top level"
    index = stack.index(target)
    grand = stack[index - 1].holder if index > 0 else ""
    if grand in ("nodes", "meters", "flags", "characters", "backgrounds"):
        return f"{_singular(grand)} '{target.holder}'"
    return f"'{target.holder}'"


@dataclass(frozen=True)
class Slip:
    """An indentation mistake: where it is and what to tell the author."""

    line: int
    col: int
    message: str
    hint: str
    want: int = 0  # the column the hint moves the line to (0: the hint moves nothing)


def _shift_hint(have: int, want: int) -> str:
    steps = abs(want - have)
    side = "right" if want > have else "left"
    spaces = f"{steps} space{'s' if steps != 1 else ''}"
    return f"fix the indentation: move it {spaces} {side}, to column {want}"


def _key_slip(before: list[Line], line: Line) -> Slip | None:
    """A key at a column that no open mapping uses (or deeper than a new mapping may open)."""
    stack = _open_containers(before)
    maps = [c for c in stack if c.kind == "map"]
    if not maps or any(c.col == line.indent for c in maps):
        return None
    previous = before[-1] if before else None
    if previous is not None and previous.opens_block and line.indent > previous.indent:
        return None  # a new nested mapping may start here
    pool = [c for c in maps if _accepts(stack, c, line.key)] or maps
    deeper = [c for c in pool if c.col > line.indent]
    target = deeper[0] if deeper else [c for c in pool if c.col < line.indent][-1]
    where = "less" if line.indent < target.col else "more"
    return Slip(
        line.number,
        line.indent,
        f"this line is indented {where} than the rest of its {_describe(stack, target)} "
        f"(col {target.col} expected)",
        _shift_hint(line.indent, target.col),
        target.col,
    )


def _item_slip(before: list[Line], line: Line) -> Slip | None:
    """A list item at a column its list does not use."""
    previous = before[-1] if before else None
    if previous is not None and previous.opens_block and line.indent >= previous.indent:
        return None  # a new list may start here
    stack = _open_containers(before)
    lists = [c for c in stack if c.kind == "seq"]
    if not lists or any(c.col == line.indent for c in lists):
        return None
    nearest = min(lists, key=lambda c: abs(c.col - line.indent))
    name = _singular(nearest.holder) or "item"
    return Slip(
        line.number,
        line.indent,
        f"this {name} is indented differently from the rest of its list "
        f"(col {nearest.col} expected)",
        _shift_hint(line.indent, nearest.col),
        nearest.col,
    )


def _sandwich_slip(lines: list[Line], index: int) -> Slip | None:
    """A key with an inline value whose neighbours above and below agree on another column."""
    if index < 1 or index + 1 >= len(lines):
        return None
    above, line, below = lines[index - 1], lines[index], lines[index + 1]
    if line.kind != "key" or line.opens_block:
        return None
    if above.kind != "key" or above.opens_block or below.kind != "key":
        return None
    if above.indent != below.indent or line.indent == above.indent:
        return None
    stack = _open_containers(lines[:index])
    target = next((c for c in reversed(stack) if c.kind == "map"), None)
    if target is None or target.col != above.indent or not _accepts(stack, target, line.key):
        return None
    where = "less" if line.indent < above.indent else "more"
    return Slip(
        line.number,
        line.indent,
        f"this line is indented {where} than the rest of its {_describe(stack, target)} "
        f"(col {above.indent} expected)",
        _shift_hint(line.indent, above.indent),
        above.indent,
    )


def _interrupting_key(lines: list[Line], index: int) -> Slip | None:
    """A key dedented out of a list item while the list goes on below it: ``next:`` at node
    level between two choices belongs to the choice above (when that choice can take it and
    does not have it yet)."""
    line = lines[index]
    below = lines[index + 1] if index + 1 < len(lines) else None
    if line.kind != "key" or below is None or below.kind != "item" or below.indent <= line.indent:
        return None
    stack = _open_containers(lines[:index])
    at = next((i for i, c in enumerate(stack) if c.kind == "seq" and c.col == below.indent), None)
    if at is None or at + 1 >= len(stack) or not stack[at + 1].in_list:
        return None
    item = stack[at + 1]
    if not _accepts(stack, item, line.key) or line.key in _item_keys(lines[:index], item):
        return None
    here = next((c for c in stack if c.kind == "map" and c.col == line.indent), None)
    if here is None:
        return None
    level = _level(stack, here)
    word = _describe(stack, item)
    return Slip(
        line.number,
        line.indent,
        f"this `{line.key}:` is at {level} (col {line.indent}); it belongs to the {word} above "
        f"(col {item.col}), as the list of {item.holder} goes on below it",
        _shift_hint(line.indent, item.col) + f", in line with the {word}'s other keys",
        item.col,
    )


def _item_keys(before: list[Line], item: _Open) -> set[str]:
    """The keys the list item ``item`` (the last one opened in ``before``) already has."""
    keys: set[str] = set()
    for line in reversed(before):
        if line.kind == "key" and line.indent == item.col:
            keys.add(line.key)
        elif line.kind == "item" and line.key_col == item.col:
            keys.add(line.key)
            break
        elif line.indent < item.col:
            break
    return keys


def find_slip(text: str, error_line: int) -> Slip | None:
    """The indentation slip that explains a parse error at ``error_line``, if there is one."""
    lines = scan(text)
    at = next((i for i, line in enumerate(lines) if line.number >= error_line), len(lines))
    candidates = [i for i in (at - 1, at) if 0 <= i < len(lines)]
    for index in candidates:
        slip = _sandwich_slip(lines, index) or _interrupting_key(lines, index)
        if slip:
            return slip
    for index in reversed(candidates):
        line = lines[index]
        if line.kind == "key":
            slip = _key_slip(lines[:index], line)
        elif line.kind == "item":
            slip = _item_slip(lines[:index], line)
        else:
            slip = None
        if slip:
            return slip
    return None


def _nested_entry(text: str, line_number: int, col: int) -> Slip | None:
    """A duplicate key explained by an entry indented under the previous one."""
    lines = scan(text)
    at = next((i for i, line in enumerate(lines) if line.number == line_number), None)
    if at is None or at < 1:
        return None
    entry = lines[at - 1]
    if entry.kind != "key" or not entry.opens_block or entry.indent != col:
        return None
    stack = _open_containers(lines[: at - 1])
    while stack and stack[-1].col > col:
        stack.pop()
    if len(stack) < 2 or stack[-1].kind != "map" or stack[-1].col != col:
        return None
    holder, outer = stack[-1].holder, stack[-2]
    if not holder or outer.kind != "map":
        return None
    what = _singular(outer.holder) if outer.holder else "entry"
    return Slip(
        entry.number,
        entry.indent,
        f"{what} '{entry.key}' is indented under the previous {what} '{holder}'",
        f"line '{entry.key}:' up with '{holder}:' (column {outer.col})",
    )


def _tab(text: str, line_number: int) -> Slip | None:
    """A tab in the indentation of the error line or the two lines before it."""
    rows = text.splitlines()
    for number in range(line_number, max(line_number - 3, 0), -1):
        if number > len(rows):
            continue
        row = rows[number - 1]
        lead = row[: len(row) - len(row.lstrip(" \t"))]
        if "\t" in lead:
            return Slip(
                number,
                lead.index("\t") + 1,
                "a tab character is used for indentation",
                "replace the tab with spaces (YAML indents with spaces only)",
            )
    return None


def colon_in_text(text: str, problem: YamlProblem) -> Slip | None:
    """A second ': ' on a key line (the parser stopped there): text that needs quotes."""
    rows = text.splitlines()
    if "mapping values are not allowed" not in problem.message or not 0 < problem.line <= len(rows):
        return None
    row = rows[problem.line - 1]
    first = row.find(":")
    if not 0 <= first < problem.col - 1:
        return None
    return Slip(
        problem.line,
        problem.col,
        f"this text has ': ' in it (col {problem.col}), which YAML reads as the start of a key",
        f"put the whole text in quotes: {quote_text(row).strip()}",
    )


def quote_text(row: str) -> str:
    """``key: text: more`` with the text after the first ':' in quotes."""
    first = row.find(":")
    key, value = row[:first].rstrip(), row[first + 1 :].strip()
    quoted = f'"{value}"' if '"' not in value else "'" + value.replace("'", "''") + "'"
    return f"{key}: {quoted}"


def explain_slip(problem: YamlProblem, text: str) -> tuple[YamlProblem, Slip | None]:
    """``problem`` moved to the real mistake with a hint that fits, and the slip found (None
    when nothing was recognised: the parser's own words are kept)."""
    slip: Slip | None = None
    if problem.code == "RP001":
        slip = _tab(text, problem.line) or colon_in_text(text, problem)
        slip = slip or find_slip(text, problem.line)
    elif problem.code == "RP007":
        slip = _nested_entry(text, problem.line, problem.col)
    if slip is None:
        return problem, None
    message = slip.message if problem.code == "RP001" else f"{slip.message}: {problem.message}"
    return YamlProblem(problem.code, message, slip.line, slip.col, slip.hint), slip


def explain(problem: YamlProblem, text: str) -> YamlProblem:
    """``problem`` moved to the real mistake with a hint that fits, when one is recognised."""
    return explain_slip(problem, text)[0]
