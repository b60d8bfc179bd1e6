"""The pygame toolkit shared by the desktop screens: window and main loop, scene stack and the
registry that names scenes, painter, widgets, stage drawing, resources, settings and user folders.
It knows no particular screen."""
