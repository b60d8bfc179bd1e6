"""Editor and reference commands: lsp, map, techniques and assets.

Every heavy import happens inside the handlers, so ``roleplay --help`` stays fast.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    SubParsers = argparse._SubParsersAction[argparse.ArgumentParser]


def register(commands: SubParsers) -> None:
    """Add the editor sub-commands."""
    _register_lsp(commands)


# --- lsp ------------------------------------------------------------------------------------
def _register_lsp(commands: SubParsers) -> None:
    lsp = commands.add_parser(
        "lsp",
        help="run the language server for editors (stdio)",
        description="Run a Language Server Protocol server on standard input and output: "
        "diagnostics as you type, completion, hover, go to definition and an outline for "
        "scenario files. Editors start it; see docs/authoring.md for set-up.",
    )
    lsp.set_defaults(handler=_lsp)


def _lsp(args: argparse.Namespace) -> int:
    try:
        from roleplay.authoring.lsp import serve
    except ImportError as error:
        print(f"roleplay lsp: the language server needs pygls ({error})", file=sys.stderr)
        return 1
    return serve()
