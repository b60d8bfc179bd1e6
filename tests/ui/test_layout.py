"""Layout a player would notice: choices fit and never overlap, text is crisp when scaled."""

from __future__ import annotations

import itertools

import pytest
from harness import FIXTURES

from roleplay import GameState, Runner, find_scenarios, load_scenario
from roleplay.gui import stage
from roleplay.gui.painter import LOGICAL_H, LOGICAL_W, Painter, Viewport
from roleplay.gui.resources import Resources
from roleplay.gui.settings import TEXT_SIZES
from roleplay.gui.theme import CALM

SCENARIOS = [*find_scenarios(), *find_scenarios(FIXTURES)]


def _painter(size: tuple[int, int], text_scale: float) -> Painter:
    import pygame

    pygame.display.init()
    pygame.font.init()
    surface = pygame.Surface(size)
    return Painter(surface, Viewport.fit(size), Resources(), CALM, text_scale)


def _choice_views(path):  # type: ignore[no-untyped-def]
    scenario = load_scenario(path)
    start = Runner(scenario).state
    for node_id in scenario.nodes:
        state = GameState.from_json({**start.to_json(), "node": node_id, "path": [node_id]})
        view = Runner(scenario, state).view()
        if view.choices:
            yield node_id, view


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
@pytest.mark.parametrize("text_size", range(len(TEXT_SIZES)))
@pytest.mark.parametrize("window", [(1280, 720), (800, 600), (1920, 1080)], ids=str)
def test_choices_fit_scrolled_if_need_be_and_never_shrink_twice(  # type: ignore[no-untyped-def]
    path, text_size: int, window: tuple[int, int]
) -> None:
    scale = TEXT_SIZES[text_size][1]
    one_smaller = max([s for _, s in TEXT_SIZES if s < scale] or [scale])
    painter = _painter(window, scale)
    for node_id, view in _choice_views(path):
        last = view.lines[-1].text if view.lines else ""
        box = stage.dialogue_box(painter, last)
        layout = stage.layout_choices(painter, view.choices, box.top - stage.CHOICES_ABOVE_BOX)
        assert layout.size >= stage.CHOICE_SIZE * one_smaller - 1e-6, node_id
        assert layout.stepped_down == (layout.size < stage.CHOICE_SIZE * scale), node_id
        for index in range(len(view.choices)):
            offset = layout.offset_showing(index, 0.0)
            rect = layout.scrolled(offset)[index]
            assert rect.left >= 0 and rect.right <= LOGICAL_W, node_id
            assert rect.top >= stage.CHOICES_TOP - 0.01, node_id
            assert rect.bottom <= box.top - stage.CHOICES_ABOVE_BOX + 0.01, node_id
        for a, b in itertools.pairwise(layout.rects):
            assert a.bottom <= b.top + 0.01, node_id
        assert box.top > 60 and box.bottom <= LOGICAL_H


def test_text_is_rendered_at_window_scale() -> None:
    small = _painter((1280, 720), 1.0)
    large = _painter((1920, 1080), 1.0)
    assert small.px(24) == 24
    assert large.px(24) == 36
    surface = large.res.text("Hello", "regular", large.px(24), (255, 255, 255))
    assert surface.get_height() >= 40


def test_letterbox_keeps_logical_aspect() -> None:
    viewport = Viewport.fit((1000, 1000))
    assert viewport.scale == pytest.approx(1000 / 1280)
    assert viewport.offset_x == 0 and viewport.offset_y > 0
    x, y = viewport.to_logical((500, 500))
    assert (round(x), round(y)) == (640, 360)
