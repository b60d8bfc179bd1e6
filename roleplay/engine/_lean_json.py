"""The scenario cache's body: a validated scenario as compact JSON, read back without re-validating.

Records and models are written as JSON arrays of their field values in field order (the cache
key includes a hash of the model definitions, so the order cannot change under an entry), which
the C encoder and decoder handle at full speed. Reading rebuilds the records, and the few small
models (meters, flags, characters, endings, techniques) with ``model_construct``, without running
pydantic: the body was validated before it was written, and the cache checks its SHA-256 before
handing it here, so it is exactly what was validated. Anything that does not fit the expected
shape raises :class:`ValueError`, and the caller falls back to a full load.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any, get_args, get_origin

from pydantic import BaseModel

from roleplay.engine._lean import _RECORD_OF, Record
from roleplay.engine._model import ScenarioSpec, Technique

Reader = Callable[[Any], Any]


def dump_json(value: Any) -> bytes:
    """``value`` (records, models, dicts, tuples, plain values) as compact JSON bytes."""
    text = json.dumps(value, default=_positional, ensure_ascii=False, separators=(",", ":"))
    return text.encode("utf-8")


def _positional(value: Any) -> Any:
    if isinstance(value, Record):
        return value.values()
    if isinstance(value, BaseModel):
        return [getattr(value, name) for name in type(value).model_fields]
    raise TypeError(f"cannot write a {type(value).__name__} to the cache")


def read_spec(data: Any) -> ScenarioSpec:
    """The scenario written by :func:`dump_json`, as records; ValueError when it does not fit."""
    spec: ScenarioSpec = _read(ScenarioSpec)(data)
    return spec


def read_techniques(data: Any) -> dict[str, Technique]:
    """Techniques by id, as written by :func:`dump_json`."""
    if not isinstance(data, dict):
        raise ValueError("techniques: expected an object")
    read = _read(Technique)
    return {str(key): read(value) for key, value in data.items()}


_READERS: dict[type[BaseModel], Reader] = {}


def _read(model: type[BaseModel]) -> Reader:
    """The reader of one model's array (cached per model)."""
    reader = _READERS.get(model)
    if reader is None:
        names = tuple(model.model_fields)
        fields = tuple(_reader(info.annotation) for info in model.model_fields.values())
        record = _RECORD_OF.get(model)
        build = _record_builder(record) if record else _model_builder(model)
        reader = _READERS[model] = _array_reader(names, fields, build)
    return reader


def _array_reader(
    names: tuple[str, ...],
    fields: tuple[Reader | None, ...],
    build: Callable[[dict[str, Any]], Any],
) -> Reader:
    def read(data: Any) -> Any:
        if not isinstance(data, list) or len(data) != len(names):
            raise ValueError(f"expected an array of {len(names)} values")
        values = {}
        for name, field, value in zip(names, fields, data, strict=True):
            values[name] = value if field is None or value is None else field(value)
        return build(values)

    return read


def _record_builder(cls: type[Record]) -> Callable[[Mapping[str, Any]], Record]:
    def build(values: Mapping[str, Any]) -> Record:
        record = object.__new__(cls)
        for name in cls._fields:
            object.__setattr__(record, name, values[name])
        return record

    return build


def _model_builder(model: type[BaseModel]) -> Callable[[dict[str, Any]], BaseModel]:
    def build(values: dict[str, Any]) -> BaseModel:
        return model.model_construct(**values)

    return build


def _reader(annotation: Any) -> Reader | None:
    """How a field's JSON value becomes its Python value (None: as it is)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return lambda value: _read(annotation)(value)
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return _tuple_of(_reader(args[0]))
    if origin is dict and len(args) == 2:
        return _dict_of(_reader(args[1]))
    arms = [a for a in args if a is not type(None)]
    if len(arms) == 1 and len(args) == 2:  # X | None
        return _reader(arms[0])
    return None


def _tuple_of(item: Reader | None) -> Reader:
    def read(value: Any) -> tuple[Any, ...]:
        if not isinstance(value, list):
            raise ValueError("expected an array")
        return tuple(value) if item is None else tuple([item(v) for v in value])

    return read


def _dict_of(item: Reader | None) -> Reader:
    def read(value: Any) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise ValueError("expected an object")
        return value if item is None else {k: item(v) for k, v in value.items()}

    return read
