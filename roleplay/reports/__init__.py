"""Reports built from engine data: the self-contained HTML debrief and the technique families'
labels and colours shared by every view.

The HTML renderer (and Jinja2 with it) is imported on first use: the desktop game needs only
the families' labels and colours to draw its first frame.
"""

from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
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


def __getattr__(name: str) -> Any:
    if name == "render_debrief_html":
        from roleplay.reports._html import render_debrief_html

        return render_debrief_html
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
