"""The scenario compiled into index-based tables: bit masks and indices instead of names.

A state is a node plus its meter values, flags, capped visit counts of the tracked nodes and the
tracked choices taken (packed into one integer by :mod:`._layout`). Liveness says, per node,
which flags, visit counts and choices any condition from there on may still read; the rest is
dropped from states.
"""

from __future__ import annotations

from dataclasses import dataclass

from roleplay.authoring.solver._context import Bits, Context
from roleplay.authoring.solver._tracking import tracked_choices, visit_caps
from roleplay.engine._expr import Condition
from roleplay.engine._scenario import CompiledChoice, Scenario

#: Node kinds: a decision, a ``next`` beat, a forced ``ending:``, an ``end: true`` node.
DECISION, NEXT, FORCED, END = 0, 1, 2, 3

#: A move that ends the story returns ENDING_BASE minus the ending's position (see Tables).
ENDING_BASE = -3


@dataclass(frozen=True, slots=True)
class TableChoice:
    """A choice compiled for the solver: bit masks and indices instead of names."""

    index: int
    condition: Condition | None
    once_mask: int
    show_locked: bool
    effects: tuple[tuple[int, int, int, int], ...]
    set_on: int
    set_off: int
    chosen_mask: int
    target: int
    family: str
    id: str = ""
    ethical: bool = True
    code: int = 0  # its position in Tables.choices


@dataclass(frozen=True, slots=True)
class TableNode:
    """A node compiled for the solver."""

    kind: int
    choices: tuple[TableChoice, ...]
    unconditional: bool
    forced: str | None
    chain: tuple[int, ...]  # nodes entered when entering this one (itself, then its `next`s)
    final: int  # where the chain stops; -1 when the `next` nodes loop forever
    options: list[tuple[int, TableChoice]]  # (number, choice) of an unconditional decision
    chain_prefix: tuple[int, ...] = ()  # the `next` nodes passed through before ``final``


class Tables:
    """The scenario compiled into index-based tables for fast exploration."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self._index_names(scenario)
        #: every choice of the scenario, by its ``code``
        self.choices: list[TableChoice] = []
        self.nodes = [self._node(node_id) for node_id in self.node_ids]
        self.chain_visits = [
            tuple(self.visit_pos[n] for n in node.chain if self.visit_pos[n] >= 0)
            for node in self.nodes
        ]
        rules = [r.condition for r in scenario.ending_rules if r.condition is not None]
        self.ending_flags = sum(1 << self.flag_pos[f] for f in {f for c in rules for f in c.flags})
        self.ending_chosen = sum(self.chosen_bit[x] for x in {x for c in rules for x in c.choices})
        self.live_flags, self.live_visits, self.live_chosen = self._liveness()
        #: what an exploration's moves return for each ending: ENDING_BASE - its position
        self.ending_code = {r.spec.id: ENDING_BASE - i for i, r in enumerate(scenario.ending_rules)}

    def _index_names(self, scenario: Scenario) -> None:
        """Number the nodes, meters, flags, tracked visit counts and tracked choices."""
        self.node_ids = list(scenario.nodes)
        self.node_index = {n: i for i, n in enumerate(self.node_ids)}
        self.meter_ids = list(scenario.meters)
        self.meter_index = {m: i for i, m in enumerate(self.meter_ids)}
        self.flag_ids = list(scenario.flags)
        self.flag_pos = {f: i for i, f in enumerate(self.flag_ids)}
        self.caps = visit_caps(scenario)
        self.visit_ids = sorted(self.caps)
        self.visit_pos = [-1] * len(self.node_ids)
        for pos, node_id in enumerate(self.visit_ids):
            self.visit_pos[self.node_index[node_id]] = pos
        self.cap_list = [self.caps[n] for n in self.visit_ids]
        self.all_visits = (1 << len(self.visit_ids)) - 1
        self.chosen_ids = tracked_choices(scenario)
        self.chosen_bit = {c: 1 << i for i, c in enumerate(self.chosen_ids)}
        self.chosen_pos = {c: i for i, c in enumerate(self.chosen_ids)}

    # --- liveness: what a condition may still read from a node on -----------------------
    def _reads(self, node_id: str) -> list[int]:
        """Flags, visit slots and chosen bits read by the conditions evaluated at a node."""
        compiled = self.scenario.nodes[node_id]
        conditions = [c.condition for c in compiled.choices if c.condition is not None]
        if compiled.spec.end or not compiled.unconditional:
            conditions += [r.condition for r in self.scenario.ending_rules if r.condition]
        visit_pos = {n: i for i, n in enumerate(self.visit_ids)}
        flags = visits = chosen = 0
        for condition in conditions:
            flags |= sum(1 << self.flag_pos[f] for f in condition.flags)
            visits |= sum(1 << visit_pos[n] for n in condition.nodes if n in visit_pos)
            chosen |= sum(self.chosen_bit.get(c, 0) for c in condition.choices)
        chosen |= sum(self.chosen_bit.get(c.id, 0) for c in compiled.choices if c.spec.once)
        return [flags, visits, chosen]

    def _successors(self) -> list[set[int]]:
        """Per node: the nodes its choices and ``next`` lead to."""
        successors: list[set[int]] = []
        for node_id in self.node_ids:
            spec = self.scenario.nodes[node_id].spec
            targets = {self.node_index[c.next] for c in spec.choices or ()}
            if spec.next is not None:
                targets.add(self.node_index[spec.next])
            successors.append(targets)
        return successors

    def _liveness(self) -> tuple[list[int], list[int], list[int]]:
        """Per node: what any condition from here on may read (the rest is dropped from keys).

        Two states that differ only in what no later condition reads have the same futures,
        so forgetting it is exact and keeps the state space small.
        """
        live = [self._reads(node_id) for node_id in self.node_ids]
        successors = self._successors()
        changed = True
        while changed:
            changed = False
            for index in reversed(range(len(live))):
                mine = live[index]
                for target in successors[index]:
                    theirs = live[target]
                    for slot in range(3):
                        merged = mine[slot] | theirs[slot]
                        if merged != mine[slot]:
                            mine[slot] = merged
                            changed = True
        return [x[0] for x in live], [x[1] for x in live], [x[2] for x in live]

    # --- nodes and choices ------------------------------------------------------------
    def _choice(self, choice: CompiledChoice) -> TableChoice:
        # flag_pos, not a table per choice: 2,000 flags x 60,000 choices took minutes
        set_on = sum(1 << self.flag_pos[f] for f, v in choice.sets if v)
        set_off = sum(1 << self.flag_pos[f] for f, v in choice.sets if not v)
        bit = self.chosen_bit.get(choice.id, 0)
        compiled = TableChoice(
            choice.index,
            choice.condition,
            bit if choice.spec.once else 0,
            choice.spec.show_locked,
            tuple((self.meter_index[m], d, lo, hi) for m, d, lo, hi in choice.effects),
            set_on,
            set_off,
            bit,
            self.node_index[choice.spec.next],
            self.scenario.technique_family(choice.spec.technique),
            choice.id,
            self._ethical(choice.spec.technique),
            len(self.choices),
        )
        self.choices.append(compiled)
        return compiled

    def _ethical(self, technique_id: str) -> bool:
        technique = self.scenario.techniques.get(technique_id)
        return technique is None or technique.ethical

    def _node(self, node_id: str) -> TableNode:
        compiled = self.scenario.nodes[node_id]
        chain, final = self._chain(node_id)
        choices = tuple(self._choice(c) for c in compiled.choices)
        return TableNode(
            self._kind(node_id),
            choices,
            compiled.unconditional,
            compiled.spec.ending,
            chain,
            final,
            list(enumerate(choices, start=1)),
            chain[:-1],
        )

    def _kind(self, node_id: str) -> int:
        spec = self.scenario.nodes[node_id].spec
        if spec.ending is not None:
            return FORCED
        if spec.end:
            return END
        return NEXT if spec.next is not None else DECISION

    def _chain(self, node_id: str) -> tuple[tuple[int, ...], int]:
        entered: list[int] = []
        current: str | None = node_id
        while current is not None:
            index = self.node_index[current]
            if index in entered:
                return tuple(entered), -1
            entered.append(index)
            spec = self.scenario.nodes[current].spec
            if spec.ending is not None or spec.end:
                break
            current = spec.next
        return tuple(entered), entered[-1]

    # --- conditions -------------------------------------------------------------------
    def context(
        self, meters: tuple[int, ...], flags: int, visits: tuple[int, ...], chosen: int
    ) -> Context:
        """A condition context for a state key's parts."""
        return Context(
            dict(zip(self.meter_ids, meters, strict=True)),
            Bits(flags, self.flag_pos, False),
            dict(zip(self.visit_ids, visits, strict=True)),
            Bits(chosen, self.chosen_pos, True),
        )

    def resolve_ending(self, ctx: Context) -> str:
        """The ending the rules pick in ``ctx`` (Runner.resolve_ending)."""
        for rule in self.scenario.ending_rules:
            if rule.condition is None or rule.condition(ctx):
                return rule.spec.id
        return self.scenario.endings[-1].id
