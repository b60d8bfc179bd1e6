"""Reports built from engine data: the self-contained HTML debrief and the technique families'
labels and colours shared by every view."""

from roleplay.reports._families import (
    FAMILY_COLORS,
    FAMILY_COLORS_ON_DARK,
    FAMILY_LABELS,
    FAMILY_NOTES,
    NEUTRAL_COLOR,
    NEUTRAL_COLOR_ON_DARK,
    family_color,
    family_label,
    family_note,
    family_rgb,
    hex_to_rgb,
)
from roleplay.reports._html import render_debrief_html

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
    "render_debrief_html",
]
