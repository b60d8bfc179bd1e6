"""Does the scenario teach its lesson? Proofs on the state graph about the goal endings.

* no path that takes an unethical choice reaches a goal ending;
* no one-rule policy reaches one: always one technique family, greedy on one meter, always the
  first or the last choice listed (where a decision is not shuffled);
* the timing lesson: no goal ending is reached when every persuasion choice was made while the
  relationship meters were still at or below their start;
* no meter is pinned at its bound on the way to a goal ending while choices still push it.

Each finding carries a witness path (choice ids and numbers) that replays through the runtime.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

import numpy as np

from roleplay.authoring.solver._paths import Move, Pick, StateGraph
from roleplay.authoring.solver._sweeps import Reach
from roleplay.authoring.solver._tables import TableChoice
from roleplay.engine._model import FAMILIES

Array = np.ndarray[Any, Any]


@dataclass(frozen=True)
class Finding:
    """A path to ``ending`` that breaks a lesson: ``kind`` says which, ``detail`` how."""

    kind: str  # "unethical", "policy", "timing" or "saturation"
    ending: str
    ids: tuple[str, ...]
    numbers: tuple[int, ...]
    detail: str
    policy: str = ""  # for kind "policy": e.g. "family:influence", "greedy:trust", "first"
    meter: str = ""  # for kind "saturation"
    choice: str = ""  # the choice id the detail is about


@dataclass(frozen=True)
class Policy:
    """A one-rule way to play: its name, its description and the ending it reaches."""

    name: str
    words: str
    endings: tuple[str, ...]  # endings it can reach (one for deterministic policies)
    ids: tuple[str, ...] = ()  # the path of a deterministic policy


class LessonChecker:
    """Runs the lesson checks on one state graph, sharing what they compute."""

    def __init__(self, graph: StateGraph) -> None:
        self.g = graph
        scenario = graph.t.scenario
        self.scenario = scenario
        self.goal_ids = scenario.goal_endings
        self.meter_ids = graph.t.meter_ids
        self.labels = {m: scenario.meters[m].label for m in self.meter_ids}
        self._followed: dict[str, list[Move]] = {}  # the paths of the deterministic policies
        # the families each distinct list of available choices offers
        self._offered = [frozenset(c.family for _n, c in o) for o in graph.option_table]
        self._family_code: dict[str, int] = {f: i for i, f in enumerate(FAMILIES)}
        codes = [self._family_code.get(c.family, -1) for c in graph.t.choices]
        self._move_family = graph.of_choices(np.array(codes, dtype=np.int8))
        self._policies: list[Policy] | None = None
        self._alone: dict[str, tuple[str, ...]] = {}
        self._reached: Reach | None = None
        self._relation = [self.meter_ids.index(m) for m in scenario.relationship_meters]

    def _witness(self, moves: list[Move]) -> tuple[tuple[str, ...], tuple[int, ...]]:
        return self.g.ids(moves), self.g.numbers(moves)

    # --- unethical choices --------------------------------------------------------------
    def unethical(self) -> list[Finding]:
        """Goal endings some path with an unethical choice reaches."""
        found = []
        for goal in self.goal_ids:
            moves = self.g.through(self.g.codes([goal]), self._unethical())
            if moves is None:
                continue
            bad = next(self.g.choice(m) for m in moves if not self.g.choice(m).ethical)
            ids, numbers = self._witness(moves)
            technique = self.scenario.choice_index[bad.id].technique
            detail = f"'{bad.id}' ({technique}) is unethical"
            found.append(Finding("unethical", goal, ids, numbers, detail, choice=bad.id))
        return found

    def _unethical(self) -> Array:
        return ~self.g.of_choices(np.array([c.ethical for c in self.g.t.choices], dtype=bool))

    # --- one-rule policies ----------------------------------------------------------------
    def policies(self) -> list[Policy]:
        """Every one-rule policy and the endings it reaches."""
        if self._policies is not None:
            return self._policies
        result = self._family_policies()
        for index, meter_id in enumerate(self.meter_ids):
            result.append(self._deterministic(f"greedy:{meter_id}", self._greedy(index)))
        result.append(self._deterministic("first", self._position(first=True)))
        result.append(self._deterministic("last", self._position(first=False)))
        self._policies = result
        return result

    def policy_findings(self) -> list[Finding]:
        """One-rule policies that reach a goal ending, with their paths."""
        found = []
        goals = set(self.goal_ids)
        for policy in self.policies():
            for goal in (e for e in policy.endings if e in goals):
                ids = policy.ids
                if policy.name.startswith("family:"):
                    family = policy.name[7:]
                    within = self._reach().states(self._families().index(family))
                    moves = self.g.search(self.g.codes([goal]), self._keeps_at(family), within)
                    assert moves is not None
                    ids, numbers = self._witness(moves)
                else:
                    numbers = self._numbers_of(policy.name)
                found.append(
                    Finding("policy", goal, ids, numbers, policy.words, policy=policy.name)
                )
        return found

    def _families(self) -> list[str]:
        used = set().union(*self._offered)
        return [f for f in FAMILIES if f in used]

    def _keeps(self, family: str) -> Array:
        """The family policy: a choice of ``family`` wherever one is offered, else any."""
        offered = np.array([family in o for o in self._offered], dtype=bool)
        kept = self.g.per_move(~offered[self.g.slots])
        kept |= self._move_family == self._family_code[family]
        return kept

    def _keeps_at(self, family: str) -> Callable[[Array, Array], Array]:
        """:meth:`_keeps` for some moves only (given by position, and by their states)."""
        offered = np.array([family in o for o in self._offered], dtype=bool)
        code, slots = self._family_code[family], self.g.slots

        def allowed(moves: Array, states: Array) -> Array:
            return np.asarray((self._move_family[moves] == code) | ~offered[slots[states]])

        return allowed

    def _only(self, family: str) -> Array:
        """Only choices of ``family``."""
        return np.asarray(self._move_family == self._family_code[family])

    def _reach(self) -> Reach:
        """What the family policies, play with one family only and the timing rule reach (one
        pass for all: bits 0..F-1, F..2F-1 and 2F)."""
        if self._reached is None:
            families = self._families()
            masks: list[Callable[[], Array]] = [partial(self._keeps, f) for f in families]
            masks += [partial(self._only, f) for f in families]
            if self._relation:
                masks.append(self._timing_moves)
            self._reached = self.g.reach(masks)
        return self._reached

    def _family_policies(self) -> list[Policy]:
        """The family policies, and what play with one family only reaches."""
        families = self._families()
        reached = self._reach().endings
        result = []
        for index, family in enumerate(families):
            ordered = tuple(e for e in self.g.ending_ids if e in reached[index])
            words = f"always choosing {family} techniques where one is offered"
            result.append(Policy(f"family:{family}", words, ordered))
            alone = reached[len(families) + index]
            self._alone[family] = tuple(e for e in self.g.ending_ids if e in alone)
        return result

    def single_family(self) -> dict[str, tuple[str, ...]]:
        """Per family: the endings play that only ever takes that family's choices reaches."""
        self.policies()
        return dict(self._alone)

    def _deterministic(self, name: str, pick: Pick) -> Policy:
        moves, end = self.g.follow(pick)
        ending = self.g.ending_of(end)
        self._followed[name] = moves
        reached = (ending,) if ending else ()
        return Policy(name, _words(name, self.labels), reached, self.g.ids(moves))

    def _numbers_of(self, name: str) -> tuple[int, ...]:
        return self.g.numbers(self._followed[name])

    def _greedy(self, meter: int) -> Pick:
        graph = self.g

        def pick(state: int) -> int | None:
            value = graph.meters(state)[meter]
            best, best_gain = None, 0
            for pos, (_number, choice) in enumerate(graph.options(state)):
                gain = _gain(choice, meter, value)
                if best is None or gain > best_gain:
                    best, best_gain = pos, gain
            return best

        return pick

    def _position(self, *, first: bool) -> Pick:
        shuffled = [self.scenario.nodes[n].shuffle for n in self.g.t.node_ids]
        graph = self.g

        def pick(state: int) -> int | None:
            count = len(graph.options(state))
            if count > 1 and shuffled[graph.node(state)]:
                return None  # the order is shuffled: position says nothing here
            return 0 if first else count - 1

        return pick

    # --- timing -----------------------------------------------------------------------------
    def _timing_moves(self) -> Array:
        """Per move: not a persuasion choice, or one made while every relationship meter is
        still at or below its start."""
        early = np.ones(self.g.count, dtype=bool)
        for i in self._relation:
            meter = self.scenario.meters[self.meter_ids[i]]
            early &= self.g.meter_values(i) <= meter.initial - meter.min
        allowed = self.g.per_move(early)
        allowed |= self._move_family != self._family_code["persuasion"]
        return allowed

    def timing(self) -> list[Finding]:
        """Goal endings reached with every persuasion choice made before any relationship."""
        relation = self._relation
        if not relation:
            return []
        early_or_not_a_push = self._timing_moves()
        within = self._reach().states(2 * len(self._families()))
        found = []
        names = " and ".join(self.labels[self.meter_ids[i]] for i in relation)
        for goal in self.goal_ids:
            moves = self.g.search(self.g.codes([goal]), early_or_not_a_push, within)
            if moves is None:
                continue
            pushes = [m for m in moves if self.g.choice(m).family == "persuasion"]
            detail = (
                f"every persuasion choice on it is made while {names} "
                f"{'is' if len(relation) == 1 else 'are'} still at or below the start"
                if pushes
                else "it takes no persuasion choice at all"
            )
            ids, numbers = self._witness(moves)
            found.append(Finding("timing", goal, ids, numbers, detail))
        return found

    # --- saturation ---------------------------------------------------------------------------
    def saturation(self) -> list[Finding]:
        """Meters pinned at a bound on a path to a goal ending while a choice still pushes."""
        found = []
        for goal in self.goal_ids:
            codes = self.g.codes([goal])
            for meter, meter_id in enumerate(self.meter_ids):
                moves = self.g.through(codes, self._clamping(meter))
                if moves is None:
                    continue
                move = next(m for m in moves if self._clamps_at(m, meter))
                choice = self.g.choice(move)
                value = self.g.meters(move[0])[meter]
                detail = _saturation_words(self.labels[meter_id], choice, meter, value)
                ids, numbers = self._witness(moves)
                finding = Finding(
                    "saturation", goal, ids, numbers, detail, meter=meter_id, choice=choice.id
                )
                found.append(finding)
        return found

    def _clamping(self, meter: int) -> Array:
        """Per move: True when its choice tries to move ``meter`` past a bound."""
        base = self.scenario.meters[self.meter_ids[meter]].min
        above = np.full(len(self.g.t.choices), 2**30, dtype=np.int32)  # clamps when value >
        below = np.full(len(self.g.t.choices), -(2**30), dtype=np.int32)  # clamps when value <
        for choice in self.g.t.choices:
            for m, delta, low, high in choice.effects:
                if m == meter:
                    above[choice.code] = high - base - delta
                    below[choice.code] = low - base - delta
        return self.g.moves_where(
            self.g.meter_values(meter),
            lambda value, choice: (value > above[choice]) | (value < below[choice]),
        )

    def _clamps_at(self, move: Move, meter: int) -> bool:
        return _clamps(self.g.choice(move), meter, self.g.meters(move[0])[meter])


def _gain(choice: TableChoice, meter: int, value: int) -> int:
    """How much ``choice`` raises ``meter`` from ``value`` (after clamping)."""
    for m, delta, low, high in choice.effects:
        if m == meter:
            return min(max(value + delta, low), high) - value
    return 0


def _clamps(choice: TableChoice, meter: int, value: int) -> bool:
    """True when ``choice`` tries to move ``meter`` past its bound from ``value``."""
    for m, delta, low, high in choice.effects:
        if m == meter:
            return value + delta > high or value + delta < low
    return False


def _saturation_words(label: str, choice: TableChoice, meter: int, value: int) -> str:
    delta, low, high = next((d, lo, hi) for m, d, lo, hi in choice.effects if m == meter)
    bound, word = (high, "max") if delta > 0 else (low, "min")
    return (
        f"{label} is {value} when '{choice.id}' tries to move it by {delta:+d}, past its "
        f"{word} of {bound}: the learner sees no change"
    )


def _words(name: str, labels: dict[str, str]) -> str:
    if name.startswith("greedy:"):
        return f"always taking the choice that raises {labels[name.split(':', 1)[1]]} most"
    where = "first" if name == "first" else "last"
    return f"always taking the {where} choice listed"
