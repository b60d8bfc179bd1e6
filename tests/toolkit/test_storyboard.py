"""`roleplay storyboard`: one real frame per node and an index that links them."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from roleplay import load_scenario
from roleplay.authoring._storyboard import runner_at
from tests.toolkit.conftest import Cli


def test_storyboard_renders_every_node_and_links_targets(cli: Cli, sample: Path) -> None:
    pygame = pytest.importorskip("pygame")
    out = sample.parent / "board"
    result = cli("storyboard", str(sample), "-o", str(out))
    assert result.code == 0, result.err
    scenario = load_scenario(sample)
    for node_id in scenario.nodes:
        image = pygame.image.load(str(out / f"{node_id}.png"))
        assert image.get_size() == (960, 540)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '<div class="card" id="kitchen">' in index and "(start)" in index
    assert '<img src="office.png"' in index
    assert '→ <a href="#idea">idea</a>' in index
    assert "[threat, pressure]" in index
    assert '<a href="#ending-stalemate">stalemate</a>' in index
    assert "if visits(&quot;kitchen&quot;) &lt; 2" in index


def test_storyboard_index_only_without_images(cli: Cli, sample: Path) -> None:
    out = sample.parent / "plain"
    assert cli("storyboard", str(sample), "-o", str(out), "--no-images").code == 0
    assert sorted(p.name for p in out.iterdir()) == ["index.html"]


def test_nodes_are_reached_like_a_player_would(sample: Path) -> None:
    scenario = load_scenario(sample)
    runner = runner_at(scenario, "vote", (2, 2))
    assert runner.state.node == "vote" and runner.state.meters["compliance"] > 2
    orphan = runner_at(scenario, "idea", None)
    assert orphan.state.node == "idea"


def test_engine_modules_do_not_import_pygame() -> None:
    import subprocess

    code = (
        "import sys, roleplay.authoring._lint, roleplay.authoring._storyboard, "
        "roleplay.authoring._graph, roleplay.engine._watch, "
        "roleplay.cli.design, roleplay.authoring._scaffold, roleplay.authoring._schema; "
        "print('pygame' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
