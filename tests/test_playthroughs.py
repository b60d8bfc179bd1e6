"""Golden playthroughs: every *.playthrough.yaml replays to its ending, also via save/load."""

from __future__ import annotations

from pathlib import Path

import pytest

from roleplay.authoring._testing import check_playthrough, find_playthroughs
from tests.conftest import SCENARIOS

FILES = find_playthroughs(SCENARIOS)


def test_sample_has_golden_playthroughs() -> None:
    assert any(f.name.startswith("sample_rota.") for f in FILES)


@pytest.mark.parametrize("roundtrip", [False, True], ids=["direct", "roundtrip"])
@pytest.mark.parametrize("path", FILES, ids=[f.name for f in FILES])
def test_playthrough_reaches_expected_outcome(path: Path, roundtrip: bool) -> None:
    outcome = check_playthrough(path, roundtrip=roundtrip)
    assert outcome.ok, outcome.problems


def test_a_wrong_expectation_fails(tmp_path: Path) -> None:
    target = tmp_path / "wrong.playthrough.yaml"
    sample = (SCENARIOS / "sample_rota.yaml").resolve()
    target.write_text(
        f"scenario: {sample}\nchoices: [1, 2, 1]\nexpect:\n  ending: stalemate\n"
        "  meters: {trust: [0, 3]}\n"
    )
    outcome = check_playthrough(target)
    assert not outcome.ok
    assert "ending: expected 'stalemate', reached 'shared_kitchen'" in outcome.problems
    assert "meter 'trust': expected 0..3, is 8" in outcome.problems


def _write(tmp_path: Path, choices: str, expect: str) -> Path:
    target = tmp_path / "run.playthrough.yaml"
    sample = (SCENARIOS / "sample_rota.yaml").resolve()
    target.write_text(f"scenario: {sample}\nchoices: {choices}\nexpect:\n{expect}")
    return target


def test_every_difference_is_reported_not_only_the_first(tmp_path: Path) -> None:
    target = _write(
        tmp_path,
        "[1, 2, 1]",
        "  ending: stalemate\n  meters: {trust: 3, reputation: 7, compliance: [0, 1]}\n"
        "  flags: {asked_jo: false, threatened: true}\n"
        "  path: [kitchen, office, vote, wrap_up]\n",
    )
    assert check_playthrough(target).problems == (
        "ending: expected 'stalemate', reached 'shared_kitchen'",
        "meter 'trust': expected 3, is 8",
        "meter 'compliance': expected 0..1, is 5",
        "flag 'asked_jo': expected false, is true",
        "flag 'threatened': expected true, is false",
        "path: step 2 went to 'idea', expected 'office' (path: kitchen > idea > office > vote > "
        "wrap_up)",
    )


def test_a_locked_choice_is_reported_and_taken_to_compare_the_rest(tmp_path: Path) -> None:
    target = _write(tmp_path, "[2, 1]", "  ending: to_the_letter\n  meters: {trust: 9}\n")
    outcome = check_playthrough(target, roundtrip=True)
    assert outcome.problems == (
        "decision 2 at node 'office': choice 1 'Here's what the cleaner's invoice was before and "
        "after the rota.' is locked: You would need an agreed rota to have numbers to show "
        "(available: 2, 3, 4); taken anyway to compare the rest",
        "meter 'trust': expected 9, is 4",
    )
    assert outcome.ending == "to_the_letter" and outcome.decisions == 2


def test_choices_out_of_range_and_left_over_are_reported(tmp_path: Path) -> None:
    missing = check_playthrough(_write(tmp_path, "[9]", "  ending: stalemate\n"))
    assert missing.problems[0] == (
        "decision 1 at node 'kitchen': there is no choice 9 (choices shown: 1-4)"
    )
    extra = check_playthrough(
        _write(tmp_path, "[2, 4, 1, 2]", "  ending: stalemate\n  meters: {trust: 3}\n")
    )
    assert extra.problems == (
        "the scenario ended after 2 decisions; 2 choices left over: [1, 2]",
    )  # and it kept going: the ending and the meters were still compared (and match)


def test_expected_names_the_scenario_lacks_are_reported(tmp_path: Path) -> None:
    target = _write(
        tmp_path,
        "[2, 4]",
        "  ending: stalmate\n  meters: {trst: 3}\n  flags: {asked: true}\n",
    )
    assert check_playthrough(target).problems == (
        "the expected ending 'stalmate' does not exist; did you mean 'stalemate'?",
        "the expected meter 'trst' does not exist; did you mean 'trust'?",
        "the expected flag 'asked' does not exist; did you mean 'asked_jo'?",
        "ending: expected 'stalmate', reached 'stalemate'",
    )


def test_a_short_run_is_compared_as_far_as_it_went(tmp_path: Path) -> None:
    target = _write(tmp_path, "[2]", "  ending: stalemate\n  path: [kitchen, office]\n")
    assert check_playthrough(target).problems == (
        "ending: expected 'stalemate', but the run ran out of choices at node 'office' before "
        "an ending (meters and flags not compared)",
    )


def test_a_run_saved_as_a_test_replays_to_its_ending(tmp_path: Path) -> None:
    """The desktop's "Save as test": a run given by choice ids is recorded by ids (format 3),
    a choice written without an id with its text."""
    from roleplay import load_scenario, replay
    from roleplay.engine._playthrough import read_playthrough, record_state

    scenario = load_scenario(SCENARIOS / "sample_rota.yaml")
    run = replay(scenario, [1, 2, 1])
    target = tmp_path / "sample_rota.saved.playthrough.yaml"
    record_state(target, scenario, [step.choice_id for step in run.state.history])
    assert read_playthrough(target).choice_refs == ("ask_jo", "idea.2", "show_numbers")
    text = target.read_text(encoding="utf-8")
    assert text.startswith("format: 3\n")
    assert "  - {id: idea.2, text: \"Let's draw names, and anyone can swap." in text
    outcome = check_playthrough(target, roundtrip=True)
    assert outcome.ok, outcome.problems
    assert outcome.ending == run.state.ending


def test_ids_survive_a_shuffled_order_and_a_format_1_file_is_upgraded(tmp_path: Path) -> None:
    """Format 3 names choices by id; a format 1 file (numbers as written) is read as ids and
    ``roleplay test --upgrade`` rewrites it in place."""
    from roleplay.engine._playthrough import read_playthrough, upgrade_playthrough

    old = _write(tmp_path, "[1, 2, 1]", "  ending: shared_kitchen\n  meters: {trust: [7, 9]}\n")
    assert read_playthrough(old).choice_refs == ("ask_jo", "idea.2", "show_numbers")
    assert read_playthrough(old, as_ids=False).choices == (1, 2, 1)
    assert upgrade_playthrough(old) and not upgrade_playthrough(old)
    text = old.read_text(encoding="utf-8")
    assert "format: 3" in text and "  - {id: idea.2, text: " in text
    assert "meters: {trust: [7, 9]}" in text
    assert check_playthrough(old, roundtrip=True).ok
    wrong = _write(tmp_path, '[ask_jo, "no_such"]', "  ending: stalemate\n")
    wrong.write_text("format: 2\n" + wrong.read_text(encoding="utf-8"), encoding="utf-8")
    assert (
        check_playthrough(wrong)
        .problems[0]
        .startswith(
            "decision 2 at node 'idea': there is no choice 'no_such' here (choices shown: idea.1"
        )
    )


def test_roleplay_test_upgrade_rewrites_the_files(tmp_path: Path) -> None:
    from tests.test_validate import run_cli

    old = _write(tmp_path, "[2, 4]", "  ending: stalemate\n")
    result = run_cli("test", "--upgrade", str(old))
    assert result.returncode == 0, result.stdout
    assert "upgraded" in result.stdout and "1 passed, 0 failed" in result.stdout
    assert old.read_text(encoding="utf-8").startswith("format: 3\n")
