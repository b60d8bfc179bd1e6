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
import threading
import types
from collections.abc import Callable, Iterator, Mapping
from operator import attrgetter, itemgetter
from typing import Annotated, Any, Literal, Union, cast, get_args, get_origin

from pydantic import BaseModel

from roleplay.engine._lean import _RECORD_OF, Record
from roleplay.engine._model import Choice, Node, ScenarioSpec, Technique

Reader = Callable[[Any], Any]


def dump_json(value: Any) -> bytes:
    """``value`` (records, models, dicts, tuples, plain values) as compact JSON bytes.

    A loaded scenario is a tree (YAML aliases cannot refer to what holds them), so the
    encoder's check for cycles, a fifth of its time, is left out.
    """
    text = json.dumps(
        value, default=_positional, ensure_ascii=False, separators=(",", ":"), check_circular=False
    )
    return text.encode("utf-8")


def _positional(value: Any) -> Any:
    # records are tuples of their values in field order: the encoder writes them as arrays
    if isinstance(value, BaseModel):
        return [getattr(value, name) for name in type(value).model_fields]
    if isinstance(value, Mapping):  # the nodes of a scenario read from the cache
        return dict(value)
    raise TypeError(f"cannot write a {type(value).__name__} to the cache")


def read_spec(data: Any) -> ScenarioSpec:
    """The scenario written by :func:`dump_json`, as records; ValueError when it does not fit.

    Its nodes are :class:`NodeRecords`: each node's record is made when it is first looked up
    (a playthrough visits a fraction of a big scenario, and making 10,000 nodes' records was
    most of a start from the cache). Every node's array and its choices' arrays are checked
    for their length here, so a body that does not fit falls back to the full load at once.
    """
    if type(data) is not list or len(data) != len(_SPEC_FIELDS):
        raise ValueError(f"expected an array of {len(_SPEC_FIELDS)} values")
    nodes = data[_NODES_AT]
    data[_NODES_AT] = None  # read as a whole below
    spec: ScenarioSpec = _read(ScenarioSpec)(data)
    values: list[Any] = list(spec)
    values[_NODES_AT] = NodeRecords(_node_arrays(nodes), _read(Node))
    new: Any = tuple.__new__  # the record, as _record_reader makes them
    made: ScenarioSpec = new(type(spec), values)
    return made


def read_techniques(data: Any) -> dict[str, Technique]:
    """Techniques by id, as written by :func:`dump_json`."""
    if not isinstance(data, dict):
        raise ValueError("techniques: expected an object")
    read = _read(Technique)
    return {str(key): read(value) for key, value in data.items()}


_READERS: dict[type[BaseModel], Reader] = {}


def _read(model: type[BaseModel]) -> Reader:
    """The reader of one model's array (made once per model)."""
    reader = _READERS.get(model)
    if reader is None:
        fields = tuple(_reader(info.annotation) for info in model.model_fields.values())
        record = _RECORD_OF.get(model)
        if record is not None:
            reader = _record_reader(record, fields)
        else:
            reader = _model_reader(model, fields)
        _READERS[model] = reader
    return reader


def _record_reader(cls: type[Record], fields: tuple[Reader | None, ...]) -> Reader:
    """Reads an array straight into a record (the hot path of a cache hit): the fields that need
    reading (nested records, tuples) are read in place, then the list becomes the record."""
    size = len(fields)
    nested = tuple((index, field) for index, field in enumerate(fields) if field is not None)
    new = tuple.__new__

    def read(data: Any) -> Record:
        if type(data) is not list or len(data) != size:
            raise ValueError(f"expected an array of {size} values")
        for index, field in nested:
            value = data[index]
            if value is not None:
                data[index] = field(value)
        record: Record = new(cls, data)
        return record

    return read


def _model_reader(model: type[BaseModel], fields: tuple[Reader | None, ...]) -> Reader:
    names = tuple(model.model_fields)

    def read(data: Any) -> BaseModel:
        if type(data) is not list or len(data) != len(names):
            raise ValueError(f"expected an array of {len(names)} values")
        values = {
            name: value if field is None or value is None else field(value)
            for name, field, value in zip(names, fields, data, strict=True)
        }
        return model.model_construct(**values)

    return read


def _reader(annotation: Any) -> Reader | None:
    """How a field's JSON value becomes its Python value (None: as it is)."""
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:  # constraints, tags and discriminators: the type is the first
        return _reader(args[0])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _Deferred(annotation)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return _tuple_of(_reader(args[0]))
    if origin is dict and len(args) == 2:
        return _dict_of(_reader(args[1]))
    if origin is Union or origin is types.UnionType:
        arms = [a for a in args if a is not type(None)]
        return _reader(arms[0]) if len(arms) == 1 else _one_of(arms)
    return None


def _json_kind(annotation: Any) -> type:
    """The JSON type a value of ``annotation`` is written as (models are arrays)."""
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        return _json_kind(args[0])
    if origin is tuple or (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
        return list
    if origin is dict:
        return dict
    if origin is Literal and len({type(value) for value in args}) == 1:
        return type(args[0])  # when: false is written as the JSON false
    if annotation in (str, int, float, bool):
        return cast(type, annotation)
    if origin is Literal and len({type(value) for value in args}) == 1:
        return type(args[0])  # when: false is written as JSON false
    raise TypeError(f"the scenario cache cannot read a union holding {annotation!r}")


def _one_of(arms: list[Any]) -> Reader:
    """Reads a union (text or a list of paragraphs, say): the JSON type tells the arm apart."""
    readers: dict[type, Reader | None] = {}
    for arm in arms:
        kind = _json_kind(arm)
        if kind in readers:  # two arms written alike could not be told apart when read
            raise TypeError(f"the scenario cache cannot tell apart the arms of {arms!r}")
        readers[kind] = _reader(arm)

    def read(value: Any) -> Any:
        kind = type(value)
        if kind not in readers:
            raise ValueError(f"a {kind.__name__} does not fit any of {len(readers)} types")
        arm = readers[kind]
        return value if arm is None else arm(value)

    return read


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


class _Deferred:
    """Reads a nested model with its reader, made on first use (models may refer ahead)."""

    __slots__ = ("model", "reader")

    def __init__(self, model: type[BaseModel]) -> None:
        self.model = model
        self.reader: Reader | None = None

    def __call__(self, value: Any) -> Any:
        reader = self.reader
        if reader is None:
            reader = self.reader = _read(self.model)
        return reader(value)


_SPEC_FIELDS = tuple(ScenarioSpec.model_fields)
_NODES_AT = _SPEC_FIELDS.index("nodes")
_NODE_FIELDS = tuple(Node.model_fields)
_CHOICE_FIELDS = tuple(Choice.model_fields)
_CHOICES_AT = _NODE_FIELDS.index("choices")


def _node_arrays(nodes: Any) -> dict[str, list[Any]]:
    """The nodes' arrays by id, each (and each of its choices) of its model's length."""
    if not isinstance(nodes, dict) or not nodes:
        raise ValueError("nodes: expected a non-empty object")
    arrays = nodes.values()
    if not _all_arrays_of(arrays, len(_NODE_FIELDS)):
        raise ValueError(f"a node: expected an array of {len(_NODE_FIELDS)} values")
    lists = [c for c in map(itemgetter(_CHOICES_AT), arrays) if c is not None]
    if lists and not _all_arrays_of([c for choices in lists for c in choices], None, lists):
        raise ValueError(f"choices: expected arrays of {len(_CHOICE_FIELDS)} values")
    return nodes


def _all_arrays_of(values: Any, size: int | None, holders: Any = ()) -> bool:
    """True when every value is a list of ``size`` items (of a choice's size for None) and
    every holder a list (checked in C: a cache hit reads 10,000 nodes' arrays)."""
    if holders and set(map(type, holders)) != {list}:
        return False
    size = len(_CHOICE_FIELDS) if size is None else size
    return not values or (set(map(type, values)) == {list} and set(map(len, values)) == {size})


class NodeRecords(Mapping[str, Node]):
    """Node id -> node record, read from the cache entry's array on first look-up and kept.

    Iterating, ``len`` and ``in`` read nothing; :meth:`field` gives one field of every node
    without making the records. Safe to share between threads: a node is read once.
    """

    __slots__ = ("_arrays", "_lock", "_read")

    def __init__(self, arrays: dict[str, Any], read: Reader) -> None:
        self._arrays = arrays  # a node's array until it is read, then its record
        self._read = read
        self._lock = threading.Lock()

    def __getitem__(self, node_id: str) -> Node:
        value = self._arrays[node_id]
        if type(value) is list:
            with self._lock:  # reading fills the array in place: once, by one thread
                value = self._arrays[node_id]
                if type(value) is list:
                    value = self._arrays[node_id] = self._read(value)
        node: Node = value
        return node

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._arrays

    def __iter__(self) -> Iterator[str]:
        return iter(self._arrays)

    def __len__(self) -> int:
        return len(self._arrays)

    def __copy__(self) -> NodeRecords:
        return self  # read-only, like the records it gives: a copy would be the same

    def __deepcopy__(self, memo: dict[int, Any]) -> NodeRecords:
        return self

    def __repr__(self) -> str:
        read = sum(1 for value in self._arrays.values() if type(value) is not list)
        return f"NodeRecords({read} of {len(self._arrays)} read)"

    def field(self, name: str) -> Iterator[Any]:
        """The value of field ``name`` of every node, in node order (as written: a nested
        record not yet read is its array)."""
        return map(itemgetter(_NODE_FIELDS.index(name)), self._arrays.values())


def node_field(nodes: Mapping[str, Node], name: str) -> Iterator[Any]:
    """Field ``name`` of every node in ``nodes`` without making records that are not made yet
    (a nested record not read yet is its array: meant for plain fields such as ``next``)."""
    if isinstance(nodes, NodeRecords):
        return nodes.field(name)
    return map(attrgetter(name), nodes.values())


def choice_targets(nodes: Mapping[str, Node]) -> list[Any]:
    """The ``next`` of every choice of every node, without making records."""
    at = _CHOICE_FIELDS.index("next")
    return [choice[at] for choices in node_field(nodes, "choices") if choices for choice in choices]
