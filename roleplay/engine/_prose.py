"""Learner-facing prose: paragraphs shown when their condition holds, with ``{meter}`` values."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from roleplay.engine._expr import Context
from roleplay.engine._model import Prose
from roleplay.engine._scenario import CompiledParagraph

_PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")


def fill(text: str, values: Mapping[str, int]) -> str:
    """``text`` with each ``{meter}`` replaced by its value (unknown names stay as written)."""
    return _PLACEHOLDER.sub(
        lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), text
    )


def render(
    paragraphs: Sequence[CompiledParagraph], context: Context, values: Mapping[str, int]
) -> str:
    """The paragraphs whose condition holds in ``context``, filled in, one blank line apart."""
    shown = [
        fill(p.text.strip(), values)
        for p in paragraphs
        if p.condition is None or p.condition(context)
    ]
    return "\n\n".join(text for text in shown if text)


def plain(prose: Prose) -> str:
    """All of ``prose`` for tools (story map, storyboard): conditional paragraphs marked."""
    if isinstance(prose, str):
        return prose
    parts = []
    for item in prose:
        if isinstance(item, str):
            parts.append(item)
        elif item.if_ is None:
            parts.append(item.text)
        else:
            parts.append(f"[if {item.if_}] {item.text}")
    return "\n\n".join(parts)


def unconditional(paragraphs: Sequence[CompiledParagraph]) -> str:
    """The paragraphs that hold whatever happened (for views that cannot judge conditions)."""
    return "\n\n".join(p.text.strip() for p in paragraphs if p.condition is None)
