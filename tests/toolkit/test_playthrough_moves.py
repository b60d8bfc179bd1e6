"""Recorded runs survive edits that move choices: a choice without an id is recorded with its
text, found by it when its place changed (with a note), and a clear failure when it is gone."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from roleplay import load_scenario
from roleplay.engine._playthrough import read_playthrough, record_playthrough
from tests.conftest import SCENARIOS
from tests.toolkit.conftest import Cli

NEW_CHOICE = """\
      - text: "Let's skip the rota and see how it goes."
        technique: direct_instruction
        effects: {trust: -2}
        feedback: Nothing changes when nothing is decided.
        next: wrap_up
"""


def _recorded_pitch(tmp_path: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``roleplay new pitch``, then a run taking the first choice as written at each decision,
    recorded with ``roleplay play --text --record``."""
    assert cli("new", "pitch", "--dir", str(tmp_path)).code == 0
    (tmp_path / "tests").mkdir()
    target = tmp_path / "tests" / "good.playthrough.yaml"
    monkeypatch.setattr("sys.stdin", io.StringIO("1\n1\n"))
    scenario = str(tmp_path / "pitch.yaml")
    played = cli("play", "--text", "--no-shuffle", "--no-check", "--record", str(target), scenario)
    assert played.code == 0, played.err
    return target


def _edit_meeting(tmp_path: Path, old: str, new: str) -> None:
    """Replace ``old`` (once, in node ``meeting``) by ``new`` in the scaffold."""
    path = tmp_path / "pitch.yaml"
    text = path.read_text(encoding="utf-8")
    head, meeting = text.split("\n  meeting:\n", 1)
    assert old in meeting
    path.write_text(f"{head}\n  meeting:\n{meeting.replace(old, new, 1)}", encoding="utf-8")


def test_a_run_recorded_before_a_choice_is_inserted_still_passes_with_a_note(
    tmp_path: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = _recorded_pitch(tmp_path, cli, monkeypatch)
    taken = load_scenario(tmp_path / "pitch.yaml").choice_index["meeting.1"].text
    assert f"  - {{id: meeting.1, text: {taken!r}}}".replace("'", '"') in target.read_text()
    _edit_meeting(tmp_path, "    choices:\n", "    choices:\n" + NEW_CHOICE)
    result = cli("test", str(tmp_path / "tests"))
    assert result.code == 0, result.out
    assert "ok    " in result.out and "1 passed, 0 failed" in result.out
    start = " ".join(taken.split()[:4])
    assert f"note: decision 2 at node 'meeting': meeting.1 moved: now meeting.2 ('{start}" in (
        result.out
    )
    assert "give that choice an `id:`" in result.out


def test_a_recorded_choice_whose_text_is_gone_fails_naming_it(
    tmp_path: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = _recorded_pitch(tmp_path, cli, monkeypatch)
    taken = load_scenario(tmp_path / "pitch.yaml").choice_index["meeting.1"].text
    _edit_meeting(tmp_path, taken, "Here are the invoices, before and after.")
    result = cli("test", str(target))
    assert result.code == 1
    assert "FAIL  " in result.out and "stopped at 'meeting' after 1 decision" in result.out
    problem = next(line for line in result.out.splitlines() if "recorded choice" in line)
    assert problem.startswith(
        f"      - decision 2 at node 'meeting': the recorded choice meeting.1 ('{taken}') is "
        "not in 'meeting' any more: none of its choices has that text now (its choices: "
        "meeting.1 'Here are the invoices, before and after.', meeting.2 "
    )
    assert "record the run again" in problem


def test_a_choice_given_an_id_in_its_place_is_taken_without_a_note(
    tmp_path: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = _recorded_pitch(tmp_path, cli, monkeypatch)
    choices = "    choices:\n      - "
    _edit_meeting(tmp_path, choices, choices + "id: show_invoice\n        ")
    result = cli("test", str(target))
    assert result.code == 0 and "note:" not in result.out, result.out
    _edit_meeting(tmp_path, "    choices:\n", "    choices:\n" + NEW_CHOICE)
    moved = cli("test", str(target))
    assert moved.code == 0, moved.out
    assert "meeting.1 moved: now 'show_invoice'" in moved.out
    assert "write 'show_invoice' in this file instead" in moved.out


def test_two_choices_with_the_recorded_text_fail_as_ambiguous(
    tmp_path: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = _recorded_pitch(tmp_path, cli, monkeypatch)
    taken = load_scenario(tmp_path / "pitch.yaml").choice_index["meeting.1"].text
    twin = NEW_CHOICE.replace("Let's skip the rota and see how it goes.", taken)
    _edit_meeting(tmp_path, "    choices:\n", "    choices:\n" + NEW_CHOICE + twin)
    result = cli("test", str(target))
    assert result.code == 1
    assert "2 choices at 'meeting' now have its text (meeting.2, meeting.3)" in result.out


@pytest.mark.parametrize(
    "text",
    [
        'She said "no": fine # not a comment',
        "Unicode: caf\u00e9, \u2014, \U0001f600, a\u2028b, del\x7f, nel\x85",
        "back\\slash and\nnew line, {trust}",
        "- looks like a list item",
    ],
)
def test_any_choice_text_is_recorded_so_that_it_reads_back(tmp_path: Path, text: str) -> None:
    from roleplay.engine._playthrough import RecordedChoice, render_playthrough

    target = tmp_path / "odd.playthrough.yaml"
    sample = SCENARIOS / "sample_rota.yaml"
    record_playthrough(target, sample, load_scenario(sample), [1, 2, 1])
    spec = read_playthrough(target)
    odd = RecordedChoice(id="idea.2", text=text)
    changed = spec.model_copy(update={"choices": (spec.choices[0], odd, spec.choices[2])})
    target.write_text(render_playthrough(changed), encoding="utf-8")
    assert read_playthrough(target).choices[1] == odd


FORMAT_2 = """\
format: 2
scenario: "pitch.yaml"
description: "Recorded playthrough reaching agreed."
choices:
  - ask_jo
  - meeting.1
expect:
  ending: agreed
"""


def test_a_format_2_file_still_loads_and_upgrades_with_the_texts(tmp_path: Path, cli: Cli) -> None:
    """Format 2 (ids alone, as written before texts were recorded) replays as it did; when it
    fails, a note says that a moved choice may be why; ``--upgrade`` adds the texts."""
    assert cli("new", "pitch", "--dir", str(tmp_path)).code == 0
    old = tmp_path / "old.playthrough.yaml"
    old.write_text(FORMAT_2, encoding="utf-8")
    assert read_playthrough(old).choices == ("ask_jo", "meeting.1")
    passed = cli("test", str(old))
    assert passed.code == 0 and "note:" not in passed.out, passed.out
    old.write_text(FORMAT_2.replace("agreed", "stalled"), encoding="utf-8")
    failed = cli("test", str(old))
    assert failed.code == 1
    assert (
        "note: this format 2 file names choices written without an id by their place "
        "(meeting.1), so a choice inserted or moved since it was recorded changes which one it "
        "replays"
    ) in failed.out
    old.write_text(FORMAT_2, encoding="utf-8")
    upgraded = cli("test", "--upgrade", str(old))
    assert upgraded.code == 0 and "to format 3" in upgraded.out, upgraded.out
    text = old.read_text(encoding="utf-8")
    taken = load_scenario(tmp_path / "pitch.yaml").choice_index["meeting.1"].text
    assert text.startswith("format: 3\n") and "  - ask_jo\n" in text
    assert f'  - {{id: meeting.1, text: "{taken}"}}\n' in text


@pytest.mark.parametrize(
    ("choices", "message"),
    [
        ("format: 2\nchoices: [ask_jo, {id: meeting.1, text: Hi}]", "format 2 does not record"),
        ("format: 3\nchoices: [ask_jo, 2]", "choice 2 is the number 2"),
        ("format: 4\nchoices: [ask_jo]", "format 4 is newer than this roleplay reads"),
        (
            "format: 3\nchoices: [{id: meeting.1}]",
            "old.playthrough.yaml:2:12: RP011 error: missing required key 'text' in choice 1",
        ),
        (
            "format: 3\nchoices: [{id: ask_jo, text: Hi}]",
            "old.playthrough.yaml:2:16: RP012 error: choice 1 (`ask_jo`): `id:` 'ask_jo' is not a "
            "place (NODE.N): only a choice written without an id is recorded with its text",
        ),
        ("format: 3\nchoices: [Ask-Jo]", "2:11: RP012 error: choice 1 'Ask-Jo' is not a valid id"),
    ],
)
def test_a_malformed_recorded_choice_is_a_clear_error(
    tmp_path: Path, cli: Cli, choices: str, message: str
) -> None:
    assert cli("new", "pitch", "--dir", str(tmp_path)).code == 0
    old = tmp_path / "old.playthrough.yaml"
    old.write_text(f"{choices}\nscenario: pitch.yaml\nexpect: {{ending: agreed}}\n")
    result = cli("test", str(old))
    assert result.code == 1 and "ERROR " in result.out and message in result.out, result.out
    assert "Traceback" not in result.out + result.err


def test_upgrade_gives_a_hand_written_place_its_text_and_keeps_recorded_ones(
    tmp_path: Path, cli: Cli
) -> None:
    """A format 3 file written by hand (lint's witness ids) gets the texts it lacks; a text
    already recorded is kept, even when the scenario now has another at that place."""
    from roleplay.engine._playthrough import RecordedChoice, upgrade_playthrough

    assert cli("new", "pitch", "--dir", str(tmp_path)).code == 0
    scenario = load_scenario(tmp_path / "pitch.yaml")
    by_hand = tmp_path / "hand.playthrough.yaml"
    by_hand.write_text(FORMAT_2.replace("format: 2", "format: 3"), encoding="utf-8")
    assert upgrade_playthrough(by_hand) and not upgrade_playthrough(by_hand)
    text = scenario.choice_index["meeting.1"].text
    assert read_playthrough(by_hand).choices[1] == RecordedChoice(id="meeting.1", text=text)
    kept = RecordedChoice(id="meeting.1", text="An older text")
    mixed = FORMAT_2.replace("format: 2", "format: 3").replace(
        "  - ask_jo\n", "  - ask.2\n  - {id: meeting.1, text: An older text}\n"
    )
    by_hand.write_text(mixed, encoding="utf-8")
    assert upgrade_playthrough(by_hand)
    choices = read_playthrough(by_hand).choices
    assert choices[0] == RecordedChoice(id="ask.2", text=scenario.choice_index["ask.2"].text)
    assert choices[1:] == (kept, RecordedChoice(id="meeting.1", text=text))
