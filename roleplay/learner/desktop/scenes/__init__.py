"""The game's screens, one module (or package, for the play screen) per scene.

A scene never imports another one: it opens others by the name ``_routes`` registers them
under, and hears back from them through ``on_dismiss``.
"""
