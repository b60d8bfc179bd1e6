"""Concrete hints for the lesson findings (RP120-RP123) and the one-rule policy summary.

A finding proves something about every path; its hint names the decisions on the witness path
that make it true, and says what to change in the format's own terms (effects are fixed numbers,
so anything that depends on the relationship is a condition).
"""

from __future__ import annotations

from collections.abc import Sequence

from roleplay.authoring.solver._policies import Finding, Policy
from roleplay.engine._errors import ChoiceError
from roleplay.engine._replay import replay
from roleplay.engine._scenario import Scenario
from roleplay.engine._state import Step

#: At most this many decisions are named in one hint.
MAX_NAMED = 4


def _names(items: Sequence[str], *, quote: bool = True) -> str:
    """'a', 'a and b', 'a, b and c' (at most MAX_NAMED, then "and N more")."""
    shown = [f"'{item}'" if quote else item for item in items[:MAX_NAMED]]
    if len(items) > MAX_NAMED:
        shown.append(f"{len(items) - MAX_NAMED} more")
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def _a(word: str) -> str:
    """The article for ``word``: 'an influence', 'a persuasion'."""
    return "an" if word[:1].lower() in "aeiou" else "a"


def _steps(scenario: Scenario, ids: Sequence[str]) -> list[Step]:
    """The decisions of a witness path as the runtime takes them (none when it cannot)."""
    try:
        return list(replay(scenario, list(ids)).state.history)
    except ChoiceError:
        return []


def finding_hint(scenario: Scenario, finding: Finding) -> str:
    """What to change so the finding no longer holds, naming the decisions on its path."""
    if finding.kind == "unethical":
        return (
            f"have '{finding.choice}' set a flag (e.g. set: {{crossed_line: true}}) that the "
            "goal ending's rule excludes (a part such as `not flags.crossed_line`)"
        )
    if finding.kind == "policy":
        return _policy_hint(scenario, finding)
    if finding.kind == "timing":
        return _timing_hint(scenario, finding)
    return "widen the meter's range or soften effects so good choices keep showing"


def _policy_hint(scenario: Scenario, finding: Finding) -> str:
    steps = _steps(scenario, finding.ids)
    rule, _, name = finding.policy.partition(":")
    fix = "make the goal need a mix: a push at the right moment as well as relationship work"
    if rule == "family":
        free = [s for s in steps if not _offers(scenario, s.node, name)]
        if not free:
            return (
                f"every decision on this path offers {_a(name)} {name} choice and taking it wins: "
                f"{fix}, e.g. a part of the goal's rule that only a choice of another family "
                "satisfies (a flag it sets, a meter only it raises)"
            )
        verb = "offers" if len(free) == 1 else "offer"
        return (
            f"{_names([s.node for s in free])} {verb} no {name} choice, so this player was free "
            f"there and took {_names([s.choice_id for s in free])}: offer {_a(name)} {name} "
            f"option there, or {fix[0].lower()}{fix[1:]}"
        )
    if rule == "greedy":
        label = scenario.meters[name].label if name in scenario.meters else name
        raising = [s for s in steps if s.deltas.get(name, 0) > 0]
        picks = [f"'{s.choice_id}' at '{s.node}'" for s in raising]
        where = _names(picks, quote=False) if raising else ""
        return (
            f"the choice that raises {label} most is also the goal's"
            + (f" ({where})" if where else "")
            + f": let a choice the goal rules out raise {label} as much at one of those "
            f"decisions, so that chasing {label} alone does not win"
        )
    where = "first" if finding.policy == "first" else "last"
    return (
        f"the {where} choice listed wins at {_names([s.node for s in steps]) or 'every decision'}"
        ": leave shuffling on (remove `shuffle: false`) or vary where the best choice is written"
    )


def _offers(scenario: Scenario, node_id: str, family: str) -> bool:
    node = scenario.nodes.get(node_id)
    return node is not None and any(
        scenario.technique_family(c.technique) == family for c in node.choices
    )


def _timing_hint(scenario: Scenario, finding: Finding) -> str:
    steps = _steps(scenario, finding.ids)
    pushes = [s for s in steps if scenario.technique_family(s.technique) == "persuasion"]
    meters = scenario.relationship_meters
    other = "or name the relationship meters with relationship_meters"
    if not pushes or not meters:
        return (
            "this path wins without any push: make the goal need one, e.g. a part of its rule "
            f"that only a persuasion choice satisfies (a flag it sets, a meter only it raises), "
            f"{other}"
        )
    meter = meters[0]
    label = scenario.meters[meter].label
    made = [f"'{s.choice_id}' at '{s.node}' ({label} {_before(s, meter)})" for s in pushes]
    goal = max(scenario.meters[meter].initial + 3, 1)
    which = "the push here" if len(made) == 1 else "the pushes here"
    return (
        f"{which}, {_names(made, quote=False)}, came before any {label} was built and still "
        f"won. Effects are fixed numbers and cannot read {label}: make the payoff a condition "
        f"instead, e.g. `if: {meter} >= {goal}` on the branch where the push wins (with "
        f"another for a push made too early), or a part such as `{meter} >= {goal}` in the "
        f"goal ending's rule that an early push leaves out of reach; {other}"
    )


def _before(step: Step, meter: str) -> int:
    """The meter's value when the choice was made."""
    return step.meters_after.get(meter, 0) - step.deltas.get(meter, 0)


def policy_outcome(scenario: Scenario | None, policy: Policy) -> str:
    """The endings a one-rule policy reaches, or in plain words why it never finishes (or
    why it does not apply: a first or last choice rule where the choices are shuffled)."""
    if policy.endings:
        return ", ".join(policy.endings)
    if scenario is None or policy.name.startswith("family:"):
        return "never finishes: it cannot reach any ending"
    try:
        runner = replay(scenario, list(policy.ids))
    except ChoiceError:
        return "never finishes"
    node = runner.node
    if policy.name in ("first", "last") and node.shuffle and len(runner.available_choices()) > 1:
        # not a failure of the scenario: the rule has nothing to go by where the order is
        # shuffled, so it is worded as not applying rather than as a dead end
        return (
            f"does not apply here: the choices at '{node.id}' are shown in a shuffled order, "
            f"so no choice is the {policy.name} one"
        )
    if not runner.available_choices():
        return f"never finishes: gets stuck at '{node.id}', where no choice is available"
    return f"never finishes: goes round a loop of the story back to '{node.id}'"
