"""The lesson holds in every shipped scenario: manipulation never wins, no one-rule policy wins.

For each shipped scenario this proves that (a) every unethical line sets a flag that the best
(first) ending's rule requires to be false, and nothing ever clears such a flag; (b) no simple
policy a learner could follow without judgement reaches the best ending, by exhaustive search
through the public Runner (every tie and every choice a policy allows is explored); (c) the best
ending is reachable, by its golden playthrough. It also checks the shared owning-up policy and
the learner-facing wording.
"""

from __future__ import annotations

import ast
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from roleplay import GameState, Runner, Scenario, find_scenarios, load_scenario, replay
from roleplay.engine._expr import Condition
from roleplay.engine._scenario import CompiledChoice

PATHS = {p.stem: p for p in find_scenarios()}
SHIPPED = sorted(PATHS)
REAL = ("hybrid_pitch", "no_authority", "reluctant_team")

Options = list[tuple[CompiledChoice, Runner]]
Policy = Callable[[Scenario, Options], Options]


# sample_rota (a five-minute format tour) keeps its old shape for now: its rewrite lands with
# the engine part of the lesson issue, so the lesson is proven here for the three real ones.
@pytest.fixture(scope="module", params=REAL)
def scenario(request: pytest.FixtureRequest) -> Scenario:
    return load_scenario(PATHS[request.param])


def _ethical(scenario: Scenario, choice: CompiledChoice) -> bool:
    return scenario.techniques[choice.technique].ethical


def _family(scenario: Scenario, choice: CompiledChoice) -> str:
    return scenario.techniques[choice.technique].family


def _choices(scenario: Scenario) -> Iterator[CompiledChoice]:
    for node in scenario.nodes.values():
        yield from node.choices


# --- (a) static: every unethical line sets a flag the best ending excludes ------------------
def _conjuncts(tree: ast.expr) -> Iterator[ast.expr]:
    if isinstance(tree, ast.BoolOp) and isinstance(tree.op, ast.And):
        for value in tree.values:
            yield from _conjuncts(value)
    else:
        yield tree


def _flags_required_false(scenario: Scenario) -> set[str]:
    """Flags X such that the first ending's rule is a conjunction with a ``not flags.X`` term."""
    condition = scenario.ending_rules[0].condition
    assert condition is not None, "the best ending needs a rule"
    required = set()
    for term in _conjuncts(condition.tree):
        if isinstance(term, ast.UnaryOp) and isinstance(term.op, ast.Not):
            operand = term.operand
            if (
                isinstance(operand, ast.Attribute)
                and isinstance(operand.value, ast.Name)
                and operand.value.id == "flags"
            ):
                required.add(operand.attr)
    return required


def test_every_unethical_line_sets_a_flag_the_best_ending_excludes(scenario: Scenario) -> None:
    excluded = _flags_required_false(scenario)
    assert excluded, "the best ending excludes no flag"
    unethical = [c for c in _choices(scenario) if not _ethical(scenario, c)]
    assert unethical, "a scenario without tempting lines teaches nothing"
    for choice in unethical:
        sets = {flag for flag, value in choice.sets if value}
        assert sets & excluded, f"{choice.id} ({choice.technique}) sets no flag in {excluded}"


def test_no_choice_clears_a_breach_and_none_starts_set(scenario: Scenario) -> None:
    excluded = _flags_required_false(scenario)
    for flag in excluded:
        assert not scenario.flags[flag].start, flag
    for choice in _choices(scenario):
        cleared = {flag for flag, value in choice.sets if not value}
        assert not cleared & excluded, f"{choice.id} clears {cleared & excluded}"


# --- (b) no one-rule policy reaches the best ending ------------------------------------------
def _logic_conditions(scenario: Scenario) -> list[Condition]:
    """Conditions that can change the way through: on choices and ending rules (not lines)."""
    found = [c.condition for c in _choices(scenario) if c.condition is not None]
    return found + [r.condition for r in scenario.ending_rules if r.condition is not None]


class _Keys:
    """State keys that keep only what the rest of the story can still observe, so that plays
    which differ only in forgotten details are explored once."""

    def __init__(self, scenario: Scenario) -> None:
        conditions = _logic_conditions(scenario)
        self.nodes = sorted({n for c in conditions for n in c.nodes})
        once = {c.id for c in _choices(scenario) if c.once}
        self.choices = sorted({x for c in conditions for x in c.choices} | once)
        self.live = self._live_flags(scenario)

    @staticmethod
    def _live_flags(scenario: Scenario) -> dict[str, set[str]]:
        rule_flags = {f for r in scenario.ending_rules if r.condition for f in r.condition.flags}
        live: dict[str, set[str]] = {}
        successors: dict[str, set[str]] = {}
        for node_id, node in scenario.nodes.items():
            read = {f for c in node.choices if c.condition for f in c.condition.flags}
            if node.spec.end or not node.unconditional:  # ending rules may be read here
                read |= rule_flags
            live[node_id] = read
            successors[node_id] = {c.next_id for c in node.choices} | (
                {node.next_id} if node.next_id else set()
            )
        changed = True
        while changed:
            changed = False
            for node_id, after in successors.items():
                grown = live[node_id].union(*(live[n] for n in after))
                if grown != live[node_id]:
                    live[node_id], changed = grown, True
        return live

    def key(self, state: GameState) -> str:
        live = self.live[state.node]
        return json.dumps(
            [
                state.node,
                state.meters,
                sorted(f for f, on in state.flags.items() if on and f in live),
                [state.chosen.get(c, 0) for c in self.choices],
                [state.visits.get(n, 0) for n in self.nodes],
            ]
        )


def _options(scenario: Scenario, state: GameState) -> tuple[str | None, Options]:
    """The ending reached, or each available choice with a runner that has just taken it."""
    runner = Runner(scenario, state.copy())
    runner.advance_to_decision()
    if runner.is_over:
        return runner.state.ending, []
    options = []
    for choice in runner.available_choices():
        branch = Runner(scenario, runner.state.copy())
        branch.choose_id(choice.id)
        options.append((choice, branch))
    return None, options


def _reachable(scenario: Scenario, policy: Policy) -> set[str]:
    """Every ending reachable when each decision takes only what ``policy`` allows."""
    keys = _Keys(scenario)
    endings: set[str] = set()
    seen: set[str] = set()
    stack = [Runner(scenario).state]
    while stack:
        state = stack.pop()
        key = keys.key(state)
        if key in seen:
            continue
        seen.add(key)
        ending, options = _options(scenario, state)
        if ending is not None:
            endings.add(ending)
        for _choice, branch in policy(scenario, options):
            stack.append(branch.state)
    return endings


def _family_policy(family: str) -> Policy:
    """Always that family where it is offered (anything where it is not: the lenient reading)."""

    def policy(scenario: Scenario, options: Options) -> Options:
        picked = [o for o in options if _family(scenario, o[0]) == family]
        return picked or options

    return policy


def _greedy(meter: str) -> Policy:
    """The choice that raises ``meter`` most right now (every tie explored)."""

    def policy(scenario: Scenario, options: Options) -> Options:
        if not options:
            return options
        gains = [branch.state.history[-1].deltas.get(meter, 0) for _c, branch in options]
        best = max(gains)
        return [o for o, gain in zip(options, gains, strict=True) if gain == best]

    return policy


def _first_ethical(scenario: Scenario, options: Options) -> Options:
    ethical = [o for o in options if _ethical(scenario, o[0])]
    return (ethical or options)[:1]


POLICIES: dict[str, Policy] = {
    "always influence": _family_policy("influence"),
    "always persuasion": _family_policy("persuasion"),
    "always pressure": _family_policy("pressure"),
    "always manipulation": _family_policy("manipulation"),
    "first ethical option": _first_ethical,
    "always the first line listed": lambda scenario, options: options[:1],
    "always the last line listed": lambda scenario, options: options[-1:],
    "greedy on trust": _greedy("trust"),
    "greedy on reputation": _greedy("reputation"),
    "greedy on compliance": _greedy("compliance"),
}


@pytest.mark.parametrize("name", list(POLICIES))
def test_no_one_rule_policy_reaches_the_best_ending(scenario: Scenario, name: str) -> None:
    if name.startswith("greedy on") and name.split()[-1] not in scenario.meters:
        pytest.skip(f"{scenario.id} has no {name.split()[-1]} meter")
    reached = _reachable(scenario, POLICIES[name])
    assert reached, f"'{name}' reaches no ending at all"
    assert scenario.endings[0].id not in reached, f"'{name}' reaches {scenario.endings[0].id}"


# --- (c) the best ending is reachable: its golden playthrough ---------------------------------
def _golden(scenario: Scenario, ending: str) -> list[int | str]:
    from roleplay.engine._playthrough import read_playthrough

    path = PATHS[scenario.id].parent / f"{scenario.id}.{ending}.playthrough.yaml"
    return list(read_playthrough(path).choice_refs)


def test_the_best_ending_is_reachable_by_its_golden_run(scenario: Scenario) -> None:
    best = scenario.endings[0].id
    runner = replay(scenario, _golden(scenario, best))
    assert runner.is_over and runner.state.ending == best
    techniques = [scenario.techniques[step.technique] for step in runner.state.history]
    assert all(t.ethical for t in techniques)
    assert {t.family for t in techniques} >= {"influence", "persuasion"}


def test_the_best_run_pushes_once_trust_is_above_its_start(scenario: Scenario) -> None:
    """Timing: on the golden run the pushes come after trust has risen, not before."""
    runner = replay(scenario, _golden(scenario, scenario.endings[0].id))
    start = Runner(scenario).state.meters["trust"]
    trust = start
    warm_pushes = 0
    for step in runner.state.history:
        if scenario.techniques[step.technique].family == "persuasion" and trust >= start + 2:
            warm_pushes += 1
        trust = step.meters_after["trust"]
    assert warm_pushes >= 1


# --- the owning-up policy, the same in every scenario ----------------------------------------
def _offered_whenever(admission: CompiledChoice, bluff: CompiledChoice) -> bool:
    """True when ``admission`` is shown whenever ``bluff`` is: same condition, no condition,
    or a disjunction that has the bluff's condition as one of its parts."""
    if admission.condition is None:
        return True
    if bluff.condition is None:
        return False
    wanted = ast.unparse(bluff.condition.tree)
    tree = admission.condition.tree
    parts = tree.values if isinstance(tree, ast.BoolOp) and isinstance(tree.op, ast.Or) else []
    return wanted in {ast.unparse(tree), *(ast.unparse(part) for part in parts)}


@pytest.fixture(scope="module", params=REAL)
def real(request: pytest.FixtureRequest) -> Scenario:
    return load_scenario(PATHS[request.param])


def test_bluffing_is_what_exposes_you_and_owning_up_is_always_offered(real: Scenario) -> None:
    """Coming clean beats bluffing: wherever a bluff sets `exposed`, an honest admission that
    sets `owned_up` (and not `exposed`) is offered beside it; the breach flag stays set."""
    assert real.ending("exposed") is not None
    rule = real.ending_rules[[e.id for e in real.endings].index("exposed")].condition
    assert rule is not None and rule.flags == {"exposed"}
    for node in real.nodes.values():
        bluffs = [c for c in node.choices if ("exposed", True) in c.sets]
        for bluff in bluffs:
            assert not _ethical(real, bluff), bluff.id
            admissions = [
                c
                for c in node.choices
                if ("owned_up", True) in c.sets
                and ("exposed", True) not in c.sets
                and c.technique == "acknowledging_concerns"
                and _offered_whenever(c, bluff)
            ]
            assert admissions, f"{node.id}: no honest way out beside '{bluff.id}'"


def test_the_golden_bluff_and_admission_runs_differ_only_at_the_end(real: Scenario) -> None:
    folder = PATHS[real.id].parent
    bluff = _golden(real, "exposed")
    owned = _golden(real, "stalled")
    assert owned[: len(bluff) - 1] == bluff[:-1]
    assert replay(real, bluff).state.ending == "exposed"
    assert replay(real, owned).state.ending == "stalled"
    assert (folder / f"{real.id}.early_push.playthrough.yaml").is_file()


# --- learner-facing wording ------------------------------------------------------------------
def _texts(scenario: Scenario) -> Iterator[tuple[str, str]]:
    for node in scenario.nodes.values():
        if node.spec.discussion:
            yield node.id, node.spec.discussion
        for choice in node.choices:
            yield choice.id, choice.spec.feedback
            yield choice.id, choice.spec.text
    for ending in scenario.endings:
        yield ending.id, ending.text
        yield ending.id, ending.debrief


def test_prompts_and_feedback_address_the_learner(scenario: Scenario) -> None:
    for where, text in _texts(scenario):
        assert "the player" not in text.lower(), where


def test_no_choice_signposts_itself_or_hides_behind_identical_text(scenario: Scenario) -> None:
    for node in scenario.nodes.values():
        texts = [c.spec.text for c in node.choices]
        assert len(texts) == len(set(texts)), f"{node.id} has choices with identical text"
        for text in texts:
            assert "the honest version" not in text.lower(), node.id


def test_shipped_files_are_the_ones_checked() -> None:
    assert set(REAL) <= set(SHIPPED) and "sample_rota" in SHIPPED
    assert all(isinstance(p, Path) for p in PATHS.values())
