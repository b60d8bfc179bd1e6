"""`roleplay graph` lays a story out top to bottom, by distance from the start, nothing cut."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from roleplay import load_scenario
from roleplay.authoring._graph import build_graph
from roleplay.engine._paths import shipped_scenarios_dir
from tests.toolkit.conftest import Cli


def test_dot_is_top_down_with_ranks_by_distance_from_the_start(cli: Cli, sample: Path) -> None:
    out = cli("graph", str(sample)).out
    assert "rankdir=TB" in out
    ranks = re.findall(r"\{rank=(\w+); ([^}]*)\}", out)
    assert ranks[0] == ("source", '"kitchen";')
    assert ranks[-1][0] == "sink" and '"ending__shared_kitchen"' in ranks[-1][1]
    middle = [names for kind, names in ranks if kind == "same"]
    assert any('"vote"' in names for names in middle)


def test_left_to_right_on_request(cli: Cli, sample: Path) -> None:
    assert "rankdir=LR" in cli("graph", str(sample), "--direction", "LR").out
    mermaid = cli("graph", str(sample), "--format", "mermaid", "--direction", "LR").out
    assert mermaid.startswith("flowchart LR")


def test_labels_are_wrapped_not_cut(sample: Path) -> None:
    scenario = load_scenario(sample)
    boxes, edges = build_graph(scenario)
    for box in boxes:
        if box.kind != "ending":
            first = scenario.nodes[box.id].spec.lines[0].text
            assert " ".join(box.label.split("\n")[1:]) == " ".join(first.split())
        assert all(len(part) <= 30 for part in box.label.split("\n")[1:]), box.label
    texts = {" ".join(e.label.split("\n")) for e in edges}
    for node in scenario.nodes.values():
        for choice in node.choices:
            assert any(
                f"{choice.index + 1}. {' '.join(choice.spec.text.split())}" in t for t in texts
            )


def test_graph_takes_a_shipped_id_or_a_path(cli: Cli, tmp_path: Path) -> None:
    by_id = cli("graph", "sample_rota")
    by_path = cli("graph", str(shipped_scenarios_dir() / "sample_rota.yaml"))
    assert by_id.code == by_path.code == 0 and by_id.out == by_path.out


@pytest.mark.parametrize("name", ["no_authority", "hybrid_pitch"])
def test_a_twenty_node_scenario_is_taller_than_wide(cli: Cli, name: str) -> None:
    svg = cli("graph", name, "--format", "svg").out
    size = re.search(r'<svg width="(\d+)pt" height="(\d+)pt"', svg)
    assert size is not None
    width, height = int(size.group(1)), int(size.group(2))
    assert height > width, (width, height)  # was a 6424 x 424 strip left to right


@pytest.mark.parametrize("command", ["validate", "lint", "graph", "storyboard"])
def test_every_scenario_command_takes_a_shipped_id(cli: Cli, command: str, tmp_path: Path) -> None:
    extra = ["-o", str(tmp_path / "board"), "--no-images"] if command == "storyboard" else []
    result = cli(command, "sample_rota", *extra)
    assert result.code == 0, result.err
