"""The scenario schema kept in a designer's own folder, so editor completion works anywhere.

A scenario's first line, ``# yaml-language-server: $schema=.roleplay/scenario.schema.json``,
points the YAML language server at a copy of the schema beside it. ``roleplay new`` and
``roleplay schema --project`` write that copy; ``validate``, ``lint`` and the roleplay language
server write it again when it is missing (a line points at it) or was written by another
roleplay (its ``$comment`` stamp names the roleplay version and a fingerprint of the model), so
the editor never reads a stale or missing schema. Only ``.roleplay/scenario.schema.json`` inside
a scenario's own folder is ever written.

The repository's scenarios point at ``docs/scenario.schema.json`` instead, the committed copy
that a test keeps current (and that the wheel ships beside the bundled scenarios).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from roleplay.engine._atomic import write_text_atomic
from roleplay.engine._files import FileProblem, read_bounded, read_head, read_json_bounded
from roleplay.engine._paths import find_scenarios, shipped_scenarios_dir
from roleplay.engine._version import VERSION

SCHEMA_FOLDER = ".roleplay"
SCHEMA_NAME = "scenario.schema.json"
#: Where a scenario's schema line points, relative to the scenario.
SCHEMA_TARGET = f"{SCHEMA_FOLDER}/{SCHEMA_NAME}"
LINE_PREFIX = "# yaml-language-server: $schema="
SCHEMA_LINE = f"{LINE_PREFIX}{SCHEMA_TARGET}"
#: What the repository's (and the wheel's) own scenarios point at.
SHIPPED_LINE = f"{LINE_PREFIX}../docs/{SCHEMA_NAME}"
MAX_SCHEMA_BYTES = 1_000_000
MAX_SCENARIO_BYTES = 16 * 1024 * 1024


def schema_path(folder: Path) -> Path:
    """The schema file the scenarios in ``folder`` point at."""
    return folder / SCHEMA_FOLDER / SCHEMA_NAME


@lru_cache(maxsize=1)
def schema_stamp() -> str:
    """What the project copy's ``$comment`` says: the roleplay that wrote it and a fingerprint
    of the scenario model (and of pydantic, which writes the schema)."""
    import pydantic

    from roleplay.engine import _model

    source = read_bounded(Path(_model.__file__), MAX_SCHEMA_BYTES)
    digest = hashlib.sha256(source + pydantic.VERSION.encode()).hexdigest()[:16]
    return (
        f"written by roleplay {VERSION} (model {digest}) for editor completion; "
        "roleplay validate, lint, lsp and 'roleplay schema --project' rewrite it when it changes"
    )


def project_schema_text() -> str:
    """The schema as written into a project: ``roleplay schema`` plus the ``$comment`` stamp."""
    from roleplay.authoring._schema import scenario_schema

    plain = scenario_schema()
    head = {key: plain.pop(key) for key in ("$schema", "$id")}
    schema: dict[str, Any] = {**head, "$comment": schema_stamp(), **plain}
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def is_current(path: Path) -> bool:
    """True when ``path`` is a schema written by this roleplay (its stamp matches)."""
    try:
        data = read_json_bounded(path, MAX_SCHEMA_BYTES)
    except FileProblem:
        return False
    return isinstance(data, dict) and data.get("$comment") == schema_stamp()


def write_schema(folder: Path) -> bool:
    """Write ``folder/.roleplay/scenario.schema.json`` unless it is current; True if written.

    Raises OSError when the folder cannot be written."""
    path = schema_path(folder)
    if is_current(path):
        return False
    path.parent.mkdir(exist_ok=True)
    write_text_atomic(path, project_schema_text())
    return True


def schema_line(folder: Path) -> str:
    """The first line of a new scenario in ``folder``: the shipped scenarios' line in the
    game's own scenario folder, else the line to the project copy."""
    try:
        shipped = folder.resolve() == shipped_scenarios_dir().resolve()
    except OSError:
        shipped = False
    if shipped and (folder / ".." / "docs" / SCHEMA_NAME).is_file():
        return SHIPPED_LINE
    return SCHEMA_LINE


def points_at_project_copy(scenario: Path) -> bool:
    """True when the scenario's first line is the line to ``.roleplay/scenario.schema.json``."""
    try:
        head = read_head(scenario, len(SCHEMA_LINE) + 8).decode("utf-8", errors="replace")
    except FileProblem:
        return False
    first = head.lstrip("\ufeff").partition("\n")[0].rstrip("\r")
    return first == SCHEMA_LINE


def keep_current(scenarios: list[Path]) -> list[Path]:
    """Rewrite the project copy beside these scenarios where it is missing while a scenario
    points at it, or stale; the schema files written. Folders that cannot be written are left
    as they are (the check itself reports nothing about the schema)."""
    written: list[Path] = []
    for folder in sorted({scenario.parent for scenario in scenarios}):
        path = schema_path(folder)
        wanted = path.is_file() or any(
            points_at_project_copy(s) for s in scenarios if s.parent == folder
        )
        if not wanted or path.is_symlink():
            continue
        try:
            if write_schema(folder):
                written.append(path)
        except OSError:
            continue
    return written


@dataclass(frozen=True)
class Linked:
    """What ``link_scenarios`` did to one scenario file."""

    path: Path
    action: str  # "added" (a first line), "replaced" (a line to a missing file), "kept"


def link_scenarios(folder: Path) -> list[Linked]:
    """Point every scenario in ``folder`` at the project copy: add the schema line where there
    is none, replace one that points at a file that does not exist, keep one that works."""
    results = []
    for scenario in find_scenarios(folder):
        try:
            results.append(Linked(scenario, _link(scenario)))
        except (FileProblem, OSError, UnicodeDecodeError):
            results.append(Linked(scenario, "unreadable"))
    return results


def _link(scenario: Path) -> str:
    text = read_bounded(scenario, MAX_SCENARIO_BYTES).decode("utf-8")
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text[len(bom) :]
    first, _, rest = body.partition("\n")
    end = "\r\n" if first.endswith("\r") else "\n"
    if first.rstrip("\r").startswith(LINE_PREFIX):
        target = first.rstrip("\r")[len(LINE_PREFIX) :].strip()
        if first.rstrip("\r") == SCHEMA_LINE or _exists(scenario.parent, target):
            return "kept"
        write_text_atomic(scenario, bom + SCHEMA_LINE + end + rest)
        return "replaced"
    write_text_atomic(scenario, bom + SCHEMA_LINE + end + body)
    return "added"


def _exists(folder: Path, target: str) -> bool:
    """True when a schema line's target (a path relative to the scenario, or a URL) exists."""
    if "://" in target:
        return True  # a URL: not ours to judge without the network
    try:
        return (folder / target).is_file()
    except OSError:
        return False
