"""``roleplay new`` and ``roleplay schema``: starting a scenario and the schema editors read.

Part of the designer commands (:mod:`roleplay.cli.design` registers them). Heavy imports happen
inside the handlers.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from roleplay.cli._common import emit

if TYPE_CHECKING:
    SubParsers = argparse._SubParsersAction[argparse.ArgumentParser]


# --- new ------------------------------------------------------------------------------------
def register_new(commands: SubParsers) -> None:
    """Add ``roleplay new``."""
    new = commands.add_parser(
        "new",
        help="create a commented starter scenario NAME.yaml",
        description="Create NAME.yaml: a small commented scenario that validates and lints "
        "clean, and .roleplay/scenario.schema.json beside it for editor completion (its first "
        "line points there). Never overwrites an existing scenario.",
    )
    new.add_argument("name", metavar="NAME", help="scenario id, e.g. rota_talk")
    new.add_argument("--dir", default=".", metavar="DIR", help="folder to create it in")
    new.set_defaults(handler=_new)


def _new(args: argparse.Namespace) -> int:
    from roleplay.authoring._scaffold import ScaffoldError, create_scenario

    folder = Path(args.dir)
    name = args.name.removesuffix(".yaml").removesuffix(".yml")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        target = create_scenario(name, folder)
    except ScaffoldError as error:
        print(f"roleplay new: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"roleplay new: cannot write in {folder}: {error}", file=sys.stderr)
        return 1
    print(f"created {target}")
    print(f"next: roleplay lint {target}   then   roleplay play --text {target}")
    return 0


# --- schema ---------------------------------------------------------------------------------
def register_schema(commands: SubParsers) -> None:
    """Add ``roleplay schema``."""
    schema = commands.add_parser(
        "schema",
        help="the scenario JSON Schema for editors (print it, or keep a project's copy)",
        description="Print the JSON Schema of scenario files, or write it with -o. With "
        "--project, write DIR/.roleplay/scenario.schema.json (rewritten only when this roleplay "
        "writes it differently) and point the scenarios in DIR at it: the schema line is added "
        "where there is none and replaces one whose file does not exist.",
    )
    where = schema.add_mutually_exclusive_group()
    where.add_argument("-o", "--output", metavar="FILE", help="write the schema to FILE")
    where.add_argument(
        "--project",
        nargs="?",
        const=".",
        metavar="DIR",
        help="keep DIR's copy for its scenarios (default DIR: the current folder)",
    )
    schema.set_defaults(handler=_schema)


def _schema(args: argparse.Namespace) -> int:
    if args.project is not None:
        return _project(Path(args.project))
    from roleplay.authoring._schema import schema_text

    return emit("schema", schema_text(), args.output)


def _project(folder: Path) -> int:
    from roleplay.authoring._project_schema import link_scenarios, schema_path, write_schema

    if not folder.is_dir():
        print(f"roleplay schema: no such folder: {folder}", file=sys.stderr)
        return 2
    try:
        written = write_schema(folder)
    except OSError as error:
        print(f"roleplay schema: cannot write in {folder}: {error}", file=sys.stderr)
        return 1
    print(f"{'wrote' if written else 'up to date:'} {schema_path(folder)}")
    failed = 0
    for linked in link_scenarios(folder):
        if linked.action == "unreadable":
            failed += 1
            print(f"cannot read {linked.path}: left as it is", file=sys.stderr)
        elif linked.action != "kept":
            print(f"{linked.action} the schema line in {linked.path}")
    return 1 if failed else 0


def refresh_schemas(command: str, files: Sequence[Path]) -> None:
    """Rewrite the project schema beside ``files`` where it is missing or stale, and say so on
    stderr (see roleplay.authoring._project_schema.keep_current)."""
    from roleplay.authoring._project_schema import keep_current

    for path in keep_current(list(files)):
        print(f"roleplay {command}: wrote {path} for this version of roleplay", file=sys.stderr)
