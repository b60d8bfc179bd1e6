"""`roleplay play --text`: numbers at choices only, invalid input asked again, JSON result."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from roleplay import load_scenario, replay
from tests.conftest import ROOT, SAMPLE
from tests.test_validate import run_cli

#: Choices as written and no knowledge check, so a test can type choice numbers
#: (tests/test_text_player_story.py plays with a seed and the check).
AS_WRITTEN = ("--no-shuffle", "--no-check")


def test_plays_to_an_ending_and_reveals_meters() -> None:
    result = run_cli("play", "--text", *AS_WRITTEN, str(SAMPLE), stdin="1\n2\n1\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "THE ENDING YOU REACHED: A kitchen everyone keeps" in out
    assert "Trust: 8 (0-10)" in out
    assert "Press" not in out and out.count("Choose 1-") == 3


def test_invalid_input_is_rejected_and_asked_again() -> None:
    stdin = "banana\n0\n7\n2\n1\n2\n"
    result = run_cli("play", "--text", *AS_WRITTEN, str(SAMPLE), stdin=stdin)
    out = result.stdout
    assert "'banana' is not a choice" in out
    assert "'0' is not a choice" in out and "'7' is not a choice" in out
    assert "Choice 1 is locked" in out
    assert "THE ENDING YOU REACHED: Clean, to the letter" in out


def test_json_result_on_stdout() -> None:
    result = run_cli("play", "--text", "--json", *AS_WRITTEN, str(SAMPLE), stdin="2\n4\n")
    data = json.loads(result.stdout)
    assert data == {
        "scenario": "sample_rota",
        "ending": "stalemate",
        "meters": {"trust": 3, "reputation": 4, "compliance": 6},
        "path": ["kitchen", "office", "walked_out"],
        "choices": ["order", "office.4"],
        "seed": None,
    }


def test_input_ending_early_fails_cleanly() -> None:
    result = run_cli("play", "--text", str(SAMPLE), stdin="1\n")
    assert result.returncode == 1
    assert "Input ended before the scenario did" in result.stderr
    assert "Traceback" not in result.stderr
    partial = run_cli("play", "--text", "--json", str(SAMPLE), stdin="1\n")
    assert partial.returncode == 1
    assert json.loads(partial.stdout)["ending"] is None


def test_shipped_id_is_accepted() -> None:
    result = run_cli("play", "--text", *AS_WRITTEN, "sample_rota", stdin="2\n4\n")
    assert "THE ENDING YOU REACHED: Nothing changed" in result.stdout


def test_broken_scenario_shows_diagnostics_not_traceback(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("format: 1\nid: [\n")
    result = run_cli("play", "--text", str(path))
    assert result.returncode == 1
    assert "RP001" in result.stdout and "Traceback" not in result.stderr


def test_record_writes_a_playthrough_that_replays(tmp_path: Path) -> None:
    target = tmp_path / "run.playthrough.yaml"
    run_cli("play", "--text", *AS_WRITTEN, "--record", str(target), str(SAMPLE), stdin="1\n2\n1\n")
    text = target.read_text()
    assert "ending: shared_kitchen" in text
    assert 'scenario: "../' in text  # relative, so the file can move with the scenario
    result = run_cli("test", str(target))
    assert result.returncode == 0, result.stdout
    assert "1 passed, 0 failed" in result.stdout


def test_unicode_digits_are_rejected_not_crashing() -> None:
    result = run_cli("play", "--text", *AS_WRITTEN, str(SAMPLE), stdin="\u00b2\n2\n4\n")
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert "'\u00b2' is not a choice" in result.stdout


def test_text_play_ends_with_the_debrief() -> None:
    out = run_cli("play", "--text", *AS_WRITTEN, str(SAMPLE), stdin="1\n2\n1\n").stdout
    debrief = " ".join(out[out.index("DEBRIEF") :].split())
    assert "Why this ending: - You showed the invoice before and after" in debrief
    assert "- Tom and Jo trusted you to be fair (Trust 8 — needed at least 7)." in debrief
    assert "- You never threatened anyone, claimed agreement or went over heads." in debrief
    assert "1. Jo, you've carried this." in debrief and "Active listening (influence)" in debrief
    assert "Asking the person who carried the load" in debrief
    assert "Your influence profile: influence 2, persuasion 1, pressure 0, manipulation 0" in out
    assert "THE EXPERT'S ROAD" in out and "You took the expert's road all the way." in out


def _play(
    tmp_path: Path, stdin: str, *args: str, columns: int = 80
) -> subprocess.CompletedProcess[str]:
    """``roleplay play --text`` in a terminal ``columns`` wide, with its own game home."""
    env = {**os.environ, "COLUMNS": str(columns), "ROLEPLAY_HOME": str(tmp_path / "home")}
    return subprocess.run(
        [sys.executable, "-m", "roleplay", "play", "--text", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )


def test_lines_wrap_at_word_boundaries_to_the_terminal_width(tmp_path: Path) -> None:
    out = _play(tmp_path, "1\n", *AS_WRITTEN, "hybrid_pitch", columns=40).stdout
    printed = out.splitlines()
    assert all(len(line) <= 40 for line in printed)
    words = " ".join(printed).split()
    assert "21st." in words and "21" not in words  # never "21\nst"
    assert "Calder & Finch, customer support floor." in " ".join(" ".join(printed).split())


def test_discussion_prompts_are_shown_as_think_about_it(tmp_path: Path) -> None:
    out = _play(tmp_path, "1\n", *AS_WRITTEN, str(SAMPLE)).stdout
    assert "Think about it: Tom says it is not his job. Is he wrong?" in out


def test_help_and_history_commands(tmp_path: Path) -> None:
    out = _play(tmp_path, "help\nh\n1\n2\n1\n", *AS_WRITTEN, str(SAMPLE)).stdout
    flat = " ".join(out.split())
    assert "q saves and quits" in flat and "b takes back your last choice" in flat
    start = out.index("--- so far ---\n") + len("--- so far ---\n")
    history = out[start : out.index("---\n", start)]
    spoken = [line.strip() for line in out.splitlines()[1:]]
    first_line = next(line for line in spoken if line and not line.startswith("-- "))
    assert first_line and first_line in history and "Tom" in history
    assert "THE ENDING YOU REACHED: A kitchen everyone keeps" in out


def test_b_takes_back_in_practice_and_the_record_follows(tmp_path: Path) -> None:
    target = tmp_path / "run.playthrough.yaml"
    stdin = "2\nb\n1\n2\n1\n"
    result = _play(tmp_path, stdin, *AS_WRITTEN, "--record", str(target), str(SAMPLE))
    assert result.returncode == 0
    assert "Took back your last choice." in result.stdout
    assert "THE ENDING YOU REACHED: A kitchen everyone keeps" in result.stdout
    assert "ending: shared_kitchen" in target.read_text()


def test_b_is_refused_in_assessment_mode(tmp_path: Path) -> None:
    result = _play(tmp_path, "2\nb\n4\n", *AS_WRITTEN, "--assessment", str(SAMPLE))
    assert "Taking back is off in assessment mode." in result.stdout
    assert "THE ENDING YOU REACHED: Nothing changed" in result.stdout


def test_q_saves_an_autosave_the_desktop_game_continues(tmp_path: Path) -> None:
    result = _play(tmp_path, "1\nq\n", *AS_WRITTEN, "--json", str(SAMPLE))
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert json.loads(result.stdout)["ending"] is None
    saved = tmp_path / "home" / "data" / "saves" / "autosave_sample_rota.json"
    assert saved.is_file()
    from roleplay import load_game, load_scenario, read_save_info

    info = read_save_info(saved)
    assert info.scenario_id == "sample_rota" and info.decisions == 1
    state = load_game(saved, load_scenario(SAMPLE))
    assert state.history[0].choice_id and not state.ending


def test_quitting_with_an_autosave_never_loads_pygame(tmp_path: Path) -> None:
    code = (
        "import io, sys\n"
        "from roleplay import load_scenario\n"
        "from roleplay.learner.text import play_text\n"
        f"scenario = load_scenario({str(SAMPLE)!r})\n"
        "code, _ = play_text(scenario, io.StringIO('1\\nq\\n'), io.StringIO(), check=False)\n"
        "print(code, 'pygame' in sys.modules)\n"
    )
    env = {**os.environ, "ROLEPLAY_HOME": str(tmp_path / "home")}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert out.stdout.split() == ["0", "False"]


def test_play_from_a_node_with_preset_state() -> None:
    result = run_cli(
        "play", "--text", "--json", *AS_WRITTEN, str(SAMPLE), "--from", "office",
        "--set", "compliance=9", "--set", "flags.asked_jo=true", stdin="3\n",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["path"][0] == "office" and "kitchen" not in data["path"]
    assert data["meters"] == {"trust": 6, "reputation": 5, "compliance": 9}
    assert data["ending"] == "to_the_letter"
    assert "(starting at node 'office')" in result.stderr


def test_play_from_clamps_meters_and_says_so() -> None:
    result = run_cli(
        "play", "--text", *AS_WRITTEN, str(SAMPLE), "--set", "trust=99", stdin="2\n4\n"
    )
    assert result.returncode == 0
    assert "Trust goes from 0 to 10; starting it at 10, not 99" in result.stderr
    assert "Trust: 8 (0-10)" in result.stdout  # 10, then -1 twice


def test_play_from_rejects_unknown_names_and_bad_values() -> None:
    cases = {
        ("--from", "offise"): "--from 'offise': there is no node 'offise'; did you mean 'office'?",
        (
            "--set",
            "trst=3",
        ): "--set 'trst=3': there is no meter or flag 'trst'; did you mean 'trust'?",
        ("--set", "trust=lots"): "--set 'trust=lots': 'lots' is not a whole number",
        ("--set", "flags.asked_jo=maybe"): "'maybe' is not true or false",
    }
    for args, message in cases.items():
        result = run_cli("play", "--text", str(SAMPLE), *args, stdin="")
        assert result.returncode == 2, args
        assert message in result.stderr
        assert "Traceback" not in result.stderr and "==" not in result.stdout


def test_record_is_refused_when_not_starting_at_the_start(tmp_path: Path) -> None:
    target = tmp_path / "run.playthrough.yaml"
    result = run_cli(
        "play", "--text", "--record", str(target), str(SAMPLE), "--from", "office", stdin="2\n"
    )
    assert result.returncode == 2 and "--record cannot be combined" in result.stderr
    assert not target.exists()


def test_record_keeps_what_was_played_when_the_reader_goes_away(tmp_path: Path) -> None:
    """`roleplay play --text --record F | head`: head leaves after a few lines; the run so far
    is recorded and the command ends quietly (no traceback, no BrokenPipeError)."""
    target = tmp_path / "run.playthrough.yaml"
    env = {**os.environ, "ROLEPLAY_HOME": str(tmp_path / "home")}
    command = [sys.executable, "-m", "roleplay", "play", "--text", *AS_WRITTEN]
    process = subprocess.Popen(
        [*command, "--record", str(target), str(SAMPLE)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env=env,
    )
    assert process.stdin is not None and process.stdout is not None
    for answer in (b"1\n", b"2\n"):
        seen = b""
        while b"Choose 1-" not in seen:  # read up to the next question, as head would
            chunk = process.stdout.readline()
            assert chunk, process.stderr.read() if process.stderr else ""
            seen += chunk
        if answer == b"2\n":
            process.stdout.close()  # the reader goes away after the second question
        process.stdin.write(answer)
        process.stdin.flush()
    process.stdin.write(b"1\n")
    process.stdin.close()
    assert process.wait(timeout=120) == 0
    err = process.stderr.read() if process.stderr else b""
    assert b"Traceback" not in err and b"BrokenPipe" not in err
    from roleplay.engine._playthrough import read_playthrough

    played = [step.choice_id for step in replay(load_scenario(SAMPLE), [1, 2]).state.history]
    assert list(read_playthrough(target).choice_refs) == played
    assert "stopping at" in target.read_text(encoding="utf-8")
