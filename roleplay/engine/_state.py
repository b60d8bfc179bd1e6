"""Game state: small, serialisable and versioned. Saves hold only this."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from roleplay.engine._scenario import Scenario

Mode = Literal["practice", "assessment"]
STATE_VERSION = 3
#: When the knowledge check is answered: before play and after it.
CHECK_PHASES = ("before", "after")


def _upgrade_1_to_2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 had no shuffle seed (choices were shown as written) and no check answers."""
    data = dict(data)
    data.setdefault("seed", None)
    data.setdefault("check", {})
    data["version"] = 2
    return data


def _upgrade_2_to_3(data: dict[str, Any]) -> dict[str, Any]:
    """Version 2 had no run id: such a run is not known to be one run across saves ("")."""
    data = dict(data)
    data.setdefault("run_id", "")
    data["version"] = 3
    return data


#: Upgraders by the state version they upgrade from, applied in order.
STATE_UPGRADERS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    1: _upgrade_1_to_2,
    2: _upgrade_2_to_3,
}


def upgrade_state(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` brought up to :data:`STATE_VERSION` (raises ValueError when it cannot be)."""
    version = data.get("version", 1)
    if not isinstance(version, int) or version > STATE_VERSION:
        raise ValueError(f"state version {version!r} is newer than this roleplay reads")
    while version < STATE_VERSION:
        upgrader = STATE_UPGRADERS.get(version)
        if upgrader is None:
            raise ValueError(f"state version {version} is too old to read")
        data = upgrader(data)
        version = data["version"]
    return data


class Step:
    """One decision taken: where, which choice, and what it changed.

    ``deltas`` and ``meters_after`` read as dicts. A step the runtime makes keeps them packed
    (see :func:`packed_step`) and makes the dicts on first use: a playthrough of a big scenario
    keeps thousands of steps, and steps a third the size keep the play loop in the CPU caches.
    """

    __slots__ = (
        "_after",
        "_changes",
        "_deltas",
        "_meters_after",
        "_names",
        "choice_id",
        "choice_text",
        "node",
        "technique",
    )
    __hash__ = None  # type: ignore[assignment]  # mutable, like the dataclass it was

    def __init__(
        self,
        node: str,
        choice_id: str,
        choice_text: str,
        technique: str,
        deltas: dict[str, int],
        meters_after: dict[str, int],
    ) -> None:
        self.node = node
        self.choice_id = choice_id
        self.choice_text = choice_text
        self.technique = technique
        self._deltas: dict[str, int] | None = deltas
        self._meters_after: dict[str, int] | None = meters_after
        self._names: tuple[str, ...] = ()
        self._after: tuple[int, ...] = ()
        self._changes: tuple[str | int, ...] = ()

    @property
    def deltas(self) -> dict[str, int]:
        """What the decision changed: meter -> change, in the order the effects applied."""
        deltas = self._deltas
        if deltas is None:
            changes = self._changes
            deltas = self._deltas = {
                str(changes[i]): int(changes[i + 1]) for i in range(0, len(changes), 2)
            }
        return deltas

    @deltas.setter
    def deltas(self, deltas: dict[str, int]) -> None:
        self._deltas = deltas

    @property
    def meters_after(self) -> dict[str, int]:
        """Every meter's value after the decision."""
        meters = self._meters_after
        if meters is None:
            meters = self._meters_after = dict(zip(self._names, self._after, strict=True))
        return meters

    @meters_after.setter
    def meters_after(self, meters: dict[str, int]) -> None:
        self._meters_after = meters

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__ or not isinstance(other, Step):
            return NotImplemented
        return self._fields() == other._fields()

    def __repr__(self) -> str:
        names = ("node", "choice_id", "choice_text", "technique", "deltas", "meters_after")
        pairs = zip(names, self._fields(), strict=True)
        body = ", ".join(f"{name}={value!r}" for name, value in pairs)
        return f"Step({body})"

    def _fields(self) -> tuple[str, str, str, str, dict[str, int], dict[str, int]]:
        return (
            self.node,
            self.choice_id,
            self.choice_text,
            self.technique,
            self.deltas,
            self.meters_after,
        )

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "node": self.node,
            "choice_id": self.choice_id,
            "choice_text": self.choice_text,
            "technique": self.technique,
            "deltas": dict(self.deltas),
            "meters_after": dict(self.meters_after),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Step:
        """Rebuild from :meth:`to_json` output (raises KeyError/TypeError on bad data)."""
        return cls(
            str(data["node"]),
            str(data["choice_id"]),
            str(data.get("choice_text", "")),
            str(data.get("technique", "")),
            {str(k): int(v) for k, v in data["deltas"].items()},
            {str(k): int(v) for k, v in data["meters_after"].items()},
        )


def packed_step(
    node: str,
    choice_id: str,
    choice_text: str,
    technique: str,
    names: tuple[str, ...],
    after: tuple[int, ...],
    changes: tuple[str | int, ...],
) -> Step:
    """A :class:`Step` kept packed: ``after`` are the values of the meters ``names`` after the
    decision, ``changes`` the meters it changed and by how much, flat (meter, change, ...). The
    runtime shares equal tuples between steps (they are never changed)."""
    step: Step = _new_step(Step)
    step.node = node
    step.choice_id = choice_id
    step.choice_text = choice_text
    step.technique = technique
    step._deltas = step._meters_after = None
    step._names = names
    step._after = after
    step._changes = changes
    return step


_new_step = object.__new__


def meter_changes(steps: Sequence[Step], meter: str) -> list[int]:
    """How much each of ``steps`` changed ``meter`` (``step.deltas.get(meter, 0)`` each,
    without making the dicts of packed steps)."""
    found: list[int] = []
    add = found.append
    for step in steps:
        changes = step._changes
        if step._deltas is not None:
            add(step._deltas.get(meter, 0))
        elif len(changes) == 2:  # most decisions change one meter
            add(int(changes[1]) if changes[0] == meter else 0)
        else:
            pairs = zip(changes[::2], changes[1::2], strict=True)
            add(next((int(change) for name, change in pairs if name == meter), 0))
    return found


@dataclass(slots=True)
class GameState:
    """Everything that changes during play; the scenario itself never does."""

    scenario_id: str
    node: str
    meters: dict[str, int]
    flags: dict[str, bool]
    visits: dict[str, int] = field(default_factory=dict)
    chosen: dict[str, int] = field(default_factory=dict)
    history: list[Step] = field(default_factory=list)
    path: list[str] = field(default_factory=list)
    ending: str | None = None
    mode: Mode = "practice"
    last_choice: str | None = None
    line: int = 0  # which line of the current beat the player is reading (resume mid-dialogue)
    taken_back: int = 0  # how many choices were taken back (rewound) on the way here
    seed: int | None = None  # shuffles the order of choices; None shows them as written
    check: dict[str, list[int]] = field(default_factory=dict)  # phase -> answer per question
    # Names one playthrough across its saves and rewinds ("" when not known): assessment mode
    # resumes a run only from its furthest point (see the desktop game's saves).
    run_id: str = ""
    # Where the run began when not at the scenario's start (played from a node with preset
    # meters and flags): rewinding replays from here. Its own origin is always None.
    origin: GameState | None = None

    @property
    def decisions_made(self) -> int:
        """How many choices the player has made."""
        return len(self.history)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict, with the state format version."""
        data: dict[str, Any] = {
            "version": STATE_VERSION,
            "scenario_id": self.scenario_id,
            "node": self.node,
            "meters": dict(self.meters),
            "flags": dict(self.flags),
            "visits": dict(self.visits),
            "chosen": dict(self.chosen),
            "history": [s.to_json() for s in self.history],
            "path": list(self.path),
            "ending": self.ending,
            "mode": self.mode,
            "last_choice": self.last_choice,
            "line": self.line,
            "taken_back": self.taken_back,
            "seed": self.seed,
            "check": {phase: list(answers) for phase, answers in self.check.items()},
            "run_id": self.run_id,
        }
        if self.origin is not None:
            data["origin"] = self.origin.to_json()
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> GameState:
        """Rebuild from :meth:`to_json` output, upgrading older versions.

        Raises KeyError/TypeError/ValueError on bad data.
        """
        data = upgrade_state(data)
        mode = data.get("mode", "practice")
        if mode not in ("practice", "assessment"):
            raise ValueError(f"unknown mode {mode!r}")
        origin = data.get("origin")
        if origin is not None and not isinstance(origin, dict):
            raise TypeError("the origin of a state must be a state")
        return cls(
            scenario_id=str(data["scenario_id"]),
            node=str(data["node"]),
            meters={str(k): int(v) for k, v in data["meters"].items()},
            flags={str(k): bool(v) for k, v in data["flags"].items()},
            visits={str(k): int(v) for k, v in data.get("visits", {}).items()},
            chosen={str(k): int(v) for k, v in data.get("chosen", {}).items()},
            history=[Step.from_json(s) for s in data.get("history", [])],
            path=[str(p) for p in data.get("path", [])],
            ending=None if data.get("ending") is None else str(data["ending"]),
            mode=mode,
            last_choice=None if data.get("last_choice") is None else str(data["last_choice"]),
            line=max(int(data.get("line", 0)), 0),
            taken_back=max(int(data.get("taken_back", 0)), 0),
            seed=None if data.get("seed") is None else int(data["seed"]),
            check=_answers(data.get("check", {})),
            run_id=str(data.get("run_id", "")),
            origin=None if origin is None else cls.from_json({**origin, "origin": None}),
        )

    def copy(self) -> GameState:
        """A deep copy."""
        return GameState.from_json(self.to_json())

    def restarted(self) -> GameState | None:
        """A fresh copy of :attr:`origin` that remembers it (None for a run from the start)."""
        if self.origin is None:
            return None
        state = self.origin.copy()
        state.origin = self.origin
        return state


def _answers(data: Any) -> dict[str, list[int]]:
    """Knowledge-check answers by phase (raises TypeError/ValueError on bad data)."""
    if not isinstance(data, dict):
        raise TypeError("check answers must be a mapping")
    return {
        str(phase): [int(a) for a in answers]
        for phase, answers in data.items()
        if phase in CHECK_PHASES
    }


def initial_state(
    scenario: Scenario, mode: Mode = "practice", seed: int | None = None
) -> GameState:
    """The state before the first node is entered (``seed`` shuffles the choices)."""
    return GameState(
        scenario_id=scenario.id,
        node=scenario.start,
        meters={k: m.initial for k, m in scenario.meters.items()},
        flags={k: f.start for k, f in scenario.flags.items()},
        mode=mode,
        seed=seed,
    )
