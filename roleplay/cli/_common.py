"""Helpers shared by the command groups: finding scenario files and printing diagnostics."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from roleplay.engine._diagnostics import Diagnostic
from roleplay.engine._paths import find_scenarios, resolve_scenario_argument


def collect_files(paths: Sequence[str]) -> tuple[list[Path], list[str]]:
    """Scenario files named by ``paths`` (folders expanded, shipped ids resolved) and the paths
    that do not exist."""
    files: list[Path] = []
    missing: list[str] = []
    for raw in paths:
        path = resolve_scenario_argument(raw)  # a path, or the id of a shipped scenario
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


def add_no_cache(parser: argparse.ArgumentParser) -> None:
    """The ``--no-cache`` option of commands that load scenarios."""
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="load from the YAML file, neither reading nor writing the scenario cache",
    )


def quiet_closed_stdout() -> bool:
    """True when the reader of stdout went away (``| head``); what is left then goes to the
    null device, so leaving Python does not print a BrokenPipeError."""
    try:
        sys.stdout.flush()
    except (BrokenPipeError, ValueError):
        pass
    else:
        return False
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    finally:
        os.close(devnull)
    return True


def emit(command: str, text: str, output: str | None) -> int:
    """Print ``text``, or write it atomically to ``output`` and say so; the exit code."""
    if output is None:
        sys.stdout.write(text)
        return 0
    from roleplay.engine._atomic import write_text_atomic

    try:
        write_text_atomic(Path(output), text)
    except OSError as error:
        print(f"roleplay {command}: cannot write {output}: {error}", file=sys.stderr)
        return 1
    print(f"wrote {output}", file=sys.stderr)
    return 0
