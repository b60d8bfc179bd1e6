"""The four technique families, named and coloured once for every view of them.

The HTML debrief, the story map (``roleplay graph``), the storyboard and the desktop debrief all
take their labels, one-line meanings and colours from here. The colours read as text (contrast at
least 4.5:1): :data:`FAMILY_COLORS` on white, :data:`FAMILY_COLORS_ON_DARK` on the game's dark
panels. They are never the only cue: a label always goes with them.
The family ids are the engine's (``roleplay.engine._model.FAMILIES``); this module imports nothing,
so the desktop game can use it before pydantic has loaded.
"""

from __future__ import annotations

__all__ = [
    "FAMILY_COLORS",
    "FAMILY_COLORS_ON_DARK",
    "FAMILY_LABELS",
    "FAMILY_NOTES",
    "NEUTRAL_COLOR",
    "NEUTRAL_COLOR_ON_DARK",
    "family_color",
    "family_label",
    "family_note",
    "family_rgb",
    "hex_to_rgb",
]

#: The name to show for each family.
FAMILY_LABELS: dict[str, str] = {
    "influence": "Influence",
    "persuasion": "Persuasion",
    "pressure": "Pressure",
    "manipulation": "Manipulation",
}

#: What each family means, in a few words.
FAMILY_NOTES: dict[str, str] = {
    "influence": "pulling people toward a shared goal",
    "persuasion": "pushing with reasons",
    "pressure": "pushing with power",
    "manipulation": "pushing or pulling by deceit",
}

#: Each family's colour as ``#rrggbb``.
FAMILY_COLORS: dict[str, str] = {
    "influence": "#15803d",
    "persuasion": "#1d4ed8",
    "pressure": "#b45309",
    "manipulation": "#a21caf",
}

#: Each family's colour on a dark background (the desktop game), as ``#rrggbb``.
FAMILY_COLORS_ON_DARK: dict[str, str] = {
    "influence": "#4ade80",
    "persuasion": "#60a5fa",
    "pressure": "#fbbf24",
    "manipulation": "#e879f9",
}

#: The colour of a choice whose technique has no known family (light, dark background).
NEUTRAL_COLOR = "#6b7280"
NEUTRAL_COLOR_ON_DARK = "#9ca3af"


def family_label(family: str) -> str:
    """The family's display name (an unknown family's id, capitalised)."""
    return FAMILY_LABELS.get(family, family.title())


def family_note(family: str) -> str:
    """What the family means in a few words ("" for an unknown family)."""
    return FAMILY_NOTES.get(family, "")


def family_color(family: str, *, dark: bool = False) -> str:
    """The family's colour as ``#rrggbb``, for a light background or (``dark``) a dark one.

    An unknown family gets the neutral grey.
    """
    if dark:
        return FAMILY_COLORS_ON_DARK.get(family, NEUTRAL_COLOR_ON_DARK)
    return FAMILY_COLORS.get(family, NEUTRAL_COLOR)


def hex_to_rgb(color: str) -> tuple[int, int, int]:
    """``#rrggbb`` as an (r, g, b) tuple of 0-255 ints, as pygame wants colours."""
    value = color.removeprefix("#")
    if len(value) != 6:
        raise ValueError(f"not a #rrggbb colour: {color!r}")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def family_rgb(family: str, *, dark: bool = False) -> tuple[int, int, int]:
    """The family's colour as an (r, g, b) tuple (see :func:`family_color`)."""
    return hex_to_rgb(family_color(family, dark=dark))
