"""Notes from a scenario's facilitator guide, matched to the scene being played.

A guide is a Markdown file named after the scenario id: ``<id>.guide.md`` beside the scenario, or
``docs/scenarios/<id>.md`` in a source checkout. The first ``##``/``###`` section quoting two of a
node's choices (quotations starting with the choices' first words) is that node's note. Reads
are bounded; a missing guide means no notes.
"""

from __future__ import annotations

import re
import stat
from pathlib import Path

from roleplay.engine._scenario import Scenario

MAX_GUIDE_BYTES = 1_000_000
MAX_NOTE_CHARS = 900
_QUOTE_WORDS = 5


def find_guide(scenario: Scenario) -> Path | None:
    """The guide file for ``scenario``, or None."""
    if scenario.path is None:
        return None
    folder = scenario.path.resolve().parent
    for candidate in (
        folder / f"{scenario.id}.guide.md",
        folder.parent / "docs" / "scenarios" / f"{scenario.id}.md",
    ):
        try:
            info = candidate.stat()
        except OSError:
            continue
        if stat.S_ISREG(info.st_mode) and info.st_size <= MAX_GUIDE_BYTES:
            return candidate
    return None


def guide_notes(scenario: Scenario) -> dict[str, str]:
    """Node id → the guide's note on it (plain text, shortened)."""
    path = find_guide(scenario)
    if path is None:
        return {}
    try:
        with path.open("rb") as handle:
            text = handle.read(MAX_GUIDE_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return {}
    sections = re.split(r"(?m)^#{2,3}\s+", text)[1:]
    notes: dict[str, str] = {}
    for node in scenario.nodes.values():
        keys = [k for k in (_key(choice.text) for choice in node.choices) if k]
        if not keys:
            continue
        for section in sections:
            quoted = [" ".join(_words(q)) for q in re.findall(r'["“]([^"”]{8,})["”]', section)]
            matched = sum(1 for key in keys if any(q.startswith(key) for q in quoted))
            if matched >= min(2, len(keys)):
                notes[node.id] = _plain(section)
                break
    return notes


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.casefold().replace("’", "'"))


def _key(text: str) -> str:
    words = _words(text)
    return " ".join(words[:_QUOTE_WORDS]) if len(words) >= 3 else ""


def _plain(section: str) -> str:
    title, _, body = section.partition("\n")
    rows = []
    for line in body.splitlines():
        line = line.strip()
        if not line or set(line) <= set("|-: "):
            continue
        cells = [c.strip() for c in line.strip("|").split("|")]
        rows.append(" — ".join(c for c in cells if c))
    text = f"{title.strip()}: " + " ".join(rows)
    text = re.sub(r"[*_`]", "", text)
    return text if len(text) <= MAX_NOTE_CHARS else text[: MAX_NOTE_CHARS - 1].rstrip() + "…"
