"""The shipped portraits: a character's head stays in place whatever the expression, and the
committed SVGs are what the generator in tools/art makes."""

from __future__ import annotations

import os
import sys

import pytest

from roleplay import assets_dir
from tests.conftest import ROOT

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
sys.path.insert(0, str(ROOT / "tools" / "art"))

import pygame
from portraits import CAST, EXPRESSIONS, portrait

SIZE = (300, 400)


def _head_centre_x(character: str, expression: str) -> float:
    """The horizontal centre of what is drawn in the top half (head and hair)."""
    path = assets_dir() / "characters" / character / f"{expression}.svg"
    mask = pygame.mask.from_surface(pygame.image.load_sized_svg(str(path), SIZE))
    top = pygame.mask.Mask((SIZE[0], SIZE[1] // 2))
    top.draw(mask, (0, 0))
    return float(top.centroid()[0])


@pytest.mark.parametrize("character", [c.cid for c in CAST])
def test_the_head_stays_put_between_expressions(character: str) -> None:
    pygame.display.init()
    centres = {e: _head_centre_x(character, e) for e in EXPRESSIONS}
    assert max(centres.values()) - min(centres.values()) <= 3, centres


@pytest.mark.parametrize("character", CAST, ids=lambda c: c.cid)
def test_committed_portraits_are_the_generators_output(character) -> None:  # type: ignore[no-untyped-def]
    for expression in EXPRESSIONS:
        path = assets_dir() / "characters" / character.cid / f"{expression}.svg"
        assert path.read_text(encoding="utf-8") == portrait(character, expression), (
            f"{path} is stale: run python tools/art/make_art.py"
        )
