"""xAPI statements of solo runs: valid 1.0.3, ADL/cmi5 vocabulary, stable ids."""

from __future__ import annotations

from pathlib import Path

import pytest

from roleplay import load_scenario, replay, save_game
from roleplay.reports._records import Account, record_from_save, run_record
from roleplay.reports._xapi import INTERACTION_TYPE, iso_duration, statements_for
from tests.records.conftest import LEARNER, REGISTRATION, SCENARIOS, recorded_run, statement_errors

ADL = "http://adlnet.gov/expapi/verbs/"


def _verbs(statements: list[dict]) -> list[str]:  # type: ignore[type-arg]
    return [s["verb"]["id"].removeprefix(ADL) for s in statements]


@pytest.mark.parametrize(
    "scenario", ["sample_rota", "hybrid_pitch", "reluctant_team", "no_authority"]
)
def test_every_statement_of_every_shipped_playthrough_is_valid(scenario: str) -> None:
    from roleplay.engine._playthrough import read_playthrough

    for path in sorted(SCENARIOS.glob(f"{scenario}.*.playthrough.yaml")):
        choices = list(read_playthrough(path).choice_refs)
        record = recorded_run(choices, scenario=scenario)
        for statement in statements_for(record, judge=True):
            assert statement_errors(statement) == [], (path.name, statement["verb"])


def test_a_finished_run_reads_as_initialized_answered_completed_terminated(finished_run) -> None:  # type: ignore[no-untyped-def]
    statements = statements_for(finished_run)
    assert _verbs(statements) == ["initialized", "answered", "answered", "answered",
                                  "completed", "terminated"]  # fmt: skip
    assert "launched" not in _verbs(statements_for(finished_run, judge=True))
    assert {s["context"]["registration"] for s in statements} == {str(REGISTRATION)}
    assert all(s["actor"]["account"]["name"] == "learner-0042" for s in statements)


def test_passed_or_failed_only_when_asked() -> None:
    goal = recorded_run([1, 2, 1])
    other = recorded_run([2, 2])
    assert other.ending and goal.ending and other.ending[0] != goal.ending[0]
    assert _verbs(statements_for(goal, judge=True))[-2:] == ["passed", "terminated"]
    failed = statements_for(other, judge=True)
    assert _verbs(failed)[-2:] == ["failed", "terminated"]
    assert failed[-2]["result"]["success"] is False
    assert not {"passed", "failed"} & set(_verbs(statements_for(goal)))


def test_each_answer_names_the_choice_and_lists_what_was_offered(finished_run) -> None:  # type: ignore[no-untyped-def]
    first = statements_for(finished_run)[1]
    definition = first["object"]["definition"]
    assert definition["type"] == INTERACTION_TYPE and definition["interactionType"] == "choice"
    assert [c["id"] for c in definition["choices"]] == [
        "ask_jo",
        "order",
        "threaten",
        "invoice_first",
    ]
    assert first["object"]["id"].endswith(":node:kitchen")
    result = first["result"]
    assert result["response"] == "ask_jo"
    assert result["duration"] == "PT12.50S"
    ext = result["extensions"]
    assert ext["urn:roleplay:xapi:technique"]["family"] == "influence"
    assert ext["urn:roleplay:xapi:meter-deltas"] == {"trust": 2, "reputation": 1}
    assert ext["urn:roleplay:xapi:decided-by"] == "learner"
    parent = first["context"]["contextActivities"]["parent"][0]["id"]
    assert parent == statements_for(finished_run)[0]["object"]["id"]


def test_choices_taken_back_are_counted_in_terminated(finished_run) -> None:  # type: ignore[no-untyped-def]
    assert finished_run.taken_back == 1
    terminated = statements_for(finished_run)[-1]
    assert terminated["result"]["extensions"]["urn:roleplay:xapi:taken-back"] == 1


def test_statement_ids_are_stable_and_distinct(finished_run) -> None:  # type: ignore[no-untyped-def]
    once = [s["id"] for s in statements_for(finished_run)]
    again = [s["id"] for s in statements_for(finished_run)]
    assert once == again and len(set(once)) == len(once)
    other = recorded_run([1, 2, 2])
    assert [s["id"] for s in statements_for(other)][:3] == once[:3]
    assert [s["id"] for s in statements_for(other)][3] != once[3]


def test_a_save_exports_the_same_statements_twice(tmp_path) -> None:  # type: ignore[no-untyped-def]
    scenario = load_scenario(SCENARIOS / "sample_rota.yaml")
    save = tmp_path / "slot.json"
    save_game(save, scenario, replay(scenario, [1, 1]).state)
    first = statements_for(record_from_save(save, scenario, LEARNER))
    second = statements_for(record_from_save(save, scenario, LEARNER))
    assert first == second
    assert _verbs(first) == ["initialized", "answered", "answered", "terminated"]
    assert all(statement_errors(s) == [] for s in first)
    someone_else = statements_for(record_from_save(save, scenario, Account("urn:x", "b")))
    assert someone_else[0]["id"] != first[0]["id"]


def test_activity_ids_change_with_the_scenario_version(tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = (SCENARIOS / "sample_rota.yaml").read_text(encoding="utf-8")
    (tmp_path / "sample_rota.yaml").write_text(text.replace("full again", "full, again"))
    edited = load_scenario(tmp_path / "sample_rota.yaml")
    original = load_scenario(SCENARIOS / "sample_rota.yaml")
    assert edited.content_hash != original.content_hash
    assert original.content_hash in statements_for(recorded_run([1]))[0]["object"]["id"]


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "PT0S"), (12.5, "PT12.50S"), (65, "PT1M5S"), (3600 * 2 + 1.25, "PT2H1.25S")],
)
def test_durations_are_iso_8601(seconds: float, text: str) -> None:
    assert iso_duration(seconds) == text


def test_knowledge_check_answers_become_answered_statements_with_their_own_activity() -> None:
    """A save with the check taken before and after play exports one ``answered`` per question
    and phase: a choice interaction with the right answer, ``success``, the phase in context;
    the story statements keep the ids they have without the check."""
    scenario = load_scenario(SCENARIOS / "sample_rota.yaml")
    runner = replay(scenario, [1, 1])
    plain = statements_for(_record(scenario, runner))
    questions = scenario.spec.check
    right = [next(i for i, o in enumerate(q.options) if o.correct) for q in questions]
    wrong = [(r + 1) % len(q.options) for r, q in zip(right, questions, strict=True)]
    runner.answer_check("before", wrong)
    runner.answer_check("after", right)
    checked = statements_for(_record(scenario, runner))
    assert all(statement_errors(s) == [] for s in checked)
    check = [s for s in checked if ":check:" in s["object"]["id"]]
    assert len(check) == 2 * len(questions)
    phase = "urn:roleplay:xapi:check-phase"
    assert [s["context"]["extensions"][phase] for s in check] == (
        ["before"] * len(questions) + ["after"] * len(questions)
    )
    first = check[0]
    assert first["verb"]["display"]["en-US"] == "answered"
    definition = first["object"]["definition"]
    assert definition["interactionType"] == "choice"
    assert definition["correctResponsesPattern"] == [f"option-{right[0] + 1}"]
    assert first["result"] == {"response": f"option-{wrong[0] + 1}", "success": False}
    assert check[len(questions)]["result"]["success"] is True
    story = [s for s in checked if ":check:" not in s["object"]["id"]]
    assert [s["id"] for s in story] == [s["id"] for s in plain]
    verbs = _verbs(checked)
    assert verbs.index("answered") == 1 and verbs[-1] == "terminated"


def _record(scenario, runner):  # type: ignore[no-untyped-def]
    return run_record(scenario, runner.state, account=LEARNER, registration=REGISTRATION)


def test_a_rooms_check_answers_carry_the_split_and_a_tie_is_not_a_success(
    session_logs: list[Path],
) -> None:
    """A session's check statements: the Group answers; ``response`` the option most chosen
    (tied ones joined with ``[,]``), ``success`` only for the right option alone on top, the
    share right as ``score``; a question nobody answered sends nothing. All schema-valid."""
    from dataclasses import replace

    from roleplay.reports._sessions import read_session, session_record

    session = read_session(session_logs[0])
    tied = replace(session.check[0], tally={"option-1": 2, "option-2": 2, "option-3": 0})
    nobody = replace(session.check[1], tally={"option-1": 0, "option-2": 0, "option-3": 0})
    record = session_record(replace(session, check=(tied, nobody)), None)
    made = statements_for(record)
    assert all(statement_errors(s) == [] for s in made)
    (answer,) = [s for s in made if ":check:" in s["object"]["id"]]
    assert answer["actor"]["objectType"] == "Group"
    assert answer["result"]["response"] == "option-1[,]option-2"
    assert answer["result"]["success"] is False
    assert answer["result"]["score"] == {"raw": 2, "min": 0, "max": 4, "scaled": 0.5}
    definition = answer["object"]["definition"]
    assert [c["id"] for c in definition["choices"]] == ["option-1", "option-2", "option-3"]
    assert definition["correctResponsesPattern"] == ["option-2"]


def test_a_skipped_knowledge_check_adds_no_statement() -> None:
    scenario = load_scenario(SCENARIOS / "sample_rota.yaml")
    runner = replay(scenario, [1, 2, 1])
    runner.answer_check("before", [-1])
    from roleplay.reports._records import run_record

    record = run_record(scenario, runner.state, account=LEARNER, registration=REGISTRATION)
    assert not [s for s in statements_for(record) if ":check:" in s["object"]["id"]]
