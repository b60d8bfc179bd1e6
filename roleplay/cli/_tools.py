"""Designer sub-commands that ship with the engine: ``roleplay test``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from roleplay.engine._errors import PlaythroughError, ScenarioError


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``test`` sub-command."""
    test = commands.add_parser("test", help="replay *.playthrough.yaml files and check outcomes")
    test.add_argument("paths", nargs="+", metavar="PATH", help="playthrough files or folders")
    test.set_defaults(handler=_test)


def _test(args: argparse.Namespace) -> int:
    from roleplay.engine._playthrough import check_playthrough, find_playthroughs

    files = [f for raw in args.paths for f in find_playthroughs(Path(raw))]
    if not files:
        print("roleplay test: no *.playthrough.yaml files found", file=sys.stderr)
        return 2
    failed = 0
    for file in files:
        try:
            outcome = check_playthrough(file, roundtrip=True)
        except (PlaythroughError, ScenarioError) as error:
            print(f"ERROR {file}: {error}")
            failed += 1
            continue
        if outcome.ok:
            print(f"ok    {file}: {outcome.ending}")
        else:
            failed += 1
            print(f"FAIL  {file}")
            for problem in outcome.problems:
                print(f"      {problem}")
    print(f"{len(files) - failed} passed, {failed} failed")
    return 1 if failed else 0
