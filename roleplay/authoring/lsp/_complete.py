"""What to offer at the cursor: the kind of name wanted, read from the text before it.

Only the current line (and, inside a folded condition, the lines above it) is read, so
completion works while the file does not parse.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from lsprotocol import types as lsp

from roleplay.authoring.lsp._index import ScenarioIndex
from roleplay.engine._model import Technique

_KEY = r"(?:^|[\s{,\-])"
_VALUE_CONTEXTS = (
    (re.compile(_KEY + r"(?:next|start):\s*[\"']?([\w]*)$"), "node"),
    (re.compile(_KEY + r"ending:\s*[\"']?([\w]*)$"), "ending"),
    (re.compile(_KEY + r"technique:\s*[\"']?([\w]*)$"), "technique"),
    (re.compile(_KEY + r"speaker:\s*[\"']?([\w]*)$"), "character"),
    (re.compile(_KEY + r"expression:\s*[\"']?([\w]*)$"), "expression"),
    (re.compile(_KEY + r"background:\s*[\"']?([\w]*)$"), "background"),
    (re.compile(r"(?:visited|visits)\(\s*[\"']([\w]*)$"), "node"),
    (re.compile(r"chose\(\s*[\"']([\w.]*)$"), "choice"),
    (re.compile(r"flags\.(\w*)$"), "flag"),
    (re.compile(_KEY + r"effects:\s*\{(?:[^}]*,)?\s*(\w*)$"), "meter"),
    (re.compile(_KEY + r"set:\s*\{(?:[^}]*,)?\s*(\w*)$"), "flag"),
)
_CONDITION_KEY = re.compile(_KEY + r"(?:if|when):\s*(.*)$")
_BLOCK_OWNER = re.compile(r"^(\s*)(?:-\s+)?(\w+):\s*([|>][-+]?)?\s*$")
_WORD = re.compile(r"(\w*)$")
_SPEAKER = re.compile(r"speaker:\s*[\"']?(\w+)")

KIND_ICONS = {
    "node": lsp.CompletionItemKind.Class,
    "ending": lsp.CompletionItemKind.Event,
    "technique": lsp.CompletionItemKind.EnumMember,
    "character": lsp.CompletionItemKind.Constructor,
    "expression": lsp.CompletionItemKind.Value,
    "background": lsp.CompletionItemKind.File,
    "meter": lsp.CompletionItemKind.Variable,
    "flag": lsp.CompletionItemKind.Variable,
    "choice": lsp.CompletionItemKind.Reference,
    "function": lsp.CompletionItemKind.Function,
}


@dataclass(frozen=True)
class Context:
    """The kind of name wanted at the cursor, and the part already typed."""

    kind: str  # a KINDS entry, "choice" or "condition"
    typed: str
    speaker: str = ""


def context_at(lines: list[str], line: int, character: int) -> Context | None:
    """What the cursor at ``line``/``character`` (0-based) is asking for, if anything."""
    if not 0 <= line < len(lines):
        return None
    before = lines[line][:character]
    for pattern, kind in _VALUE_CONTEXTS:
        match = pattern.search(before)
        if match:
            speaker = _speaker_near(lines, line) if kind == "expression" else ""
            return Context(kind, match.group(1), speaker)
    if _CONDITION_KEY.search(before) or _in_condition_block(lines, line):
        word = _WORD.search(before)
        return Context("condition", word.group(1) if word else "")
    return None


def _speaker_near(lines: list[str], line: int) -> str:
    """The speaker of the line mapping the cursor is in (same line, or up to its '- ')."""
    for number in range(line, max(line - 6, -1), -1):
        match = _SPEAKER.search(lines[number])
        if match:
            return match.group(1)
        if lines[number].lstrip().startswith("- ") and number != line:
            break
    return ""


def _in_condition_block(lines: list[str], line: int) -> bool:
    """True inside the body of ``when: >-`` / ``if: |`` (a condition written over lines)."""
    row = lines[line]
    indent = len(row) - len(row.lstrip(" "))
    for number in range(line - 1, max(line - 30, -1), -1):
        above = lines[number]
        if not above.strip():
            continue
        above_indent = len(above) - len(above.lstrip(" "))
        if above_indent >= indent and above.strip():
            continue
        match = _BLOCK_OWNER.match(above)
        return bool(match and match.group(2) in ("if", "when") and match.group(3))
    return False


def completions(
    context: Context, index: ScenarioIndex, techniques: Mapping[str, Technique]
) -> list[lsp.CompletionItem]:
    """The completion items for ``context``."""
    if context.kind == "technique":
        return [_technique_item(k, t) for k, t in sorted(techniques.items())]
    if context.kind == "condition":
        return _condition_items(index)
    return [
        lsp.CompletionItem(label=name, kind=KIND_ICONS[context.kind], detail=detail)
        for name, detail in _names(context, index)
    ]


def _technique_item(technique_id: str, technique: Technique) -> lsp.CompletionItem:
    ethical = "ethical" if technique.ethical else "not ethical"
    return lsp.CompletionItem(
        label=technique_id,
        kind=KIND_ICONS["technique"],
        detail=f"{technique.family}, {ethical}: {technique.label}",
        documentation=lsp.MarkupContent(lsp.MarkupKind.Markdown, technique.explanation),
    )


def _names(context: Context, index: ScenarioIndex) -> list[tuple[str, str]]:
    data = index.data
    if context.kind == "node":
        return [(n, _first_line(data, n)) for n in index.names("nodes")]
    if context.kind == "ending":
        return [(e, "ending") for e in index.ending_ids()]
    if context.kind == "character":
        chars = data.get("characters")
        return [(c, _character_detail(chars, c)) for c in index.names("characters")]
    if context.kind == "expression":
        return _expressions(index, context.speaker)
    if context.kind in ("meter", "flag", "background"):
        return [(name, context.kind) for name in index.names(context.kind + "s")]
    return [(choice, "choice") for choice in index.choice_ids()]


def _first_line(data: dict[str, object], node_id: str) -> str:
    nodes = data.get("nodes")
    node = nodes.get(node_id) if isinstance(nodes, dict) else None
    lines = node.get("lines") if isinstance(node, dict) else None
    if isinstance(lines, list) and lines and isinstance(lines[0], dict):
        text = lines[0].get("text")
        return " ".join(str(text).split())[:80] if text else ""
    return ""


def _character_detail(characters: object, char_id: str) -> str:
    character = characters.get(char_id) if isinstance(characters, dict) else None
    if not isinstance(character, dict):
        return ""
    role = character.get("role")
    return f"{character.get('name', '')}" + (f", {role}" if role else "")


def _expressions(index: ScenarioIndex, speaker: str) -> list[tuple[str, str]]:
    found: dict[str, str] = {}
    for kind, name in index.definitions:
        owner, _, expression = name.rpartition(".")
        if kind == "expression" and (not speaker or owner == speaker):
            found.setdefault(expression, owner)
    return sorted(found.items())


def _condition_items(index: ScenarioIndex) -> list[lsp.CompletionItem]:
    items = [
        lsp.CompletionItem(label=m, kind=KIND_ICONS["meter"], detail="meter")
        for m in index.names("meters")
    ]
    items += [
        lsp.CompletionItem(label=f"flags.{f}", kind=KIND_ICONS["flag"], detail="flag")
        for f in index.names("flags")
    ]
    for function, what in (("visited", "node"), ("visits", "node"), ("chose", "choice id")):
        items.append(
            lsp.CompletionItem(
                label=f'{function}("")',
                insert_text=f'{function}("',
                kind=KIND_ICONS["function"],
                detail=f'{function}("{what}")',
            )
        )
    return items
