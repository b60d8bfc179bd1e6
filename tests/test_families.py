"""Technique families are named and coloured once; every view shows the same names and colours."""

from __future__ import annotations

import pytest

from roleplay import build_debrief, load_scenario, replay
from roleplay.authoring._graph import to_dot, to_mermaid
from roleplay.engine._model import FAMILIES
from roleplay.reports import (
    FAMILY_COLORS,
    FAMILY_LABELS,
    FAMILY_NOTES,
    NEUTRAL_COLOR,
    family_color,
    family_label,
    family_rgb,
    hex_to_rgb,
)
from roleplay.reports._html import render_debrief_html
from tests.conftest import SAMPLE


def _contrast_on_white(color: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in hex_to_rgb(color))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return 1.05 / (luminance + 0.05)


def test_every_family_has_a_label_a_meaning_and_a_readable_colour() -> None:
    assert set(FAMILY_LABELS) == set(FAMILY_NOTES) == set(FAMILY_COLORS) == set(FAMILIES)
    assert len(set(FAMILY_COLORS.values())) == len(FAMILIES)
    for color in [*FAMILY_COLORS.values(), NEUTRAL_COLOR]:
        assert _contrast_on_white(color) >= 4.5, color


def test_unknown_families_fall_back_gracefully() -> None:
    assert family_label("rapport") == "Rapport"
    assert family_color("") == NEUTRAL_COLOR
    assert family_rgb("influence") == hex_to_rgb(FAMILY_COLORS["influence"])
    assert hex_to_rgb("#1d4ed8") == (0x1D, 0x4E, 0xD8)
    with pytest.raises(ValueError, match="#rrggbb"):
        hex_to_rgb("blue")


def test_the_debrief_page_and_the_story_map_use_the_shared_colours() -> None:
    scenario = load_scenario(SAMPLE)
    runner = replay(scenario, [1, 2, 1])
    html = render_debrief_html(build_debrief(scenario, runner.state))
    used = {step.technique for step in runner.state.history}
    families = {scenario.technique_family(t) for t in used}
    for family in families:
        assert f"background:{FAMILY_COLORS[family]}" in html
        assert FAMILY_LABELS[family] in html
    dot, mermaid = to_dot(scenario), to_mermaid(scenario)
    for family in FAMILIES:
        if any(
            scenario.technique_family(c.spec.technique) == family
            for n in scenario.nodes.values()
            for c in n.choices
        ):
            assert f'color="{FAMILY_COLORS[family]}"' in dot
            assert f"stroke:{FAMILY_COLORS[family]}" in mermaid
