"""Why an ending was reached, in plain words for the learner, and what the goal still needed.

An ending's rule is read part by part: the parts of a ``when:`` list, or the clauses of a single
condition joined by ``and``. Each part becomes a :class:`Reason`: the designer's sentence
(``explain:``/``missing:`` on a rule part, ``explain:``/``explain_not:`` on a flag) or, for a meter
compared with a number, the value against the threshold ("Trust 9 — needed at least 8").
"""

from __future__ import annotations

import ast
from collections.abc import Sequence
from dataclasses import dataclass

from roleplay.engine._compare import MIRRORED, holds
from roleplay.engine._expr import Condition, Context, describe
from roleplay.engine._scenario import CompiledEnding, CompiledPart, Scenario
from roleplay.engine._state import GameState, meter_changes

FORCED_REASON = "The story led straight to this ending."
FALLBACK_REASON = "None of the other endings' rules held, so the story ends here."

_NEEDED = {
    ast.GtE: "at least {}",
    ast.Gt: "more than {}",
    ast.LtE: "at most {}",
    ast.Lt: "less than {}",
    ast.Eq: "exactly {}",
    ast.NotEq: "anything but {}",
}
_COUNTS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


@dataclass(frozen=True, slots=True)
class Reason:
    """One part of an ending's rule as the learner reads it.

    ``meter``, ``value`` and ``needed`` are set when the part compares a meter with a number.
    """

    text: str
    held: bool
    meter: str | None = None
    value: int | None = None
    needed: str | None = None


@dataclass(frozen=True, slots=True)
class NearMiss:
    """What a better (goal) ending still needed when the playthrough ended elsewhere."""

    ending_id: str
    title: str
    missing: tuple[Reason, ...]
    text: str


def ending_reasons(scenario: Scenario, state: GameState) -> tuple[Reason, ...]:
    """Why the ending in ``state`` was reached, one reason per part of its rule."""
    rule = scenario.ending_rule(state.ending or "")
    node = scenario.nodes.get(state.node)
    if rule is None or (node is not None and node.spec.ending is not None):
        return (Reason(_forced_reason(state), True),)
    if rule.condition is None:
        return (Reason(FALLBACK_REASON, True),)
    return tuple(_Reader(scenario, state).reason(part) for part in rule_parts(rule))


def _forced_reason(state: GameState) -> str:
    """A story-set ending: the last decision is what led there, so name it."""
    if not state.history:
        return FORCED_REASON
    index = len(state.history) - 1
    text = _short(state.history[index].choice_text, words=16)
    return f"Your last decision led straight here: \u201c{text}\u201d (decision {index + 1})."


def near_miss(scenario: Scenario, state: GameState) -> NearMiss | None:
    """The goal ending closest to holding at the end of ``state`` (None when one was reached)."""
    if state.ending is None or state.ending in scenario.goal_endings:
        return None
    reader = _Reader(scenario, state)
    best: tuple[int, CompiledEnding, list[Reason]] | None = None
    for rule in scenario.ending_rules:
        if not rule.goal or rule.condition is None or rule.by_name:
            continue
        reasons = [reader.reason(part) for part in rule_parts(rule)]
        missing = [r for r in reasons if not r.held]
        if best is None or len(missing) < best[0]:
            best = (len(missing), rule, missing)
    if best is None:
        return None
    _count, rule, missing = best
    text = _near_text(scenario, state, rule, missing)
    return NearMiss(rule.spec.id, rule.spec.title, tuple(missing), text)


def _near_text(
    scenario: Scenario, state: GameState, rule: CompiledEnding, missing: Sequence[Reason]
) -> str:
    title = rule.spec.title
    if not missing:
        reached = scenario.ending(state.ending or "")
        other = reached.title if reached else state.ending
        return f"Everything {title} needed held, but the story ended in {other} first."
    steps = len(missing)
    count = _COUNTS[steps] if steps < len(_COUNTS) else str(steps)
    away = f"{count} step{'s' if steps > 1 else ''} away"
    return f"{title} was {away}: " + "; ".join(_clause(r.text) for r in missing) + "."


def rule_parts(rule: CompiledEnding) -> list[CompiledPart | ast.expr]:
    """The parts of a rule: its ``when:`` list, or the clauses of its condition joined by and."""
    if rule.parts:
        return list(rule.parts)
    assert rule.condition is not None
    return _conjuncts(rule.condition.tree)


def _conjuncts(tree: ast.expr) -> list[CompiledPart | ast.expr]:
    if isinstance(tree, ast.BoolOp) and isinstance(tree.op, ast.And):
        found: list[CompiledPart | ast.expr] = []
        for value in tree.values:
            found.extend(_conjuncts(value))
        return found
    return [tree]


def _clause(sentence: str) -> str:
    """A sentence made into a clause that can follow a colon or semicolon."""
    text = sentence.strip().rstrip(".")
    if text.split(" ", 1)[0] in _LOWER_OK:
        return text[0].lower() + text[1:]
    return text


#: Sentence openings that read naturally in lower case after a colon.
_LOWER_OK = frozenset(
    {"You", "Your", "Nobody", "No", "None", "Nothing", "Someone", "Everyone", "Each", "Every"}
    | {"The", "It", "A", "An", "At", "When", "Once", "If", "This", "There", "Only", "Not"}
)


class _Reader:
    """Reads rule parts against one end state and the decisions that led there."""

    def __init__(self, scenario: Scenario, state: GameState) -> None:
        self.scenario = scenario
        self.state = state

    def reason(self, part: CompiledPart | ast.expr) -> Reason:
        if isinstance(part, CompiledPart):
            return self._part(part)
        return self._atom(part)

    def _part(self, part: CompiledPart) -> Reason:
        held = part.condition(self.state)
        atom = self._atom(part.condition.tree)
        sentence = part.explain if held else part.missing
        if not sentence:
            if not held and part.explain:
                return Reason(f"Not yet: {_clause(part.explain)}", False)
            return atom
        detail = ""
        if atom.meter is not None:
            label = self.scenario.meters[atom.meter].label
            detail = f" ({label} {atom.value} — needed {atom.needed})"
        text = sentence.rstrip(".") + detail + "."
        return Reason(text, held, atom.meter, atom.value, atom.needed)

    def _atom(self, tree: ast.expr) -> Reason:
        negated = isinstance(tree, ast.UnaryOp) and isinstance(tree.op, ast.Not)
        inner = tree.operand if isinstance(tree, ast.UnaryOp) and negated else tree
        if isinstance(inner, ast.Attribute) and inner.attr in self.scenario.flags:
            return self._flag(inner.attr, wanted=not negated)
        if (
            isinstance(inner, ast.Call)
            and isinstance(inner.func, ast.Name)
            and inner.func.id == "chose"
            and inner.args
        ):
            return self._chose(ast.literal_eval(inner.args[0]), wanted=not negated)
        if not negated and isinstance(tree, ast.Compare) and len(tree.ops) == 1:
            found = self._meter(tree)
            if found is not None:
                return found
        return self._generic(tree)

    def _meter(self, tree: ast.Compare) -> Reason | None:
        left, right, op = tree.left, tree.comparators[0], type(tree.ops[0])
        if isinstance(right, ast.Name) and isinstance(left, ast.Constant):
            left, right, op = right, left, MIRRORED[op]
        if not (isinstance(left, ast.Name) and isinstance(right, ast.Constant)):
            return None
        meter = self.scenario.meters.get(left.id)
        if meter is None or not isinstance(right.value, int):
            return None
        value = self.state.meters.get(left.id, meter.initial)
        needed = _NEEDED[op].format(right.value)
        held = bool(holds(op, value, right.value))
        if held:
            text = f"{meter.label} {value} — needed {needed}."
        else:
            text = f"{meter.label} was {value} but needed {needed}"
            text += self._cost(meter.label, left.id, raise_it=op in (ast.GtE, ast.Gt)) + "."
        return Reason(text, held, left.id, value, needed)

    def _flag(self, flag_id: str, *, wanted: bool) -> Reason:
        flag = self.scenario.flags[flag_id]
        value = bool(self.state.flags.get(flag_id, flag.start))
        sentence = flag.explain if value else flag.explain_not
        if not sentence:
            description = flag.description or flag_id.replace("_", " ")
            sentence = description if value else f"This did not happen: {_clause(description)}"
        text = sentence.rstrip(".")
        if value and value != wanted:
            text += self._setter(flag_id)
        return Reason(text + ".", value == wanted)

    def _chose(self, choice_id: str, *, wanted: bool) -> Reason:
        choice = self.scenario.choice_index.get(choice_id)
        said = f"\u201c{_short(choice.text)}\u201d" if choice else choice_id
        taken = self.state.chosen.get(choice_id, 0) > 0
        text = f"You chose {said}." if taken else f"You did not choose {said}."
        return Reason(text, taken == wanted)

    def _generic(self, tree: ast.expr) -> Reason:
        condition = Condition(ast.unparse(tree), tree, lambda c: False)
        words = describe(condition, self.scenario.labels)
        held = _evaluate(self.scenario, tree, self.state)
        text = words[:1].upper() + words[1:]
        return Reason(text + "." if held else f"Not so: {words}.", held)

    def _cost(self, label: str, meter_id: str, *, raise_it: bool) -> str:
        """The decision that moved ``meter_id`` furthest the wrong way, as a clause."""
        history = self.state.history
        harms = meter_changes(history, meter_id)
        if raise_it:
            harms = [-change for change in harms]
        harm = max(harms, default=0)
        if harm <= 0:
            return ""
        index = harms.index(harm)  # the first of the worst
        step = history[index]
        verb = "cost" if raise_it else "added"
        quoted = f"\u201c{_short(step.choice_text)}\u201d"
        return f"; {quoted} (decision {index + 1}) {verb} {harm} {label}"

    def _setter(self, flag_id: str) -> str:
        """The decision that set ``flag_id``, as a clause."""
        for index, step in enumerate(self.state.history):
            choice = self.scenario.choice_index.get(step.choice_id)
            if choice is not None and (flag_id, True) in choice.sets:
                return f" — \u201c{_short(step.choice_text)}\u201d (decision {index + 1})"
        return ""


def _evaluate(scenario: Scenario, tree: ast.expr, state: Context) -> bool:
    """Evaluate a clause of an already checked condition."""
    from roleplay.engine._expr import Names, parse_condition

    names = Names(
        frozenset(scenario.meters),
        frozenset(scenario.flags),
        frozenset(scenario.nodes),
        frozenset(scenario.choice_index),
    )
    return parse_condition(ast.unparse(tree), names)(state)


def _short(text: str, words: int = 9) -> str:
    """The first words of a line, for quoting it inside a sentence."""
    parts = text.split()
    shown = " ".join(parts[:words]).rstrip(",.;:!?")
    return shown + ("\u2026" if len(parts) > words else "")
