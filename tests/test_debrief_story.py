"""Endings and debriefs tell this player's story: conditional paragraphs, values against thresholds,
what the goal still needed, the expert's road and the knowledge check before and after."""

from __future__ import annotations

from pathlib import Path

import pytest

from roleplay import ChoiceError, Runner, build_debrief, load_game, replay, save_game
from roleplay.engine._loader import check_document, load_scenario_text
from roleplay.engine._yaml import load_yaml
from roleplay.reports._html import render_debrief_html

STORY = """\
format: 1
id: story
title: Story
summary: Win Sam over.
learning_goals: [Listen, then push]
estimated_minutes: 2
start: meet
meters:
  trust: {label: Trust, start: 3}
  reputation: {label: Reputation, start: 5}
flags:
  threatened:
    description: You threatened Sam
    explain: You threatened Sam.
    explain_not: You never threatened anyone.
nodes:
  meet:
    lines: [{text: Sam is wary.}]
    choices:
      - id: listen
        text: Ask Sam what worries him.
        technique: active_listening
        effects: {trust: 3}
        feedback: Listening builds trust.
        next: pitch
      - id: threaten
        text: Tell Sam his job depends on it.
        technique: threat
        effects: {trust: -1, reputation: -2}
        set: {threatened: true}
        feedback: A threat costs the relationship.
        next: pitch
  pitch:
    lines: [{text: The meeting.}]
    choices:
      - id: present
        text: Show the numbers and ask for a trial.
        technique: evidence_and_data
        effects: {reputation: 2}
        feedback:
          - text: Same data, parked, because Trust was {trust} when you presented it.
            if: trust <= 4
          - text: With Trust at {trust}, the room could take the push.
            if: trust > 4
        next: done
      - id: wait
        text: Say nothing yet.
        technique: active_listening
        feedback: Nothing decided.
        next: done
  done:
    lines: [{text: The end.}]
    end: true
endings:
  - id: agreed
    title: Genuine buy-in
    when:
      - test: trust >= 6
        explain: Sam trusted you
        missing: Sam did not trust you enough yet
      - reputation >= 7
      - not flags.threatened
    text:
      - Sam signs up.
      - text: He still mentions the threat.
        if: flags.threatened
    debrief: Trust first, then the push.
  - id: parked
    title: Parked
    when: reputation >= 5
    text:
      - The idea is parked.
      - text: Nobody forgets the threat.
        if: flags.threatened
    debrief: A push without the relationship is parked.
  - id: nothing
    title: Nothing
    text: Nothing changes.
check:
  - question: What carries a proposal furthest?
    options:
      - text: Better slides
        explain: Slides help, but the room weighs the presenter.
      - text: The reputation of the person presenting
        correct: true
        explain: People judge the messenger before the message.
      - text: An emotional appeal
        explain: It moves people for a moment, not for a decision.
  - question: When should you push?
    shuffle: false
    options:
      - text: When the relationship can carry it
        correct: true
        explain: The same ask lands or is parked depending on trust.
      - text: As early as possible
        explain: An early push is parked.
"""


@pytest.fixture
def story() -> object:
    return load_scenario_text(STORY)


def test_ending_text_names_what_happened_on_this_path(story) -> None:  # type: ignore[no-untyped-def]
    calm = replay(story, ["listen", "wait"]).ending_view()
    threat = replay(story, ["threaten", "present"]).ending_view()
    assert calm is not None and threat is not None
    assert calm.id == "parked" and "threat" not in calm.text
    assert (
        threat.id == "parked" and threat.text == "The idea is parked.\n\nNobody forgets the threat."
    )


def test_why_this_ending_shows_values_against_thresholds(story) -> None:  # type: ignore[no-untyped-def]
    view = replay(story, ["listen", "present"]).ending_view()
    assert view is not None and view.id == "agreed" and view.goal
    texts = [reason.text for reason in view.why]
    assert texts == [
        "Sam trusted you (Trust 6 — needed at least 6).",
        "Reputation 7 — needed at least 7.",
        "You never threatened anyone.",
    ]
    assert view.rule == " ".join(texts) and view.near_miss is None
    assert "flags" not in view.rule and "trust >=" not in view.rule


def test_the_nearest_goal_says_what_was_missing_and_what_cost_it(story) -> None:  # type: ignore[no-untyped-def]
    view = replay(story, ["threaten", "present"]).ending_view()
    assert view is not None and view.near_miss is not None
    near = view.near_miss
    assert near.ending_id == "agreed" and len(near.missing) == 3
    assert near.text.startswith("Genuine buy-in was three steps away: Sam did not trust you")
    assert (
        "Reputation was 5 but needed at least 7; "
        "“Tell Sam his job depends on it” (decision 1) cost 2 Reputation" in (near.text)
    )
    assert "you threatened Sam — “Tell Sam his job depends on it” (decision 1)" in near.text
    one_step = replay(story, ["listen", "wait"]).ending_view()
    assert one_step is not None and one_step.near_miss is not None
    assert one_step.near_miss.text == (
        "Genuine buy-in was one step away: Reputation was 5 but needed at least 7."
    )


def test_feedback_is_judged_when_the_choice_was_made(story) -> None:  # type: ignore[no-untyped-def]
    early = build_debrief(story, replay(story, ["threaten", "present"]).state)
    assert (
        early.decisions[1].feedback
        == "Same data, parked, because Trust was 2 when you presented it."
    )
    assert early.decisions[1].meters_before == {"trust": 2, "reputation": 3}
    late = build_debrief(story, replay(story, ["listen", "present"]).state)
    assert late.decisions[1].feedback == "With Trust at 6, the room could take the push."


def test_the_expert_road_is_set_beside_the_learners(story) -> None:  # type: ignore[no-untyped-def]
    from roleplay.authoring.solver import expert_path

    state = replay(story, ["listen", "wait"]).state
    road = expert_path(story, ["listen", "wait"])
    assert road == ("listen", "present")
    debrief = build_debrief(story, state, expert_path=road)
    assert debrief.expert is not None
    assert debrief.expert.diverges_at == 1 and debrief.expert.ending_id == "agreed"
    assert [d.choice_id for d in debrief.expert.learner] == ["wait"]
    assert [d.choice_id for d in debrief.expert.expert] == ["present"]
    assert expert_path(story, ["threaten"]) == ("listen", "present")
    html = render_debrief_html(debrief)
    assert (
        "The expert's road" in html
        and "Your first decision matched" in html
        and "Show the numbers and ask for a trial." in html
    )


def test_the_knowledge_check_before_and_after(story, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    runner = Runner(story, seed=5)
    questions = runner.check_questions()
    assert [q.number for q in questions] == [1, 2]
    assert [o.text for o in questions[1].options] == [
        "When the relationship can carry it",
        "As early as possible",
    ]  # shuffle: false
    orders = {tuple(o.index for o in Runner(story, seed=s).check_questions()[0].options)
              for s in range(30)}  # fmt: skip
    assert len(orders) > 1
    runner.answer_check("before", [0, 1])
    save_game(tmp_path / "slot.json", story, runner.state)
    runner = Runner(story, load_game(tmp_path / "slot.json", story))
    runner.advance_to_decision()
    runner.choose_id("listen")
    runner.advance_to_decision()
    runner.choose_id("present")
    runner.answer_check("after", [1, 0])
    check = build_debrief(story, runner.state).knowledge
    assert check is not None and check.total == 2
    assert (check.score_before, check.score_after) == (0, 2)
    assert check.questions[0].before == 0 and check.questions[0].after == 1
    html = render_debrief_html(build_debrief(story, runner.state))
    assert "Knowledge check" in html and "Before you played: 0 of 2" in html
    unasked = render_debrief_html(build_debrief(story, replay(story, ["listen", "wait"]).state))
    assert "Knowledge check" not in unasked
    with pytest.raises(ChoiceError):
        runner.answer_check("after", [7, 0])
    with pytest.raises(ChoiceError):
        runner.answer_check("during", [0, 0])


def test_a_skipped_check_has_no_score_and_a_half_answered_one_counts_what_was_answered(
    story,
) -> None:  # type: ignore[no-untyped-def]
    runner = Runner(story, seed=5)
    runner.answer_check("before", [-1, -1])
    runner.answer_check("after", [-1, 0])
    check = build_debrief(story, runner.state).knowledge
    assert check is not None
    assert check.score_before is None and check.questions[0].before is None
    assert check.score_after == 1 and check.questions[0].after is None


def _diagnostics(text: str) -> list[str]:
    from roleplay.engine._document import parse_document

    doc = parse_document(text.encode(), "story.yaml")
    _scenario, found = check_document(doc, Path("."))
    return [f"{d.code} {d.message}" for d in found]


def test_placeholders_and_check_answers_are_checked() -> None:
    assert load_yaml(STORY)  # the story parses
    wrong = STORY.replace("Trust was {trust}", "Trust was {turst}")
    assert any(d.startswith("RP036 '{turst}' names no meter") for d in _diagnostics(wrong))
    two = STORY.replace(
        "        explain: It moves people",
        "        correct: true\n        explain: It moves people",
    )
    assert any(d.startswith("RP037 question 1") for d in _diagnostics(two))


@pytest.mark.parametrize("name", ["hybrid_pitch", "no_authority", "reluctant_team", "sample_rota"])
def test_the_experts_road_never_spends_the_relationship(name: str) -> None:
    """The expert builds trust before pushing: on every shipped scenario the road it shows
    reaches the goal without a single choice that lowers a relationship meter (a push made too
    early is parked and costs trust: the expert never models that)."""
    from roleplay import load_scenario
    from roleplay.authoring.solver import expert_path

    story = load_scenario(Path(__file__).parent.parent / "scenarios" / f"{name}.yaml")
    road = expert_path(story, ())
    assert road is not None
    runner = replay(story, list(road))
    assert runner.state.ending in story.goal_endings
    for step in runner.state.history:
        lowered = {m: d for m, d in step.deltas.items() if m in story.relationship_meters and d < 0}
        assert not lowered, f"{step.choice_id} lowers {lowered}"
