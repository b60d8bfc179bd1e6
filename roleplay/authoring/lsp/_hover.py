"""Hover text for a name: what a technique means, where a node is reached from, a meter's range."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from roleplay.authoring.lsp._index import ScenarioIndex, Symbol
from roleplay.engine._model import Technique


def _entry(data: dict[str, Any], section: str, name: str) -> dict[str, Any]:
    table = data.get(section)
    entry = table.get(name) if isinstance(table, dict) else None
    return entry if isinstance(entry, dict) else {}


def hover_text(
    symbol: Symbol, index: ScenarioIndex, techniques: Mapping[str, Technique]
) -> str | None:
    """Markdown describing ``symbol``, or None when there is nothing to say."""
    if symbol.kind == "technique":
        return _technique(symbol.name, techniques)
    if symbol.kind == "node":
        return _node(symbol.name, index)
    if symbol.kind == "meter":
        return _meter(symbol.name, index.data)
    if symbol.kind == "flag":
        flag = _entry(index.data, "flags", symbol.name)
        start = " (starts true)" if flag.get("start") is True else ""
        return f"**flag `{symbol.name}`**{start}\n\n{flag.get('description') or 'no description'}"
    if symbol.kind == "ending":
        return _ending(symbol.name, index.data)
    if symbol.kind == "character":
        return _character(symbol.name, index.data)
    if symbol.kind == "background":
        return (
            f"**background `{symbol.name}`**: `{index.data['backgrounds'][symbol.name]}`"
            if (symbol.name in _entry_names(index.data, "backgrounds"))
            else None
        )
    if symbol.kind == "expression":
        return f"**{symbol.owner or 'speaker'}** looking *{symbol.name}*"
    return None


def _entry_names(data: dict[str, Any], section: str) -> list[str]:
    table = data.get(section)
    return list(table) if isinstance(table, dict) else []


def _technique(name: str, techniques: Mapping[str, Technique]) -> str | None:
    technique = techniques.get(name)
    if technique is None:
        return None
    ethical = "ethical" if technique.ethical else "not ethical"
    return f"**{technique.label}** ({technique.family}, {ethical})\n\n{technique.explanation}"


def _node(name: str, index: ScenarioIndex) -> str | None:
    node = _entry(index.data, "nodes", name)
    if not node:
        return None
    lines = node.get("lines")
    first = lines[0] if isinstance(lines, list) and lines and isinstance(lines[0], dict) else {}
    speaker = f"{first['speaker']}: " if isinstance(first.get("speaker"), str) else ""
    parts = [f"**node `{name}`**"]
    if first.get("text"):
        parts.append(f"> {speaker}{' '.join(str(first['text']).split())}")
    sources = list(index.incoming.get(name, ()))
    if index.data.get("start") == name:
        sources.insert(0, "the start")
    parts.append(
        "Reached from: " + "; ".join(sources) if sources else "Reached from: nowhere (unreachable)"
    )
    return "\n\n".join(parts)


def _meter(name: str, data: dict[str, Any]) -> str | None:
    meter = _entry(data, "meters", name)
    if not meter:
        return None
    low, high = meter.get("min", 0), meter.get("max", 10)
    start = meter.get("start", low)
    head = f"**meter `{name}`**: {meter.get('label', name)}, {low}..{high}, starts at {start}"
    return head + (f"\n\n{meter['description']}" if meter.get("description") else "")


def _ending(name: str, data: dict[str, Any]) -> str | None:
    endings = data.get("endings")
    for ending in endings if isinstance(endings, list) else ():
        if isinstance(ending, dict) and ending.get("id") == name:
            rule = f"when `{ending['when']}`" if ending.get("when") else "the fallback ending"
            return f"**ending `{name}`**: {ending.get('title', '')} ({rule})"
    return None


def _character(name: str, data: dict[str, Any]) -> str | None:
    character = _entry(data, "characters", name)
    if not character:
        return None
    role = f", {character['role']}" if character.get("role") else ""
    expressions = character.get("expressions") or ["neutral"]
    listed = ", ".join(str(e) for e in expressions) if isinstance(expressions, list) else ""
    return f"**{character.get('name', name)}**{role}\n\nExpressions: {listed}"
