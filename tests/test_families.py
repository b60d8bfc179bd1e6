"""Technique families are named and coloured once; every view shows the same names and colours."""

from __future__ import annotations

import pytest

from roleplay import build_debrief, load_scenario, replay
from roleplay.authoring._graph import to_dot, to_mermaid
from roleplay.engine._model import FAMILIES
from roleplay.reports import (
    FAMILY_COLORS,
    FAMILY_COLORS_ON_DARK,
    FAMILY_LABELS,
    FAMILY_NOTES,
    NEUTRAL_COLOR,
    NEUTRAL_COLOR_ON_DARK,
    family_color,
    family_label,
    family_rgb,
    hex_to_rgb,
)
from roleplay.reports._html import render_debrief_html
from tests.conftest import SAMPLE


def _luminance(color: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in hex_to_rgb(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(color: str, background: str) -> float:
    high, low = sorted((_luminance(color), _luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


GAME_PANEL = "#2c364e"  # the desktop theme's raised panel, the lightest dark background


def test_every_family_has_a_label_a_meaning_and_a_readable_colour() -> None:
    assert set(FAMILY_LABELS) == set(FAMILY_NOTES) == set(FAMILIES)
    assert set(FAMILY_COLORS) == set(FAMILY_COLORS_ON_DARK) == set(FAMILIES)
    assert len(set(FAMILY_COLORS.values())) == len(set(FAMILY_COLORS_ON_DARK.values())) == 4
    for color in [*FAMILY_COLORS.values(), NEUTRAL_COLOR]:
        assert _contrast(color, "#ffffff") >= 4.5, color
    for color in [*FAMILY_COLORS_ON_DARK.values(), NEUTRAL_COLOR_ON_DARK]:
        assert _contrast(color, GAME_PANEL) >= 4.5, color


def test_unknown_families_fall_back_gracefully() -> None:
    assert family_label("rapport") == "Rapport"
    assert family_color("") == NEUTRAL_COLOR
    assert family_color("", dark=True) == NEUTRAL_COLOR_ON_DARK
    assert family_rgb("influence") == hex_to_rgb(FAMILY_COLORS["influence"])
    assert family_rgb("influence", dark=True) == hex_to_rgb(FAMILY_COLORS_ON_DARK["influence"])
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
        assert f"--{family}: {FAMILY_COLORS[family]};" in html  # the bars' colour
        assert f"--{family}: {FAMILY_COLORS_ON_DARK[family]};" in html  # in dark mode
        assert f'class="f-{family}"' in html or f"f-{family}" in html
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
