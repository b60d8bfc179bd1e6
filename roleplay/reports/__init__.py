"""Reports built from engine data: the self-contained HTML debrief and the technique families'
labels and colours shared by every view."""
