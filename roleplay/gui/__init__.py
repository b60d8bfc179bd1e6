"""The pygame toolkit shared by the desktop screens: window and main loop, scene stack, painter,
widgets, stage drawing, resources, settings and user folders. It knows no particular screen."""
