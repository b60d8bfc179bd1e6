"""The debrief: what each decision did, the meters over time, the rule that picked the ending."""

from __future__ import annotations

from dataclasses import dataclass

from roleplay.engine._model import FAMILIES
from roleplay.engine._runtime import Runner
from roleplay.engine._scenario import Scenario
from roleplay.engine._state import GameState
from roleplay.engine._view import EndingView


@dataclass(frozen=True)
class Decision:
    """One decision as the debrief explains it."""

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


def build_debrief(scenario: Scenario, state: GameState) -> Debrief:
    """Explain a (finished or unfinished) playthrough of ``scenario``."""
    decisions = tuple(_decision(scenario, i, step) for i, step in enumerate(state.history))
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
    )


def _decision(scenario: Scenario, index: int, step: object) -> Decision:
    from roleplay.engine._state import Step

    assert isinstance(step, Step)
    choice = scenario.choice_index.get(step.choice_id)
    technique_id = choice.spec.technique if choice else step.technique
    technique = scenario.techniques.get(technique_id)
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
        feedback=choice.spec.feedback if choice else "",
    )
