"""One vote per participant per decision, a change replaces, and the rule that settles it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from roleplay.facilitator._timer import VoteTimer


@dataclass(frozen=True)
class OfferedChoice:
    """A choice as the room sees it."""

    id: str
    text: str
    technique: str
    family: str

    def to_json(self) -> dict[str, str]:
        """The ``{id, text, technique, family}`` object of a ``vote_open`` event."""
        return {
            "id": self.id,
            "text": self.text,
            "technique": self.technique,
            "family": self.family,
        }


@dataclass
class VoteRound:
    """The votes on one decision: open, then closed with a tally."""

    decision: int
    node: str
    choices: tuple[OfferedChoice, ...]
    timer: VoteTimer
    votes: dict[str, str] = field(default_factory=dict)  # player id -> choice id
    open: bool = True
    revealed: bool = False
    close_reason: str | None = None

    @property
    def choice_ids(self) -> tuple[str, ...]:
        """The ids offered, in order."""
        return tuple(choice.id for choice in self.choices)

    def cast(self, player: str, choice: str) -> bool | None:
        """Record ``player``'s vote; True when it replaced another, None when it was the same."""
        previous = self.votes.get(player)
        if previous == choice:
            return None
        self.votes[player] = choice
        return previous is not None

    def withdraw(self, player: str) -> None:
        """Forget the vote of a participant who left or was removed."""
        self.votes.pop(player, None)

    def tally(self) -> dict[str, int]:
        """Votes per choice id, every offered choice listed in order."""
        counts = dict.fromkeys(self.choice_ids, 0)
        for choice in self.votes.values():
            counts[choice] += 1
        return counts

    def close(self, reason: str) -> None:
        """Stop accepting votes."""
        self.open = False
        self.close_reason = reason


@dataclass(frozen=True)
class Settlement:
    """How a decision is settled: the choice played, ``how``, and the majority if overridden."""

    choice: str
    how: str
    majority: str | None
    overridden: bool


class NeedsFacilitator(Exception):
    """The votes tie or nobody voted: the facilitator must pick."""

    def __init__(self, tied: Sequence[str]) -> None:
        self.tied = tuple(tied)
        super().__init__("it is a tie: pick one" if tied else "nobody voted: pick a choice")


def leaders(tally: Mapping[str, int]) -> list[str]:
    """The choice ids with the most votes (empty when nobody voted)."""
    top = max(tally.values(), default=0)
    return [choice for choice, count in tally.items() if count == top and top > 0]


def settle(
    tally: Mapping[str, int], pick: str | None, *, show_of_hands: bool = False
) -> Settlement:
    """The majority, the facilitator's pick on a tie or no votes, or an override.

    Raises :class:`NeedsFacilitator` when a pick is needed and ``pick`` is None.
    """
    top = leaders(tally)
    majority = top[0] if len(top) == 1 else None
    if pick is None:
        if majority is None:
            raise NeedsFacilitator(top)
        pick = majority
    if majority is not None and pick != majority:
        return Settlement(pick, "override", majority, True)
    if majority is None and top and pick not in top:
        return Settlement(pick, "override", None, True)
    if show_of_hands and top:
        return Settlement(pick, "show_of_hands", majority, False)
    if majority is not None:
        return Settlement(pick, "majority", majority, False)
    return Settlement(pick, "tie" if top else "facilitator", None, False)


def played_words(settled: Settlement | None, texts: Mapping[str, str]) -> str:
    """What the room is told about a played decision, honestly: the room's choice only when
    the majority was played; an override, a tie or no votes say the facilitator picked."""
    if settled is None:
        return ""
    chosen = f"“{texts.get(settled.choice, settled.choice)}”"
    if settled.how == "override":
        majority = settled.majority
        vote = f"vote: “{texts.get(majority, majority)}”" if majority else "vote was a tie"
        return f"The facilitator chose {chosen} (the room's {vote})"
    if settled.majority == settled.choice:
        return f"The room chose {chosen}"
    if settled.how in ("tie", "show_of_hands"):
        return f"Tie: the facilitator picked {chosen}"
    return f"Nobody voted: the facilitator picked {chosen}"


def checked_counts(counts: Mapping[str, object], current: VoteRound) -> dict[str, int]:
    """A show of hands' counts as a full tally; raises ValueError on a bad choice or count."""
    tally = dict.fromkeys(current.choice_ids, 0)
    for choice, count in counts.items():
        if choice not in tally:
            raise ValueError(f"'{choice}' is not offered in this decision")
        if not isinstance(count, int) or isinstance(count, bool) or not 0 <= count <= 100_000:
            raise ValueError("counts must be whole numbers from 0")
        tally[choice] = count
    return tally
