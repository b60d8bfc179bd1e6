"""Tools for scenario designers: lint and its solver, graphs, storyboards, playthrough tests,
the scaffold of a new scenario and the JSON Schema."""
