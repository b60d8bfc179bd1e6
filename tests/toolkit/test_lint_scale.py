"""Lint at scale: the memory and state budgets, the progress bar, states too wide for 64 bits."""

from __future__ import annotations

import io
import json
import random

import pytest

from roleplay import load_scenario, replay
from roleplay.authoring.solver import explore
from roleplay.authoring.solver._layout import Layout
from roleplay.authoring.solver._tables import Tables
from roleplay.cli import _progress
from roleplay.cli._progress import ProgressBar
from tests.toolkit.conftest import Cli, Writer
from tests.toolkit.test_solver_vs_runner import _check_random_plays

TECHNIQUES = ("active_listening", "evidence_and_data", "direct_instruction", "selective_data")


def story(nodes: int, flags: int = 3, *, wide: bool = False, seed: int = 5) -> str:
    """A chain of decisions with two 0..10 meters and flags, conditions spread over it (no
    resets). ``wide``: every condition reads a dozen flags, so states need more than 64 bits."""
    rng = random.Random(seed)
    names = [f"f{i}" for i in range(flags)]
    out = [
        "format: 1",
        "id: chain",
        "title: Chain",
        "summary: A long chain of talks.",
        "learning_goals: [Scale]",
        "estimated_minutes: 5",
        "start: n0",
        "meters:",
        "  trust: {label: Trust, max: 10, start: 5}",
        "  compliance: {label: Compliance, max: 10, start: 2}",
        "flags:",
        *[f"  {f}: {{description: Flag {f}}}" for f in names],
        "nodes:",
    ]
    for index in range(nodes):
        after = f"n{index + 1}" if index + 1 < nodes else "done"
        out += [f"  n{index}:", f"    lines: [{{text: Talk {index}.}}]", "    choices:"]
        for option, technique in enumerate(TECHNIQUES[:3]):
            meter = rng.choice(("trust", "compliance"))
            choice = (
                f"      - {{text: Option {option}, technique: {technique}, "
                f"effects: {{{meter}: {rng.choice((-2, -1, 1, 2))}}}, feedback: Why., "
                f"next: {after}, set: {{{rng.choice(names)}: true}}"
            )
            if option == 2:
                read = rng.sample(names, 12) if wide else [rng.choice(names)]
                gate = " or ".join(f"flags.{f}" for f in read)
                choice += f", if: 'trust >= {rng.randint(2, 6)} or {gate}'"
            out.append(choice + "}")
    out += [
        "  done:",
        "    lines: [{text: The end.}]",
        "    end: true",
        "endings:",
        "  - {id: best, title: Best, when: 'trust >= 8 and compliance >= 5', text: Best.,",
        "     debrief: Both.}",
        "  - {id: pushed, title: Pushed, when: compliance >= 7, text: Pushed., debrief: Push.}",
        "  - {id: drift, title: Drift, text: Drift., debrief: Nothing.}",
    ]
    return "\n".join(out) + "\n"


def test_memory_budget_stops_the_lint_and_says_so(cli: Cli, write: Writer) -> None:
    path = write(story(120, flags=5))  # about 50,000 states: 1.6 MB of tables
    result = cli("lint", "--json", "--max-memory", "1", str(path))
    data = json.loads(result.out)
    assert data["complete"] is False
    rp105 = next(d for d in data["diagnostics"] if d["code"] == "RP105")
    assert "--max-memory" in rp105["message"] and "--max-memory" in rp105["hint"]
    assert cli("lint", "--strict", "--max-memory", "1", str(path)).code == 1
    whole = json.loads(cli("lint", "--json", str(path)).out)
    assert whole["complete"] is True and whole["states"] > data["states"]


def test_state_budget_is_a_hard_cap(write: Writer) -> None:
    scenario = load_scenario(write(story(30)))
    whole = explore(scenario)
    capped = explore(scenario, max_states=whole.states // 2)
    assert whole.complete and not capped.complete
    assert capped.stopped_by == "states" and 0 < capped.states <= whole.states // 2
    # what was found before the cap still replays
    for ending in capped.endings.values():
        if ending.witness is not None:
            assert replay(scenario, ending.witness).state.ending == ending.id


def test_exploration_reports_where_it_ended(write: Writer) -> None:
    calls: list[tuple[int, float, float]] = []
    found = explore(load_scenario(write(story(20))), progress=lambda *a: calls.append(a))
    assert calls and calls[-1][0] == found.states
    assert all(0.0 <= share <= 1.0 for _states, _seconds, share in calls)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_redraws_on_a_terminal_and_writes_lines_elsewhere() -> None:
    screen = _Terminal()
    bar = ProgressBar("big.yaml", stream=screen)
    bar(10, 0.2, 0.1)  # under a second: nothing yet
    assert screen.getvalue() == ""
    bar(400_000, 1.5, 0.5)
    bar(800_000, 2.5, 1.0)
    bar.done()
    drawn = screen.getvalue()
    assert drawn.count("\r") == 2 and drawn.endswith("\n")
    assert "[############------------]  50% of the budget, 400,000 states" in drawn
    log = io.StringIO()
    quiet = ProgressBar("big.yaml", stream=log)
    quiet(400_000, 1.5, 0.5)
    assert log.getvalue() == ""  # not a terminal, not asked for
    forced = ProgressBar("big.yaml", stream=log, force=True)
    forced(400_000, 1.5, 0.5)
    forced.done()
    assert log.getvalue().count("\n") == 1 and "\r" not in log.getvalue()


def test_lint_shows_progress_only_when_asked(
    cli: Cli, write: Writer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_progress, "QUIET_S", 0.0)
    path = write(story(20))
    assert "exploring" not in cli("lint", str(path)).err
    shown = cli("lint", "--progress", str(path)).err
    assert "exploring" in shown and "% of the budget" in shown


def test_states_wider_than_64_bits_are_explored_the_same_way(write: Writer) -> None:
    scenario = load_scenario(write(story(12, flags=70, wide=True)))
    assert Layout(Tables(scenario)).dtype is object  # held as Python integers
    found = explore(scenario, graph=True)
    assert found.complete and found.graph is not None
    _check_random_plays(scenario, found, seed=4)
    for ending in found.endings.values():
        if ending.witness is not None:
            assert replay(scenario, ending.witness).state.ending == ending.id
