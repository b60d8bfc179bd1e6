"""Loading a scenario in two phases: shape (pydantic), then meaning (references, conditions)."""

from __future__ import annotations

import codecs
import hashlib
import os
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, cast

from pydantic import BaseModel, ValidationError

from roleplay.engine._checks import build_scenario
from roleplay.engine._diagnostics import Diagnostic, DiagnosticSink, has_errors, hint_budget
from roleplay.engine._document import (
    Document,
    decode_text,
    parse_document,
    parse_text,
    read_document,
)
from roleplay.engine._errors import ScenarioError
from roleplay.engine._lean import lean_spec, to_record
from roleplay.engine._limits import check_limits
from roleplay.engine._model import ScenarioSpec, Technique, TechniqueCatalogue
from roleplay.engine._paths import assets_dir, shipped_scenarios_dir
from roleplay.engine._salvage import mentions_removed, salvage
from roleplay.engine._scenario import Scenario
from roleplay.engine._shape_words import report_shape_errors
from roleplay.engine._yaml import paused_gc

CATALOGUE_NAME = "techniques.yaml"


def validate_shape(doc: Document, model: type[BaseModel], what: str) -> BaseModel | None:
    """Validate the document against a pydantic model, recording every shape problem."""
    if not isinstance(doc.data, dict):
        doc.sink.add(
            "RP006",
            f"this file is not a {what}: expected a mapping of keys at the top",
            *doc.smap.root_pos,
            hint="a scenario starts with keys such as 'format: 1' and 'id: my_scenario'",
        )
        return None
    model_or_errors = _validate(doc.data, model)
    if isinstance(model_or_errors, BaseModel):
        return model_or_errors
    report_shape_errors(doc, model_or_errors, model)
    return None


def _validate(data: Any, model: type[BaseModel]) -> BaseModel | list[Any]:
    """The validated model, or pydantic's list of errors."""
    try:
        with paused_gc():
            return model.model_validate(data)
    except ValidationError as exc:
        return _located(data, exc.errors(include_url=False))


def _located(data: Any, errors: list[Any]) -> list[Any]:
    """Errors with the branch names of text-or-list unions taken out of their locations.

    A list that failed because of its items also reports being too short; only the items'
    errors are kept.
    """
    located = []
    for error in errors:
        error = dict(error)
        error["loc"] = _data_path(data, tuple(error["loc"]))
        located.append(error)
    return [e for e in located if not (e["type"] == "too_short" and _has_inner(e, located))]


def _has_inner(error: Any, errors: list[Any]) -> bool:
    """True when another error lies inside the value ``error`` is about."""
    loc = error["loc"]
    return any(len(e["loc"]) > len(loc) and e["loc"][: len(loc)] == loc for e in errors)


def _data_path(data: Any, loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """``loc`` without the branch names pydantic adds for text-or-list unions (see _model)."""
    kept: list[Any] = []
    node = data
    for part in loc:
        if _is_branch(part, node):
            continue
        kept.append(part)
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            node = None
    return tuple(kept)


def _is_branch(part: Any, node: Any) -> bool:
    """True when ``part`` names the union branch ``node`` took rather than a key in it."""
    if part in ("text", "number"):  # "number": a playthrough's format 1 choice
        return not isinstance(node, dict)
    if part == "list":
        return isinstance(node, list)
    return part == "mapping" and isinstance(node, dict) and "mapping" not in node


@lru_cache(maxsize=16)
def _catalogue_cached(
    path: Path, mtime_ns: int
) -> tuple[Mapping[str, Technique], tuple[Diagnostic, ...]]:
    try:
        doc = read_document(path)
    except ScenarioError as error:
        return MappingProxyType({}), tuple(error.diagnostics)
    model = validate_shape(doc, TechniqueCatalogue, "technique catalogue")
    if not isinstance(model, TechniqueCatalogue):
        doc.sink.add(
            "RP050",
            "the technique catalogue has errors; techniques are not checked",
            1,
            1,
            hint="fix the problems listed for this file",
        )
        return MappingProxyType({}), tuple(doc.sink.items)
    return MappingProxyType(dict(model.techniques)), ()


def catalogue_path(folder: Path) -> Path:
    """The technique catalogue used by scenarios in ``folder``."""
    local = folder / CATALOGUE_NAME
    # anything by that name (even a FIFO or a link to a device) is used, and reported if bad
    return local if os.path.lexists(local) else shipped_scenarios_dir() / CATALOGUE_NAME


def load_techniques(folder: Path) -> tuple[Mapping[str, Technique], tuple[Diagnostic, ...]]:
    """The technique catalogue for a scenario folder, with its own diagnostics."""
    path = catalogue_path(folder)
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        sink = DiagnosticSink(str(path))
        sink.add(
            "RP050",
            "technique catalogue not found",
            1,
            1,
            hint=f"create {CATALOGUE_NAME} beside the scenario",
        )
        return MappingProxyType({}), tuple(sink.items)
    return _catalogue_cached(path.resolve(), mtime)


def check_scenario_file(
    path: Path | str, display: str | None = None, *, use_cache: bool = True
) -> tuple[Scenario | None, list[Diagnostic]]:
    """Load and check a scenario; return it (None on errors) and every diagnostic found.

    Clean files are served from the validated-scenario cache (see roleplay.engine._cache)
    unless ``use_cache`` is False; the diagnostics are the same either way.
    """
    path = Path(path)
    if use_cache:
        from roleplay.engine._cache import LoaderParts, check_cached

        parts = LoaderParts(_check_uncached, _check_bytes, catalogue_path)
        return check_cached(path, display, parts)
    with paused_gc():
        try:
            doc = read_document(path, display)
        except ScenarioError as error:
            return None, list(error.diagnostics)
        return check_document(doc, path.parent, path, keep_data=False)


def _check_uncached(path: Path, display: str | None) -> tuple[Scenario | None, list[Diagnostic]]:
    return check_scenario_file(path, display, use_cache=False)


def _check_bytes(
    path: Path, display: str | None, data: bytes, data_sha256: str
) -> tuple[Scenario | None, list[Diagnostic]]:
    """The full load of ``data``, the bytes the cache just read from ``path`` (and hashed to
    ``data_sha256``): the file is not read, decoded or hashed a second time."""
    # the content hash is of the text in UTF-8: the bytes themselves, unless they start with
    # a byte order mark (which decoding drops)
    content_hash = None if data.startswith(codecs.BOM_UTF8) else data_sha256[:16]
    name = display or str(path)
    with paused_gc():
        try:
            text = decode_text(data, name)
            del data  # only the text is needed from here on (a big file's bytes are megabytes)
            doc = parse_text(text, name)
        except ScenarioError as error:
            return None, list(error.diagnostics)
        return check_document(doc, path.parent, path, keep_data=False, content_hash=content_hash)


def check_document(
    doc: Document,
    folder: Path,
    path: Path | None = None,
    *,
    keep_data: bool = True,
    content_hash: str | None = None,
) -> tuple[Scenario | None, list[Diagnostic]]:
    """Run both phases on a parsed document (within the limits, see roleplay.engine._limits).

    Without ``keep_data``, ``doc.data`` (the parsed file) is let go once it has been validated.
    ``content_hash`` is the text's (see :func:`content_hash`) when the caller knows it.
    """
    with hint_budget():
        scenario, diagnostics = _check_document(
            doc, folder, path, keep_data, content_hash or _content_hash(doc.text)
        )
    own = [d for d in diagnostics if d.file == doc.sink.file]  # the catalogue's come first
    others = [d for d in diagnostics if d.file != doc.sink.file]
    return scenario, others + sorted(own, key=lambda d: (d.line, d.col))


def _check_document(
    doc: Document, folder: Path, path: Path | None, keep_data: bool, content_hash: str
) -> tuple[Scenario | None, list[Diagnostic]]:
    techniques, catalogue_problems = load_techniques(folder)
    if not check_limits(doc):
        return None, list(catalogue_problems) + doc.sink.items
    spec = _validated(doc, keep_data)
    if spec is None:
        _check_salvaged(doc, folder, techniques, content_hash)
        return None, list(catalogue_problems) + doc.sink.items
    scenario = build_scenario(doc, spec, techniques, (folder, assets_dir()), path, content_hash)
    diagnostics = list(catalogue_problems) + doc.sink.items
    if has_errors(diagnostics):
        return None, diagnostics
    return scenario, diagnostics


def _validated(doc: Document, keep_data: bool) -> ScenarioSpec | None:
    """The lean spec (see roleplay.engine._lean), else the usual validation and its problems."""
    spec = lean_spec(doc.data)
    if spec is None:
        model = validate_shape(doc, ScenarioSpec, "scenario")
        if not isinstance(model, ScenarioSpec):
            return None
        spec = cast(ScenarioSpec, to_record(model))
    if not keep_data:
        doc.data = None  # the parsed file: only the spec is needed from here on
    return spec


def _check_salvaged(
    doc: Document, folder: Path, techniques: Mapping[str, Technique], content_hash: str
) -> None:
    """After shape errors, check the meaning of what is left (see roleplay.engine._salvage)."""
    if not isinstance(doc.data, dict):
        return
    errors = _validate(doc.data, ScenarioSpec)
    removed = salvage(doc.data, errors) if isinstance(errors, list) else None
    if removed is None:
        return
    spec = _validate(doc.data, ScenarioSpec)
    if not isinstance(spec, ScenarioSpec):
        return
    shape_problems = list(doc.sink.items)
    doc.sink.items.clear()
    build_scenario(doc, spec, techniques, (folder, assets_dir()), None, content_hash)
    meaning = [d for d in doc.sink.items if not mentions_removed(d, removed)]
    doc.sink.items[:] = shape_problems + meaning


def _content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def load_scenario(path: Path | str, *, use_cache: bool = True) -> Scenario:
    """Load a scenario file, raising ScenarioError (with every diagnostic) when it has errors."""
    scenario, diagnostics = check_scenario_file(path, use_cache=use_cache)
    if scenario is None:
        raise ScenarioError(diagnostics)
    return scenario


def load_scenario_text(text: str, folder: Path | str = ".", name: str = "<text>") -> Scenario:
    """Load a scenario from YAML text; assets resolve against ``folder``."""
    try:
        doc = parse_document(text.encode("utf-8"), name)
    except ScenarioError:
        raise
    scenario, diagnostics = check_document(doc, Path(folder), keep_data=False)
    if scenario is None:
        raise ScenarioError(diagnostics)
    return scenario
