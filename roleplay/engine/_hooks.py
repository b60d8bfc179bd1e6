"""Observer hooks on the Runner, in the manner of ink's ``onMakeChoice``.

The story never calls a UI; observers (the desktop game, a facilitator's session log, learning
records) subscribe to what happens and are told after the state has changed. Hooks are not part of
the game state: copies of a runner (a preview of the road not taken) carry none.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from roleplay.engine._state import Step

NodeEntered = Callable[[str], None]
ChoiceMade = Callable[["Step"], None]
EndingReached = Callable[[str], None]
Rewound = Callable[[int], None]


@dataclass(slots=True)
class RunnerHooks:
    """Lists of observers, called in subscription order.

    - ``node_entered(node_id)`` after a node is entered (also the start node of a new runner that
      was subscribed through :meth:`Runner.subscribe` before it moved on);
    - ``choice_made(step)`` after a choice is applied, before the next node is entered; the step
      holds the node, choice id, technique, meter deltas and the meters after;
    - ``ending_reached(ending_id)`` once an ending has been resolved;
    - ``rewound(decisions_kept)`` after a rewind, with the number of decisions still taken.
    """

    node_entered: list[NodeEntered] = field(default_factory=list)
    choice_made: list[ChoiceMade] = field(default_factory=list)
    ending_reached: list[EndingReached] = field(default_factory=list)
    rewound: list[Rewound] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.node_entered or self.choice_made or self.ending_reached or self.rewound)

    def add(
        self,
        node_entered: NodeEntered | None = None,
        choice_made: ChoiceMade | None = None,
        ending_reached: EndingReached | None = None,
        rewound: Rewound | None = None,
    ) -> Callable[[], None]:
        """Add the observers given; returns a function that removes them again."""
        added: list[tuple[list[Callable[..., None]], Callable[..., None]]] = []
        pairs: Iterable[tuple[list[Callable[..., None]], Callable[..., None] | None]] = (
            (self.node_entered, node_entered),
            (self.choice_made, choice_made),
            (self.ending_reached, ending_reached),
            (self.rewound, rewound),
        )
        for observers, callback in pairs:
            if callback is not None:
                observers.append(callback)
                added.append((observers, callback))

        def remove() -> None:
            for observers, callback in added:
                if callback in observers:
                    observers.remove(callback)

        return remove
