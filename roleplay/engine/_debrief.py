"""The debrief: what each decision did, the meters over time, why the ending was reached, what the
goal ending still needed, the expert's road beside the learner's, and the knowledge check."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from roleplay.engine._errors import ChoiceError
from roleplay.engine._knowledge import KnowledgeCheck, check_results
from roleplay.engine._model import FAMILIES
from roleplay.engine._prose import render, unconditional
from roleplay.engine._runtime import Runner
from roleplay.engine._scenario import Scenario
from roleplay.engine._state import GameState, Step
from roleplay.engine._view import EndingView
from roleplay.engine._why import NearMiss, Reason


@dataclass(frozen=True)
class Decision:
    """One decision as the debrief explains it.

    ``meters_before`` are the meters when the choice was made; ``feedback`` is the choice's
    feedback as it reads for that moment (its paragraphs judged then, ``{meter}`` filled in).
    """

    index: int
    node_id: str
    choice_text: str
    technique: str
    technique_label: str
    technique_explanation: str
    family: str
    ethical: bool
    deltas: dict[str, int]
    meters_after: dict[str, int]
    feedback: str
    choice_id: str = ""
    meters_before: dict[str, int] | None = None


@dataclass(frozen=True)
class ExpertPath:
    """The solver's road to a goal ending beside the learner's, from where they part.

    ``diverges_at`` is the 0-based decision where the two first differ (the decisions before it
    were the same); ``learner`` and ``expert`` are each road from there on. Both are empty when
    the learner took the expert's road all the way.
    """

    ending_id: str
    ending_title: str
    diverges_at: int
    learner: tuple[Decision, ...]
    expert: tuple[Decision, ...]


@dataclass(frozen=True)
class Debrief:
    """Everything the debrief screen and the HTML report show."""

    scenario_id: str
    scenario_title: str
    ending: EndingView | None
    rule_text: str
    decisions: tuple[Decision, ...]
    meter_labels: dict[str, str]
    meter_descriptions: dict[str, str]
    meter_series: dict[str, list[int]]
    meter_ranges: dict[str, tuple[int, int]]
    profile: dict[str, int]
    endings_total: int
    why: tuple[Reason, ...] = ()
    near_miss: NearMiss | None = None
    expert: ExpertPath | None = None
    knowledge: KnowledgeCheck | None = None


def build_debrief(
    scenario: Scenario, state: GameState, *, expert_path: Sequence[str] | None = None
) -> Debrief:
    """Explain a (finished or unfinished) playthrough of ``scenario``.

    ``expert_path`` is a road to a goal ending as choice ids (``roleplay.authoring.solver``'s
    ``expert_path`` finds one); the debrief then sets it beside the learner's.
    """
    decisions = _decisions(scenario, state.history)
    series = {k: [m.initial] for k, m in scenario.meters.items()}
    for step in state.history:
        for meter, values in series.items():
            values.append(step.meters_after.get(meter, values[-1]))
    profile: dict[str, int] = dict.fromkeys(FAMILIES, 0)
    for decision in decisions:
        if decision.family in profile:
            profile[decision.family] += 1
    ending = Runner(scenario, state.copy()).ending_view() if state.ending else None
    return Debrief(
        scenario_id=scenario.id,
        scenario_title=scenario.title,
        ending=ending,
        rule_text=ending.rule if ending else "",
        decisions=decisions,
        meter_labels={k: m.label for k, m in scenario.meters.items()},
        meter_descriptions={k: m.description for k, m in scenario.meters.items()},
        meter_series=series,
        meter_ranges={k: (m.min, m.max) for k, m in scenario.meters.items()},
        profile=profile,
        endings_total=len(scenario.endings),
        why=ending.why if ending else (),
        near_miss=ending.near_miss if ending else None,
        expert=_expert(scenario, decisions, expert_path) if expert_path is not None else None,
        knowledge=check_results(scenario, state),
    )


def _decisions(scenario: Scenario, history: Sequence[Step]) -> tuple[Decision, ...]:
    """Each step explained, its feedback judged in the state just before the choice."""
    before = _states_before(scenario, history)
    return tuple(
        _decision(scenario, index, step, before[index] if index < len(before) else None)
        for index, step in enumerate(history)
    )


def _states_before(scenario: Scenario, history: Sequence[Step]) -> list[GameState]:
    """The state before each decision, replayed (stops where an edited scenario differs)."""
    runner = Runner(scenario)
    states: list[GameState] = []
    try:
        for step in history:
            runner.advance_to_decision()
            states.append(runner.state.copy())
            runner.choose_id(step.choice_id)
    except (ChoiceError, KeyError):
        pass
    return states


def _decision(scenario: Scenario, index: int, step: Step, before: GameState | None) -> Decision:
    choice = scenario.choice_index.get(step.choice_id)
    technique_id = choice.spec.technique if choice else step.technique
    technique = scenario.techniques.get(technique_id)
    meters_before = (
        dict(before.meters)
        if before is not None
        else {k: v - step.deltas.get(k, 0) for k, v in step.meters_after.items()}
    )
    feedback = ""
    if choice is not None and before is not None:
        feedback = render(choice.feedback, before, meters_before)
    elif choice is not None:  # the scenario changed: show what holds without judging conditions
        feedback = unconditional(choice.feedback)
    return Decision(
        index=index,
        node_id=step.node,
        choice_text=choice.spec.text if choice else step.choice_text,
        technique=technique_id,
        technique_label=technique.label if technique else technique_id,
        technique_explanation=technique.explanation if technique else "",
        family=technique.family if technique else "",
        ethical=technique.ethical if technique else True,
        deltas=dict(step.deltas),
        meters_after=dict(step.meters_after),
        feedback=feedback,
        choice_id=step.choice_id,
        meters_before=meters_before,
    )


def _expert(
    scenario: Scenario, learner: tuple[Decision, ...], path: Sequence[str]
) -> ExpertPath | None:
    """The expert's road replayed and set beside the learner's from where they part."""
    try:
        runner = Runner(scenario)
        for choice_id in path:
            runner.advance_to_decision()
            runner.choose_id(choice_id)
        runner.advance_to_decision()
    except ChoiceError:
        return None
    reached = runner.state.ending
    ending = scenario.ending(reached or "")
    if ending is None:
        return None
    expert = _decisions(scenario, runner.state.history)
    shared = 0
    while (
        shared < min(len(learner), len(expert))
        and learner[shared].choice_id == expert[shared].choice_id
    ):
        shared += 1
    return ExpertPath(ending.id, ending.title, shared, learner[shared:], expert[shared:])
