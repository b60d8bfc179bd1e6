"""Observer hooks on the Runner, in the manner of ink's ``onMakeChoice``.

The story never calls a UI; observers (the desktop game, a facilitator's session log, learning
records) subscribe to what happens and are told after the state has changed. Hooks are not part of
the game state: copies of a runner (a preview of the road not taken) carry none.
"""

from __future__ import annotations

from collections.abc import Callable
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
