"""Reports built from engine data: the self-contained HTML debrief and the technique families'
labels and colours shared by every view."""

from roleplay.reports._html import render_debrief_html

__all__ = ["render_debrief_html"]
