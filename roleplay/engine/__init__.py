"""The engine: scenario loading and checking, the runtime, game state, saves and debriefs.

It imports nothing else of roleplay and never pygame. Its public names are re-exported by
``roleplay`` itself; modules here are private.
"""
