"""``roleplay lsp``: a Language Server Protocol server for scenario files, over stdio.

Diagnostics as you type (the same codes, places and hints as ``roleplay validate``; lint
results on save), completion of node, ending, technique, character, expression, background,
meter and flag names, hover, go to definition and document symbols. Built on pygls.
"""

from __future__ import annotations

from roleplay.authoring.lsp._server import build_server, serve

__all__ = ["build_server", "serve"]
