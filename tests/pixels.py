"""Pixel comparisons for UI tests: whether something really shows on screen."""

from __future__ import annotations

import pygame


def median_change(before: pygame.Surface, after: pygame.Surface, area: pygame.Rect) -> float:
    """How much the pixels in the middle of ``area`` differ between two frames (the median of
    a grid of spots: a panel over most of a face shows as a small change)."""
    spots = [
        (area.left + area.width * (1 + i) // 6, area.top + area.height * (1 + j) // 6)
        for i in range(5)
        for j in range(5)
    ]
    changes = [
        sum(abs(a - b) for a, b in zip(before.get_at(s)[:3], after.get_at(s)[:3], strict=True))
        for s in spots
    ]
    return sorted(changes)[len(changes) // 2]
