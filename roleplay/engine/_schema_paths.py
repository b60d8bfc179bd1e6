"""Which keys are valid where: the scenario models walked along a path of keys and indexes.

Used to word layout and shape mistakes the way a designer thinks of them: "a choice", "a
reaction line", and to say where a misplaced key really belongs (``next`` is a key of a choice
and of a node, never of a line).
"""

from __future__ import annotations

import types
from collections.abc import Sequence
from functools import lru_cache
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from roleplay.engine import _model

Path = Sequence[str | int]

#: What a designer calls the mapping each model describes.
KIND_WORDS: dict[type[BaseModel], str] = {
    _model.ScenarioSpec: "top level",
    _model.Node: "node",
    _model.Choice: "choice",
    _model.LineSpec: "line",
    _model.Ending: "ending",
    _model.RulePart: "rule part",
    _model.Meter: "meter",
    _model.Flag: "flag",
    _model.Character: "character",
    _model.CheckQuestion: "question",
    _model.CheckOption: "option",
    _model.Paragraph: "paragraph",
}

#: Mappings of ids to entries at the top level, and what one entry is called.
SECTIONS = {
    "nodes": "node",
    "meters": "meter",
    "flags": "flag",
    "characters": "character",
    "backgrounds": "background",
    "techniques": "technique",
}


def _arms(annotation: Any) -> list[Any]:
    """The alternatives of an annotation, with Annotated, Optional and unions taken apart."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _arms(get_args(annotation)[0])
    if origin is Union or origin is types.UnionType:
        return [arm for arg in get_args(annotation) for arm in _arms(arg)]
    return [annotation]


@lru_cache(maxsize=64)
def _fields(model: type[BaseModel]) -> dict[str, Any]:
    """The model's keys as written in YAML (aliases), each with its annotation."""
    return {info.alias or name: info.annotation for name, info in model.model_fields.items()}


def _child(annotation: Any, part: str | int) -> Any | None:
    """The annotation of ``part`` inside a value of ``annotation`` (None when it has none)."""
    for arm in _arms(annotation):
        if isinstance(arm, type) and issubclass(arm, BaseModel):
            if isinstance(part, str) and part in _fields(arm):
                return _fields(arm)[part]
            continue
        origin = get_origin(arm)
        if origin is dict and isinstance(part, str):
            return get_args(arm)[1]
        if origin in (tuple, list) and isinstance(part, int):
            return get_args(arm)[0]
    return None


def model_at(path: Path, root: type[BaseModel] = _model.ScenarioSpec) -> type[BaseModel] | None:
    """The model of the mapping at ``path`` (keys and list indexes from the top), if any."""
    annotation: Any = root
    for part in path:
        annotation = _child(annotation, part)
        if annotation is None:
            return None
    return next(
        (a for a in _arms(annotation) if isinstance(a, type) and issubclass(a, BaseModel)), None
    )


def keys_of(model: type[BaseModel]) -> tuple[str, ...]:
    """The keys a mapping of ``model`` may have, as written in YAML."""
    return tuple(_fields(model))


def kind_word(model: type[BaseModel] | None, path: Path = ()) -> str:
    """ "choice", "reaction line", "node"... for the mapping of ``model`` at ``path``."""
    if model is None:
        return "entry"
    word = KIND_WORDS.get(model, model.__name__.lower())
    holder = next((p for p in reversed(path) if isinstance(p, str)), "")
    if model is _model.LineSpec and holder == "reaction":
        return "reaction line"
    return word


def owner_of(path: Path, key: str, root: type[BaseModel] = _model.ScenarioSpec) -> int | None:
    """How many parts of ``path`` lead to the nearest mapping, at or above it, that may hold
    ``key`` (None when none may)."""
    for size in range(len(path), -1, -1):
        model = model_at(path[:size], root)
        if model is not None and key in _fields(model):
            return size
    return None
