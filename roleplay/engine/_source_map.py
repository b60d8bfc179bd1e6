"""Where every value of a parsed YAML document came from: line and column, by container."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Pos = tuple[int, int]
Path = tuple[str | int, ...]


@dataclass
class SourceMap:
    """Line/column (1-based) of every mapping key, value and sequence item, by container."""

    _values: dict[int, dict[str | int, Pos]] = field(default_factory=dict)
    _keys: dict[int, dict[str | int, Pos]] = field(default_factory=dict)
    root_pos: Pos = (1, 1)

    def locate(self, root: Any, path: Path, *, key: bool = False) -> Pos:
        """Position of the value at ``path`` (or of its key), else of its nearest ancestor."""
        pos = self.root_pos
        node = root
        for index, part in enumerate(path):
            # keys only for the last part: lists (and ancestors) are located by their values
            at_key = key and index == len(path) - 1 and id(node) in self._keys
            table = (self._keys if at_key else self._values).get(id(node))
            child_pos = table.get(part) if table else None
            if child_pos is None:
                break
            pos = child_pos
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                break
        return pos

    def key_pos(self, container: Any, key: str | int) -> Pos | None:
        """Position of ``key`` inside a mapping ``container``."""
        table = self._keys.get(id(container))
        return table.get(key) if table else None

    def first_key_pos(self, mapping: Any) -> Pos | None:
        """Position of the first key written in ``mapping`` (None when it is empty)."""
        table = self._keys.get(id(mapping))
        return next(iter(table.values()), None) if table else None

    def value_pos(self, container: Any, key: str | int) -> Pos | None:
        """Position of the value under ``key`` (or index) inside ``container``."""
        table = self._values.get(id(container))
        return table.get(key) if table else None


def value_at(data: Any, path: Path) -> Any:
    """The value at ``path`` inside ``data`` (None when the path leads nowhere)."""
    node = data
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node
