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


def _card(index: str, node_id: str) -> str:
    start = index.index(f'<div class="card" id="{node_id}">')
    return index[start : index.index('</div>\n<div class="card"', start)]


def test_cards_list_what_each_choice_does(sample: Path) -> None:
    from roleplay.authoring._storyboard_page import index_html

    index = index_html(load_scenario(sample), {})
    kitchen = _card(index, "kitchen")
    assert '<span class="who">Tom Hale</span> <span class="mood">(skeptical)</span>' in kitchen
    assert "<b>Discuss:</b> Tom says it is not his job. Is he wrong?" in kitchen
    assert "Trust +2, Reputation +1; sets flags.asked_jo = true" in kitchen
    assert '<span class="tag">once</span>' in kitchen
    assert "Debrief: Asking the person who carried the load" in kitchen
    assert '<span class="who">Jo Lindqvist</span> <span class="mood">(pleased)</span>: ' in kitchen
    office = _card(index, "office")
    assert (
        '<span class="tag locked">shown locked: You would need an agreed rota to have numbers '
        "to show.</span>"
    ) in office
    assert "if flags.threatened" in office
    assert '<span class="tag hidden">hidden until it holds</span>' in _card(index, "idea")
    assert '<span class="kind continues">continues</span>' in _card(index, "vote")


def test_card_colours_are_the_reports_family_colours(
    sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from roleplay.authoring._storyboard_page import index_html
    from roleplay.reports import FAMILY_COLORS

    monkeypatch.setitem(FAMILY_COLORS, "pressure", "#123456")
    index = index_html(load_scenario(sample), {})
    assert ".fam-pressure{color:#123456}" in index
    for family, colour in FAMILY_COLORS.items():
        assert f".fam-{family}{{color:{colour}}}" in index
    assert '<span class="fam-pressure" title="Threat: Pressure">[threat, pressure]</span>' in index


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


# --- the frame shows the portrait of the line shown ------------------------------------------
_HEAD = """format: 1
id: portraits
title: Portraits
summary: Which face goes with which line.
learning_goals: [Check the storyboard.]
estimated_minutes: 1
start: {start}
meters: {{trust: {{label: Trust}}}}
characters:
  tom: {{name: Tom Hale, portrait: characters/tom, expressions: [neutral, annoyed]}}
  jo: {{name: Jo Lindqvist, portrait: characters/jo, expressions: [neutral, pleased]}}
backgrounds: {{kitchen: backgrounds/break_room.svg}}
nodes:
"""
_BEAT = """  beat:
    background: kitchen
    lines:
{lines}      - {{speaker: jo, expression: pleased, text: "Same words, same face."}}
    choices:
      - {{text: "Fair enough.", technique: active_listening, next: done}}
  done:
    lines: [{{text: The end.}}]
    end: true
endings:
  - {{id: over, title: Over, text: It is over.}}
"""
_BEFORE = """  intro:
    background: kitchen
    lines: [{text: "Tom is at the sink."}]
    choices:
      - text: "Go on."
        technique: active_listening
        reaction: [{speaker: tom, expression: annoyed, text: "Hmph."}]
        next: beat
"""


def _frame(path: Path, witness: tuple[int, ...]) -> bytes:
    from roleplay.learner.desktop import render_node_frames

    scenario = load_scenario(path)
    return render_node_frames(scenario, {"beat": runner_at(scenario, "beat", witness)})["beat"]


def _beat_frame(tmp_path: Path, name: str, before: str = "", lines: str = "") -> bytes:
    path = tmp_path / f"{name}.yaml"
    start = "intro" if before else "beat"
    path.write_text(_HEAD.format(start=start) + before + _BEAT.format(lines=lines))
    return _frame(path, (1,) if before else ())


def test_the_frame_shows_the_face_of_the_line_shown(tmp_path: Path) -> None:
    """A beat that opens with narration and Tom ends on Jo: its frame is the same as that of a
    beat with only Jo's line (her face and name plate), and so is one reached through Tom's
    reaction; a beat ending on Tom's line is not."""
    alone = _beat_frame(tmp_path, "alone")
    assert _beat_frame(tmp_path, "again") == alone  # drawing is repeatable
    before = (
        '      - {text: "The sink is full."}\n'
        '      - {speaker: tom, expression: annoyed, text: "Not my job."}\n'
    )
    assert _beat_frame(tmp_path, "narrated", lines=before) == alone
    assert _beat_frame(tmp_path, "reacted", before=_BEFORE) == alone
    tom = tmp_path / "tom.yaml"
    tom.write_text(
        (_HEAD.format(start="beat") + _BEAT.format(lines="")).replace(
            "speaker: jo, expression: pleased", "speaker: tom, expression: annoyed"
        )
    )
    assert _frame(tom, ()) != alone
