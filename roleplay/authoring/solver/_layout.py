"""A state's parts packed into one integer, and the moves of the story done on arrays of them.

A decision state is a story node plus one integer, its *rest*: every meter (its value minus the
meter's minimum, in as few bits as its range needs), the capped visit counts of the tracked
nodes, and one bit for each flag and each tracked choice that some condition reads somewhere
(flags no condition ever reads get no bit at all). Liveness (see :mod:`._tables`) then clears,
per node, what no condition from there on reads. Rests fit a signed 64-bit integer unless a
scenario tracks very many things; then the arrays hold Python integers instead (slower, same
answers).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from roleplay.authoring.solver._context import Context
from roleplay.authoring.solver._tables import TableChoice, Tables
from roleplay.engine._expr import Condition

#: The arrays of rests: int64, or object (Python ints) when a rest needs more than 62 bits.
Rests = np.ndarray[Any, Any]

_WIDEST = 62


class Layout:
    """Where each part of a state lives in its rest, and the moves applied to arrays of rests."""

    def __init__(self, t: Tables) -> None:
        self.t = t
        bit = 0
        self.meter_shift: list[int] = []
        self.meter_field: list[int] = []  # the mask of a meter's field, before shifting
        self.meter_min = [m.min for m in t.scenario.meters.values()]
        for meter in t.scenario.meters.values():
            width = max(1, (meter.max - meter.min).bit_length())
            self.meter_shift.append(bit)
            self.meter_field.append((1 << width) - 1)
            bit += width
        self.visit_shift: list[int] = []
        self.visit_field: list[int] = []
        for cap in t.cap_list:
            width = max(1, cap.bit_length())
            self.visit_shift.append(bit)
            self.visit_field.append((1 << width) - 1)
            bit += width
        every_flag = _union(t.live_flags)
        self.flag_bit = {i: 0 for i in range(len(t.flag_ids))}
        for i in range(len(t.flag_ids)):
            if every_flag >> i & 1:
                self.flag_bit[i] = 1 << bit
                bit += 1
        every_chosen = _union(t.live_chosen)
        self.chosen_bit = {i: 0 for i in range(len(t.chosen_ids))}
        for i in range(len(t.chosen_ids)):
            if every_chosen >> i & 1:
                self.chosen_bit[i] = 1 << bit
                bit += 1
        self.bits = bit
        self.dtype: Any = np.int64 if bit <= _WIDEST else object
        self.meter_bits = sum(
            f << s for f, s in zip(self.meter_field, self.meter_shift, strict=True)
        )
        self.live = [self._live(n) for n in range(len(t.nodes))]
        self.ending_mask = self.meter_bits | self._visits(t.all_visits)
        self.ending_mask |= self.flags(t.ending_flags) | self.chosen(t.ending_chosen)

    # --- masks --------------------------------------------------------------------------
    def flags(self, original: int) -> int:
        """Flag bits of the tables (bit i: flag i) as bits of a rest."""
        return _move_bits(original, self.flag_bit)

    def chosen(self, original: int) -> int:
        """Tracked-choice bits of the tables as bits of a rest."""
        return _move_bits(original, self.chosen_bit)

    def _visits(self, slots: int) -> int:
        """The fields of the visit slots set in ``slots``."""
        return sum(
            field << shift
            for i, (field, shift) in enumerate(zip(self.visit_field, self.visit_shift, strict=True))
            if slots >> i & 1
        )

    def _live(self, node: int) -> int:
        t = self.t
        return (
            self.meter_bits
            | self._visits(t.live_visits[node])
            | self.flags(t.live_flags[node])
            | self.chosen(t.live_chosen[node])
        )

    def condition_mask(self, condition: Condition) -> int:
        """The parts of a rest a condition reads."""
        t = self.t
        found = sum(
            self.meter_field[t.meter_index[m]] << self.meter_shift[t.meter_index[m]]
            for m in condition.meters
        )
        slots = sum(1 << t.visit_ids.index(n) for n in condition.nodes if n in t.caps)
        flags = sum(1 << t.flag_pos[f] for f in condition.flags)
        chosen = sum(t.chosen_bit.get(c, 0) for c in condition.choices)
        return found | self._visits(slots) | self.flags(flags) | self.chosen(chosen)

    # --- packing --------------------------------------------------------------------------
    def initial(self) -> int:
        """The rest at the start: meters at their start values, flags that start set."""
        t = self.t
        rest = 0
        for m, meter in enumerate(t.scenario.meters.values()):
            rest |= (meter.initial - meter.min) << self.meter_shift[m]
        starting = sum(1 << i for i, f in enumerate(t.scenario.flags.values()) if f.start)
        return rest | self.flags(starting)

    def meters_of(self, rest: int) -> tuple[int, ...]:
        """The meter values in one rest."""
        return tuple(
            (rest >> s & f) + low
            for s, f, low in zip(self.meter_shift, self.meter_field, self.meter_min, strict=True)
        )

    def context(self, rest: int) -> Context:
        """A condition context for one rest (what GameState offers a condition)."""
        visits = tuple(
            rest >> s & f for s, f in zip(self.visit_shift, self.visit_field, strict=True)
        )
        flags = sum(1 << i for i, b in self.flag_bit.items() if rest & b)
        chosen = sum(1 << i for i, b in self.chosen_bit.items() if rest & b)
        return self.t.context(self.meters_of(rest), flags, visits, chosen)

    # --- moves on arrays ------------------------------------------------------------------
    def meter(self, rests: Rests, m: int) -> np.ndarray[Any, Any]:
        """One meter's values (offset by its minimum) in an array of rests, as int64."""
        values = (rests >> self.meter_shift[m]) & self.meter_field[m]
        return values.astype(np.int64) if self.dtype is object else values

    def apply(self, choice: TableChoice, rests: Rests) -> Rests:
        """The rests after taking ``choice``: clamped effects, flags set, the choice taken."""
        out = rests
        for m, delta, low, high in choice.effects:
            shift, field, base = self.meter_shift[m], self.meter_field[m], self.meter_min[m]
            values = np.clip(self.meter(out, m) + delta, low - base, high - base)
            if self.dtype is object:
                values = values.astype(object)
            out = (out & ~(field << shift)) | (values << shift)
        on, off = self.flags(choice.set_on), self.flags(choice.set_off)
        taken = self.chosen(choice.chosen_mask)
        if on | taken:
            out = out | (on | taken)
        if off:
            out = out & ~off
        return out

    def count_visits(self, target: int, rests: Rests) -> Rests:
        """Visit counts after entering ``target``'s chain (each capped where conditions stop)."""
        out = rests
        for pos in self.t.chain_visits[target]:
            shift, field, cap = self.visit_shift[pos], self.visit_field[pos], self.t.cap_list[pos]
            values = np.minimum(((out >> shift) & field) + 1, cap)
            out = (out & ~(field << shift)) | (values << shift)
        return out


def _union(masks: list[int]) -> int:
    found = 0
    for mask in masks:
        found |= mask
    return found


def _move_bits(original: int, where: dict[int, int]) -> int:
    moved = 0
    while original:
        low = original & -original
        moved |= where.get(low.bit_length() - 1, 0)
        original ^= low
    return moved
