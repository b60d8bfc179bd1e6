"""The peer comparison: one generated story as roleplay YAML and as ink, and inkjs to run it."""
