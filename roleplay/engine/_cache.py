"""The validated-scenario cache: a clean scenario's checked model kept as JSON between runs.

Loading a big scenario spends most of its time parsing YAML and validating it. A file that
loaded without a single diagnostic does not need either the next time: its validated scenario
and techniques are written as compact JSON (never pickle, see roleplay.engine._lean_json) to the
user's cache folder, with the SHA-256 of that body, and read back without YAML or pydantic while
the file, the technique catalogue, the format and the package versions stay the same and the body
still has its hash. Everything else still runs on a hit (the meaning checks, asset lookups and
compilation), so a scenario that is no longer clean (a portrait deleted, say) falls back to the
full load and reports exactly what it always would. Only clean files are cached, so diagnostics
never differ.

Entries live in ``$ROLEPLAY_HOME/cache/scenarios`` (else platformdirs' user cache folder), one per
scenario path, written atomically. An entry that is unreadable, corrupt, too big, for another key
or not matching its hash is ignored and rewritten.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from roleplay.engine._atomic import sweep_temp_files, write_bytes_atomic
from roleplay.engine._diagnostics import Diagnostic, DiagnosticSink
from roleplay.engine._files import FileProblem, parse_json, read_bounded
from roleplay.engine._lean_json import (
    choice_targets,
    dump_json,
    node_field,
    read_spec,
    read_techniques,
)
from roleplay.engine._model import FORMAT_VERSION, ScenarioSpec
from roleplay.engine._paths import assets_dir
from roleplay.engine._scenario import Scenario
from roleplay.engine._yaml import MAX_BYTES, SourceMap, paused_gc

LAYOUT = 5  # bump when the entry layout or what a hit skips changes (5: RP038)
HOME_ENV = "ROLEPLAY_HOME"
MAX_ENTRY_BYTES = 8 * MAX_BYTES  # the JSON of a model is bigger than its YAML
MAX_ENTRIES = 256

Loaded = tuple[Scenario | None, list[Diagnostic]]


@dataclass(frozen=True)
class LoaderParts:
    """What the cache needs from the loader, handed in so the two never import each other:
    the full load of a file (``check``), or of the bytes the cache read from it and their
    SHA-256 (``check_bytes``), and where the technique catalogue of a scenario is."""

    check: Callable[[Path, str | None], Loaded]
    check_bytes: Callable[[Path, str | None, bytes, str], Loaded]
    catalogue_path: Callable[[Path], Path]


def cache_dir() -> Path:
    """The folder of cached scenarios (not created here)."""
    home = os.environ.get(HOME_ENV)
    if home:
        return Path(home) / "cache" / "scenarios"
    import platformdirs

    return Path(platformdirs.user_cache_dir("roleplay", appauthor=False)) / "scenarios"


def check_cached(path: Path, display: str | None, loader: LoaderParts) -> Loaded:
    """``loader.check(path, display)`` (the full load), served from the cache when valid.

    The file is read once: a miss loads the very bytes the key was made of, so what is stored
    is what those bytes hold.
    """
    data = _read_bounded(path, MAX_BYTES)
    if data is None:
        return loader.check(path, display)
    digest = hashlib.sha256(data).hexdigest()
    key = _key(path, digest, loader)
    entry = _entry_path(path)
    scenario = _from_entry(entry, key, path, display) if key else None
    if scenario is not None:
        return scenario, []
    held = [data]
    del data  # the load lets go of the bytes once it has decoded them
    scenario, diagnostics = loader.check_bytes(path, display, held.pop(), digest)
    if key and scenario is not None and not diagnostics:
        _store(entry, key, scenario)
    return scenario, diagnostics


# --- the key ---------------------------------------------------------------------------------
def _key(path: Path, file_sha256: str, loader: LoaderParts) -> dict[str, Any] | None:
    """Everything a cached model depends on; None when the catalogue cannot be read."""
    catalogue = _read_bounded(loader.catalogue_path(path.parent), MAX_BYTES)
    if catalogue is None:
        return None
    return {
        "layout": LAYOUT,
        "format": FORMAT_VERSION,
        "file_sha256": file_sha256,
        "catalogue_sha256": hashlib.sha256(catalogue).hexdigest(),
        "versions": _versions(),
    }


_VERSIONS: dict[str, str] = {}


def _versions() -> dict[str, str]:
    """roleplay, pydantic and Python versions, and a fingerprint of the model definitions."""
    if not _VERSIONS:
        import pydantic
        import pydantic_core

        from roleplay.engine import _model

        model_source = _read_bounded(Path(_model.__file__), 1_000_000) or b""
        _VERSIONS.update(
            roleplay=_roleplay_version(),
            pydantic=pydantic.VERSION,
            pydantic_core=pydantic_core.__version__,
            python=f"{sys.version_info.major}.{sys.version_info.minor}",
            model_sha256=hashlib.sha256(model_source).hexdigest(),
        )
    return _VERSIONS


def _roleplay_version() -> str:
    # the package's own constant: importlib.metadata costs 20 ms of every start from the cache
    from roleplay.engine._version import VERSION

    return VERSION


def _entry_path(path: Path) -> Path:
    name = hashlib.sha256(str(path.resolve()).encode("utf-8", "surrogatepass")).hexdigest()
    return cache_dir() / f"{name[:32]}.json"


# --- reading an entry ------------------------------------------------------------------------
def _from_entry(
    entry: Path, key: dict[str, Any], path: Path, display: str | None
) -> Scenario | None:
    """The scenario rebuilt from a valid entry, or None (missing, corrupt, stale, not clean)."""
    raw = _read_bounded(entry, MAX_ENTRY_BYTES)
    if raw is None:
        return None
    split = raw.find(b"\n")
    if split < 0:
        return None
    body = memoryview(raw)[split + 1 :]  # not copied: hashed and decoded in place
    try:
        header = parse_json(raw[:split].decode("utf-8"))  # no deep nesting or huge numbers
        if not isinstance(header, dict) or header.get("key") != key:
            return None
        if header.get("body_sha256") != hashlib.sha256(body).hexdigest():
            return None  # damaged: only the exact body that was validated is trusted
        content_hash = str(header["content_hash"])
        with paused_gc():
            spec_data, technique_data = json.loads(str(body, "utf-8"))
            spec = read_spec(spec_data)
            techniques = MappingProxyType(read_techniques(technique_data))
    except (ValueError, KeyError, TypeError, RecursionError):
        return None
    return _compile(spec, techniques, path, display, content_hash)


def _compile(
    spec: ScenarioSpec, techniques: Any, path: Path, display: str | None, content_hash: str
) -> Scenario | None:
    """Run the scenario-wide checks (assets too) and compile nodes on first use; None when
    anything at all is reported or the entry's references do not hold."""
    from roleplay.engine._checks import build_scenario
    from roleplay.engine._document import Document

    if not _references_hold(spec):
        return None
    name = display or str(path)
    doc = Document(name, "", None, SourceMap(), DiagnosticSink(name))
    with paused_gc():
        scenario = build_scenario(
            doc, spec, techniques, (path.parent, assets_dir()), path, content_hash, lazy=True
        )
    return None if doc.sink.items else scenario


def _references_hold(spec: ScenarioSpec) -> bool:
    """Every node and ending an entry names exists: a hit reads and compiles nodes only when
    they are played, so even an entry forged with a matching hash must not lead play nowhere.
    Read from the nodes' arrays: no record is made here."""
    nodes = spec.nodes
    try:
        nexts = set(node_field(nodes, "next"))
        named = set(node_field(nodes, "ending"))
        targets = set(choice_targets(nodes))
    except TypeError:  # an id that is not a string: not an entry this package wrote
        return False
    nexts.discard(None)
    named.discard(None)
    endings = {ending.id for ending in spec.endings}
    return spec.start in nodes and not (nexts | targets).difference(nodes) and named <= endings


def _read_bounded(path: Path, limit: int) -> bytes | None:
    """The bytes of a regular file of at most ``limit`` bytes (the engine's reader), else None."""
    try:
        return read_bounded(path, limit)
    except FileProblem:
        return None


# --- writing an entry ------------------------------------------------------------------------
def _store(entry: Path, key: dict[str, Any], scenario: Scenario) -> None:
    """Write the entry atomically; a cache that cannot be written is simply not used."""
    body = dump_json([scenario.spec, dict(scenario.techniques)])
    header = json.dumps(
        {
            "key": key,
            "content_hash": scenario.content_hash,
            "body_sha256": hashlib.sha256(body).hexdigest(),
        }
    ).encode("utf-8")
    try:
        write_bytes_atomic(entry, header + b"\n" + body, durable=False)  # checked when read
        _prune(entry.parent)
    except OSError:
        return


def _prune(folder: Path) -> None:
    """Keep the newest MAX_ENTRIES entries (scenarios renamed or deleted leave old ones), and
    remove the temp files of writes that were killed."""
    sweep_temp_files(folder)
    entries = [p for p in folder.glob("*.json") if p.is_file()]
    if len(entries) <= MAX_ENTRIES:
        return
    entries.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[MAX_ENTRIES:]:
        old.unlink(missing_ok=True)
