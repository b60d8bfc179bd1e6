"""Salvage after shape errors, so that one run reports meaning problems too.

When pydantic rejects part of a scenario, the broken parts are cut out of the parsed data (an
unknown key is dropped; a node, character, meter, flag or background with a problem is removed)
and the rest is checked for meaning. Problems that only exist because a part was cut out (a
reference to a removed node, say) are not reported: the shape error already covers them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from roleplay.engine._diagnostics import Diagnostic

SECTIONS = ("nodes", "characters", "meters", "flags", "backgrounds")
#: Stand-ins for broken metadata: none of it is referred to by the meaning checks.
PLACEHOLDERS: dict[str, Any] = {
    "format": 1,
    "id": "salvaged",
    "title": "?",
    "summary": "?",
    "learning_goals": ["?"],
    "estimated_minutes": 1,
}


def _container(data: Any, path: Sequence[Any]) -> Any:
    node = data
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def salvage(data: dict[str, Any], errors: Iterable[Mapping[str, Any]]) -> set[str] | None:
    """Cut what ``errors`` point at out of ``data`` in place; the removed ids, or None.

    None means an error sits where nothing can be cut out (a missing top-level key, say).
    """
    removed: set[str] = set()
    for error in errors:
        loc = tuple(error["loc"])
        if error["type"] == "extra_forbidden":
            container = _container(data, loc[:-1])
            if isinstance(container, dict):
                value = container.pop(loc[-1], None)
                if loc[0] == "nodes" and isinstance(value, dict):
                    removed.add(str(loc[-1]))  # a node indented into another: not unknown
                continue
        if loc and loc[0] in PLACEHOLDERS:
            data[str(loc[0])] = PLACEHOLDERS[str(loc[0])]
            continue
        if len(loc) >= 2 and loc[0] in SECTIONS and isinstance(data.get(loc[0]), dict):
            data[loc[0]].pop(loc[1], None)
            removed.add(str(loc[1]))
            continue
        return None
    return removed


def mentions_removed(diagnostic: Diagnostic, removed: set[str]) -> bool:
    """True when a meaning problem names something salvage removed."""
    return any(f"'{name}'" in diagnostic.message for name in removed)
