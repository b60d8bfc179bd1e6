"""The terminal player keeps the learner's place: it continues the autosave (asked on a terminal,
``--continue`` for scripts), takes a save file as SCENARIO, and saves on ``q``, at the end of
input and on Ctrl-C, saying where. Piped input never waits for the question."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from roleplay import GameState, Runner, load_game, load_scenario, read_save_info, save_game
from roleplay.learner._autosave import Autosaver, read_saved_game
from roleplay.learner.text import play_text
from tests.conftest import ROOT, SAMPLE
from tests.terminal import Terminal

AS_WRITTEN = ("--no-shuffle", "--no-check")


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A game home of its own (ROLEPLAY_HOME), for this process and the commands it runs."""
    path = tmp_path / "home"
    monkeypatch.setenv("ROLEPLAY_HOME", str(path))
    monkeypatch.setenv("COLUMNS", "80")
    return path


def _autosave(home: Path) -> Path:
    return home / "data" / "saves" / "autosave_sample_rota.json"


def _play(stdin: str, *args: str) -> subprocess.CompletedProcess[str]:
    """``roleplay play --text`` with piped input, in the home the ``home`` fixture set."""
    return subprocess.run(
        [sys.executable, "-m", "roleplay", "play", "--text", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_continue_picks_up_where_q_left_and_plays_to_the_ending(home: Path) -> None:
    first = _play("1\nq\n", *AS_WRITTEN, "sample_rota")
    assert first.returncode == 0
    assert f"Saved your place (decision 2) in {_autosave(home)}" in _flat(first.stdout)
    again = _play("2\n1\n", "--no-check", "--continue", "sample_rota")
    assert again.returncode == 0, again.stderr
    assert "(continuing where you left off: decision 2)" in again.stdout
    assert "Choose 1-" in again.stdout and again.stdout.count("Choose 1-") == 2
    assert "THE ENDING YOU REACHED: A kitchen everyone keeps" in again.stdout
    assert "You took the expert's road all the way." in again.stdout  # 1, 2, 1 as written
    assert read_save_info(_autosave(home)).ended


def test_piped_input_starts_a_new_game_and_says_so_never_waiting(home: Path) -> None:
    _play("1\n2\nq\n", *AS_WRITTEN, "sample_rota")
    piped = _play("1\nq\n", "--no-check", "sample_rota")
    assert piped.returncode == 0 and "[Y/n]" not in piped.stdout
    assert "continuing" not in piped.stdout
    note = _flat(piped.stderr)
    assert "input is not a terminal, so a new game starts" in note
    assert "(decision 3, just now)" in note and "--continue continues that one" in note
    assert read_save_info(_autosave(home)).decisions == 1  # the new game replaced it
    quiet = _play("2\n4\n", *AS_WRITTEN, "--new", "sample_rota")
    assert quiet.returncode == 0 and quiet.stderr == ""
    assert "THE ENDING YOU REACHED: Nothing changed" in quiet.stdout


def test_continue_and_new_are_refused_where_they_cannot_apply(home: Path) -> None:
    none_yet = _play("", "--continue", "sample_rota")
    assert none_yet.returncode == 2
    assert "--continue: 'sample_rota' has no autosave yet" in _flat(none_yet.stderr)
    seeded = _play("", "--continue", "--seed", "3", "sample_rota")
    assert seeded.returncode == 2 and "cannot be combined with --seed" in _flat(seeded.stderr)
    both = _play("", "--continue", "--new", "sample_rota")
    assert both.returncode == 2 and "not allowed with argument --continue" in both.stderr


def test_the_question_is_answered_through_standard_input(home: Path) -> None:
    scenario = load_scenario(SAMPLE)
    play_text(scenario, io.StringIO("1\nq\n"), io.StringIO(), shuffle=False, check=False)
    saved = read_saved_game(_autosave(home), scenario)
    out = io.StringIO()
    code, taken = play_text(
        scenario, io.StringIO("maybe\n\n2\n1\n"), out, check=False, saved=saved, ask=True
    )
    shown = out.getvalue()
    assert code == 0 and taken == ["ask_jo", "idea.2", "show_numbers"]
    assert "Continue where you left off (decision 2, just now)? [Y/n]" in shown
    assert "Answer y to continue that game or n to start a new one" in _flat(shown)
    assert shown.index("[Y/n]") < shown.index("(continuing where you left off: decision 2)")
    out = io.StringIO()
    code, taken = play_text(
        scenario, io.StringIO("n\n2\n4\n"), out, shuffle=False, check=False, saved=saved, ask=True
    )
    assert code == 0 and taken == ["order", "office.4"] and "continuing" not in out.getvalue()


def test_a_terminal_is_asked_whether_to_continue(home: Path) -> None:
    _play("1\nq\n", *AS_WRITTEN, "sample_rota")
    with Terminal(["play", "--text", "--no-check", "sample_rota"], cwd=ROOT) as terminal:
        terminal.read_until("[Y/n]")
        assert "Continue where you left off (decision 2, just now)? [Y/n]" in terminal.seen
        terminal.type("\n")
        terminal.read_until("Choose 1-")
        assert "(continuing where you left off: decision 2)" in terminal.seen
        terminal.type("q\n")
        assert terminal.wait() == 0


def test_a_save_file_given_as_the_scenario_is_continued(home: Path) -> None:
    _play("1\nq\n", *AS_WRITTEN, "sample_rota")
    result = _play("2\n1\n", "--no-check", str(_autosave(home)))
    assert result.returncode == 0, result.stderr
    assert "RP010" not in result.stdout and "unknown key" not in result.stdout
    assert "(continuing where you left off: decision 2)" in result.stdout
    assert "THE ENDING YOU REACHED: A kitchen everyone keeps" in result.stdout
    seeded = _play("", "--seed", "2", str(_autosave(home)))
    assert seeded.returncode == 2
    assert "autosave_sample_rota.json is a save file: it continues where it was saved" in _flat(
        seeded.stderr
    )


def test_a_damaged_save_file_is_named_as_such(home: Path, tmp_path: Path) -> None:
    broken = tmp_path / "slot_1.json"
    broken.write_text('{"format": 2, "scenario_id": "sample_rota", "sta', encoding="utf-8")
    result = _play("", str(broken))
    assert result.returncode == 1 and "RP0" not in result.stdout + result.stderr
    assert "slot_1.json: the save is corrupt" in result.stderr


def test_an_assessment_continues_only_from_its_autosave(home: Path, tmp_path: Path) -> None:
    _play("1\nq\n", *AS_WRITTEN, "--assessment", "sample_rota")
    earlier = tmp_path / "slot_3.json"
    earlier.write_bytes(_autosave(home).read_bytes())  # a copy kept at decision 2
    later = _play("2\n", "--no-check", "--continue", "sample_rota")
    assert read_save_info(_autosave(home)).decisions == 2  # written after the decision
    assert later.returncode == 1  # the input ended at decision 3
    refused = _play("1\n", "--no-check", str(earlier))
    assert refused.returncode == 2 and "==" not in refused.stdout
    assert "holds an assessment run, which goes on only from its autosave" in _flat(refused.stderr)
    resumed = _play("b\n", "--no-check", "--continue", "sample_rota")
    assert "(continuing where you left off: decision 3)" in resumed.stdout
    assert "Taking back is off in assessment mode." in resumed.stdout


def test_an_earlier_autosave_put_back_does_not_take_an_assessment_back(
    home: Path, tmp_path: Path
) -> None:
    """The ledger of runs (shared with the desktop game) remembers how far each run got."""
    _play("1\nq\n", *AS_WRITTEN, "--assessment", "sample_rota")
    kept = tmp_path / "kept.json"
    kept.write_bytes(_autosave(home).read_bytes())  # at decision 2
    _play("2\nq\n", "--no-check", "--continue", "sample_rota")  # the run goes on to 3
    _autosave(home).write_bytes(kept.read_bytes())  # decision 2 put back by hand
    asked = _play("", "--continue", "sample_rota")
    assert asked.returncode == 2 and "==" not in asked.stdout
    assert "holds an assessment run at decision 2, but the run has gone further since" in _flat(
        asked.stderr
    )
    piped = _play("1\nq\n", "--no-check", "sample_rota")
    assert "continuing" not in piped.stdout and "a new game starts" not in piped.stderr
    assert "the run has gone further since" in _flat(piped.stderr)
    assert read_save_info(_autosave(home)).mode == "practice"  # a new game, not the old run


def test_a_practice_game_never_continues_as_an_assessment(home: Path) -> None:
    _play("1\nq\n", *AS_WRITTEN, "sample_rota")
    refused = _play("", "--assessment", "--continue", "sample_rota")
    assert refused.returncode == 2
    assert "is a practice game, which cannot continue as an assessment" in _flat(refused.stderr)
    fresh = _play("2\nb\n", *AS_WRITTEN, "--assessment", "sample_rota")
    assert "Taking back is off in assessment mode." in fresh.stdout


def test_end_of_input_saves_the_place_and_says_where(home: Path) -> None:
    result = _play("1\n2\n", *AS_WRITTEN, "sample_rota")
    assert result.returncode == 1
    said = _flat(result.stderr)
    assert "Input ended before the scenario did." in said
    assert f"Saved your place (decision 3) in {_autosave(home)}." in said
    state = load_game(_autosave(home), load_scenario(SAMPLE))
    assert [step.choice_id for step in state.history] == ["ask_jo", "idea.2"]


def test_end_of_input_before_any_decision_keeps_the_older_game(home: Path) -> None:
    _play("1\n2\nq\n", *AS_WRITTEN, "sample_rota")
    before = _autosave(home).read_bytes()
    result = _play("", *AS_WRITTEN, "--new", "sample_rota")
    assert result.returncode == 1
    assert "Nothing was saved: no decision had been made yet." in result.stderr
    assert _autosave(home).read_bytes() == before


def test_ctrl_c_saves_the_place_and_says_where(home: Path) -> None:
    """A real Ctrl-C: the terminal sends SIGINT to the player, which saves and exits 130."""
    args = ["play", "--text", *AS_WRITTEN, "--new", "sample_rota"]
    with Terminal(args, cwd=ROOT) as terminal:
        terminal.read_until("Choose 1-")
        terminal.type("1\n")
        terminal.read_until("Choose 1-", after="> ")
        terminal.interrupt()
        assert terminal.wait() == 130
    said = _flat(terminal.seen)
    assert "Interrupted." in said and "Traceback" not in said
    assert f"Saved your place (decision 2) in {_autosave(home)}." in said
    assert read_save_info(_autosave(home)).decisions == 1


def test_ctrl_d_on_a_terminal_saves_the_place(home: Path) -> None:
    args = ["play", "--text", *AS_WRITTEN, "--new", "sample_rota"]
    with Terminal(args, cwd=ROOT) as terminal:
        terminal.read_until("Choose 1-")
        terminal.type("1\n")
        terminal.read_until("Choose 1-", after="> ")
        terminal.type("2\n")
        terminal.read_until("Choose 1-", after="> Let's draw")
        terminal.end_input()
        assert terminal.wait() == 1
    assert f"Saved your place (decision 3) in {_autosave(home)}." in _flat(terminal.seen)
    assert read_save_info(_autosave(home)).decisions == 2


def test_a_failed_autosave_is_said_once_and_play_goes_on(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(self: Autosaver) -> bool:
        self.failure = "No space left on device"
        return False

    monkeypatch.setattr(Autosaver, "save", full_disk)
    out = io.StringIO()
    code, _ = play_text(
        load_scenario(SAMPLE), io.StringIO("1\n2\n1\n"), out, shuffle=False, check=False
    )
    shown = out.getvalue()
    assert code == 0 and "THE ENDING YOU REACHED" in shown
    assert shown.count("Autosave failed: No space left on device.") == 1


def test_a_save_of_another_scenario_is_not_continued(home: Path, tmp_path: Path) -> None:
    scenario = load_scenario(SAMPLE)
    path = tmp_path / "odd.json"
    save_game(path, scenario, Runner(scenario).state)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["scenario_id"] = "nowhere"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = _play("", str(path))
    assert result.returncode == 2 and "==" not in result.stdout
    assert "odd.json is a save of scenario 'nowhere', which is not a shipped" in _flat(
        result.stderr
    )


def test_the_desktop_game_is_handed_the_saved_game(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without --text, a save file or --continue opens the desktop game at the saved place."""
    from roleplay.cli import main, play

    _play("1\n2\nq\n", *AS_WRITTEN, "--assessment", "sample_rota")
    opened: list[tuple[str, int]] = []

    def open_game(scenario: object, mode: str = "practice", **options: object) -> int:
        state = options["state"]
        assert isinstance(state, GameState)
        opened.append((state.mode, len(state.history)))
        return 0

    monkeypatch.setattr(play, "run_game", open_game)
    assert main(["play", str(_autosave(home))]) == 0
    assert main(["play", "--continue", "sample_rota"]) == 0
    assert opened == [("assessment", 2), ("assessment", 2)]


def test_b_after_continuing_takes_back_a_decision_made_before(home: Path) -> None:
    scenario = load_scenario(SAMPLE)
    play_text(scenario, io.StringIO("1\nq\n"), io.StringIO(), shuffle=False, check=False)
    saved = read_saved_game(_autosave(home), scenario)
    out = io.StringIO()
    code, taken = play_text(scenario, io.StringIO("h\nb\nh\n"), out, check=False, saved=saved)
    assert code == 1 and taken == []
    first, second = out.getvalue().split("--- so far ---")[1:]
    assert "> Jo, you've carried this." in first  # a decision made before continuing
    assert "Took back your last choice." in first
    assert "> Jo, you've carried this." not in second.split("---")[0]
