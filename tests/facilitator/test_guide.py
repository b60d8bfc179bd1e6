"""Notes from the facilitator guides: every scene with a discussion prompt has one, markers tie
notes to nodes (headings and table rows), and a guide without markers still works by quotation."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from roleplay import find_scenarios, load_scenario
from roleplay.engine._scenario import Scenario
from roleplay.facilitator._guide import (
    find_guide,
    guide_notes,
    marked_notes,
    notes_from_text,
    read_guide,
)
from tests.conftest import SAMPLE

SHIPPED = {path.stem: path for path in find_scenarios()}


@pytest.fixture(scope="module", params=sorted(SHIPPED))
def shipped(request: pytest.FixtureRequest) -> Scenario:
    return load_scenario(SHIPPED[request.param])


def test_every_discussion_prompt_has_a_note_from_the_guide(shipped: Scenario) -> None:
    notes = guide_notes(shipped)
    prompts = [node.id for node in shipped.nodes.values() if node.spec.discussion]
    assert prompts, f"{shipped.id} has no discussion prompt"
    missing = [node for node in prompts if len(notes.get(node, "")) < 80]
    assert missing == [], f"{shipped.id}: no guide note for {missing}"


def test_every_marker_names_a_node_of_its_scenario(shipped: Scenario) -> None:
    guide = find_guide(shipped)
    assert guide is not None, f"{shipped.id} has no facilitator guide"
    marked = [node for note in marked_notes(read_guide(guide)) for node in note.nodes]
    assert marked, f"{guide.name} has no <!-- node: id --> markers"
    assert [node for node in marked if node not in shipped.nodes] == []


def test_a_table_row_marker_gives_the_row_to_each_node_it_names() -> None:
    notes = guide_notes(load_scenario(SHIPPED["no_authority"]))
    assert notes["nadia_1"] == notes["nadia_2"]
    assert notes["nadia_1"].startswith("Nadia at the coffee machine — Ask about her last bad deal")
    assert "<!--" not in notes["nadia_1"] and "**" not in notes["nadia_1"]
    assert notes["corridor"].startswith("Thursday evening (break room) — If a false deadline")


def test_a_heading_marker_gives_the_section_up_to_the_next_heading(sample: Scenario) -> None:
    text = (
        "# Guide\n\n## Opening\n<!-- node: kitchen -->\n\nAsk the room first.\n\n"
        "| Option | Lesson |\n| --- | --- |\n| Order | *Fast*, but Tom hears an order |\n\n"
        "## Later\n\nUnrelated.\n"
    )
    notes = notes_from_text(text, sample)
    assert notes == {"kitchen": "Opening: Ask the room first. Option — Lesson Order — Fast, but "
                                "Tom hears an order"}  # fmt: skip


def test_without_markers_a_section_quoting_two_choices_is_the_note(sample: Scenario) -> None:
    text = (
        '## Jo or Tom?\n\n"Jo, you\'ve carried this. What would a fair system" listens; '
        '"There will be a rota from Monday" orders.\n\n## Other\n\nNothing quoted.\n'
    )
    assert list(notes_from_text(text, sample)) == ["kitchen"]
    unknown = "## X\n<!-- node: nowhere, kitchen -->\nText.\n"
    assert notes_from_text(unknown, sample) == {"kitchen": "X: Text."}


def test_a_guide_is_found_beside_the_scenario_or_in_docs_scenarios(tmp_path: Path) -> None:
    scenarios = tmp_path / "scenarios"
    scenarios.mkdir()
    copy = Path(shutil.copy(SAMPLE, scenarios / "sample_rota.yaml"))
    assert guide_notes(load_scenario(copy)) == {}
    docs = tmp_path / "docs" / "scenarios"
    docs.mkdir(parents=True)
    (docs / "sample_rota.md").write_text("## Sink\n<!-- node: kitchen -->\nFrom docs.\n")
    assert guide_notes(load_scenario(copy)) == {"kitchen": "Sink: From docs."}
    (scenarios / "sample_rota.guide.md").write_text("## Sink\n<!-- node: kitchen -->\nBeside.\n")
    assert guide_notes(load_scenario(copy)) == {"kitchen": "Sink: Beside."}
    (scenarios / "sample_rota.guide.md").unlink()
    (scenarios / "sample_rota.guide.md").mkdir()  # not a regular file: ignored
    assert guide_notes(load_scenario(copy)) == {"kitchen": "Sink: From docs."}
