"""Editor and reference commands: lsp, map, techniques and assets.

Every heavy import happens inside the handlers, so ``roleplay --help`` stays fast.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from roleplay.cli._common import emit, print_diagnostics

if TYPE_CHECKING:
    SubParsers = argparse._SubParsersAction[argparse.ArgumentParser]


INSTALL_GRAPHVIZ = (
    "the story map is laid out by Graphviz's dot, which is not installed. Install Graphviz "
    "(Debian/Ubuntu: sudo apt install graphviz; Fedora: sudo dnf install graphviz; macOS: brew "
    "install graphviz; Windows: winget install graphviz) and run this again"
)


def register(commands: SubParsers) -> None:
    """Add the editor sub-commands."""
    _register_lsp(commands)
    _register_map(commands)
    _register_reference(commands)


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


# --- map ------------------------------------------------------------------------------------
def _register_map(commands: SubParsers) -> None:
    story_map = commands.add_parser(
        "map",
        help="write an interactive story map (one HTML file)",
        description="Write a self-contained HTML story map: the story laid out by Graphviz, "
        "pan and zoom, click a node for its lines, choices, conditions, effects, techniques "
        "and lint notes. Needs Graphviz's dot.",
    )
    story_map.add_argument("scenario", metavar="SCENARIO", help="scenario file or shipped id")
    story_map.add_argument(
        "-o", "--output", metavar="FILE", help="where to write it (default: ID.map.html)"
    )
    story_map.set_defaults(handler=_map)


def _map(args: argparse.Namespace) -> int:
    from roleplay.authoring._graph import GraphvizMissing
    from roleplay.authoring._lint import lint_file
    from roleplay.authoring._map import build_map
    from roleplay.engine._atomic import write_text_atomic
    from roleplay.engine._document import read_document
    from roleplay.engine._paths import resolve_scenario_argument

    path = resolve_scenario_argument(args.scenario)
    if not path.is_file():
        print(f"roleplay map: no such scenario: {args.scenario}", file=sys.stderr)
        return 2
    if shutil.which("dot") is None:
        print(f"roleplay map: {INSTALL_GRAPHVIZ}", file=sys.stderr)
        return 1
    report = lint_file(path)
    if report.scenario is None:
        print_diagnostics(report.diagnostics, as_json=False)
        return 1
    output = Path(args.output or f"{report.scenario.id}.map.html")
    try:
        page = build_map(report.scenario, report, read_document(path))
        write_text_atomic(output, page)
    except GraphvizMissing as problem:
        print(f"roleplay map: {problem}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"roleplay map: cannot write {output}: {error}", file=sys.stderr)
        return 1
    print(f"wrote {output}", file=sys.stderr)
    return 0


# --- techniques and assets --------------------------------------------------------------------
def _register_reference(commands: SubParsers) -> None:
    techniques = commands.add_parser(
        "techniques",
        help="list every technique (Markdown; docs/techniques.md)",
        description="Print the technique catalogue as Markdown: every id with its family, "
        "whether it is ethical, and its explanation. docs/techniques.md is this output.",
    )
    techniques.add_argument("-o", "--output", metavar="FILE", help="write to FILE")
    techniques.set_defaults(handler=_techniques)
    assets = commands.add_parser(
        "assets",
        help="list every shipped portrait and background (Markdown; docs/art.md)",
        description="Print the shipped characters with their expressions and the backgrounds "
        "as Markdown with thumbnails. docs/art.md is this output.",
    )
    assets.add_argument("-o", "--output", metavar="FILE", help="write to FILE")
    assets.set_defaults(handler=_assets)


def _techniques(args: argparse.Namespace) -> int:
    from roleplay.authoring._reference import techniques_markdown

    return emit("techniques", techniques_markdown(), args.output)


def _assets(args: argparse.Namespace) -> int:
    from roleplay.authoring._reference import assets_markdown

    base = Path(args.output).resolve().parent if args.output else Path.cwd()
    return emit("assets", assets_markdown(base), args.output)
