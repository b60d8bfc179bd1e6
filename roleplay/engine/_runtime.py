"""The runtime: the UI asks ``view()`` and calls ``choose()``; the story never calls the UI."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from roleplay.engine._arrival import arrival_context
from roleplay.engine._errors import ChoiceError
from roleplay.engine._hooks import (
    ChoiceMade,
    EndingReached,
    NodeEntered,
    Rewound,
    RunnerHooks,
)
from roleplay.engine._knowledge import CheckQuestionView, answer_check, check_questions
from roleplay.engine._playback import play_choices
from roleplay.engine._saves import adapt_state
from roleplay.engine._scenario import CompiledChoice, CompiledNode, Scenario
from roleplay.engine._shuffle import mixed_seed, shuffled_items
from roleplay.engine._state import GameState, Mode, initial_state, packed_step
from roleplay.engine._view import EndingView, View, build_ending_view
from roleplay.engine._view_cache import Made, NodeSlot, PlayParts, play_parts


class Runner:
    """Plays a scenario: holds the immutable scenario and the small mutable state.

    A new playthrough shows each decision's choices in the order ``seed`` gives them (see
    :func:`roleplay.engine._shuffle.new_seed`); without a seed they are shown as written, as
    tools and tests want. The seed is kept in the state, so saves and rewinds keep the order.
    """

    def __init__(
        self,
        scenario: Scenario,
        state: GameState | None = None,
        mode: Mode = "practice",
        seed: int | None = None,
    ) -> None:
        self.scenario = scenario
        self.hooks = RunnerHooks()
        self._node: CompiledNode
        self._shown: list[tuple[CompiledChoice, bool]] | None = None
        self._seeded: tuple[int | None, int] = (None, 0)  # the seed and its mixed_seed()
        # The background and place title in force and how much of state.path they account
        # for: view() only looks at nodes entered since, so its cost does not grow with the
        # playthrough.
        self._backdrop: str | None = None
        self._backdrop_before: str | None = None  # in force before the path's last node
        self._title: str | None = None
        self._backdrop_upto = 0
        self._views = play_parts(scenario)
        self._slot: NodeSlot | None = None  # the parts of self._node (None: look them up)
        self._made: Made | None = None  # the last choice made here and where (for its reaction)
        self._meter_names: tuple[str, ...] = ()  # the names of state.meters, shared by the steps
        self._names_of: dict[str, int] | None = None  # the meters they are the names of
        if state is None:
            self._state = initial_state(scenario, mode, seed)
            self._enter(scenario.start)
        else:
            self.state = state

    @property
    def state(self) -> GameState:
        """The current game state (replace it to jump elsewhere, e.g. after loading)."""
        return self._state

    @state.setter
    def state(self, state: GameState) -> None:
        self._state = state
        slot = self._parts().views.slot(self.scenario, state.node)
        self._node, self._slot, self._made = slot.node, slot, None
        self._names_of = None
        self._shown = None
        self._backdrop, self._title, self._backdrop_upto = None, None, 0

    def subscribe(
        self,
        *,
        node_entered: NodeEntered | None = None,
        choice_made: ChoiceMade | None = None,
        ending_reached: EndingReached | None = None,
        rewound: Rewound | None = None,
    ) -> Callable[[], None]:
        """Add observers (see :class:`RunnerHooks`); returns a function that removes them."""
        return self.hooks.add(node_entered, choice_made, ending_reached, rewound)

    def set_line(self, line: int) -> None:
        """Remember which line of the current beat the player is reading (for exact resume)."""
        self._state.line = max(0, int(line))

    # --- queries ----------------------------------------------------------------------
    @property
    def node(self) -> CompiledNode:
        """The compiled node the player is at."""
        return self._node

    @property
    def is_over(self) -> bool:
        """True once an ending has been reached."""
        return self._state.ending is not None

    @property
    def can_rewind(self) -> bool:
        """True in practice mode when there is a choice to undo."""
        return self.state.mode == "practice" and bool(self.state.history)

    def visible_choices(self) -> list[tuple[CompiledChoice, bool]]:
        """The choices shown at this node, each with whether it can be picked."""
        if self._shown is not None:
            return self._shown
        state = self._state
        shown: list[tuple[CompiledChoice, bool]] = []
        if state.ending is None:
            node, seed = self._node, state.seed
            order = node.choices
            if node.shuffle and seed is not None:  # in this playthrough's order
                if seed != self._seeded[0]:
                    self._seeded = (seed, mixed_seed(seed))
                order = shuffled_items(order, node.shuffle_keys, self._seeded[1])
            for choice in order:
                if choice.once and state.chosen.get(choice.id):
                    continue
                condition = choice.condition
                if condition is None or condition.evaluate(state):
                    shown.append((choice, True))
                elif choice.show_locked:
                    shown.append((choice, False))
        self._shown = shown
        return shown

    def _parts(self) -> PlayParts:
        """What the play loop looks up in the scenario played now."""
        parts = self._views
        if parts.scenario is not self.scenario:  # reload() or an assignment switched scenarios
            parts = self._views = play_parts(self.scenario)
            self._slot = self._made = None  # parts of the other scenario
        return parts

    def available_choices(self) -> list[CompiledChoice]:
        """Only the choices that can be picked now."""
        shown = self._shown if self._shown is not None else self.visible_choices()
        return [c for c, ok in shown if ok]

    def view(self) -> View:
        """What to show now. Never changes state."""
        shown = self._shown if self._shown is not None else self.visible_choices()
        if self._backdrop_upto == len(self._state.path) and self._backdrop_upto:
            background, title = self._backdrop, self._title  # _enter() kept them up to date
        else:
            background, title = self._path_context()
        before = self._backdrop_before if self._state.path else background
        parts = self._views if self._views.scenario is self.scenario else self._parts()
        return parts.views.view(
            self.scenario, self._state, shown, background, title, before, self._slot, self._made
        )

    def ending_view(self) -> EndingView | None:
        """The ending reached, or None while playing."""
        return build_ending_view(self.scenario, self._state)

    def check_questions(self) -> tuple[CheckQuestionView, ...]:
        """The knowledge check's questions, answers in this playthrough's order (may be empty)."""
        return check_questions(self.scenario, self._state.seed)

    def answer_check(self, phase: str, answers: Sequence[int]) -> None:
        """Keep the knowledge-check answers of ``phase`` ("before" or "after").

        ``answers`` are option indices as written (``CheckOptionView.index``), -1 for none.
        """
        answer_check(self.scenario, self._state, phase, answers)

    def _path_context(self) -> tuple[str | None, str | None]:
        """The background and the place title last set along the path, kept incrementally; a
        path that begins elsewhere than the start begins in the place that node is reached in."""
        path = self._state.path
        if self._backdrop_upto == len(path) and path:  # _enter() kept them up to date
            return self._backdrop, self._title
        nodes = self.scenario.nodes
        if not path:
            node = nodes.get(self._state.node)
            return (node.spec.background, node.spec.title) if node is not None else (None, None)
        if self._backdrop_upto > len(path):  # the path was replaced behind our back
            self._backdrop_upto = 0
        if self._backdrop_upto == 0:
            # a run begun elsewhere than the start (play --from, a jump): the place it is in
            first = path[0]
            start = first == self.scenario.start or first not in nodes
            arrived = (None, None) if start else arrival_context(self.scenario, first)
            self._backdrop, self._title = arrived
        for node_id in path[self._backdrop_upto :]:
            node = nodes.get(node_id)
            if node is not None:
                self._backdrop_before = self._backdrop
                self._backdrop = node.spec.background or self._backdrop
                self._title = node.spec.title or self._title
        self._backdrop_upto = len(path)
        return self._backdrop, self._title

    # --- actions ----------------------------------------------------------------------
    def choose(self, index: int, *, force: bool = False) -> None:
        """Pick the choice at 0-based ``index`` of ``view().choices``; apply it and move on.

        ``force`` makes a locked choice anyway (designer tools: ``roleplay test`` keeps going
        past a choice that has become locked); a rewind cannot replay such a choice.
        """
        if self._state.ending is not None:
            raise ChoiceError("the scenario is over")
        shown = self._shown if self._shown is not None else self.visible_choices()
        if not 0 <= index < len(shown):
            raise ChoiceError(f"there is no choice {index + 1}; pick 1 to {len(shown)}")
        choice, available = shown[index]
        if not available and not force:
            hint = choice.spec.locked_hint or "its condition does not hold yet"
            raise ChoiceError(f"choice {index + 1} is locked: {hint}")
        self._apply(choice)

    def choose_id(self, choice_id: str) -> None:
        """Pick an available choice by its id."""
        for index, (choice, _available) in enumerate(self.visible_choices()):
            if choice.id == choice_id:
                self.choose(index)
                return
        raise ChoiceError(f"choice '{choice_id}' is not offered here")

    def _apply(self, choice: CompiledChoice) -> None:
        state = self._state
        meters = state.meters
        changes: tuple[str | int, ...] = ()
        for meter, delta, low, high in choice.effects:
            before = meters[meter]
            after = before + delta
            if after < low:
                after = low
            elif after > high:
                after = high
            if after != before:
                meters[meter] = after
                changes += (meter, after - before)
        if choice.sets:
            state.flags.update(choice.sets)
        chosen = state.chosen
        choice_id = choice.id
        chosen[choice_id] = chosen.get(choice_id, 0) + 1
        if changes == choice.changes:  # as usual: keep the choice's own tuple, not a copy
            changes = choice.changes
        names = self._meter_names
        if self._names_of is not meters or len(names) != len(meters):  # (first or new meters)
            names = self._meter_names = tuple(meters)
            self._names_of = meters
        values = tuple(meters.values())
        step = packed_step(
            state.node, choice_id, choice.text, choice.technique, names, values, changes
        )
        state.history.append(step)
        if self.hooks.choice_made:
            for observer in tuple(self.hooks.choice_made):
                observer(step)
        at = self._slot
        self._made = (step, choice, at) if at is not None and at.node_id == state.node else None
        self._enter(choice.next_id)
        state.last_choice = choice_id

    def jump(self, node_id: str) -> None:
        """Go straight to ``node_id`` as a ``next`` would, keeping meters and flags (designer
        tools: play from a node). Raises :class:`ChoiceError` for an unknown node."""
        if node_id not in self.scenario.nodes:
            raise ChoiceError(f"there is no node '{node_id}'")
        self._state.ending = None
        self._enter(node_id)

    def set_meter(self, meter_id: str, value: int) -> int:
        """Set a meter by hand, clamped to its range (designer tools); what is shown is worked
        out again. Returns the value set; raises :class:`ChoiceError` for an unknown meter."""
        meter = self.scenario.meters.get(meter_id)
        if meter is None:
            raise ChoiceError(f"there is no meter '{meter_id}'")
        self._state.meters[meter_id] = min(max(int(value), meter.min), meter.max)
        self._shown = None
        return self._state.meters[meter_id]

    def advance(self) -> None:
        """Continue from a node that has ``next`` instead of choices."""
        target = self.node.next_id
        if self._state.ending is not None or target is None:
            raise ChoiceError("this node has choices or has ended; nothing to advance")
        self._enter(target)

    def _enter(self, node_id: str) -> None:
        state = self._state
        self._shown = None
        state.node = node_id
        state.last_choice = None
        state.line = 0
        visits = state.visits
        visits[node_id] = visits.get(node_id, 0) + 1
        path = state.path
        path.append(node_id)
        parts = self._views
        if parts.scenario is not self.scenario:
            parts = self._parts()
        slot = self._slot = parts.slots.get(node_id) or parts.views.slot(parts.scenario, node_id)
        node = self._node = slot.node
        upto = self._backdrop_upto
        if upto == len(path) - 1 and (upto or node_id == self.scenario.start):
            # keep the path context in step with the path (a run begun elsewhere than the start
            # first finds the place it is in: _path_context)
            self._backdrop_upto += 1
            self._backdrop_before = self._backdrop
            self._backdrop = node.background or self._backdrop
            self._title = node.title or self._title
        if node.ending_id is not None:
            state.ending = node.ending_id
        elif node.end or (node.next_id is None and self._stuck(node)):
            state.ending = self.resolve_ending()
        if state.ending is not None:
            self._shown = []
        hooks = self.hooks
        if hooks.node_entered or hooks.ending_reached:
            self._notify_entered(node_id, state.ending)

    def _notify_entered(self, node_id: str, ending: str | None) -> None:
        for observer in tuple(self.hooks.node_entered):
            observer(node_id)
        if ending is not None:
            for on_ending in tuple(self.hooks.ending_reached):
                on_ending(ending)

    def _stuck(self, node: CompiledNode) -> bool:
        """True when a node without ``next`` offers no available choice (a dead end)."""
        if node.choices and node.unconditional:
            return False
        for _choice, available in self.visible_choices():  # noqa: SIM110 (no generator here)
            if available:
                return False
        return True

    def resolve_ending(self) -> str:
        """The id of the first ending whose rule holds now."""
        for rule in self.scenario.ending_rules:
            if rule.condition is None or rule.condition(self.state):
                return rule.spec.id
        return self.scenario.endings[-1].id

    # --- undo -------------------------------------------------------------------------
    def rewind(self) -> None:
        """Undo the last choice (practice mode only)."""
        if not self.can_rewind:
            raise ChoiceError(
                "rewinding is off in assessment mode"
                if self.state.history
                else "there is no choice to undo"
            )
        self.rewind_to(len(self.state.history) - 1)

    def rewind_to(self, decision: int) -> None:
        """Go back to just before decision ``decision`` (0-based) by replaying the ones before."""
        if self.state.mode != "practice":
            raise ChoiceError("rewinding is off in assessment mode")
        if not 0 <= decision <= len(self.state.history):
            raise ChoiceError(f"there is no decision {decision + 1}")
        wanted = [step.choice_id for step in self.state.history[:decision]]
        origin = self.state.restarted()
        if origin is not None:
            origin.seed = self.state.seed
        start = Runner(self.scenario, origin, mode=self.state.mode, seed=self.state.seed)
        fresh = play_choices(start, wanted)
        fresh.state.taken_back = self.state.taken_back + len(self.state.history) - decision
        fresh.state.check = self.state.check
        fresh.state.run_id = self.state.run_id
        self.state = fresh.state
        for observer in tuple(self.hooks.rewound):
            observer(decision)

    def advance_to_decision(self) -> None:
        """Advance through ``next`` nodes until a decision or an ending."""
        guard = 0
        while self.state.ending is None and self.node.spec.next is not None:
            self.advance()
            guard += 1
            if guard > len(self.scenario.nodes) + 1:
                raise ChoiceError("the scenario loops through 'next' nodes without a decision")

    def reload(self, scenario: Scenario) -> bool:
        """Switch to an edited scenario, keeping the player's place; False if the node is gone."""
        adapted = adapt_state(self.state.to_json(), scenario)
        if adapted is None:
            return False
        self.scenario = scenario
        self.state = adapted
        return True
