"""``roleplay storyboard``: every node drawn by the real game renderer, on one HTML page.

Each node is reached the way a player would reach it (the solver's shortest witness, then the
``next`` chain); the desktop game draws it headless at its choosing moment
(:func:`roleplay.learner.desktop.render_node_frames`) with the portrait of the line shown, and it
is saved as PNG. ``index.html`` (:mod:`roleplay.authoring._storyboard_page`) shows a grid of cards.
"""

from __future__ import annotations

from pathlib import Path

from roleplay.authoring._storyboard_page import index_html
from roleplay.authoring.solver import explore
from roleplay.engine._atomic import write_bytes_atomic, write_text_atomic
from roleplay.engine._errors import ChoiceError
from roleplay.engine._replay import replay
from roleplay.engine._runtime import Runner
from roleplay.engine._scenario import Scenario
from roleplay.engine._start import start_state
from roleplay.learner.desktop import FRAME_SIZE, render_node_frames


def runner_at(scenario: Scenario, node_id: str, witness: tuple[int, ...] | None) -> Runner:
    """A runner standing at ``node_id``: replayed along ``witness`` (stopping where the last
    choice leads, then following ``next`` to the node) when that gets there; otherwise started
    at the node with the scenario's starting meters and flags."""
    if witness is not None:
        try:
            runner = replay(scenario, witness, settle=False)
            while runner.state.node != node_id and not runner.is_over:
                runner.advance()
        except ChoiceError:
            pass
        else:
            if runner.state.node == node_id:
                return runner
    return Runner(scenario, start_state(scenario, node_id))


def render_frames(
    scenario: Scenario, folder: Path, size: tuple[int, int] = FRAME_SIZE
) -> dict[str, str]:
    """Draw every node to ``folder/<node>.png`` with the game's play screen; names by node."""
    found = explore(scenario, max_states=200_000)
    runners = {
        node_id: runner_at(scenario, node_id, found.node_witness.get(node_id))
        for node_id in scenario.nodes
    }
    written: dict[str, str] = {}
    for node_id, png in render_node_frames(scenario, runners, size).items():
        name = f"{node_id}.png"
        write_bytes_atomic(folder / name, png)
        written[node_id] = name
    return written


def write_storyboard(scenario: Scenario, folder: Path, *, images: bool = True) -> Path:
    """Render every node and write ``folder/index.html``; returns the index path."""
    folder.mkdir(parents=True, exist_ok=True)
    frames = render_frames(scenario, folder) if images else {}
    index = folder / "index.html"
    write_text_atomic(index, index_html(scenario, frames))
    return index
