"""Notes from a scenario's facilitator guide, matched to the scene being played.

A guide is a Markdown file named after the scenario id: ``<id>.guide.md`` beside the scenario, or
``docs/scenarios/<id>.md`` in a source checkout (bundled with the package). A guide ties its
notes to nodes with markers (docs/facilitator.md, "Notes from the facilitator guide"):

- ``<!-- node: planning -->`` under a heading: that heading's section is the note on ``planning``;
- ``<!-- node: nadia_1 nadia_2 -->`` inside a table row: that row is the note on both nodes.

A node no marker names falls back to the first ``##``/``###`` section quoting two of its choices
(quotations starting with the choices' first words). Reads are bounded; no guide, no notes.
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass
from pathlib import Path

from roleplay.engine._scenario import Scenario

MAX_GUIDE_BYTES = 1_000_000
MAX_NOTE_CHARS = 900
_QUOTE_WORDS = 5
MARKER = re.compile(r"<!--\s*node:\s*([^>]*?)\s*-->")
_HEADING = re.compile(r"^#{2,4}\s+")


@dataclass(frozen=True)
class GuideNote:
    """A note and the node ids a marker gave it (empty when found by quotations)."""

    text: str
    nodes: tuple[str, ...] = ()


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


def read_guide(path: Path) -> str:
    """The guide's text ('' when it cannot be read); at most MAX_GUIDE_BYTES are read."""
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_GUIDE_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return ""


def guide_notes(scenario: Scenario) -> dict[str, str]:
    """Node id → the guide's note on it (plain text, shortened)."""
    path = find_guide(scenario)
    if path is None:
        return {}
    return notes_from_text(read_guide(path), scenario)


def notes_from_text(text: str, scenario: Scenario) -> dict[str, str]:
    """Node id → note, from a guide's Markdown: markers first, then quotations."""
    notes = {
        node: note.text
        for note in marked_notes(text)
        for node in note.nodes
        if node in scenario.nodes
    }
    sections = [s for s in _HEADING.split(text)[1:] if not MARKER.search(s)]
    for node in scenario.nodes.values():
        if node.id in notes:
            continue
        keys = [k for k in (_key(choice.text) for choice in node.choices) if k]
        if keys:
            found = _quoting_section(sections, keys)
            if found is not None:
                notes[node.id] = _plain(found)
    return notes


def marked_notes(text: str) -> list[GuideNote]:
    """Every note a marker points at, in the guide's order."""
    lines = text.splitlines()
    notes: list[GuideNote] = []
    heading = -1
    for index, line in enumerate(lines):
        if _HEADING.match(line):
            heading = index
        found = MARKER.search(line)
        if found is None:
            continue
        nodes = tuple(n for n in re.split(r"[\s,]+", found.group(1)) if n)
        if line.lstrip().startswith("|"):
            notes.append(GuideNote(_row_note(line), nodes))
        elif heading >= 0:
            notes.append(GuideNote(_plain(_section_at(lines, heading)), nodes))
    return notes


def _section_at(lines: list[str], heading: int) -> str:
    """The section starting at line ``heading`` (without its '#'s) up to the next heading."""
    end = next((i for i in range(heading + 1, len(lines)) if _HEADING.match(lines[i])), len(lines))
    return _HEADING.sub("", lines[heading], count=1) + "\n" + "\n".join(lines[heading + 1 : end])


def _quoting_section(sections: list[str], keys: list[str]) -> str | None:
    for section in sections:
        quoted = [" ".join(_words(q)) for q in re.findall(r'["“]([^"”]{8,})["”]', section)]
        matched = sum(1 for key in keys if any(q.startswith(key) for q in quoted))
        if matched >= min(2, len(keys)):
            return section
    return None


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.casefold().replace("’", "'"))


def _key(text: str) -> str:
    words = _words(text)
    return " ".join(words[:_QUOTE_WORDS]) if len(words) >= 3 else ""


def _cells(line: str) -> list[str]:
    cells = [MARKER.sub("", c).strip() for c in line.strip().strip("|").split("|")]
    return [c for c in cells if c]


def _row_note(line: str) -> str:
    cells = _cells(line)
    if len(cells) > 1 and re.fullmatch(r"[\d\s–-]+", cells[0]):
        cells = cells[1:]  # the row's number says nothing on screen
    return _shorten(re.sub(r"[*_`]", "", " — ".join(cells)))


def _plain(section: str) -> str:
    title, _, body = section.partition("\n")
    rows = []
    for line in body.splitlines():
        line = MARKER.sub("", line).strip()
        if not line or set(line) <= set("|-: "):
            continue
        rows.append(" — ".join(_cells(line)) if line.startswith("|") else line)
    text = f"{title.strip()}: " + " ".join(rows)
    return _shorten(re.sub(r"[*_`]", "", text))


def _shorten(text: str) -> str:
    return text if len(text) <= MAX_NOTE_CHARS else text[: MAX_NOTE_CHARS - 1].rstrip() + "…"
