"""Set operations on sorted copies of integer arrays (numpy's own ``unique`` hashes, and is many
times slower on the arrays the solver makes)."""

from __future__ import annotations

from typing import Any

import numpy as np

Array = np.ndarray[Any, Any]


def _starts_of_runs(values: Array) -> Array:
    """For a sorted array: True where a run of equal values begins."""
    begins = np.empty(values.size, dtype=bool)
    if values.size:
        begins[0] = True
        np.not_equal(values[1:], values[:-1], out=begins[1:])
    return begins


def unique(values: Array) -> Array:
    """The distinct values, sorted."""
    ordered = np.sort(values)
    return ordered[_starts_of_runs(ordered)]


def unique_inverse(values: Array) -> tuple[Array, Array]:
    """The distinct values (sorted) and, for each value, its position among them."""
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    begins = _starts_of_runs(ordered)
    inverse = np.empty(values.size, dtype=np.int64)
    inverse[order] = np.cumsum(begins) - 1
    return ordered[begins], inverse


def first_occurrences(values: Array) -> Array:
    """The positions where each distinct value first occurs, in increasing order."""
    order = np.argsort(values, kind="stable")
    found = order[_starts_of_runs(values[order])]
    found.sort()
    return found


class Growing:
    """An array that grows in place (``ndarray.resize``: realloc, so a big array's memory is
    remapped, not copied) as values are added at its end."""

    def __init__(self, dtype: Any) -> None:
        self.data: Array = np.empty(1024, dtype=dtype)
        self.size = 0
        self.closed = False

    def add(self, count: int) -> tuple[int, int]:
        """Make room for ``count`` more values; return the range (first, stop) they take."""
        if self.closed:  # others hold the array now: it must not move
            raise RuntimeError("the array was handed over and no longer grows")
        first, stop = self.size, self.size + count
        if stop > self.data.size:
            # nothing may look into the array while it moves: callers keep positions only
            self.data.resize(max(stop, self.data.size + self.data.size // 4), refcheck=False)
        self.size = stop
        return first, stop

    def extend(self, values: Array) -> tuple[int, int]:
        """Add ``values`` at the end; return the range they take."""
        first, stop = self.add(values.size)
        self.data[first:stop] = values
        return first, stop

    def widen(self, dtype: Any) -> None:
        """Hold wider values from now on (the values so far are copied once)."""
        self.data = self.data.astype(dtype)

    def final(self) -> Array:
        """The values, in an array of exactly their size (the growing stops here)."""
        if not self.closed:
            self.data.resize(self.size, refcheck=False)
            self.closed = True
        return self.data

    @property
    def nbytes(self) -> int:
        """The bytes reserved."""
        return int(self.data.nbytes)
