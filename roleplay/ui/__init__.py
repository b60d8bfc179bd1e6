"""The desktop game: scenes, stage drawing and persistence for the learner experience.

Nothing here is imported by the engine; `roleplay.ui.app.main` is the entry point.
"""
