"""The ``roleplay`` command line. Exit codes: 0 ok, 1 problems found, 2 usage error."""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from roleplay.engine._diagnostics import Diagnostic, has_errors
from roleplay.engine._paths import find_scenarios, resolve_scenario_argument

if TYPE_CHECKING:
    from roleplay.engine._scenario import Scenario

Handler = Callable[[argparse.Namespace], int]

#: Modules that add sub-commands: each defines ``register(subparsers) -> None``.
COMMAND_MODULES = ("roleplay.cli._tools", "roleplay.cli._design")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every sub-command."""
    parser = _Parser(
        prog="roleplay",
        description="Practise workplace influence in branching role-play scenarios. "
        "With no command, opens the desktop game.",
    )
    parser.add_argument("--version", action="version", version="roleplay 0.1.0")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    validate = commands.add_parser("validate", help="check scenario files and report problems")
    validate.add_argument("paths", nargs="+", metavar="PATH", help="scenario files or folders")
    validate.add_argument("--json", action="store_true", help="print diagnostics as JSON")
    validate.set_defaults(handler=_validate)
    play = commands.add_parser("play", help="play a scenario")
    play.add_argument("scenario", metavar="SCENARIO", help="scenario file or shipped id")
    play.add_argument("--text", action="store_true", help="play in the terminal")
    play.add_argument(
        "--assessment", action="store_true", help="desktop game in assessment mode (no rewind)"
    )
    play.add_argument(
        "--json",
        action="store_true",
        help="with --text: transcript to stderr, a JSON result to stdout",
    )
    play.add_argument(
        "--record",
        metavar="FILE",
        help="with --text: write the playthrough to FILE (.playthrough.yaml)",
    )
    play.set_defaults(handler=_play)
    for name in COMMAND_MODULES:
        module = importlib.import_module(name)
        module.register(commands)
    return parser


def collect_files(paths: Sequence[str]) -> tuple[list[Path], list[str]]:
    """Scenario files named by ``paths`` (folders expanded) and the paths that do not exist."""
    files: list[Path] = []
    missing: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(find_scenarios(path))
        elif path.exists():
            files.append(path)
        else:
            missing.append(raw)
    return files, missing


def print_diagnostics(diagnostics: Sequence[Diagnostic], *, as_json: bool) -> None:
    """Print diagnostics as text with snippets, or as one JSON list."""
    if as_json:
        print(json.dumps([d.to_json() for d in diagnostics], indent=1))
        return
    for diagnostic in diagnostics:
        print(diagnostic.format(with_snippet=True))


def _validate(args: argparse.Namespace) -> int:
    from roleplay.engine._loader import check_scenario_file

    files, missing = collect_files(args.paths)
    if missing:
        print(f"roleplay validate: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    diagnostics: list[Diagnostic] = []
    for file in files:
        diagnostics.extend(check_scenario_file(file)[1])
    print_diagnostics(diagnostics, as_json=args.json)
    if not args.json:
        errors = sum(d.severity == "error" for d in diagnostics)
        warnings = sum(d.severity == "warning" for d in diagnostics)
        print(
            f"{len(files)} file(s) checked: {errors} error(s), {warnings} warning(s)",
            file=sys.stderr,
        )
    return 1 if has_errors(diagnostics) else 0


def _play(args: argparse.Namespace) -> int:
    from roleplay.engine._loader import check_scenario_file

    path = resolve_scenario_argument(args.scenario)
    if not path.exists():
        print(f"roleplay play: no such scenario: {args.scenario}", file=sys.stderr)
        return 2
    scenario, diagnostics = check_scenario_file(path)
    if scenario is None:
        print_diagnostics(diagnostics, as_json=False)
        return 1
    if not args.text:
        return _run_game(scenario, "assessment" if args.assessment else "practice")
    from roleplay.learner.text import play_text

    out = sys.stderr if args.json else sys.stdout
    code, numbers = play_text(scenario, sys.stdin, out, as_json=args.json)
    if code == 0 and args.record:
        from roleplay.engine._playthrough import record_playthrough

        record_playthrough(Path(args.record), path, scenario, numbers)
        print(f"recorded {args.record}", file=sys.stderr)
    return code


def _run_game(scenario: Scenario | None = None, mode: str = "practice") -> int:
    try:
        from roleplay.learner.desktop import run_game
    except ImportError as exc:
        print(f"roleplay: the desktop game is not available ({exc})", file=sys.stderr)
        return 1
    return int(run_game(scenario, mode=mode))


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``roleplay`` console script."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if not arguments:
        return _run_game()
    args = parser.parse_args(arguments)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 2
    try:
        return handler(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
