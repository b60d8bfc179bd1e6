"""Lean scenario data: validated by the pydantic models, kept as small immutable records.

A validated pydantic model keeps a ``__dict__`` and the set of fields that were given: about
600 bytes for a choice, and a 10,000-node scenario has 60,000 of them. After validation nothing
needs the model's machinery, only its values, so nodes, choices and lines are kept as *records*:
tuples with a named accessor for each field of their model (generated from ``model_fields``, so a
key added to a model is a field of its record at once), comparing by value, immutable, and without
pydantic's methods (:func:`to_jsonable` gives the JSON the model would dump). Meters, flags,
characters and endings stay pydantic models: there are few of them and they have properties.

Validation runs one node at a time (the rest of the file first, with the nodes left out), and
each node's model becomes a record at once, so a load never holds every model of the file at
the same time. If anything at all fails, :func:`lean_spec` returns None and the caller validates
the whole file the usual way, which reports every problem exactly as before.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable, Mapping
from operator import itemgetter
from typing import Any, ClassVar, cast, get_args, get_origin

from pydantic import BaseModel, Field, ValidationError

from roleplay.engine._model import Choice, LineSpec, Node, ScenarioSpec

Converter = Callable[[Any], Any]


class Record(tuple):  # type: ignore[type-arg]
    """An immutable record with the fields of a pydantic model (see the module docstring).

    A record is a tuple of its field values in field order, with a named, C-speed accessor per
    field (as ``collections.namedtuple`` makes them): it is built in one call from a list of
    values (the scenario cache reads each node straight into one) and is written to JSON as
    that list.
    """

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()
    _aliases: ClassVar[tuple[str, ...]] = ()
    _converters: ClassVar[tuple[Converter | None, ...]] = ()
    # the record of a model's values (its ``__dict__``), made once per class by _maker
    _from_values: ClassVar[Callable[[Mapping[str, Any]], Record]]

    def __setattr__(self, name: str, value: object) -> None:
        # the error a frozen pydantic model raises, so callers see no difference
        raise ValidationError.from_exception_data(
            type(self).__name__, [{"type": "frozen_instance", "loc": (name,), "input": value}]
        )

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable (cannot delete '{name}')")

    def values(self) -> tuple[Any, ...]:
        """The field values, in field order."""
        return tuple(self)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return tuple.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return tuple.__ne__(self, other)

    def __hash__(self) -> int:
        return tuple.__hash__(self)

    def __repr__(self) -> str:
        pairs = zip(self._fields, self, strict=True)
        body = ", ".join(f"{name}={value!r}" for name, value in pairs)
        return f"{type(self).__name__}({body})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), tuple(self)))


def _rebuild(cls: type[Record], values: tuple[Any, ...]) -> Record:
    return tuple.__new__(cls, values)


_RECORD_OF: dict[type[BaseModel], type[Record]] = {}


def _record_class(model: type[BaseModel]) -> type[Record]:
    fields = tuple(model.model_fields)
    accessors = namedtuple("Accessors", fields)  # type: ignore[misc]  # its field accessors
    namespace: dict[str, Any] = {name: getattr(accessors, name) for name in fields}
    namespace.update(
        {
            "__slots__": (),
            "__doc__": f"A lean, immutable {model.__name__}: {model.__doc__}",
            "__module__": __name__,
            "_fields": fields,
            "_aliases": tuple(info.alias or name for name, info in model.model_fields.items()),
        }
    )
    return type(f"{model.__name__}Record", (Record,), namespace)


def to_record(model: BaseModel) -> Record:
    """The record of a validated model (of a class listed in ``_RECORD_OF``)."""
    return _RECORD_OF[type(model)]._from_values(model.__dict__)


def _maker(cls: type[Record]) -> Callable[[Mapping[str, Any]], Record]:
    """How ``cls`` is made from a model's values: every field's value in field order (taken
    in one call), those that hold models made lean by the field's converter."""
    take = itemgetter(*cls._fields, *cls._fields[:1])  # (two names at least: a tuple back)
    converted = tuple((i, c) for i, c in enumerate(cls._converters) if c is not None)
    new = tuple.__new__

    def make(values: Mapping[str, Any]) -> Record:
        row = list(take(values)[: len(cls._fields)])
        for index, convert in converted:
            value = row[index]
            if value is not None:
                row[index] = convert(value)
        return new(cls, row)

    return make


def _converter(annotation: Any) -> Converter | None:
    """How a field's value becomes lean: models with records inside it become records."""
    if annotation in _RECORD_OF:
        cls = _RECORD_OF[annotation]  # its maker is looked up when called: made later
        return lambda model: cls._from_values(model.__dict__)
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        if args[0] in _RECORD_OF:  # (the common case, e.g. a node's choices, in one comprehension)
            cls = _RECORD_OF[args[0]]
            return lambda models: tuple([cls._from_values(m.__dict__) for m in models])
        return _each(_converter(args[0]))
    if origin is dict and len(args) == 2:
        return _each_value(_converter(args[1]))
    arms = [a for a in args if a is not type(None)]
    if len(arms) == 1 and len(args) == 2:  # X | None
        return _converter(arms[0])
    return None


def _each(item: Converter | None) -> Converter | None:
    if item is None:
        return None
    return lambda value: tuple([item(v) for v in value])


def _each_value(item: Converter | None) -> Converter | None:
    if item is None:
        return None
    return lambda value: {key: item(v) for key, v in value.items()}


_MODELS: tuple[type[BaseModel], ...] = (LineSpec, Choice, Node, ScenarioSpec)
for _model_class in _MODELS:
    _RECORD_OF[_model_class] = _record_class(_model_class)
for _model_class, _cls in _RECORD_OF.items():
    _cls._converters = tuple(
        _converter(info.annotation) for info in _model_class.model_fields.values()
    )
    _cls._from_values = _maker(_cls)

LineSpecRecord = _RECORD_OF[LineSpec]
ChoiceRecord = _RECORD_OF[Choice]
NodeRecord = _RECORD_OF[Node]
ScenarioSpecRecord = _RECORD_OF[ScenarioSpec]


class _Head(ScenarioSpec):
    """A scenario with its nodes left unchecked: they are validated one at a time."""

    nodes: dict[str, Any] = Field(min_length=1)


_ONE_NODE = {"": None}  # stands in for the nodes while the rest of the file is validated


def lean_spec(data: Any) -> ScenarioSpec | None:
    """``data`` validated as a scenario and kept as records; None when anything fails.

    The result is typed as the model it stands for: it has the same fields (and no methods).
    """
    if not isinstance(data, dict):
        return None
    nodes = data.get("nodes")
    if not isinstance(nodes, dict) or not nodes:
        return None
    validate_node, make_node = Node.model_validate, NodeRecord._from_values
    try:
        head = _Head.model_validate({**data, "nodes": _ONE_NODE})
        lean: dict[str, Record] = {}
        for node_id, raw in nodes.items():
            if not isinstance(node_id, str):
                return None
            lean[node_id] = make_node(validate_node(raw).__dict__)
    except ValidationError:
        return None
    values = dict(head.__dict__, nodes=lean)
    fields = ScenarioSpecRecord._fields
    record = tuple.__new__(ScenarioSpecRecord, [values[name] for name in fields])
    return cast(ScenarioSpec, record)


def to_jsonable(value: Any) -> Any:
    """JSON-ready data of a record (or model) as the model's ``model_dump(by_alias=True)``."""
    if isinstance(value, Record):
        return {
            alias: to_jsonable(getattr(value, name))
            for name, alias in zip(value._fields, value._aliases, strict=True)
        }
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", by_alias=True)
    if isinstance(value, Mapping):  # a dict, or the nodes of a scenario from the cache
        return {key: to_jsonable(item) for key, item in value.items()}
    if isinstance(value, tuple | list):
        return [to_jsonable(item) for item in value]
    return value
