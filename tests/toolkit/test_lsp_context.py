"""What the language server offers where, checked on the analysis directly (no process)."""

from __future__ import annotations

from pathlib import Path

from roleplay.authoring.lsp._analysis import analyse
from roleplay.authoring.lsp._complete import completions, context_at
from tests.conftest import SAMPLE


def _offer(text: str, marker: str = "|") -> set[str]:
    """Labels offered at ``marker`` in ``text`` (the marker is removed first)."""
    rows = text.splitlines()
    line = next(i for i, row in enumerate(rows) if marker in row)
    character = rows[line].index(marker)
    rows[line] = rows[line].replace(marker, "", 1)
    analysis = analyse(SAMPLE.read_text(encoding="utf-8"), SAMPLE)
    assert analysis.index is not None
    context = context_at(rows, line, character)
    if context is None:
        return set()
    return {i.label for i in completions(context, analysis.index, analysis.catalogue.techniques)}


def test_expressions_of_the_speaker_on_the_same_line() -> None:
    offered = _offer("      - {speaker: tom, expression: |}")
    assert offered == {"neutral", "pleased", "skeptical", "annoyed", "concerned"}


def test_expressions_of_the_speaker_a_line_above() -> None:
    assert "skeptical" in _offer("      - speaker: jo\n        expression: sk|")


def test_endings_after_ending() -> None:
    assert _offer("    ending: |") == {"shared_kitchen", "to_the_letter", "stalemate"}


def test_backgrounds_after_background() -> None:
    assert _offer("    background: |") == {"kitchen", "office"}


def test_choice_ids_inside_chose() -> None:
    offered = _offer('    if: chose("|')
    assert offered and all("." in c or c.isidentifier() for c in offered)


def test_meters_inside_effects_and_flags_inside_set() -> None:
    assert _offer("        effects: {trust: 1, |}") == {"trust", "reputation", "compliance"}
    assert _offer("        set: {|}") == {
        "asked_jo",
        "showed_numbers",
        "threatened",
        "claimed_agreement",
        "crossed_line",
        "went_over_heads",
    }


def test_conditions_in_a_folded_block() -> None:
    offered = _offer("    when: >-\n      trust >= 6 and\n      |")
    assert "compliance" in offered and "flags.asked_jo" in offered


def test_no_offer_in_free_text() -> None:
    assert _offer("      - text: The sink is |full") == set()


def test_a_file_that_does_not_parse_keeps_the_last_index(tmp_path: Path) -> None:
    good = analyse(SAMPLE.read_text(encoding="utf-8"), SAMPLE)
    broken = analyse("nodes:\n  a: [", tmp_path / "x.yaml", good.index)
    assert broken.index is good.index
    assert [d.code for d in broken.diagnostics] == ["RP001"]


def test_other_yaml_files_are_left_alone(tmp_path: Path) -> None:
    workflow = "name: ci\non: [push]\njobs: {}\n"
    assert analyse(workflow, tmp_path / "ci.yaml").diagnostics == []
    catalogue = "format: 1\ntechniques: {}\n"
    assert analyse(catalogue, tmp_path / "techniques.yaml").diagnostics == []
    playthrough = "scenario: x.yaml\nchoices: [1]\n"
    assert analyse(playthrough, tmp_path / "x.playthrough.yaml").diagnostics == []
    assert analyse("format: 1\n", tmp_path / "new.yaml").diagnostics  # a scenario begun
