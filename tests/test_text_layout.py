"""The terminal player at 80 and 60 columns: every message wrapped, numbered items hanging under
their text from 10 on, the ending shown by its title (never its internal id)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from roleplay import load_scenario
from roleplay.engine._playthrough import read_playthrough
from roleplay.engine._replay import choice_numbers
from roleplay.engine._runtime import Runner
from roleplay.learner.text import play_text
from tests.conftest import SCENARIOS

#: Twelve decisions, with a long locked hint on the way ("Jo would need to have been credited").
LONG_RUN = SCENARIOS / "hybrid_pitch.compliance_only.playthrough.yaml"


def _typed_with_locked_tries(playthrough: Path) -> tuple[str, Runner]:
    """What to type for a playthrough as written: each locked choice first, then the real one."""
    spec = read_playthrough(playthrough)
    scenario = load_scenario((playthrough.parent / spec.scenario).resolve())
    choices = [str(choice) for choice in spec.choice_refs]
    numbers = choice_numbers(scenario, choices)
    runner = Runner(scenario)
    typed: list[str] = []
    for number, choice_id in zip(numbers, choices, strict=True):
        while runner.view().can_advance:
            runner.advance()
        typed += [str(c.number) for c in runner.view().choices if not c.available]
        typed.append(str(number))
        runner.choose_id(choice_id)
    runner.advance_to_decision()  # on to the ending
    return "\n".join(typed) + "\n", runner


def _shown(columns: int, monkeypatch: pytest.MonkeyPatch) -> tuple[str, Runner]:
    monkeypatch.setenv("COLUMNS", str(columns))
    stdin, runner = _typed_with_locked_tries(LONG_RUN)
    out = io.StringIO()
    code, _ = play_text(runner.scenario, io.StringIO(stdin), out, shuffle=False, check=False)
    assert code == 0
    return out.getvalue(), runner


@pytest.mark.parametrize("columns", [80, 60])
def test_every_line_of_a_long_run_fits_the_terminal(
    columns: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown, _ = _shown(columns, monkeypatch)
    assert "is locked: Jo would need to have been credited" in " ".join(shown.split())
    assert [line for line in shown.splitlines() if len(line) > columns] == []


def test_the_locked_message_is_wrapped_flush_left(monkeypatch: pytest.MonkeyPatch) -> None:
    shown, _ = _shown(80, monkeypatch)
    lines = shown.splitlines()
    start = next(i for i, line in enumerate(lines) if "is locked: Jo would need" in line)
    message = (
        "Choice 2 is locked: Jo would need to have been credited and invited. "
        "It's her team's pilot, not yours. Pick another."
    )
    assert lines[start].startswith("Choice 2 is locked: ") and len(lines[start]) <= 80
    assert lines[start + 1].endswith("Pick another.") and not lines[start + 1].startswith(" ")
    assert " ".join(lines[start : start + 2]) == message


def test_debrief_items_from_10_on_hang_under_their_text(monkeypatch: pytest.MonkeyPatch) -> None:
    shown, runner = _shown(60, monkeypatch)
    debrief = shown[shown.index("DEBRIEF") : shown.index("Your influence profile")]
    blocks = re.findall(r"^(\d+)\. .*\n((?:^ .*\n)+)", debrief, flags=re.MULTILINE)
    numbers = [int(number) for number, _ in blocks]
    assert numbers == list(range(1, len(runner.state.history) + 1)) and len(numbers) >= 10
    for number, rest in blocks:
        under = " " * (len(number) + 2)
        for line in rest.splitlines():
            assert line.startswith(under) and line[len(under)] != " ", (number, line)


def test_the_ending_is_shown_by_its_title_not_its_id(monkeypatch: pytest.MonkeyPatch) -> None:
    shown, runner = _shown(80, monkeypatch)
    ending = runner.ending_view()
    assert ending is not None and ending.id == "compliance_only"
    assert f"THE ENDING YOU REACHED: {ending.title}\n" in shown
    assert ending.id not in shown and "ENDING: " + ending.id not in shown
